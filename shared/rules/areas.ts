import { elementBounds, type ElementLookup } from '../geometry/elements';
import { containsRect, intersects, type Rect } from '../geometry/rect';
import { isVotableType, placedByBox, type Element } from '../schema/elements';
import type { Role } from '../protocol/state';

/**
 * Where an element lies, for the rules that depend on it (locks, private brainstorming,
 * voting). One module so that the client, which helps, and the server, which enforces,
 * judge by the same geometry: a frame holds what is named as inside it (its parent chain)
 * and what is drawn inside or across its edge, since any client may write a note onto a
 * frame without naming the frame as its parent.
 */

/** What the facilitator has locked. */
export interface Locks {
  board: boolean;
  frames: readonly string[];
}

/** Parent chains deeper than this are treated as broken (a cycle, or a hostile document). */
const MAX_DEPTH = 64;

/** The frames an element is named as inside, nearest first. */
export function ancestorFrames(element: Pick<Element, 'id' | 'parentId'>, lookup: ElementLookup): string[] {
  const chain: string[] = [];
  let parentId = element.parentId;
  while (typeof parentId === 'string' && chain.length < MAX_DEPTH && !chain.includes(parentId) && parentId !== element.id) {
    chain.push(parentId);
    parentId = lookup(parentId)?.parentId ?? null;
  }
  return chain;
}

function frameRect(frame: Element): Rect {
  return { x: frame.x, y: frame.y, w: frame.w, h: frame.h };
}

const finite = (r: Rect) => Number.isFinite(r.x) && Number.isFinite(r.y) && Number.isFinite(r.w) && Number.isFinite(r.h);

/** Whether a box touches a frame's area (inside, across or along its edge). A box that is no box counts as touching. */
export function touchesFrame(bounds: Rect, frame: Element): boolean {
  return !finite(bounds) || intersects(bounds, frameRect(frame));
}

/**
 * Whether an element lies in a frame: named as inside it at any depth, or, for anything
 * but frames and connectors, drawn inside or across its edge. Frames go by their parent
 * chain only (a frame around a locked one is not locked), connectors too (their ends decide).
 */
export function liesIn(element: Element, frame: Element, lookup: ElementLookup): boolean {
  if (element.id === frame.id) return false;
  if (ancestorFrames(element, lookup).includes(frame.id)) return true;
  if (!placedByBox(element.type)) return false;
  return touchesFrame(elementBounds(element, lookup), frame);
}

function frames(ids: readonly string[], lookup: ElementLookup): Element[] {
  const found: Element[] = [];
  for (const id of ids) {
    const frame = lookup(id);
    if (frame?.type === 'frame') found.push(frame);
  }
  return found;
}

/** Whether this person may not change the element (or put it where it is) because of a lock. */
export function isLockedFor(role: Role, element: Element, locks: Locks, lookup: ElementLookup): boolean {
  if (role === 'facilitator') return false;
  if (locks.board) return true;
  if (locks.frames.length === 0) return false;
  if (locks.frames.includes(element.id)) return true;
  return frames(locks.frames, lookup).some((frame) => liesIn(element, frame, lookup));
}

/** Whether this person may not put something new in this box because of a lock. */
export function isLockedAreaFor(role: Role, bounds: Rect, locks: Locks, lookup: ElementLookup): boolean {
  if (role === 'facilitator') return false;
  if (locks.board) return true;
  return frames(locks.frames, lookup).some((frame) => touchesFrame(bounds, frame));
}

/** The private frame a box touches (inside or across its edge), if any: a note there is hidden. */
export function privateFrameAt(bounds: Rect, privateFrames: readonly string[], lookup: ElementLookup): string | null {
  return frames(privateFrames, lookup).find((frame) => touchesFrame(bounds, frame))?.id ?? null;
}

/** The private frame an element lies in, if any (frames and connectors never do). */
export function privateFrameOf(element: Element, privateFrames: readonly string[], lookup: ElementLookup): string | null {
  if (!placedByBox(element.type)) return null;
  return frames(privateFrames, lookup).find((frame) => liesIn(element, frame, lookup))?.id ?? null;
}

/**
 * Whether an element takes votes in a round: the round's own list, or anything votable
 * inside the round's frame at any depth (quadrants, cells, nested frames) — named as inside
 * it, or drawn wholly within it.
 */
export function canVoteOn(round: { frameId: string | null; itemIds: readonly string[] | null }, element: Element | undefined, lookup: ElementLookup): boolean {
  if (!element || !isVotableType(element.type)) return false;
  if (round.itemIds) return round.itemIds.includes(element.id);
  if (round.frameId === null) return false;
  if (ancestorFrames(element, lookup).includes(round.frameId)) return true;
  const frame = lookup(round.frameId);
  return frame?.type === 'frame' && containsRect(frameRect(frame), elementBounds(element, lookup));
}
