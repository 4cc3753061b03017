/**
 * What an export can be asked for, read the same way by the export dialog (what it offers),
 * the HTTP route and the CLI (what they accept): `GET /api/boards/:id/export?format=…&table=…&csv=…`.
 */

/** Every format the route and `npm run export` know. */
export const EXPORT_FORMATS = ['pdf', 'docx', 'xlsx', 'csv', 'md', 'svg', 'png', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === 'string' && (EXPORT_FORMATS as readonly string[]).includes(value);
}

/** The formats in the order the export dialog offers them: the order people look for them (reports first). */
export const OFFERED_FORMATS: readonly ExportFormat[] = ['docx', 'pdf', 'xlsx', 'csv', 'md', 'png', 'svg', 'json'];

/** Names of the tables a report yields (the `table` parameter of a CSV export; the sheets of the XLSX). */
export const TABLE_NAMES = ['stakeholders', 'problemTree', 'objectivesTree', 'swot', 'tows', 'factors', 'ideas', 'votes'] as const;
export type TableName = (typeof TABLE_NAMES)[number];

/** CSV separators by spreadsheet language (`csv=pl|en`); without it the board's language decides. */
export const CSV_DIALECT_NAMES = ['pl', 'en'] as const;
export type CsvDialect = (typeof CSV_DIALECT_NAMES)[number];

export function isCsvDialect(value: unknown): value is CsvDialect {
  return typeof value === 'string' && (CSV_DIALECT_NAMES as readonly string[]).includes(value);
}
