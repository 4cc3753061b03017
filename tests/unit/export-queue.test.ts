import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ExportBusyError, ExportQueue } from '../../server/export/queue';
import type { ExportContext } from '../../server/export/types';
import { EXPORT_TICKET_PATTERN, exportTicket, retryDelayMs } from '../../shared/protocol/export-queue';
import { HeldRunner } from '../helpers/held-exports';

const context = (boardId: string): ExportContext => ({ boardId, doc: new Y.Doc(), input: { meta: { title: '', locale: 'pl' } as never, elements: [], control: null, people: [], generatedAt: 0 }, options: {} });

/** A queue over a held runner, with a clock the test moves. */
function setup(limits = { total: 4, perBoard: 2 }) {
  const runner = new HeldRunner();
  const clock = { now: 0 };
  const queue = new ExportQueue(runner, limits, () => clock.now);
  /** Submits; returns 'admitted' (and its promise) or the refusal. */
  const ask = (board: string, ticket?: string) => {
    try {
      const done = queue.submit('pdf', context(board), ticket);
      done.catch(() => {});
      return { admitted: true as const, done };
    } catch (error) {
      if (!(error instanceof ExportBusyError)) throw error;
      return { admitted: false as const, ahead: error.ahead, retryAfter: error.retryAfterSeconds };
    }
  };
  return { runner, clock, queue, ask };
}

const TICKET = (n: number) => `ticket-${String(n).padStart(10, '0')}`;

describe('ExportQueue: bounds, a line per board, status', () => {
  it('admits up to the per-board and total limits, one export running at a time', async () => {
    const { runner, queue, ask } = setup();
    expect([ask('a'), ask('a'), ask('a')].map((r) => r.admitted)).toEqual([true, true, false]);
    expect([ask('b'), ask('b'), ask('c')].map((r) => r.admitted)).toEqual([true, true, false]);
    expect(queue.size).toBe(4);
    // Only the first runs; the others wait for the thread.
    await runner.nth(1);
    expect(runner.started).toHaveLength(1);
    runner.started[0]!.release();
    await runner.nth(2);
    expect(runner.started.map((j) => j.boardId)).toEqual(['a', 'a']);
  });

  it('a refused ticket keeps its place: a freed place goes to the first in line, not to whoever asks first', async () => {
    const { runner, ask } = setup();
    ask('a');
    ask('a');
    const first = ask('a', TICKET(1));
    const second = ask('a', TICKET(2));
    expect(first).toMatchObject({ admitted: false, ahead: 2 });
    expect(second).toMatchObject({ admitted: false, ahead: 3 });
    (await runner.nth(1)).release();
    await Promise.resolve();
    await Promise.resolve();
    // One place free: the second in line and a script without a ticket are still refused.
    expect(ask('a', TICKET(2))).toMatchObject({ admitted: false, ahead: 2 });
    expect(ask('a')).toMatchObject({ admitted: false });
    expect(ask('a', TICKET(1)).admitted).toBe(true);
    expect(ask('a', TICKET(2))).toMatchObject({ admitted: false, ahead: 2 });
  });

  it('a place lapses when its holder stops asking (Retry-After plus 10 s)', () => {
    const { clock, ask } = setup({ total: 4, perBoard: 1 });
    ask('a');
    const refused = ask('a', TICKET(1));
    expect(refused.admitted).toBe(false);
    expect(ask('a', TICKET(2))).toMatchObject({ ahead: 2 });
    clock.now += (refused.admitted ? 0 : refused.retryAfter) * 1000 + 10_001;
    // TICKET(1) lapsed; TICKET(2) asked later and still holds its place, now first in line.
    expect(ask('a', TICKET(2))).toMatchObject({ ahead: 1 });
  });

  it('status: waiting in line, queued behind others, running with progress, unknown once done', async () => {
    const { runner, queue, ask } = setup();
    ask('a', TICKET(1));
    ask('b', TICKET(2));
    ask('a', TICKET(3));
    expect(ask('a', TICKET(4)).admitted).toBe(false);
    const running = await runner.nth(1);
    running.progress(0.4);
    expect(queue.status('a', TICKET(1))).toEqual({ state: 'running', ahead: 0, progress: 0.4 });
    expect(queue.status('b', TICKET(2))).toEqual({ state: 'queued', ahead: 1 });
    expect(queue.status('a', TICKET(3))).toEqual({ state: 'queued', ahead: 2 });
    expect(queue.status('a', TICKET(4))).toEqual({ state: 'waiting', ahead: 2 });
    // Another board's ticket of the same name is not this one.
    expect(queue.status('b', TICKET(1))).toEqual({ state: 'unknown' });
    running.release();
    await runner.nth(2);
    expect(queue.status('a', TICKET(1))).toEqual({ state: 'unknown' });
  });

  it('Retry-After grows with the place in line and stays within 1–30 s', () => {
    const { ask } = setup({ total: 10, perBoard: 1 });
    ask('a');
    const waits = Array.from({ length: 20 }, (_, i) => ask('a', TICKET(i)));
    const seconds = waits.map((w) => (w.admitted ? -1 : w.retryAfter));
    expect(seconds[0]).toBeGreaterThanOrEqual(1);
    expect(seconds.every((s, i) => s >= 1 && s <= 30 && (i === 0 || s >= seconds[i - 1]!))).toBe(true);
    expect(seconds.at(-1)).toBe(30);
  });
});

describe('retryDelayMs (how long the export dialog waits after a 429)', () => {
  const now = Date.UTC(2026, 11, 3, 12, 0, 0);
  it.each([
    ['5', 5000],
    ['0', 1000],
    ['120', 30_000],
    [' 3 ', 3000],
    [null, 5000],
    ['', 5000],
    ['soon', 5000],
    ['-4', 5000],
    [new Date(now + 7000).toUTCString(), 7000],
    [new Date(now - 7000).toUTCString(), 1000],
  ])('Retry-After %j → %i ms', (header, ms) => {
    expect(retryDelayMs(header, now)).toBe(ms);
  });
});

describe('exportTicket', () => {
  it('makes URL-safe tickets the server accepts', () => {
    const bytes = Uint8Array.from({ length: 16 }, (_, i) => i * 17);
    const ticket = exportTicket(bytes);
    expect(ticket).toHaveLength(16);
    expect(EXPORT_TICKET_PATTERN.test(ticket)).toBe(true);
    expect(EXPORT_TICKET_PATTERN.test('short')).toBe(false);
    expect(EXPORT_TICKET_PATTERN.test('x'.repeat(15) + '/')).toBe(false);
  });
});
