import { Worker } from 'node:worker_threads';
import { SpreadsheetError } from './spreadsheet';
import type { SpreadsheetJob, SpreadsheetJobResult } from './spreadsheet-worker';

export interface SpreadsheetReadOptions {
  /** A file that takes longer than this to read is refused (and the thread replaced). */
  timeoutMs?: number;
}

export interface SpreadsheetThreadOptions {
  /** Heap the reading thread may use; a file that needs more is refused. */
  maxHeapMb?: number;
}

/**
 * Reads uploaded CSV and XLSX files on a thread of its own. Unpacking and parsing a big XLSX
 * takes a second or more of CPU, which on the server's event loop would stall live editing on
 * every board of the process meanwhile; the thread also caps the time and memory a hostile
 * file can take. One thread, started at the first import and kept (starting one costs about
 * a second); files are read one at a time. A thread that runs out of time or memory is
 * stopped, and the next file gets a new one.
 */
export class SpreadsheetThread {
  private worker: Worker | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 1;

  constructor(private readonly options: SpreadsheetThreadOptions = {}) {}

  read(data: Buffer, options: SpreadsheetReadOptions = {}): Promise<string[][]> {
    const run = this.queue.then(() => this.readNow(data, options.timeoutMs ?? 15_000));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private start(): Worker {
    const worker = new Worker(new URL('./spreadsheet-worker-entry.mjs', import.meta.url), {
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb ?? 256 },
    });
    worker.unref();
    return worker;
  }

  private readNow(data: Buffer, timeoutMs: number): Promise<string[][]> {
    const worker = (this.worker ??= this.start());
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const finish = (outcome: () => void, replaceThread = false) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (replaceThread) this.stop(worker);
        outcome();
      };
      const onMessage = (result: SpreadsheetJobResult) => {
        if (result.id !== id) return;
        finish(() => (result.ok ? resolve(result.rows) : reject(result.unreadable ? new SpreadsheetError(result.message) : new Error(result.message))));
      };
      const onError = (error: Error & { code?: string }) =>
        finish(() => reject(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new SpreadsheetError('the file needs too much memory to read') : error), true);
      const onExit = (code: number) => finish(() => reject(new Error(`spreadsheet thread exited (${code})`)), true);
      const timer = setTimeout(() => finish(() => reject(new SpreadsheetError('the file took too long to read')), true), timeoutMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ id, data: new Uint8Array(data) } satisfies SpreadsheetJob);
    });
  }

  private stop(worker: Worker): void {
    if (this.worker === worker) this.worker = null;
    void worker.terminate();
  }

  /** Stops the thread (shutdown, tests). */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }
}

/** The process's spreadsheet thread, shared by every board. */
export const spreadsheetThread = new SpreadsheetThread();
