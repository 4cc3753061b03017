import type { Element } from '../../../shared/schema/elements';
import type { Handle } from '../../../shared/geometry/resize';
import type { Point, Rect } from '../../../shared/geometry/rect';
import type { Editor } from '../editor/editor';

/** A pointer event, already in board coordinates. */
export interface PointerInfo {
  screen: Point;
  board: Point;
  shift: boolean;
  /** Ctrl or Cmd. */
  mod: boolean;
  pointerType: string;
}

/** What a tool in progress wants drawn on the interactive layer. */
export type Preview =
  | { kind: 'marquee'; rect: Rect }
  | { kind: 'shape'; type: 'rect' | 'ellipse' | 'frame' | 'note' | 'text'; rect: Rect }
  | { kind: 'stroke'; origin: Point; points: number[] }
  | { kind: 'connector'; from: Point; to: Point };

/** What a tool may ask of the canvas around it. */
export interface ToolContext {
  editor: Editor;
  /** The topmost element at a board point. */
  hit(point: Point): Element | undefined;
  /** The selection's resize handle at a screen point, if any. */
  handleAt(screen: Point): Handle | null;
  setPreview(preview: Preview | null): void;
  startEditing(id: string): void;
}

/** A tool is a small state machine driven by pointer events. */
export interface Tool {
  /** The current state's name, for tests and debugging. */
  readonly state: string;
  down(ctx: ToolContext, p: PointerInfo): void;
  move(ctx: ToolContext, p: PointerInfo): void;
  up(ctx: ToolContext, p: PointerInfo): void;
  cancel(ctx: ToolContext): void;
}

/** Screen pixels a pointer must travel before a press becomes a drag. */
export const DRAG_THRESHOLD = 3;

/**
 * The same for this kind of pointer: a finger rolls several pixels during a tap, which with
 * the mouse's 3 px made a tap with the note tool draw a 16 px note, and a tap on a note move it.
 */
export function dragThreshold(pointerType: string): number {
  return pointerType === 'touch' ? 10 : pointerType === 'pen' ? 6 : DRAG_THRESHOLD;
}

export function travelled(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}
