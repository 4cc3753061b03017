import * as Y from 'yjs';

/**
 * Merges stored updates into one snapshot by replaying them into a fresh document, so
 * deleted content is garbage-collected (Y.mergeUpdates would keep it).
 */
export function mergeToSnapshot(updates: Uint8Array[]): Uint8Array {
  const doc = new Y.Doc();
  try {
    doc.transact(() => {
      for (const update of updates) Y.applyUpdate(doc, update);
    });
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}
