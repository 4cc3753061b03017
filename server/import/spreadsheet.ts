import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

/** An uploaded table the server cannot read; its message goes to the client as a 400. */
export class SpreadsheetError extends Error {}

/** Most bytes an XLSX may unpack to: a small upload must not become gigabytes (zip bomb). */
export const MAX_UNPACKED_BYTES = 20 * 1024 * 1024;
/** Most rows read from a sheet (the header included). */
const MAX_ROWS = 2_000;

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

export function isZip(data: Buffer): boolean {
  return data.subarray(0, 4).equals(ZIP_MAGIC);
}

/**
 * Sum of the unpacked sizes the zip's central directory declares, or null when the
 * directory cannot be found. Read before unpacking, so a zip bomb is refused unopened.
 */
export function declaredUnpackedSize(data: Buffer): number | null {
  // The end-of-central-directory record sits in the last 22 bytes plus an optional comment.
  const from = Math.max(0, data.length - 22 - 0xffff);
  for (let at = data.length - 22; at >= from; at--) {
    if (data.readUInt32LE(at) !== 0x06054b50) continue;
    const entries = data.readUInt16LE(at + 10);
    let offset = data.readUInt32LE(at + 16);
    let total = 0;
    for (let i = 0; i < entries; i++) {
      if (offset + 46 > data.length || data.readUInt32LE(offset) !== 0x02014b50) return null;
      total += data.readUInt32LE(offset + 24);
      offset += 46 + data.readUInt16LE(offset + 28) + data.readUInt16LE(offset + 30) + data.readUInt16LE(offset + 32);
    }
    return total;
  }
  return null;
}

/** Text of a CSV file: UTF-8 (with or without BOM), or Windows-1250 as older Polish Excel saves it. */
function decodeText(data: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('windows-1250').decode(data);
  }
}

/** The separator of the header line: Polish Excel writes `;`, others `,` or a tab. */
function guessDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const counts = [';', ',', '\t'].map((d) => [d, firstLine.split(d).length - 1] as const);
  return counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

export function readCsv(data: Buffer): string[][] {
  const text = decodeText(data);
  try {
    const rows = parse(text, { delimiter: guessDelimiter(text), relax_column_count: true, skip_empty_lines: true, to: MAX_ROWS }) as string[][];
    return rows.map((row) => row.map((cell) => String(cell)));
  } catch (err) {
    throw new SpreadsheetError(`the CSV file could not be read: ${(err as Error).message}`);
  }
}

/** Cells of the first worksheet as text (formulas as their last computed value). */
export async function readXlsx(data: Buffer): Promise<string[][]> {
  const unpacked = declaredUnpackedSize(data);
  if (unpacked === null) throw new SpreadsheetError('the XLSX file is damaged (no zip directory)');
  if (unpacked > MAX_UNPACKED_BYTES) throw new SpreadsheetError(`the XLSX file unpacks to more than ${MAX_UNPACKED_BYTES / 1024 / 1024} MB`);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ExcelJS.Buffer);
  } catch (err) {
    throw new SpreadsheetError(`the XLSX file could not be read: ${(err as Error).message}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new SpreadsheetError('the XLSX file has no worksheet');
  const rows: string[][] = [];
  const width = Math.min(sheet.columnCount, 50);
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    if (number > MAX_ROWS) return;
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c)));
    rows[number - 1] = cells;
  });
  return Array.from(rows, (row) => row ?? []);
}

function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && 'result' in value) return value.result === undefined || value.result === null ? '' : String(value.result);
  if (typeof value === 'number') return String(value);
  return cell.text ?? '';
}

/** Rows of an uploaded CSV or XLSX (told apart by content, not by name or type). */
export async function readSpreadsheet(data: Buffer): Promise<string[][]> {
  return isZip(data) ? readXlsx(data) : readCsv(data);
}
