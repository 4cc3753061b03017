import { parentPort } from 'node:worker_threads';
import { readSpreadsheet, SpreadsheetError } from './spreadsheet';

export interface SpreadsheetJob {
  id: number;
  data: Uint8Array;
}

/** What the spreadsheet thread answers: the rows, or why the file could not be read. */
export type SpreadsheetJobResult = { id: number; ok: true; rows: string[][] } | { id: number; ok: false; unreadable: boolean; message: string };

parentPort?.on('message', ({ id, data }: SpreadsheetJob) => {
  readSpreadsheet(Buffer.from(data.buffer, data.byteOffset, data.byteLength)).then(
    (rows) => parentPort!.postMessage({ id, ok: true, rows } satisfies SpreadsheetJobResult),
    (error: unknown) => parentPort!.postMessage({ id, ok: false, unreadable: error instanceof SpreadsheetError, message: (error as Error).message } satisfies SpreadsheetJobResult),
  );
});
