import type { Exporter } from './types';

export * from './types';

import type { ExportFormat } from '../../shared/protocol/export-formats';

/** Every format `GET /api/boards/:id/export?format=` and `npm run export` know (shared with the export dialog). */
export { EXPORT_FORMATS, isExportFormat, type ExportFormat } from '../../shared/protocol/export-formats';

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
