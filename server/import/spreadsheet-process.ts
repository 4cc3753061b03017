import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SpreadsheetError } from './spreadsheet';
import type { SpreadsheetJob, SpreadsheetJobResult } from './spreadsheet-child';

export interface SpreadsheetReadOptions {
  /** A file that takes longer than this to read is refused (and the process replaced). */
  timeoutMs?: number;
}

export interface SpreadsheetProcessOptions {
  /** Heap the reading process may use; a file that needs more is refused. */
  maxHeapMb?: number;
}

/** What the end of the process's standard error is kept for: telling an out-of-memory death. */
const STDERR_KEPT = 4096;

/**
 * Reads uploaded CSV and XLSX files in a process of its own. Unpacking and parsing a big XLSX
 * takes a second or more of CPU, which on the server's event loop would stall live editing on
 * every board meanwhile, and the process caps the time and memory a hostile file can take.
 * A process rather than a worker thread: stopping a thread in the middle of unzipping could
 * abort the whole server (Node 20: "close before init" in zlib's cleanup of a terminated
 * worker), while a process is simply killed. One process, started at the first import and
 * kept (starting one costs about half a second); files are read one at a time. A process
 * that runs out of time or memory is killed, and the next file gets a new one.
 */
export class SpreadsheetProcess {
  private child: ChildProcess | null = null;
  private stderr = '';
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 1;

  constructor(private readonly options: SpreadsheetProcessOptions = {}) {}

  read(data: Buffer, options: SpreadsheetReadOptions = {}): Promise<string[][]> {
    const run = this.queue.then(() => this.readNow(data, options.timeoutMs ?? 15_000));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private start(): ChildProcess {
    const child = fork(fileURLToPath(new URL('./spreadsheet-child-entry.mjs', import.meta.url)), [], {
      execArgv: [`--max-old-space-size=${this.options.maxHeapMb ?? 256}`],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    this.stderr = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-STDERR_KEPT);
    });
    // A reader that died between files is replaced by the next file.
    child.once('exit', () => {
      if (this.child === child) this.child = null;
    });
    // An idle reader must not keep the server running at shutdown.
    child.unref();
    child.channel?.unref();
    return child;
  }

  private readNow(data: Buffer, timeoutMs: number): Promise<string[][]> {
    const child = (this.child ??= this.start());
    const id = this.nextId++;
    // Waiting for an answer keeps this process running; an idle reader does not.
    child.ref();
    child.channel?.ref();
    return new Promise((resolve, reject) => {
      const finish = (outcome: () => void, replaceProcess = false) => {
        clearTimeout(timer);
        child.unref();
        child.channel?.unref();
        child.off('message', onMessage);
        child.off('error', onError);
        child.off('close', onExit);
        if (replaceProcess) this.stop(child);
        outcome();
      };
      const onMessage = (result: SpreadsheetJobResult) => {
        if (result.id !== id) return;
        finish(() => (result.ok ? resolve(result.rows) : reject(result.unreadable ? new SpreadsheetError(result.message) : new Error(result.message))));
      };
      const onError = (error: Error) => finish(() => reject(error), true);
      const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
        finish(() => reject(/heap out of memory|allocation failed/i.test(this.stderr) ? new SpreadsheetError('the file needs too much memory to read') : new Error(`spreadsheet process exited (${code ?? signal})`)), true);
      const timer = setTimeout(() => finish(() => reject(new SpreadsheetError('the file took too long to read')), true), timeoutMs);
      child.on('message', onMessage);
      child.on('error', onError);
      // 'close', not 'exit': by then its standard error (the out-of-memory report) has been read.
      child.on('close', onExit);
      child.send({ id, data: new Uint8Array(data) } satisfies SpreadsheetJob, (error) => {
        if (error) finish(() => reject(error), true);
      });
    });
  }

  private stop(child: ChildProcess): void {
    if (this.child === child) this.child = null;
    child.kill('SIGKILL');
  }

  /** Stops the process (shutdown, tests). */
  async close(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.ref();
    child.kill('SIGKILL');
    await exited;
  }
}

/** The server's spreadsheet reader, shared by every board. */
export const spreadsheetProcess = new SpreadsheetProcess();
