import * as Y from 'yjs';
import { elementsOf } from '../../shared/schema/doc';

export interface Locks {
  board: boolean;
  frames: readonly string[];
}

/** Ids of the elements a transaction changed (fields, text, creation or deletion). */
function touchedElements(transaction: Y.Transaction, elements: Y.Map<unknown>): Set<string> {
  const ids = new Set<string>();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types its map of changed types loosely
  const root = elements as unknown as Y.AbstractType<Y.YEvent<any>>;
  transaction.changed.forEach((keys, type) => {
    if (type === root) {
      for (const key of keys) if (key) ids.add(key);
      return;
    }
    let current = type;
    while (current._item && current._item.parent !== root) current = current._item.parent as typeof type;
    if (current._item?.parentSub) ids.add(current._item.parentSub);
  });
  return ids;
}

/**
 * Keeps participants' edits out of locked areas on the server, whatever their client
 * does. The update is applied, and if it touched a locked element it is undone at once;
 * both travel together, so nobody sees the forbidden state and the sender's copy is
 * corrected too.
 */
export function applyGuarded(doc: Y.Doc, update: Uint8Array, origin: object, locks: Locks): { reverted: boolean } {
  const elements = elementsOf(doc) as Y.Map<unknown>;
  const lockedFrames = new Set(locks.frames);
  const lockedBefore = new Set<string>(lockedFrames);
  if (!locks.board) {
    elements.forEach((element, id) => {
      const parent = element instanceof Y.Map ? element.get('parentId') : null;
      if (typeof parent === 'string' && lockedFrames.has(parent)) lockedBefore.add(id);
    });
  }
  const undo = new Y.UndoManager(elements, { trackedOrigins: new Set([origin]), captureTimeout: 0 });
  const touched = new Set<string>();
  const record = (transaction: Y.Transaction) => {
    if (transaction.origin === origin) for (const id of touchedElements(transaction, elements)) touched.add(id);
  };
  doc.on('afterTransaction', record);
  try {
    Y.applyUpdate(doc, update, origin);
  } finally {
    doc.off('afterTransaction', record);
  }
  const violates =
    touched.size > 0 &&
    (locks.board ||
      [...touched].some((id) => {
        if (lockedBefore.has(id)) return true;
        const element = elements.get(id);
        const parent = element instanceof Y.Map ? element.get('parentId') : null;
        return typeof parent === 'string' && lockedFrames.has(parent);
      }));
  if (violates) undo.undo();
  undo.destroy();
  return { reverted: violates };
}
