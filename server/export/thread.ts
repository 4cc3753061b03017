import { Worker } from 'node:worker_threads';
import * as Y from 'yjs';
import type { ExportFormat } from './index';
import type { ExportRunner } from './queue';
import { ExportRequestError, type ExportContext, type ExportFile } from './types';
import type { ExportJob, ExportJobMessage } from './worker';

/**
 * Runs exports on a thread of their own. A report of a big board takes a second or two of
 * CPU that would otherwise block this process's event loop: live editing on every board of
 * the process would stall meanwhile. One thread, started at the first export and kept (it
 * parses the fonts once, and keeps the pictures it rendered lately); the ExportQueue
 * (queue.ts) hands it one job at a time. If it dies, its job fails and the next export
 * starts a new one.
 */
export class ExportThread implements ExportRunner {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (file: ExportFile) => void; reject: (error: Error) => void; progress: (fraction: number) => void }>();

  private start(): Worker {
    const worker = new Worker(new URL('./worker-entry.mjs', import.meta.url));
    worker.unref();
    worker.on('message', (message: ExportJobMessage) => {
      const job = this.pending.get(message.id);
      if (!job) return;
      if (message.kind === 'progress') return job.progress(message.fraction);
      this.pending.delete(message.id);
      if (message.ok) job.resolve({ body: typeof message.body === 'string' ? message.body : Buffer.from(message.body.buffer, message.body.byteOffset, message.body.byteLength), contentType: message.contentType, extension: message.extension, nameSuffix: message.nameSuffix });
      else job.reject(message.badRequest ? new ExportRequestError(message.message) : new Error(message.message));
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

  /**
   * Exports on the thread. The exporters there read the board's plain data only; the document
   * itself (as an update) goes along only for the JSON backup, which reads it.
   */
  run(format: ExportFormat, context: ExportContext, progress: (fraction: number) => void): Promise<ExportFile> {
    this.worker ??= this.start();
    const id = this.nextId++;
    const job: ExportJob = { id, boardId: context.boardId, format, input: context.input, options: context.options, update: format === 'json' ? Y.encodeStateAsUpdate(context.doc) : undefined };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, progress });
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
