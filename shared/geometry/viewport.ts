import type { Point, Rect } from './rect';

/** How the board maps to the screen: screen = board × scale + (x, y). */
export interface Viewport {
  x: number;
  y: number;
  scale: number;
}

export const MIN_SCALE = 0.05;
export const MAX_SCALE = 8;

export function clampScale(scale: number): number {
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
}

export function screenToBoard(v: Viewport, p: Point): Point {
  return { x: (p.x - v.x) / v.scale, y: (p.y - v.y) / v.scale };
}

export function boardToScreen(v: Viewport, p: Point): Point {
  return { x: p.x * v.scale + v.x, y: p.y * v.scale + v.y };
}

/** Zooms by `factor` keeping the board point under `screenPoint` where it is. */
export function zoomAt(v: Viewport, screenPoint: Point, factor: number): Viewport {
  const scale = clampScale(v.scale * factor);
  const anchor = screenToBoard(v, screenPoint);
  return { scale, x: screenPoint.x - anchor.x * scale, y: screenPoint.y - anchor.y * scale };
}

/** The board area visible on a screen of the given size. */
export function visibleRect(v: Viewport, width: number, height: number): Rect {
  return { x: -v.x / v.scale, y: -v.y / v.scale, w: width / v.scale, h: height / v.scale };
}

/** A viewport showing `bounds` whole, centred, with a margin in screen pixels. */
export function fitBounds(bounds: Rect, width: number, height: number, margin = 48, maxScale = 2): Viewport {
  const w = Math.max(bounds.w, 1);
  const h = Math.max(bounds.h, 1);
  const scale = clampScale(Math.min((width - 2 * margin) / w, (height - 2 * margin) / h, maxScale));
  return { scale, x: width / 2 - (bounds.x + w / 2) * scale, y: height / 2 - (bounds.y + h / 2) * scale };
}

/** Smallest on-screen size at which text being typed is comfortably legible. */
export const EDITING_MIN_TEXT_PX = 14;

/**
 * A viewport in which text of `fontSize` board units inside `bounds` can be read while it is
 * typed: unchanged (null) when it already can; otherwise zoomed in, centred on the element,
 * no further than to fit it on the screen with a margin.
 */
export function readableViewport(v: Viewport, bounds: Rect, fontSize: number, width: number, height: number): Viewport | null {
  if (fontSize * v.scale >= EDITING_MIN_TEXT_PX) return null;
  const fit = fitBounds(bounds, width, height, 48, MAX_SCALE);
  const scale = clampScale(Math.min(EDITING_MIN_TEXT_PX / Math.max(fontSize, 1), fit.scale));
  if (scale <= v.scale) return null;
  return { scale, x: width / 2 - (bounds.x + bounds.w / 2) * scale, y: height / 2 - (bounds.y + bounds.h / 2) * scale };
}

/** Pixels in a line of wheel scrolling, for browsers that report lines (Firefox with a mouse wheel). */
export const WHEEL_LINE_PX = 16;

/**
 * A wheel event's movement in pixels, whatever unit the browser reported it in (0: pixels,
 * 1: lines, 2: pages): Firefox reports a mouse wheel's notch as 3 lines, which read as
 * pixels would pan the board by 3 px and barely zoom.
 */
export function wheelPixels(deltaX: number, deltaY: number, deltaMode: number, pageHeight: number): Point {
  const unit = deltaMode === 1 ? WHEEL_LINE_PX : deltaMode === 2 ? pageHeight : 1;
  return { x: deltaX * unit, y: deltaY * unit };
}

/**
 * A view that brings `bounds` into sight, or null when part of it is in sight already: the
 * same zoom, centred on it, when it fits the screen there; fitted (zoomed out) when not.
 * What undo and redo use, so that a step taken back off-screen is seen, not done silently.
 */
export function revealView(v: Viewport, bounds: Rect, width: number, height: number, margin = 48): Viewport | null {
  const visible = visibleRect(v, width, height);
  const inSight = bounds.x < visible.x + visible.w && visible.x < bounds.x + bounds.w && bounds.y < visible.y + visible.h && visible.y < bounds.y + bounds.h;
  if (inSight) return null;
  const fits = bounds.w * v.scale <= width - 2 * margin && bounds.h * v.scale <= height - 2 * margin;
  if (!fits) return fitBounds(bounds, width, height, margin, v.scale);
  return { scale: v.scale, x: width / 2 - (bounds.x + bounds.w / 2) * v.scale, y: height / 2 - (bounds.y + bounds.h / 2) * v.scale };
}
