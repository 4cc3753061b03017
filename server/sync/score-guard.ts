import * as Y from 'yjs';
import { elementsOf } from '../../shared/schema/doc';

/**
 * A stakeholder card's place on the map is the facilitator's: the map reads the agreed
 * score from it. A participant may create, rename, annotate or delete cards, not move
 * them. (The scores themselves are facilitator-only fields: facilitator-fields.ts.)
 */
const FACILITATOR_PLACEMENT: Record<string, ReadonlySet<string>> = {
  stakeholder: new Set(['x', 'y', 'parentId']),
};

/** Whether an item was created by this transaction (then its fields are its first values). */
function isNew(transaction: Y.Transaction, item: Y.Item): boolean {
  return item.id.clock >= (transaction.beforeState.get(item.id.client) ?? 0);
}

/** Whether a transaction changed a facilitator-owned field of a card that existed before it. */
export function touchesAgreedScores(transaction: Y.Transaction): boolean {
  const root = elementsOf(transaction.doc) as unknown as Y.AbstractType<unknown>;
  let touched = false;
  transaction.changed.forEach((keys, type) => {
    if (touched || type._item?.parent !== root || !(type instanceof Y.Map) || isNew(transaction, type._item)) return;
    const guarded = FACILITATOR_PLACEMENT[String(type.get('type'))];
    if (guarded && [...keys].some((key) => key !== null && guarded.has(key))) touched = true;
  });
  return touched;
}

/**
 * Whether a board holds any stakeholder card, so that only such boards pay for
 * checking participants' updates. Once true it stays true while the board is loaded.
 */
export function watchRatable(doc: Y.Doc): { readonly present: boolean } {
  const elements = elementsOf(doc);
  const state = { present: false };
  const isRatable = (element: unknown) => element instanceof Y.Map && Object.hasOwn(FACILITATOR_PLACEMENT, String(element.get('type')));
  elements.forEach((element) => {
    if (isRatable(element)) state.present = true;
  });
  if (state.present) return state;
  const observer = (event: Y.YMapEvent<Y.Map<unknown>>) => {
    for (const key of event.keysChanged) {
      if (!isRatable(elements.get(key))) continue;
      state.present = true;
      elements.unobserve(observer);
      return;
    }
  };
  elements.observe(observer);
  return state;
}
