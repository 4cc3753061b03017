import { freeSpot } from './free-space';
import { containsRect, type Point, type Rect } from './rect';
import { readingOrder } from '../methods/reading-order';

/**
 * What the keyboard does on the board, in numbers both the editor and its tests use: how far
 * an arrow moves, where an element created from the toolbar goes, and the order Tab visits.
 */

/** Screen pixels an arrow key moves the selection (Shift: the big step), whatever the zoom. */
export const NUDGE_SCREEN_PX = 10;
export const NUDGE_BIG_SCREEN_PX = 50;
/** Screen pixels an arrow key pans the view when nothing is selected (Shift: the big step). */
export const PAN_SCREEN_PX = 80;
export const PAN_BIG_SCREEN_PX = 320;
/** Board units between the selection and an element created next to it. */
export const BESIDE_GAP = 24;

export type ArrowKey = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown';

export function isArrowKey(key: string): key is ArrowKey {
  return key === 'ArrowLeft' || key === 'ArrowRight' || key === 'ArrowUp' || key === 'ArrowDown';
}

/** The unit direction of an arrow key on screen (y grows downwards). */
export function arrowDirection(key: ArrowKey): Point {
  switch (key) {
    case 'ArrowLeft':
      return { x: -1, y: 0 };
    case 'ArrowRight':
      return { x: 1, y: 0 };
    case 'ArrowUp':
      return { x: 0, y: -1 };
    case 'ArrowDown':
      return { x: 0, y: 1 };
  }
}

/**
 * How far, in board units, one arrow press moves the selection at zoom `scale`: the same
 * distance on screen at every zoom (10 px, Shift 50 px), so a press is always visible and
 * never flings a note off screen. Rounded to a hundredth, to keep coordinates readable.
 */
export function nudgeDelta(key: ArrowKey, big: boolean, scale: number): Point {
  const safeScale = Number.isFinite(scale) && scale > 0 ? scale : 1;
  const step = Math.round(((big ? NUDGE_BIG_SCREEN_PX : NUDGE_SCREEN_PX) / safeScale) * 100) / 100;
  const d = arrowDirection(key);
  return { x: d.x * step, y: d.y * step };
}

/** How far, in screen pixels, one arrow press pans the view (the content moves the other way). */
export function panDelta(key: ArrowKey, big: boolean): Point {
  const step = big ? PAN_BIG_SCREEN_PX : PAN_SCREEN_PX;
  const d = arrowDirection(key);
  return { x: -d.x * step, y: -d.y * step };
}

/** An obstacle this many times the new box's area counts as its background. */
export const BACKGROUND_RATIO = 4;

/**
 * Where an element of `size` created by keyboard goes (its top-left corner): to the right of
 * the selection, level with its top, when something is selected; else centred in the view.
 * Either way it slides right past whatever it would cover (`obstacles`, but not what it sits
 * on: a larger box holding it whole, or one many times its size), so pressing the note button
 * three times gives three notes side by side.
 */
export function keyboardPlacement(size: { w: number; h: number }, selection: Rect | null, viewCentre: Point, obstacles: readonly Rect[], gap = BESIDE_GAP): Point {
  const preferred = selection ? { x: selection.x + selection.w + gap, y: selection.y } : { x: viewCentre.x - size.w / 2, y: viewCentre.y - size.h / 2 };
  // What wholly holds the new box, or is many times its size, is its background (a map's
  // quadrants, a large shape), not in its way.
  const box = { ...preferred, ...size };
  const area = size.w * size.h;
  const background = (o: Rect) => o.w * o.h > BACKGROUND_RATIO * area || (o.w * o.h > area && containsRect(o, box));
  const spot = freeSpot(size, preferred, obstacles.filter((o) => !background(o)), gap);
  // `+ 0` turns -0 into 0.
  return { x: Math.round(spot.x) + 0, y: Math.round(spot.y) + 0 };
}

/** A box Tab can visit, with the frame (or nothing) it sits in. */
export interface Visitable extends Rect {
  id: string;
  parentId: string | null;
}

/**
 * The order Tab visits elements: the top-level ones in reading order (rows top to bottom,
 * each row left to right), each frame followed at once by what lies in it, in the same order.
 * An element whose frame is not in the list counts as top-level.
 */
export function tabOrder<T extends Visitable>(items: readonly T[]): T[] {
  const ids = new Set(items.map((i) => i.id));
  const children = new Map<string | null, T[]>();
  for (const item of items) {
    const parent = item.parentId !== null && item.parentId !== item.id && ids.has(item.parentId) ? item.parentId : null;
    const list = children.get(parent) ?? [];
    list.push(item);
    children.set(parent, list);
  }
  const out: T[] = [];
  const seen = new Set<string>();
  const visit = (parent: string | null) => {
    for (const item of readingOrder(children.get(parent) ?? [])) {
      // A cycle of frames (a corrupt board) must not loop forever.
      if (seen.has(item.id)) continue;
      seen.add(item.id);
      out.push(item);
      visit(item.id);
    }
  };
  visit(null);
  // Anything only reachable through a cycle still gets its turn, at the end.
  for (const item of readingOrder(items)) if (!seen.has(item.id)) out.push(item);
  return out;
}

/**
 * The id Tab (or Shift+Tab, `backwards`) moves to from `current` in `order`; null past either
 * end (the focus then leaves the canvas for the page's next control, so the board is no trap).
 * From nothing (or an id no longer there) Tab starts at the first, Shift+Tab at the last.
 */
export function nextInOrder(order: readonly string[], current: string | null, backwards: boolean): string | null {
  if (order.length === 0) return null;
  const at = current === null ? -1 : order.indexOf(current);
  if (at === -1) return backwards ? order[order.length - 1]! : order[0]!;
  const next = at + (backwards ? -1 : 1);
  return next < 0 || next >= order.length ? null : order[next]!;
}

/**
 * The box an arrow key points to from `from`: among `candidates` whose centre lies that way,
 * the one nearest along the arrow, a sideways offset counting double (so → picks the box to
 * the right, not one far below and a little right). Null when nothing lies that way.
 */
export function nearestInDirection<T extends Rect & { id: string }>(from: Rect, candidates: readonly T[], key: ArrowKey): T | null {
  const d = arrowDirection(key);
  const cx = from.x + from.w / 2;
  const cy = from.y + from.h / 2;
  let best: T | null = null;
  let bestCost = Infinity;
  for (const c of candidates) {
    const dx = c.x + c.w / 2 - cx;
    const dy = c.y + c.h / 2 - cy;
    const along = dx * d.x + dy * d.y;
    if (along <= 0) continue;
    const sideways = Math.abs(dx * d.y - dy * d.x);
    const cost = along + 2 * sideways;
    if (cost < bestCost || (cost === bestCost && best !== null && c.id < best.id)) {
      best = c;
      bestCost = cost;
    }
  }
  return best;
}
