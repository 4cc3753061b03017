import type { CsvDialect } from '../protocol/export-formats';
/**
 * Spreadsheet formula injection (CSV/XLSX): a cell that starts with one of these characters
 * may be run as a formula by Excel or LibreOffice (`=HYPERLINK(…)`, `@SUM(…)`, `+cmd|…`),
 * even from a CSV. Text from the board is untrusted, so such cells get a leading apostrophe,
 * which both programs show as plain text (OWASP's advice).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** The text as it may safely go into a spreadsheet cell. */
export function neutraliseCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** A table cell: numbers stay numbers, so they can be summed and sorted in the spreadsheet. */
export type CellValue = string | number | null;

/** Text cells neutralised, numbers and empty cells as they are. */
export function safeCell(value: CellValue): CellValue {
  return typeof value === 'string' ? neutraliseCell(value) : value;
}

/**
 * How a CSV is written for the spreadsheet that opens it: Excel reads a CSV with the
 * separators of the computer's region, so Polish Excel wants `;` between fields and `8,6`,
 * English Excel `,` and `8.6`.
 */
export const CSV_DIALECTS: Record<CsvDialect, { separator: string; decimal: string }> = {
  pl: { separator: ';', decimal: ',' },
  en: { separator: ',', decimal: '.' },
};
export { isCsvDialect, type CsvDialect } from '../protocol/export-formats';

/**
 * One CSV field (RFC 4180). Text is always quoted: Excel in a Polish locale splits on `;`,
 * so an unquoted `a;=HYPERLINK(…)` would become two cells, the second a formula. Numbers are
 * written plain (no grouping), with the dialect's decimal mark.
 */
export function csvField(value: CellValue, dialect: CsvDialect = 'en'): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value).replace('.', CSV_DIALECTS[dialect].decimal);
  return `"${neutraliseCell(value).replace(/"/g, '""')}"`;
}

/** A whole CSV document: header and rows, CRLF line ends, with a BOM so Excel reads UTF-8 (Polish letters). */
export function toCsv(columns: readonly string[], rows: readonly (readonly CellValue[])[], dialect: CsvDialect = 'en'): string {
  const lines = [columns, ...rows].map((row) => row.map((value) => csvField(value, dialect)).join(CSV_DIALECTS[dialect].separator));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
