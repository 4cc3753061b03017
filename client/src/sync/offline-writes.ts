import type { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';

export type UpdateListener = (update: Uint8Array, origin: unknown) => void;

/** How long changes gather before they are written to the offline copy together. */
const WRITE_EVERY_MS = 250;

export interface OfflineWriter {
  /** The document's 'update' listener that feeds the offline copy. */
  listener: UpdateListener;
  /** Writes what has gathered now. */
  flush(): void;
  dispose(): void;
}

/**
 * y-indexeddb writes every change in an IndexedDB transaction of its own, about half a
 * millisecond of main thread each; a drag writes 20 changes a second. Changes are gathered
 * instead, merged and written at most every 250 ms, and at once when the page is hidden or
 * closed (what a browser lets a page finish). While online the server has them anyway.
 */
export function batchOfflineWrites(doc: Y.Doc, offline: IndexeddbPersistence): OfflineWriter | undefined {
  const write = (offline as unknown as { _storeUpdate?: UpdateListener })._storeUpdate;
  if (typeof write !== 'function') return undefined;
  doc.off('update', write);
  let pending: Uint8Array[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (pending.length === 0) return;
    const update = pending.length === 1 ? pending[0]! : Y.mergeUpdates(pending);
    pending = [];
    write(update, null);
  };
  const listener: UpdateListener = (update, origin) => {
    if (origin === offline) return;
    pending.push(update);
    timer ??= setTimeout(flush, WRITE_EVERY_MS);
  };
  const onHidden = () => {
    if (document.visibilityState === 'hidden') flush();
  };
  doc.on('update', listener);
  document.addEventListener('visibilitychange', onHidden);
  window.addEventListener('pagehide', flush);
  return {
    listener,
    flush,
    dispose() {
      flush();
      doc.off('update', listener);
      document.removeEventListener('visibilitychange', onHidden);
      window.removeEventListener('pagehide', flush);
    },
  };
}
