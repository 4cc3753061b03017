import type { Viewport } from './viewport';

/** Size of a frame's own title, drawn with the frame in board units (client FrameShape). */
export const FRAME_TITLE_BOARD_PX = 18;
/** Size of a frame title drawn at a constant screen size when the board is zoomed out. */
export const FRAME_TITLE_SCREEN_PX = 13;
/**
 * Below this zoom the frame's own title would read smaller than FRAME_TITLE_SCREEN_PX, so
 * titles are drawn at screen size instead (as Miro and Figma keep frame names legible when
 * the whole board is in view: they are how people find their way around it).
 */
export const FRAME_TITLE_SCREEN_SCALE = FRAME_TITLE_SCREEN_PX / FRAME_TITLE_BOARD_PX;
/** A frame narrower than this on screen gets no title: there would be no room for a word. */
export const FRAME_TITLE_MIN_WIDTH_PX = 36;
/**
 * At most this many titles at once, those of the largest frames: a board zoomed out over
 * hundreds of frames shows stubs of a few letters each, and every one costs a copy per frame.
 */
export const MAX_FRAME_TITLES = 150;
/** Gap between the title's bottom and the frame's top edge, in screen pixels. */
const GAP_PX = 5;
export interface FrameTitleSource {
  id: string;
  title: string;
  x: number;
  y: number;
  w: number;
  h: number;
  /** Inside another frame (a SWOT quadrant, a TOWS cell): its title must stay within the outer frame. */
  nested: boolean;
  /**
   * For a nested frame, the free board height above it inside its outer frame (up to the outer
   * frame's top or a frame above it): where the title goes when it fits there, above the
   * frame's content; otherwise inside its top edge. See `roomAboveNested`.
   */
  roomAbove?: number;
}

/** What `roomAboveNested` needs of a frame. */
export interface FrameBox {
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
  parentId: string | null;
}

/**
 * For each frame inside another, the free height above it within that outer frame: from its
 * top up to the outer frame's top, or to the bottom of a sibling frame above it that shares
 * some of its width (the TOWS cells of the lower row under those of the upper row).
 */
export function roomAboveNested(frames: readonly FrameBox[]): Map<string, number> {
  const byId = new Map(frames.map((f) => [f.id, f]));
  const siblings = new Map<string, FrameBox[]>();
  for (const f of frames) {
    if (f.parentId === null || !byId.has(f.parentId)) continue;
    const list = siblings.get(f.parentId);
    if (list) list.push(f);
    else siblings.set(f.parentId, [f]);
  }
  const room = new Map<string, number>();
  for (const [parentId, list] of siblings) {
    const parent = byId.get(parentId)!;
    for (const f of list) {
      let free = f.y - parent.y;
      for (const g of list) {
        if (g === f || g.x >= f.x + f.w || f.x >= g.x + g.w) continue;
        const bottom = g.y + g.h;
        if (bottom <= f.y) free = Math.min(free, f.y - bottom);
      }
      room.set(f.id, Math.max(0, free));
    }
  }
  return room;
}

/** Where one title goes on screen: its top-left corner and the width it may take. */
export interface FrameTitlePlacement {
  id: string;
  title: string;
  x: number;
  y: number;
  maxWidth: number;
  /** Drawn inside its frame's top edge, over what the frame holds: it needs a backing to read. */
  inside: boolean;
}

/**
 * Screen places of the titles of the frames that can show one at this zoom: above the
 * frame's top-left corner (for a frame within a frame, only when its outer frame leaves room
 * there, else inside its top edge), no wider than the frame,
 * only those whose place is on screen. Larger frames are placed first, a title that would
 * overlap one already placed is left out, and no more than MAX_FRAME_TITLES are placed. Empty when the frames draw their own titles
 * (zoomed in far enough).
 */
export function frameTitlePlacements(frames: Iterable<FrameTitleSource>, viewport: Viewport, screen: { width: number; height: number }): FrameTitlePlacement[] {
  if (viewport.scale >= FRAME_TITLE_SCREEN_SCALE) return [];
  const candidates = [...frames].filter((f) => f.title.trim() && f.w * viewport.scale >= FRAME_TITLE_MIN_WIDTH_PX).sort((a, b) => b.w * b.h - a.w * a.h);
  const placements: FrameTitlePlacement[] = [];
  for (const frame of candidates) {
    if (placements.length >= MAX_FRAME_TITLES) break;
    const maxWidth = frame.w * viewport.scale;
    const x = frame.x * viewport.scale + viewport.x;
    const top = frame.y * viewport.scale + viewport.y;
    const inside = frame.nested && (frame.roomAbove ?? 0) * viewport.scale < FRAME_TITLE_SCREEN_PX + GAP_PX;
    if (inside && frame.h * viewport.scale < FRAME_TITLE_SCREEN_PX + 2 * GAP_PX) continue;
    const y = inside ? top + GAP_PX : top - GAP_PX - FRAME_TITLE_SCREEN_PX;
    if (x > screen.width || x + maxWidth < 0 || y > screen.height || y + FRAME_TITLE_SCREEN_PX < 0) continue;
    const overlaps = placements.some((p) => x < p.x + p.maxWidth && p.x < x + maxWidth && y < p.y + FRAME_TITLE_SCREEN_PX && p.y < y + FRAME_TITLE_SCREEN_PX);
    if (!overlaps) placements.push({ id: frame.id, title: frame.title.trim(), x, y, maxWidth, inside });
  }
  return placements;
}

/**
 * The text as it fits in `maxWidth`: whole, or cut between characters (never after a space)
 * and ended with an ellipsis; null when not even one character and the ellipsis fit.
 * Widths are summed per character, which ignores kerning: close enough to choose the cut.
 */
export function shortenToWidth(text: string, maxWidth: number, characterWidth: (character: string) => number, ellipsis = '…'): string | null {
  const characters = [...text];
  let total = 0;
  for (const c of characters) total += characterWidth(c);
  if (total <= maxWidth) return text;
  const room = maxWidth - characterWidth(ellipsis);
  let width = 0;
  let fits = 0;
  for (let i = 0; i < characters.length; i++) {
    width += characterWidth(characters[i]!);
    if (width > room) break;
    if (characters[i] !== ' ') fits = i + 1;
  }
  return fits > 0 ? `${characters.slice(0, fits).join('')}${ellipsis}` : null;
}
