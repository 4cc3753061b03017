import { parentPort } from 'node:worker_threads';
import * as Y from 'yjs';
import { loadExporter, type ExportFormat } from './index';
import { ExportRequestError, type ExportOptions } from './types';
import type { ReportInput } from '../../shared/report/types';

/** A job for the export thread: the board as plain data (and, for JSON, its document's state). */
export interface ExportJob {
  id: number;
  boardId: string;
  format: ExportFormat;
  input: ReportInput;
  options: ExportOptions;
  /** Y.encodeStateAsUpdate of the board, for the one exporter that reads the document itself (json). */
  update?: Uint8Array;
}

/** The thread's answers: progress while a job runs, then its file or its error. */
export type ExportJobMessage =
  | { kind: 'progress'; id: number; fraction: number }
  | { kind: 'done'; id: number; ok: true; body: Uint8Array | string; contentType: string; extension: string; nameSuffix?: string }
  | { kind: 'done'; id: number; ok: false; badRequest: boolean; message: string };

/** Runs one job; the exporters are the same the main thread would run. */
async function run(job: ExportJob): Promise<ExportJobMessage> {
  const doc = new Y.Doc();
  try {
    const exporter = await loadExporter(job.format);
    if (job.update) Y.applyUpdate(doc, job.update);
    // Progress at most every 2 %: each message is a copy to the main thread.
    let sent = 0;
    const progress = (fraction: number) => {
      if (fraction - sent < 0.02) return;
      sent = fraction;
      parentPort!.postMessage({ kind: 'progress', id: job.id, fraction } satisfies ExportJobMessage);
    };
    const file = await exporter({ boardId: job.boardId, doc, input: job.input, options: job.options, progress });
    return { kind: 'done', id: job.id, ok: true, body: file.body, contentType: file.contentType, extension: file.extension, nameSuffix: file.nameSuffix };
  } catch (error) {
    return { kind: 'done', id: job.id, ok: false, badRequest: error instanceof ExportRequestError, message: (error as Error).message };
  } finally {
    doc.destroy();
  }
}

parentPort?.on('message', (job: ExportJob) => {
  // Copied, not transferred: a small Buffer may share its memory with Node's buffer pool.
  void run(job).then((result) => parentPort!.postMessage(result));
});
