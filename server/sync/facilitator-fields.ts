import * as Y from 'yjs';
import { elementsOf } from '../../shared/schema/doc';
import { ELEMENT_DEFINITIONS, FACILITATOR_FIELDS, SET_BY_CREATOR, isElementType } from '../../shared/schema/elements';

interface Correction {
  element: Y.Map<unknown>;
  key: string;
  /** The value to put back; `undefined` removes the key. */
  value: unknown;
}

type Fields = Record<string, unknown>;

const plain = (value: unknown): unknown => (value instanceof Y.AbstractType ? value.toJSON() : value);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function guardedFields(type: unknown): readonly string[] {
  return isElementType(type) ? (FACILITATOR_FIELDS[type] ?? []) : [];
}

/**
 * Keeps facilitator-only fields (an idea's status, a stakeholder's agreed scores…) out of
 * participants' reach on the server. It remembers those fields' values as trusted edits
 * (loading, facilitators, the server) leave them; after a participant's update the room
 * asks it to put back whatever that update changed — a field set directly, a value nested
 * inside one, an element replaced under the same id or created with decisions already
 * made, an element's type — and the correction goes out with the update.
 */
export class FacilitatorFieldGuard {
  private corrections: Correction[] = [];
  /** Facilitator-only field values of guarded elements, by id, as trusted edits left them. */
  private readonly trusted = new Map<string, Fields>();
  private readonly elements: Y.Map<unknown>;

  constructor(
    private readonly doc: Y.Doc,
    /** Whether a transaction with this origin came from someone who is not a facilitator. */
    private readonly fromParticipant: (origin: unknown) => boolean,
  ) {
    this.elements = elementsOf(doc) as Y.Map<unknown>;
    this.elements.forEach((element, id) => this.remember(id, element));
    this.elements.observeDeep(this.collect);
  }

  private remember(id: string, element: unknown): void {
    const fields = element instanceof Y.Map ? guardedFields(element.get('type')) : [];
    if (fields.length === 0) {
      this.trusted.delete(id);
      return;
    }
    const map = element as Y.Map<unknown>;
    this.trusted.set(id, Object.fromEntries(fields.map((field) => [field, plain(map.get(field))])));
  }

  /** What a guarded field of an element should hold: its trusted value, else its type's default. */
  private expected(id: string, type: unknown, field: string): unknown {
    const known = this.trusted.get(id);
    if (known && field in known) return known[field];
    return isElementType(type) ? (ELEMENT_DEFINITIONS[type].defaults as Fields)[field] : undefined;
  }

  private correct(element: Y.Map<unknown>, key: string, value: unknown): void {
    const current = element.get(key);
    if (current instanceof Y.AbstractType || !same(current, value)) this.corrections.push({ element, key, value });
  }

  private readonly collect = (events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction): void => {
    const participant = this.fromParticipant(transaction.origin);
    for (const event of events) {
      if (event.target === (this.elements as unknown)) this.onElementsChanged(event as Y.YMapEvent<unknown>, participant);
      else this.onInsideElement(event, participant);
    }
  };

  /** Elements added, replaced or removed. */
  private onElementsChanged(event: Y.YMapEvent<unknown>, participant: boolean): void {
    for (const id of event.keysChanged) {
      const element = this.elements.get(id);
      if (!participant) {
        this.remember(id, element);
        continue;
      }
      // A participant may create or replace an element, but not with decisions already made:
      // its guarded fields get their trusted values (or the type's defaults for a new one).
      if (!(element instanceof Y.Map)) continue;
      const type = element.get('type');
      const fields = guardedFields(type);
      if (fields.length === 0) continue;
      const replaced = this.trusted.has(id);
      const values: Fields = {};
      for (const field of fields) {
        const value = !replaced && SET_BY_CREATOR.has(field) ? plain(element.get(field)) : this.expected(id, type, field);
        values[field] = value;
        this.correct(element, field, value);
      }
      // From now on these are the card's trusted values (a new card's place is its creator's).
      this.trusted.set(id, values);
    }
  }

  /** A field of an element changed, or something nested inside one. */
  private onInsideElement(event: Y.YEvent<Y.AbstractType<unknown>>, participant: boolean): void {
    const [id, nestedKey] = event.path as [string | undefined, string | number | undefined];
    if (typeof id !== 'string') return;
    const element = this.elements.get(id);
    if (!(element instanceof Y.Map)) return;
    if (!participant) {
      this.remember(id, element);
      return;
    }
    if (event.path.length === 1) {
      const changes = (event as Y.YMapEvent<unknown>).changes.keys;
      const typeChange = changes.get('type');
      // The type is fixed once an element exists; judging by the old type too stops a
      // participant from passing a decision through a type flip.
      const oldType = typeChange ? typeChange.oldValue : element.get('type');
      if (typeChange) this.correct(element, 'type', oldType);
      const fields = new Set([...guardedFields(oldType), ...guardedFields(element.get('type'))]);
      for (const key of (event as Y.YMapEvent<unknown>).keysChanged) {
        if (fields.has(key)) this.correct(element, key, this.expected(id, oldType, key));
      }
    } else if (typeof nestedKey === 'string' && guardedFields(element.get('type')).includes(nestedKey)) {
      this.correct(element, nestedKey, this.expected(id, element.get('type'), nestedKey));
    }
  }

  /** Puts back what the last participant update changed; returns whether there was anything. */
  restore(origin: unknown): boolean {
    const corrections = this.corrections;
    this.corrections = [];
    const live = corrections.filter((c) => c.element._item && !c.element._item.deleted);
    if (live.length === 0) return false;
    this.doc.transact(() => {
      for (const { element, key, value } of live) {
        if (value === undefined) element.delete(key);
        else element.set(key, value);
      }
    }, origin);
    return true;
  }

  destroy(): void {
    this.elements.unobserveDeep(this.collect);
  }
}
