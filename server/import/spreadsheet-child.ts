import { readSpreadsheet, SpreadsheetError } from './spreadsheet';

export interface SpreadsheetJob {
  id: number;
  data: Uint8Array;
}

/** What the spreadsheet process answers: the rows, or why the file could not be read. */
export type SpreadsheetJobResult = { id: number; ok: true; rows: string[][] } | { id: number; ok: false; unreadable: boolean; message: string };

process.on('message', ({ id, data }: SpreadsheetJob) => {
  readSpreadsheet(Buffer.from(data.buffer, data.byteOffset, data.byteLength)).then(
    (rows) => process.send!({ id, ok: true, rows } satisfies SpreadsheetJobResult),
    (error: unknown) => process.send!({ id, ok: false, unreadable: error instanceof SpreadsheetError, message: (error as Error).message } satisfies SpreadsheetJobResult),
  );
});
// The server gone, there is nobody to answer.
process.on('disconnect', () => process.exit(0));
