import type { ExportStatus } from '../../shared/protocol/export-queue';
import type { ExportFormat } from './index';
import type { ExportContext, ExportFile } from './types';

/** Exports waiting or being made at once, for all boards; past it new ones get 429. */
export const MAX_QUEUED_EXPORTS = 8;
/** Of those, at most this many for one board, so one board's link cannot fill the queue for all. */
export const MAX_QUEUED_EXPORTS_PER_BOARD = 3;
/** People waiting for a place (refused with a ticket, retrying) kept in line per board. */
export const MAX_WAITING_PER_BOARD = 100;
/** A ticket keeps its place in line this long past the Retry-After it was given. */
const PLACE_KEPT_MS = 10_000;

/** Where exports are made: the export thread, or what a test puts in its place. */
export interface ExportRunner {
  /** Makes one file; `progress` takes the share done so far, 0–1. */
  run(format: ExportFormat, context: ExportContext, progress: (fraction: number) => void): Promise<ExportFile>;
  close(): Promise<void>;
}

/** Refused for now: the queue is full. `ahead` exports of this board come before this one. */
export class ExportBusyError extends Error {
  constructor(
    message: string,
    readonly ahead: number,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

interface Job {
  boardId: string;
  ticket: string | undefined;
  format: ExportFormat;
  context: ExportContext;
  progress: number;
  running: boolean;
  resolve(file: ExportFile): void;
  reject(error: Error): void;
}

export interface ExportQueueLimits {
  total: number;
  perBoard: number;
}

/**
 * The exports of this process, made one at a time on one runner (the export thread: one CPU's
 * worth, so live editing keeps the other). Bounded: at most `total` waiting or running, at most
 * `perBoard` of one board; past that a request is refused with 429 and a Retry-After.
 *
 * Refused requests that carry a ticket (the export dialog's) keep a place in a line per board,
 * so the people of one workshop who all download the report at the end are served in the order
 * they asked, each told how many exports are ahead of theirs: a freed place goes to the first
 * in line when it asks again, not to whoever retries first. A place is kept while its holder
 * keeps asking (until its Retry-After plus PLACE_KEPT_MS); a request without a ticket (a
 * script) gets a place only when nobody is waiting for it.
 */
export class ExportQueue {
  private readonly jobs: Job[] = [];
  /** Per board, the tickets waiting for a place, first in line first, with when each lapses. */
  private readonly lines = new Map<string, { ticket: string; lapses: number }[]>();
  /** Seconds an export took lately (moving average), for Retry-After. */
  private typicalSeconds = 2;

  constructor(
    private readonly runner: ExportRunner,
    private readonly limits: ExportQueueLimits = { total: MAX_QUEUED_EXPORTS, perBoard: MAX_QUEUED_EXPORTS_PER_BOARD },
    private readonly now: () => number = Date.now,
  ) {}

  /** Exports waiting or running now (all boards). */
  get size(): number {
    return this.jobs.length;
  }

  private line(boardId: string): { ticket: string; lapses: number }[] {
    const now = this.now();
    const line = (this.lines.get(boardId) ?? []).filter((place) => place.lapses > now);
    if (line.length) this.lines.set(boardId, line);
    else this.lines.delete(boardId);
    return line;
  }

  private forBoard(boardId: string): number {
    return this.jobs.filter((job) => job.boardId === boardId).length;
  }

  /** Queues an export, or throws ExportBusyError (keeping the ticket's place in line). */
  submit(format: ExportFormat, context: ExportContext, ticket?: string): Promise<ExportFile> {
    const { boardId } = context;
    const line = this.line(boardId);
    const free = Math.min(this.limits.total - this.jobs.length, this.limits.perBoard - this.forBoard(boardId));
    const place = ticket === undefined ? -1 : line.findIndex((p) => p.ticket === ticket);
    // The first `free` in line may come in; a newcomer only if places are left past them.
    const admitted = free > 0 && (place >= 0 ? place < free : line.length < free);
    if (!admitted) throw this.refuse(boardId, line, ticket, place);
    if (place >= 0) line.splice(place, 1);
    return new Promise<ExportFile>((resolve, reject) => {
      this.jobs.push({ boardId, ticket, format, context, progress: 0, running: false, resolve, reject });
      this.next();
    });
  }

  private refuse(boardId: string, line: { ticket: string; lapses: number }[], ticket: string | undefined, place: number): ExportBusyError {
    const full = this.jobs.length >= this.limits.total;
    const message = full ? 'too many exports are being prepared; try again in a moment' : 'this board already has exports being prepared; try again in a moment';
    let index = place;
    if (ticket !== undefined && index < 0 && line.length < MAX_WAITING_PER_BOARD) {
      index = line.length;
      line.push({ ticket, lapses: 0 });
      this.lines.set(boardId, line);
    }
    // About when a place frees up for this one: as many exports as stand before it in line finish.
    const retryAfter = Math.min(30, Math.max(1, Math.ceil(this.typicalSeconds * (Math.max(index, 0) + 1))));
    if (index >= 0) line[index]!.lapses = this.now() + retryAfter * 1000 + PLACE_KEPT_MS;
    const before = index >= 0 ? index : line.length;
    return new ExportBusyError(message, (full ? this.jobs.length : this.forBoard(boardId)) + before, retryAfter);
  }

  /** Where a ticket's export stands: in line for a place, queued behind others, or being made. */
  status(boardId: string, ticket: string): ExportStatus {
    let ahead = 0;
    for (const job of this.jobs) {
      if (job.ticket === ticket && job.boardId === boardId) return job.running ? { state: 'running', ahead: 0, progress: job.progress } : { state: 'queued', ahead };
      ahead++;
    }
    const index = this.line(boardId).findIndex((p) => p.ticket === ticket);
    return index < 0 ? { state: 'unknown' } : { state: 'waiting', ahead: this.forBoard(boardId) + index };
  }

  /** Starts the first job when nothing runs. */
  private next(): void {
    const job = this.jobs[0];
    if (!job || job.running) return;
    job.running = true;
    const started = this.now();
    const finish = () => {
      this.jobs.shift();
      this.typicalSeconds = 0.7 * this.typicalSeconds + 0.3 * Math.max(0.2, (this.now() - started) / 1000);
      this.next();
    };
    let run: Promise<ExportFile>;
    try {
      run = this.runner.run(job.format, job.context, (fraction) => {
        job.progress = Math.min(1, Math.max(job.progress, fraction));
      });
    } catch (error) {
      run = Promise.reject(error as Error);
    }
    run.then(
      (file) => {
        finish();
        job.resolve(file);
      },
      (error: Error) => {
        finish();
        job.reject(error);
      },
    );
  }

  /** Stops the runner; jobs still waiting fail. */
  async close(): Promise<void> {
    for (const job of this.jobs.splice(1)) job.reject(new Error('server shutting down'));
    await this.runner.close();
  }
}
