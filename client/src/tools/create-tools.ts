import { rectFromPoints, type Point } from '../../../shared/geometry/rect';
import type { NewElement } from '../../../shared/ops/elements';
import { ELEMENT_DEFINITIONS } from '../../../shared/schema/elements';
import { reparent } from './select-tool';
import { DRAG_THRESHOLD, dragThreshold, travelled, type PointerInfo, type Tool, type ToolContext } from './types';

type ShapeType = 'rect' | 'ellipse' | 'frame' | 'note' | 'text';

/**
 * Rectangles, ellipses, frames, notes and text: click for the default size, or drag to
 * size it. Afterwards the new element is selected and the select tool is back; notes and
 * text open for typing at once.
 */
export class ShapeTool implements Tool {
  private start: PointerInfo | null = null;

  constructor(private readonly type: ShapeType) {}

  get state(): string {
    return this.start ? 'sizing' : 'idle';
  }

  down(_ctx: ToolContext, p: PointerInfo): void {
    this.start = p;
  }

  move(ctx: ToolContext, p: PointerInfo): void {
    if (!this.start || travelled(this.start.screen, p.screen) < dragThreshold(p.pointerType)) return;
    ctx.setPreview({ kind: 'shape', type: this.type, rect: rectFromPoints(this.start.board, p.board) });
  }

  up(ctx: ToolContext, p: PointerInfo): void {
    const start = this.start;
    this.start = null;
    ctx.setPreview(null);
    if (!start) return;
    const { editor } = ctx;
    const defaults = ELEMENT_DEFINITIONS[this.type].defaults as { w: number; h: number };
    const dragged = travelled(start.screen, p.screen) >= dragThreshold(p.pointerType);
    const rect = dragged ? rectFromPoints(start.board, p.board) : { x: start.board.x - defaults.w / 2, y: start.board.y - defaults.h / 2, w: defaults.w, h: defaults.h };
    if (this.type === 'note') {
      // In private brainstorming a new note stays with its author until the reveal.
      const frameId = editor.privateFrameFor(rect);
      if (frameId) {
        editor.setTool('select');
        editor.actions.draft({ frameId, x: rect.x, y: rect.y });
        return;
      }
    }
    const input: NewElement = { type: this.type, x: rect.x, y: rect.y, w: Math.max(rect.w, 16), h: Math.max(rect.h, 16) };
    if (this.type === 'note') input.color = editor.state.noteColor;
    // Creating, placing in its frame and the first typing are one undo step.
    editor.beginGesture();
    const [id] = editor.create([input]);
    if (id && this.type !== 'frame') reparent(ctx, [id]);
    editor.setTool('select');
    const typed = this.type === 'note' || this.type === 'text' || this.type === 'frame';
    if (id) editor.select([id]);
    if (!id || !typed) return editor.endGesture();
    editor.continueGestureInto(id);
    ctx.startEditing(id);
  }

  cancel(ctx: ToolContext): void {
    this.start = null;
    ctx.setPreview(null);
  }
}

/** Freehand pen: the stroke follows the pointer; the tool stays on for the next one. */
export class PenTool implements Tool {
  private origin: Point | null = null;
  private points: number[] = [];

  get state(): string {
    return this.origin ? 'drawing' : 'idle';
  }

  down(ctx: ToolContext, p: PointerInfo): void {
    this.origin = p.board;
    this.points = [0, 0];
    ctx.setPreview({ kind: 'stroke', origin: p.board, points: this.points });
  }

  move(ctx: ToolContext, p: PointerInfo): void {
    if (!this.origin) return;
    const x = p.board.x - this.origin.x;
    const y = p.board.y - this.origin.y;
    const lastX = this.points[this.points.length - 2]!;
    const lastY = this.points[this.points.length - 1]!;
    // Skip points closer than a screen pixel: they add size, not shape.
    if (Math.hypot(x - lastX, y - lastY) * ctx.editor.state.viewport.scale < 1.5) return;
    if (this.points.length >= 10_000) return;
    this.points = [...this.points, x, y];
    ctx.setPreview({ kind: 'stroke', origin: this.origin, points: this.points });
  }

  up(ctx: ToolContext): void {
    const origin = this.origin;
    this.origin = null;
    ctx.setPreview(null);
    if (!origin) return;
    const points = this.points.length === 2 ? [0, 0, 0.1, 0.1] : this.points;
    const [id] = ctx.editor.create([{ type: 'stroke', x: origin.x, y: origin.y, points }]);
    if (id) reparent(ctx, [id]);
    ctx.editor.endGesture();
  }

  cancel(ctx: ToolContext): void {
    this.origin = null;
    ctx.setPreview(null);
  }
}

/** Connector: press on an element (or anywhere), release on another; ends stick to elements. */
export class ConnectorTool implements Tool {
  private from: { point: Point; id: string | null } | null = null;

  get state(): string {
    return this.from ? 'connecting' : 'idle';
  }

  down(ctx: ToolContext, p: PointerInfo): void {
    const hit = ctx.hit(p.board);
    this.from = { point: p.board, id: hit && hit.type !== 'connector' ? hit.id : null };
  }

  move(ctx: ToolContext, p: PointerInfo): void {
    if (this.from) ctx.setPreview({ kind: 'connector', from: this.from.point, to: p.board });
  }

  up(ctx: ToolContext, p: PointerInfo): void {
    const from = this.from;
    this.from = null;
    ctx.setPreview(null);
    if (!from) return;
    const hit = ctx.hit(p.board);
    const to = hit && hit.type !== 'connector' ? hit.id : null;
    if (travelled(from.point, p.board) * ctx.editor.state.viewport.scale < DRAG_THRESHOLD * 2 || (to !== null && to === from.id)) return;
    const input: NewElement = {
      type: 'connector',
      x: from.point.x,
      y: from.point.y,
      from: from.id,
      to,
      points: [0, 0, p.board.x - from.point.x, p.board.y - from.point.y],
    };
    const [id] = ctx.editor.create([input]);
    ctx.editor.endGesture();
    ctx.editor.setTool('select');
    if (id) ctx.editor.select([id]);
  }

  cancel(ctx: ToolContext): void {
    this.from = null;
    ctx.setPreview(null);
  }
}
