import * as Y from 'yjs';
import type { Role } from '../../shared/protocol/state';
import { policyFor, type PolicyState } from '../../shared/rules/policy';
import { elementsOf } from '../../shared/schema/doc';
import { geometryOf, lookupIn } from '../../shared/rules/element-lookup';

export type { Locks } from '../../shared/rules/areas';

/** What a participant's update is judged against: the facilitation state and the sender's role. */
export interface AreaRules {
  role: Role;
  state: PolicyState;
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
 * Keeps participants' edits out of locked areas and public notes out of private frames, on
 * the server, whatever their client does. The update is applied, and if it touched what was
 * locked, or leaves something locked or public where it may not be, it is undone at once;
 * both travel together, so nobody sees the forbidden state and the sender's copy is
 * corrected too.
 */
export function applyGuarded(doc: Y.Doc, update: Uint8Array, origin: object, rules: AreaRules): { reverted: boolean } {
  const elements = elementsOf(doc) as Y.Map<unknown>;
  const lookup = lookupIn(elements);
  const { locks, privateFrames } = rules.state;
  // The sender's policy (shared/rules/policy.ts), as their own editor has it.
  const policy = policyFor(rules.state, rules.role, lookup);
  // What was locked, or already public inside a private frame, before the update.
  const lockedBefore = new Set<string>();
  const privateBefore = new Set<string>();
  if (!locks.board && (locks.frames.length > 0 || privateFrames.length > 0)) {
    elements.forEach((map, id) => {
      if (!(map instanceof Y.Map)) return;
      const element = geometryOf(map, id);
      if (locks.frames.length > 0 && policy.isLocked(element)) lockedBefore.add(id);
      if (privateFrames.length > 0 && policy.privateFrameOf(element)) privateBefore.add(id);
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
  const violates = (id: string): boolean => {
    if (locks.board || lockedBefore.has(id)) return true;
    const element = lookup(id);
    if (!element) return false;
    if (policy.isLocked(element)) return true;
    return !privateBefore.has(id) && policy.privateFrameOf(element) !== null;
  };
  const reverted = touched.size > 0 && [...touched].some(violates);
  if (reverted) undo.undo();
  undo.destroy();
  return { reverted };
}
