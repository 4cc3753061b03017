import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from './log';

/**
 * The board a piece of work is for. Set where a client's message enters (live sync,
 * facilitation), it follows every continuation of that message (promises, timers), so an
 * error that escapes all the way up can still be logged with its board.
 */
export const boardContext = new AsyncLocalStorage<{ boardId: string }>();

/** Runs `fn` on behalf of a board: errors escaping it are logged with that board's id. */
export function onBehalfOf<T>(boardId: string, fn: () => T): T {
  return boardContext.run({ boardId }, fn);
}

/** What the net caught since the process started; shown in /metrics. */
export const escapedErrors = { unhandledRejection: 0, uncaughtException: 0 };

let installed: ((kind: keyof typeof escapedErrors, error: unknown) => void) | undefined;

/**
 * The last line of defence, not the fix: every path a client's input takes is guarded where
 * it runs (a bad message closes its own socket). Should anything still escape, one person's
 * mistake must not end everyone's workshop, so the process logs it (with the board, when known)
 * and carries on. Errors from start-up happen before this is installed and still stop the process.
 */
export function installProcessNet(log: Logger): void {
  const report = (kind: keyof typeof escapedErrors, error: unknown) => {
    escapedErrors[kind]++;
    log.error({ boardId: boardContext.getStore()?.boardId, err: error, kind }, 'error escaped its handler; process kept running');
  };
  if (installed) return;
  installed = report;
  process.on('unhandledRejection', (reason) => installed?.('unhandledRejection', reason));
  process.on('uncaughtException', (error) => installed?.('uncaughtException', error));
}
