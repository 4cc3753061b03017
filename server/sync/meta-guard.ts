import * as Y from 'yjs';
import { metaOf, readMeta } from '../../shared/schema/doc';
import { mayWriteMeta, ROOT_TYPES } from '../../shared/schema/meta-rules';
import type { Role } from '../../shared/protocol/state';

interface MetaCorrection {
  key: string;
  /** What the key held before; `undefined` removes it. */
  value: unknown;
}

/**
 * Keeps the board's metadata the server's (shared/schema/meta-rules.ts): a client's change
 * that the rule refuses is put back in a correction that travels with the update, as the
 * facilitator-field guard does. A title change that stands is passed on to the catalogue.
 */
export class MetaGuard {
  private corrections: MetaCorrection[] = [];
  private readonly meta: Y.Map<unknown>;

  constructor(
    private readonly doc: Y.Doc,
    /** The role of the client a transaction came from; undefined for the server's own. */
    private readonly clientRole: (origin: unknown) => Role | undefined,
    private readonly onTitle: (title: string) => void,
  ) {
    this.meta = metaOf(doc);
    this.meta.observe(this.collect);
  }

  private readonly collect = (event: Y.YMapEvent<unknown>, transaction: Y.Transaction): void => {
    const role = this.clientRole(transaction.origin);
    let titleStands = false;
    for (const [key, change] of event.changes.keys) {
      const value = this.meta.get(key);
      if (role !== undefined && (change.action === 'delete' || !mayWriteMeta(role, key, value))) {
        // Values in meta are plain; a type put there by a client has no earlier value to keep.
        const old = change.oldValue instanceof Y.AbstractType ? undefined : change.oldValue;
        this.corrections.push({ key, value: change.action === 'add' ? undefined : old });
      } else if (key === 'title') titleStands = true;
    }
    if (titleStands) {
      const title = readMeta(this.doc).title;
      if (title) this.onTitle(title);
    }
  };

  /** Puts back what the last client update changed against the rule; whether there was any. */
  restore(origin: unknown): boolean {
    const corrections = this.corrections;
    this.corrections = [];
    if (corrections.length === 0) return false;
    this.doc.transact(() => {
      for (const { key, value } of corrections) {
        if (value === undefined) this.meta.delete(key);
        else this.meta.set(key, value);
      }
    }, origin);
    return true;
  }

  destroy(): void {
    this.meta.unobserve(this.collect);
  }
}

/**
 * Whether an update writes to a top-level type other than the board's (ROOT_TYPES): such an
 * item names its parent by the type's name. Read before the update is applied, so that it
 * is refused whole rather than taken in and emptied. Throws on an undecodable update.
 */
export function writesForeignRoot(update: Uint8Array): boolean {
  for (const struct of Y.decodeUpdate(update).structs) {
    if (struct instanceof Y.Item && typeof struct.parent === 'string' && !ROOT_TYPES.includes(struct.parent)) return true;
  }
  return false;
}
