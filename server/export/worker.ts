import { parentPort } from 'node:worker_threads';
import * as Y from 'yjs';
import { EXPORTERS, type ExportFormat } from './index';
import { ExportRequestError, type ExportOptions } from './types';
import type { ReportInput } from '../../shared/report/types';

/** A job for the export thread: the board as plain data plus its document's state. */
export interface ExportJob {
  id: number;
  boardId: string;
  format: ExportFormat;
  input: ReportInput;
  options: ExportOptions;
  /** Y.encodeStateAsUpdate of the board, for exporters that read the document itself. */
  update: Uint8Array;
}

export type ExportJobResult =
  | { id: number; ok: true; body: Uint8Array | string; contentType: string; extension: string; nameSuffix?: string }
  | { id: number; ok: false; badRequest: boolean; message: string };

/** Runs one job; the exporters are the same the main thread would run. */
async function run(job: ExportJob): Promise<ExportJobResult> {
  const exporter = EXPORTERS[job.format];
  if (!exporter) return { id: job.id, ok: false, badRequest: true, message: `format ${job.format} not available` };
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, job.update);
    const file = await exporter({ boardId: job.boardId, doc, input: job.input, options: job.options });
    return { id: job.id, ok: true, body: file.body, contentType: file.contentType, extension: file.extension, nameSuffix: file.nameSuffix };
  } catch (error) {
    return { id: job.id, ok: false, badRequest: error instanceof ExportRequestError, message: (error as Error).message };
  } finally {
    doc.destroy();
  }
}

parentPort?.on('message', (job: ExportJob) => {
  // Copied, not transferred: a small Buffer may share its memory with Node's buffer pool.
  void run(job).then((result) => parentPort!.postMessage(result));
});
