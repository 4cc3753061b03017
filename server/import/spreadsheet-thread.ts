import { Worker } from 'node:worker_threads';
import { SpreadsheetError } from './spreadsheet';
import type { SpreadsheetThreadResult } from './spreadsheet-worker';

export interface SpreadsheetThreadOptions {
  /** A file that takes longer than this to read is refused. */
  timeoutMs?: number;
  /** Heap the reading thread may use; a file that needs more is refused. */
  maxHeapMb?: number;
}

/**
 * Reads an uploaded CSV or XLSX on a thread of its own. Unpacking and parsing a 1 MB XLSX takes
 * over a second of CPU, which on the server's event loop would stall live editing on every
 * board of the process meanwhile; the thread also caps the time and memory a hostile file
 * can take. One short-lived thread per import: imports are rare and facilitator-only.
 */
export function readSpreadsheetOffThread(data: Buffer, { timeoutMs = 15_000, maxHeapMb = 256 }: SpreadsheetThreadOptions = {}): Promise<string[][]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./spreadsheet-worker-entry.mjs', import.meta.url), {
      workerData: new Uint8Array(data),
      resourceLimits: { maxOldGenerationSizeMb: maxHeapMb },
    });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    const timer = setTimeout(() => settle(() => reject(new SpreadsheetError('the file took too long to read'))), timeoutMs);
    worker.on('message', (result: SpreadsheetThreadResult) =>
      settle(() => (result.ok ? resolve(result.rows) : reject(result.unreadable ? new SpreadsheetError(result.message) : new Error(result.message)))),
    );
    worker.on('error', (error) =>
      settle(() => reject(error.name === 'ERR_WORKER_OUT_OF_MEMORY' || (error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY' ? new SpreadsheetError('the file needs too much memory to read') : error)),
    );
    worker.on('exit', (code) => settle(() => reject(new Error(`spreadsheet thread exited (${code})`))));
  });
}
