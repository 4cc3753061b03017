import { inflateRawSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

/** An uploaded table the server cannot read; its message goes to the client as a 400. */
export class SpreadsheetError extends Error {}

/** Most bytes an XLSX may unpack to: a small upload must not become gigabytes (zip bomb). */
export const MAX_UNPACKED_BYTES = 20 * 1024 * 1024;
/** Most rows read from a sheet (the header included). */
export const MAX_ROWS = 2_000;

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

/**
 * Bytes the zip really unpacks to, counted by unpacking each entry with a cap, so sizes a
 * crafted directory lies about (or an entry count of 0) cannot slip a bomb past the check.
 * Entries are found by walking the central directory's records, as unzip libraries do.
 * Returns null for a damaged zip; throws when the total passes `limit`.
 */
export function unpackedSizeAtMost(data: Buffer, limit: number): number | null {
  const from = Math.max(0, data.length - 22 - 0xffff);
  let end = -1;
  for (let at = data.length - 22; at >= from; at--) {
    if (data.readUInt32LE(at) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0) return null;
  let offset = data.readUInt32LE(end + 16);
  let total = 0;
  while (offset + 46 <= data.length && data.readUInt32LE(offset) === 0x02014b50) {
    const method = data.readUInt16LE(offset + 10);
    const compressed = data.readUInt32LE(offset + 20);
    const local = data.readUInt32LE(offset + 42);
    if (local + 30 > data.length || data.readUInt32LE(local) !== 0x04034b50) return null;
    const start = local + 30 + data.readUInt16LE(local + 26) + data.readUInt16LE(local + 28);
    if (start + compressed > data.length) return null;
    const body = data.subarray(start, start + compressed);
    if (method === 0) total += compressed;
    else if (method === 8) {
      try {
        total += inflateRawSync(body, { maxOutputLength: Math.max(1, limit - total + 1) }).length;
      } catch (err) {
        if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) throw new SpreadsheetError(`the XLSX file unpacks to more than ${limit / 1024 / 1024} MB`);
        return null;
      }
    } else return null;
    if (total > limit) throw new SpreadsheetError(`the XLSX file unpacks to more than ${limit / 1024 / 1024} MB`);
    offset += 46 + data.readUInt16LE(offset + 28) + data.readUInt16LE(offset + 30) + data.readUInt16LE(offset + 32);
  }
  return total;
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
  if (unpackedSizeAtMost(data, MAX_UNPACKED_BYTES) === null) throw new SpreadsheetError('the XLSX file is damaged');
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
