import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_ROWS, SpreadsheetError } from '../../server/import/spreadsheet';
import { SpreadsheetProcess } from '../../server/import/spreadsheet-process';

async function xlsx(rows: (string | number)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Interesariusze');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('reading uploaded spreadsheets in a process of their own', () => {
  const reader = new SpreadsheetProcess();
  afterAll(() => reader.close());
  const readElsewhere = (data: Buffer, options?: { timeoutMs?: number }) => reader.read(data, options);

  it('returns the rows of an XLSX and of a CSV, Polish intact', async () => {
    const rows = await readElsewhere(await xlsx([['Nazwa', 'Wpływ'], ['Urząd Gminy Łęczna', 8]]));
    expect(rows).toEqual([
      ['Nazwa', 'Wpływ'],
      ['Urząd Gminy Łęczna', '8'],
    ]);
    expect(await readElsewhere(Buffer.from('Nazwa;Wpływ\nKoło Gospodyń Wiejskich;7\n'))).toEqual([
      ['Nazwa', 'Wpływ'],
      ['Koło Gospodyń Wiejskich', '7'],
    ]);
  });

  it('refuses a damaged file with the reader’s own message', async () => {
    const damaged = await xlsx([['Nazwa'], ['A']]);
    damaged.fill(0, 40, 400);
    await expect(readElsewhere(damaged)).rejects.toBeInstanceOf(SpreadsheetError);
  });

  it('refuses a file that takes too long or needs too much memory, as a bad file, not a crash', async () => {
    const big = await xlsx(Array.from({ length: 3000 }, (_, i) => [`Organizacja ${i}`, i % 11, i % 7, 'uwagi '.repeat(20)]));
    await expect(readElsewhere(big, { timeoutMs: 1 })).rejects.toThrow('took too long');
    // A new process takes the next file: the same file reads fine with the defaults.
    expect((await readElsewhere(big)).length).toBe(MAX_ROWS);
    // 16 MB of heap: enough to start and read a short list, not to unpack this workbook.
    const small = new SpreadsheetProcess({ maxHeapMb: 16 });
    expect(await small.read(Buffer.from('Nazwa;Wpływ\nKoło Gospodyń Wiejskich;7\n'))).toHaveLength(2);
    await expect(small.read(big)).rejects.toThrow(/too much memory/);
    // And the next file gets a new process.
    expect(await small.read(Buffer.from('Nazwa\nOSP\n'))).toEqual([['Nazwa'], ['OSP']]);
    await small.close();
  });
});
