import { LIMITS } from '../schema/limits';
import { keyed, own, setOwn } from '../schema/records';
import type { Draft, Drafts } from '../protocol/state';

/** What changed in one author's hidden notes: notes written or replaced, and ids of notes gone. */
export interface DraftDelta {
  put: Draft[];
  removed: string[];
}

/**
 * One author's hidden notes after a delta: a put replaces the note with its id in place (or
 * is added at the end), a removal drops it. The server's reducer and the client's copy of
 * the author's list both go through this, so they cannot drift apart.
 */
export function applyDraftDelta(list: readonly Draft[], delta: DraftDelta): Draft[] {
  const removed = new Set(delta.removed);
  const put = new Map(delta.put.map((d) => [d.id, d]));
  const next: Draft[] = [];
  for (const draft of list) {
    if (removed.has(draft.id)) continue;
    const replaced = put.get(draft.id);
    next.push(replaced ?? draft);
    put.delete(draft.id);
  }
  return [...next, ...put.values()];
}

/** Whether an author may put this note: an existing note may always change; a new one only while its frame has room. */
export function draftFits(list: readonly Draft[], draft: Pick<Draft, 'id' | 'frameId'>): boolean {
  let inFrame = 0;
  for (const d of list) if (d.frameId === draft.frameId && d.id !== draft.id) inFrame++;
  return inFrame < LIMITS.maxDraftsPerFrame;
}

/** How many hidden notes each private frame holds (what everyone may see of them). */
export function countDrafts(drafts: Drafts): Record<string, number> {
  const counts = keyed<number>();
  for (const list of Object.values(drafts)) for (const d of list) setOwn(counts, d.frameId, (own(counts, d.frameId) ?? 0) + 1);
  return counts;
}
