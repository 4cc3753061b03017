import { boardToSvg } from '../../shared/picture/svg';
import { reportToMarkdown } from '../../shared/report/markdown';
import { svgToPng } from './png';
import { reportOf, requestedFrame } from './report';
import type { ExportContext, ExportFile, Exporter } from './types';

function picture(context: ExportContext) {
  const frame = requestedFrame(context);
  return boardToSvg(context.input.elements, { frameId: frame?.id });
}

export const svgExporter: Exporter = (context: ExportContext): ExportFile => ({ body: picture(context).svg, contentType: 'image/svg+xml; charset=utf-8', extension: 'svg' });

export const pngExporter: Exporter = (context: ExportContext): ExportFile => {
  const { svg, width, height } = picture(context);
  return { body: svgToPng(svg, width, height).png, contentType: 'image/png', extension: 'png' };
};

export const markdownExporter: Exporter = (context: ExportContext): ExportFile => ({ body: reportToMarkdown(reportOf(context)), contentType: 'text/markdown; charset=utf-8', extension: 'md' });
