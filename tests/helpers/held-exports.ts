import type { ExportFormat } from '../../server/export/index';
import type { ExportRunner } from '../../server/export/queue';
import type { ExportFile } from '../../server/export/types';

/** One export a HeldRunner has started and holds open until the test releases it. */
export interface HeldExport {
  format: ExportFormat;
  boardId: string;
  /** Reports progress as the export thread would. */
  progress(fraction: number): void;
  /** Finishes it with this file (by default a small text file naming the format). */
  release(file?: ExportFile): void;
}

/**
 * An ExportRunner (server/export/queue.ts) for tests, given to createWarsztat as
 * `exportRunner`: each export it is handed stays open until the test releases it, so a test
 * about the queue holds exports on a signal instead of racing real exports against timers.
 */
export class HeldRunner implements ExportRunner {
  readonly started: HeldExport[] = [];
  private waiting: (() => void)[] = [];

  run(format: ExportFormat, context: { boardId: string }, progress: (fraction: number) => void): Promise<ExportFile> {
    return new Promise((resolve) => {
      this.started.push({ format, boardId: context.boardId, progress, release: (file) => resolve(file ?? { body: `held ${format}`, contentType: 'text/plain; charset=utf-8', extension: 'txt' }) });
      for (const wake of this.waiting.splice(0)) wake();
    });
  }

  /** Resolves with the n-th export started (1-based), once it has started. */
  async nth(n: number): Promise<HeldExport> {
    while (this.started.length < n) await new Promise<void>((wake) => this.waiting.push(wake));
    return this.started[n - 1]!;
  }

  async close(): Promise<void> {}
}
