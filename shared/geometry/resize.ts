import type { Point, Rect } from './rect';

/** A resize handle: which edges it moves. */
export type Handle = 'nw' | 'n' | 'ne' | 'e' | 'se' | 's' | 'sw' | 'w';
export const HANDLES: readonly Handle[] = ['nw', 'n', 'ne', 'e', 'se', 's', 'sw', 'w'];

export function handlePosition(r: Rect, handle: Handle): Point {
  const x = handle.includes('w') ? r.x : handle.includes('e') ? r.x + r.w : r.x + r.w / 2;
  const y = handle.includes('n') ? r.y : handle.includes('s') ? r.y + r.h : r.y + r.h / 2;
  return { x, y };
}

/**
 * The box after dragging `handle` by (dx, dy). It never flips or shrinks below
 * `minSize`; with `keepRatio` corners keep the aspect ratio.
 */
export function resizeRect(r: Rect, handle: Handle, dx: number, dy: number, keepRatio = false, minSize = 8): Rect {
  let left = r.x;
  let top = r.y;
  let right = r.x + r.w;
  let bottom = r.y + r.h;
  if (handle.includes('w')) left = Math.min(left + dx, right - minSize);
  if (handle.includes('e')) right = Math.max(right + dx, left + minSize);
  if (handle.includes('n')) top = Math.min(top + dy, bottom - minSize);
  if (handle.includes('s')) bottom = Math.max(bottom + dy, top + minSize);
  let out = { x: left, y: top, w: right - left, h: bottom - top };
  if (keepRatio && handle.length === 2 && r.w > 0 && r.h > 0) {
    const ratio = r.w / r.h;
    const w = Math.max(out.w, out.h * ratio);
    const h = w / ratio;
    out = { x: handle.includes('w') ? right - w : left, y: handle.includes('n') ? bottom - h : top, w, h };
  }
  return out;
}

/** Maps a box inside `from` to the same relative place inside `to` (resizing a selection). */
export function mapRect(inner: Rect, from: Rect, to: Rect): Rect {
  const sx = from.w === 0 ? 1 : to.w / from.w;
  const sy = from.h === 0 ? 1 : to.h / from.h;
  return { x: to.x + (inner.x - from.x) * sx, y: to.y + (inner.y - from.y) * sy, w: inner.w * sx, h: inner.h * sy };
}
