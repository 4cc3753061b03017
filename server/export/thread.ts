import { Worker } from 'node:worker_threads';
import * as Y from 'yjs';
import type { ExportFormat } from './index';
import { ExportRequestError, type ExportContext, type ExportFile } from './types';

/** Exports waiting or running on the thread beyond which new ones are refused (429). */
export const MAX_QUEUED_EXPORTS = 8;
/** Of those, at most this many for one board, so one board's link cannot fill the queue for all. */
export const MAX_QUEUED_EXPORTS_PER_BOARD = 3;

/** The export thread has as much work queued as it takes; try again shortly. */
export class ExportBusyError extends Error {}
import type { ExportJob, ExportJobResult } from './worker';

/**
 * Runs exports on a thread of their own. A report of a big board takes a second or two of
 * CPU that would otherwise block this process's event loop: live editing on every board of
 * the process would stall meanwhile. One thread, started at the first export and kept (it
 * parses the fonts once); jobs queue in it. If it dies, its jobs fail and the next export
 * starts a new one.
 */
export class ExportThread {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { boardId: string; resolve: (file: ExportFile) => void; reject: (error: Error) => void }>();

  private start(): Worker {
    const worker = new Worker(new URL('./worker-entry.mjs', import.meta.url));
    worker.unref();
    worker.on('message', (result: ExportJobResult) => {
      const job = this.pending.get(result.id);
      if (!job) return;
      this.pending.delete(result.id);
      if (result.ok) job.resolve({ body: typeof result.body === 'string' ? result.body : Buffer.from(result.body.buffer, result.body.byteOffset, result.body.byteLength), contentType: result.contentType, extension: result.extension, nameSuffix: result.nameSuffix });
      else job.reject(result.badRequest ? new ExportRequestError(result.message) : new Error(result.message));
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const job of this.pending.values()) job.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`export thread exited (${code})`)));
    return worker;
  }

  /** Exports on the thread; the context's document is sent as an update, its plain data as is. */
  run(format: ExportFormat, context: ExportContext): Promise<ExportFile> {
    // Bounded, so a flood of requests cannot pile up minutes of CPU work.
    if (this.pending.size >= MAX_QUEUED_EXPORTS) return Promise.reject(new ExportBusyError('too many exports are being prepared; try again in a moment'));
    const forBoard = [...this.pending.values()].filter((job) => job.boardId === context.boardId).length;
    if (forBoard >= MAX_QUEUED_EXPORTS_PER_BOARD) return Promise.reject(new ExportBusyError('this board already has exports being prepared; try again in a moment'));
    this.worker ??= this.start();
    const id = this.nextId++;
    const job: ExportJob = { id, boardId: context.boardId, format, input: context.input, options: context.options, update: Y.encodeStateAsUpdate(context.doc) };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { boardId: context.boardId, resolve, reject });
      this.worker!.postMessage(job);
    });
  }

  /** Stops the thread (shutdown); jobs still running fail. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }
}
