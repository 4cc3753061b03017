import { parentPort, workerData } from 'node:worker_threads';
import { readSpreadsheet, SpreadsheetError } from './spreadsheet';

/** What the spreadsheet thread answers: the rows, or why the file could not be read. */
export type SpreadsheetThreadResult = { ok: true; rows: string[][] } | { ok: false; unreadable: boolean; message: string };

const data = Buffer.from(workerData as Uint8Array);
readSpreadsheet(data).then(
  (rows) => parentPort!.postMessage({ ok: true, rows } satisfies SpreadsheetThreadResult),
  (error: unknown) => parentPort!.postMessage({ ok: false, unreadable: error instanceof SpreadsheetError, message: (error as Error).message } satisfies SpreadsheetThreadResult),
);
