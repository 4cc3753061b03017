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
 * One CSV field (RFC 4180). Text is always quoted: Excel in a Polish locale splits on `;`,
 * so an unquoted `a;=HYPERLINK(…)` would become two cells, the second a formula.
 */
export function csvField(value: CellValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  return `"${neutraliseCell(value).replace(/"/g, '""')}"`;
}

/** A whole CSV document: header and rows, CRLF line ends, with a BOM so Excel reads UTF-8 (Polish letters). */
export function toCsv(columns: readonly string[], rows: readonly (readonly CellValue[])[]): string {
  const lines = [columns, ...rows].map((row) => row.map(csvField).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
