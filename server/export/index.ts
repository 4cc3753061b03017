import { docxExporter } from './docx';
import { jsonExporter } from './json';
import { pdfExporter } from './pdf';
import { markdownExporter, pngExporter, svgExporter } from './pictures';
import { csvExporter, xlsxExporter } from './tables';
import type { Exporter } from './types';

export * from './types';

/** Every format `GET /api/boards/:id/export?format=` and `npm run export` know. */
export const EXPORT_FORMATS = ['pdf', 'docx', 'xlsx', 'csv', 'md', 'svg', 'png', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * format → exporter. Each exporter is a small file of its own; adding a format is one line
 * here.
 */
export const EXPORTERS: Partial<Record<ExportFormat, Exporter>> = {
  pdf: pdfExporter,
  docx: docxExporter,
  xlsx: xlsxExporter,
  csv: csvExporter,
  md: markdownExporter,
  svg: svgExporter,
  png: pngExporter,
  json: jsonExporter,
};

export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === 'string' && (EXPORT_FORMATS as readonly string[]).includes(value);
}
