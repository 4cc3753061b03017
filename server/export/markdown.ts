import { reportToMarkdown } from '../../shared/report/markdown';
import { reportOf } from './report';
import type { ExportContext, ExportFile, Exporter } from './types';

export const markdownExporter: Exporter = (context: ExportContext): ExportFile => ({ body: reportToMarkdown(reportOf(context)), contentType: 'text/markdown; charset=utf-8', extension: 'md' });
