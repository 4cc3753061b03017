/** Where new factor cards go in the factors frame: columns in its left half (the ranking chart takes the right). */
import type { Point, Rect } from '../geometry/rect';

/** Size of a new factor card (the element type's default). */
export const FACTOR_CARD = { w: 360, h: 80 } as const;
const GAP = 16;
const MARGIN = 40;

/** Top-left corner of the n-th factor card in a frame. */
export function factorSlot(frame: Rect, index: number): Point {
  const perColumn = Math.max(1, Math.floor((frame.h - 2 * MARGIN + GAP) / (FACTOR_CARD.h + GAP)));
  const column = Math.floor(index / perColumn);
  const row = index % perColumn;
  return { x: frame.x + MARGIN + column * (FACTOR_CARD.w + GAP), y: frame.y + MARGIN + row * (FACTOR_CARD.h + GAP) };
}
