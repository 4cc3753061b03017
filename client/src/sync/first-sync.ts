import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { UpdateListener } from './offline-writes';

/** y-websocket's message type for sync messages (y-websocket/src/y-websocket.js). */
const MESSAGE_SYNC = 0;

type MessageHandler = (...args: unknown[]) => void;

/**
 * The first sync brings the whole board in one transaction, and Yjs encodes every transaction
 * once more for the document's 'update' listeners: y-websocket's (which sends nothing back of
 * what came from the server) and the offline copy's (which would write it as one more record).
 * On a board of 10,000 elements that is ~150 ms and a 3.4 MiB IndexedDB write on the way to
 * the first paint. So until the first sync is done, sync messages are applied without those
 * listeners; `onFirstSync` then runs (the offline copy stores the whole board when idle).
 */
export function applyFirstSyncQuietly(provider: WebsocketProvider, otherListeners: readonly (UpdateListener | undefined)[], onFirstSync: () => void): void {
  const handlers = provider.messageHandlers as unknown as MessageHandler[];
  const original = handlers[MESSAGE_SYNC];
  const fromProvider = (provider as unknown as { _updateHandler?: UpdateListener })._updateHandler;
  const listeners = [fromProvider, ...otherListeners].filter((listener): listener is UpdateListener => typeof listener === 'function');
  if (!original || listeners.length === 0) return;
  const { doc } = provider;
  handlers[MESSAGE_SYNC] = (...args: unknown[]) => {
    // Anything else changed meanwhile (an observer writing back) must still reach them.
    const others: Y.Transaction[] = [];
    const noteOthers = (transaction: Y.Transaction) => {
      if (transaction.origin !== provider) others.push(transaction);
    };
    for (const listener of listeners) doc.off('update', listener);
    doc.on('afterTransaction', noteOthers);
    try {
      original(...args);
    } finally {
      doc.off('afterTransaction', noteOthers);
      for (const listener of listeners) doc.on('update', listener);
      for (const transaction of others) {
        const update = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(transaction.beforeState));
        for (const listener of listeners) listener(update, transaction.origin);
      }
    }
    if (!provider.synced) return;
    handlers[MESSAGE_SYNC] = original;
    onFirstSync();
  };
}

/** Runs `task` when the page has nothing else to do (after the first paint), or after 3 s. */
export function whenIdle(task: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout: 3000 });
  else setTimeout(task, 200);
}
