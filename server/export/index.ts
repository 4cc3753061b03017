import { docxExporter } from './docx';
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
 * here. Missing entries answer 400 "format not available".
 */
export const EXPORTERS: Partial<Record<ExportFormat, Exporter>> = {
  pdf: pdfExporter,
  docx: docxExporter,
  xlsx: xlsxExporter,
  csv: csvExporter,
  md: markdownExporter,
  svg: svgExporter,
  png: pngExporter,
  // ── REGISTRY SLOT: json ──────────────────────────────────────────────────────────────
  // The lossless backup (server/export/json.ts + shared/backup/) comes from the backup
  // helper's branch. When merging: `import { jsonExporter } from './json';` and add
  //   json: jsonExporter,
  // here. An Exporter gets { boardId, doc (Y.Doc), input, options } and returns
  // { body, contentType, extension } (server/export/types.ts).
};

export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === 'string' && (EXPORT_FORMATS as readonly string[]).includes(value);
}
