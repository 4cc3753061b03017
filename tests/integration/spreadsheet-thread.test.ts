import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_ROWS, SpreadsheetError } from '../../server/import/spreadsheet';
import { SpreadsheetThread } from '../../server/import/spreadsheet-thread';

async function xlsx(rows: (string | number)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Interesariusze');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('reading uploaded spreadsheets on a thread of their own', () => {
  const thread = new SpreadsheetThread();
  afterAll(() => thread.close());
  const readSpreadsheetOffThread = (data: Buffer, options?: { timeoutMs?: number }) => thread.read(data, options);

  it('returns the rows of an XLSX and of a CSV, Polish intact', async () => {
    const rows = await readSpreadsheetOffThread(await xlsx([['Nazwa', 'Wpływ'], ['Urząd Gminy Łęczna', 8]]));
    expect(rows).toEqual([
      ['Nazwa', 'Wpływ'],
      ['Urząd Gminy Łęczna', '8'],
    ]);
    expect(await readSpreadsheetOffThread(Buffer.from('Nazwa;Wpływ\nKoło Gospodyń Wiejskich;7\n'))).toEqual([
      ['Nazwa', 'Wpływ'],
      ['Koło Gospodyń Wiejskich', '7'],
    ]);
  });

  it('refuses a damaged file with the reader’s own message', async () => {
    const damaged = await xlsx([['Nazwa'], ['A']]);
    damaged.fill(0, 40, 400);
    await expect(readSpreadsheetOffThread(damaged)).rejects.toBeInstanceOf(SpreadsheetError);
  });

  it('refuses a file that takes too long or needs too much memory, as a bad file, not a crash', async () => {
    const big = await xlsx(Array.from({ length: 3000 }, (_, i) => [`Organizacja ${i}`, i % 11, i % 7, 'uwagi '.repeat(20)]));
    await expect(readSpreadsheetOffThread(big, { timeoutMs: 1 })).rejects.toThrow('took too long');
    // A new thread takes the next file: the same file reads fine with the defaults.
    expect((await readSpreadsheetOffThread(big)).length).toBe(MAX_ROWS);
    const small = new SpreadsheetThread({ maxHeapMb: 4 });
    await expect(small.read(big)).rejects.toThrow(/too much memory/);
    await small.close();
  });
});
