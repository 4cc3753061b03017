import type { Exporter } from './types';

export * from './types';

/** Every format `GET /api/boards/:id/export?format=` and `npm run export` know. */
export const EXPORT_FORMATS = ['pdf', 'docx', 'xlsx', 'csv', 'md', 'svg', 'png', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * format → its exporter, each a small file of its own, imported when first asked for: the
 * Office and PDF libraries (docx, exceljs, pdfkit and fontkit, resvg) take a second or more to
 * load and tens of MiB, which a server that never exports, and `npm run export -- … --format csv`,
 * need not pay. Adding a format is one line here.
 */
const LOADERS: Record<ExportFormat, () => Promise<Exporter>> = {
  pdf: async () => (await import('./pdf')).pdfExporter,
  docx: async () => (await import('./docx')).docxExporter,
  xlsx: async () => (await import('./tables')).xlsxExporter,
  csv: async () => (await import('./csv')).csvExporter,
  md: async () => (await import('./markdown')).markdownExporter,
  svg: async () => (await import('./pictures')).svgExporter,
  png: async () => (await import('./pictures')).pngExporter,
  json: async () => (await import('./json')).jsonExporter,
};

/** The exporter of a format, loaded on first use. */
export function loadExporter(format: ExportFormat): Promise<Exporter> {
  return LOADERS[format]();
}

export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === 'string' && (EXPORT_FORMATS as readonly string[]).includes(value);
}
