import * as Y from 'yjs';
import { elementsOf } from '../../shared/schema/doc';
import { FACILITATOR_FIELDS, isElementType } from '../../shared/schema/elements';

interface Correction {
  element: Y.Map<unknown>;
  key: string;
  /** The value before the change; `undefined` when the key did not exist. */
  oldValue: unknown;
}

/**
 * Keeps facilitator-only fields (an idea's status, a stakeholder's agreed scores…) out of
 * participants' reach on the server. The document's own change events carry each field's
 * previous value, so nothing is tracked in advance: the room applies a participant's update,
 * then puts back any such field it changed, and both go out as one update.
 */
export class FacilitatorFieldGuard {
  private corrections: Correction[] = [];
  private readonly elements: Y.Map<unknown>;

  constructor(
    private readonly doc: Y.Doc,
    /** Whether a transaction with this origin came from someone who is not a facilitator. */
    private readonly fromParticipant: (origin: unknown) => boolean,
  ) {
    this.elements = elementsOf(doc) as Y.Map<unknown>;
    this.elements.observeDeep(this.collect);
  }

  private readonly collect = (events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction): void => {
    if (!this.fromParticipant(transaction.origin)) return;
    for (const event of events) {
      const element = event.target;
      // Only fields of elements that existed before: a participant may create any element.
      if (!(element instanceof Y.Map) || element._item?.parent !== (this.elements as unknown) || event.path.length !== 1) continue;
      const type = element.get('type');
      const fields = isElementType(type) ? FACILITATOR_FIELDS[type] : undefined;
      if (!fields) continue;
      for (const key of (event as Y.YMapEvent<unknown>).keysChanged) {
        if (key === null || !fields.includes(key)) continue;
        const change = event.changes.keys.get(key);
        if (change) this.corrections.push({ element, key, oldValue: change.action === 'add' ? undefined : change.oldValue });
      }
    }
  };

  /** Puts back what the last participant update changed; returns whether there was anything. */
  restore(origin: unknown): boolean {
    const corrections = this.corrections;
    this.corrections = [];
    const live = corrections.filter((c) => c.element._item && !c.element._item.deleted);
    if (live.length === 0) return false;
    this.doc.transact(() => {
      // Oldest first, so a field changed twice in one update ends at its original value.
      for (const { element, key, oldValue } of live.reverse()) {
        if (oldValue === undefined) element.delete(key);
        else element.set(key, oldValue);
      }
    }, origin);
    return true;
  }

  destroy(): void {
    this.elements.unobserveDeep(this.collect);
  }
}
