import { elementBounds } from '../../../shared/geometry/elements';
import { containsRect, rectFromPoints, type Point, type Rect } from '../../../shared/geometry/rect';
import { mapRect, resizeRect, type Handle } from '../../../shared/geometry/resize';
import { placedByBox, type Element } from '../../../shared/schema/elements';
import { putIntoFrame } from '../../../shared/ops/elements';
import { dragThreshold, travelled, type PointerInfo, type Tool, type ToolContext } from './types';

type State =
  | { name: 'idle' }
  | { name: 'pointing-element'; start: PointerInfo; id: string; wasSelected: boolean }
  | { name: 'dragging'; last: Point; pending: Point; written: number }
  | { name: 'pointing-canvas'; start: PointerInfo; additive: boolean }
  | { name: 'marquee'; start: Point; additive: boolean; base: ReadonlySet<string> }
  | { name: 'resizing'; start: Point; handle: Handle; box: Rect; originals: Map<string, Element> };

/**
 * Select, move, resize and marquee. States: idle → pointing-element → dragging, idle →
 * pointing-canvas → marquee, idle → resizing.
 */
export class SelectTool implements Tool {
  private s: State = { name: 'idle' };

  get state(): string {
    return this.s.name;
  }

  down(ctx: ToolContext, p: PointerInfo): void {
    const { editor } = ctx;
    const handle = editor.state.readOnly ? null : ctx.handleAt(p.screen);
    const box = editor.selectionBounds();
    if (handle && box) {
      const originals = new Map(editor.selectedElements().map((e) => [e.id, e]));
      editor.beginGesture();
      editor.lift(originals.keys(), 'resize');
      this.s = { name: 'resizing', start: p.board, handle, box, originals };
      return;
    }
    const hit = ctx.hit(p.board);
    if (hit) {
      const wasSelected = editor.state.selection.has(hit.id);
      if (p.shift) {
        if (!wasSelected) editor.select([...editor.state.selection, hit.id]);
      } else if (!wasSelected) {
        editor.select([hit.id]);
      }
      this.s = { name: 'pointing-element', start: p, id: hit.id, wasSelected };
      return;
    }
    if (!p.shift) editor.select([]);
    this.s = { name: 'pointing-canvas', start: p, additive: p.shift };
  }

  move(ctx: ToolContext, p: PointerInfo): void {
    const s = this.s;
    const { editor } = ctx;
    switch (s.name) {
      case 'pointing-element':
        if (travelled(s.start.screen, p.screen) < dragThreshold(p.pointerType) || editor.state.readOnly) return;
        editor.beginGesture();
        editor.lift(editor.state.selection);
        this.s = { name: 'dragging', last: s.start.board, pending: { x: 0, y: 0 }, written: -Infinity };
        return this.move(ctx, p);
      case 'dragging': {
        // The document (and everyone else) gets the move a few times a second; in between
        // the lifted elements are only shown further along, which costs one layer's redraw.
        const pending = { x: s.pending.x + p.board.x - s.last.x, y: s.pending.y + p.board.y - s.last.y };
        this.s = { ...s, last: p.board, pending };
        if (now() - s.written >= DRAG_WRITE_INTERVAL_MS) this.writeDrag(editor);
        else editor.setLiftOffset(pending);
        return;
      }
      case 'pointing-canvas':
        if (travelled(s.start.screen, p.screen) < dragThreshold(p.pointerType)) return;
        this.s = { name: 'marquee', start: s.start.board, additive: s.additive, base: editor.state.selection };
        return this.move(ctx, p);
      case 'marquee': {
        const rect = rectFromPoints(s.start, p.board);
        ctx.setPreview({ kind: 'marquee', rect });
        const inside = editor.store
          .ordered()
          .filter((e) => containsRect(rect, elementBounds(e, editor.store.lookup)))
          .map((e) => e.id);
        editor.select(s.additive ? new Set([...s.base, ...inside]) : inside);
        return;
      }
      case 'resizing': {
        const box = resizeRect(s.box, s.handle, p.board.x - s.start.x, p.board.y - s.start.y, p.shift);
        const patches = new Map<string, Record<string, unknown>>();
        for (const original of s.originals.values()) {
          const patch = resizePatch(original, s.box, box, editor.store.lookup);
          if (patch) patches.set(original.id, patch);
        }
        editor.updateMany(patches);
        return;
      }
      case 'idle':
        return;
    }
  }

  up(ctx: ToolContext, p: PointerInfo): void {
    const s = this.s;
    const { editor } = ctx;
    if (s.name === 'pointing-element' && p.shift && s.wasSelected) {
      editor.select([...editor.state.selection].filter((id) => id !== s.id));
    } else if (s.name === 'pointing-element' && !p.shift && editor.state.selection.size > 1) {
      editor.select([s.id]);
    } else if (s.name === 'dragging') {
      this.writeDrag(editor);
      reparent(ctx, [...editor.state.selection]);
      editor.actions.moved([...editor.state.selection]);
      editor.endGesture();
      editor.drop();
    } else if (s.name === 'resizing') {
      editor.endGesture();
      editor.drop();
    }
    ctx.setPreview(null);
    this.s = { name: 'idle' };
  }

  /** Writes the drag's distance not yet in the document, and shows the elements where it has them. */
  private writeDrag(editor: ToolContext['editor']): void {
    const s = this.s;
    if (s.name !== 'dragging') return;
    // Both in one synchronous step: React draws the new positions and the cleared offset together.
    editor.move([...editor.state.selection], s.pending.x, s.pending.y);
    editor.setLiftOffset({ x: 0, y: 0 });
    this.s = { ...s, pending: { x: 0, y: 0 }, written: now() };
  }

  cancel(ctx: ToolContext): void {
    if (this.s.name === 'dragging' || this.s.name === 'resizing') {
      if (this.s.name === 'dragging') this.writeDrag(ctx.editor);
      ctx.editor.endGesture();
      ctx.editor.drop();
    }
    ctx.setPreview(null);
    this.s = { name: 'idle' };
  }
}

/** How often a drag writes the moved elements' position into the document (20 times a second). */
const DRAG_WRITE_INTERVAL_MS = 50;

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** New geometry for one element when the selection box goes from `from` to `to`. */
function resizePatch(element: Element, from: Rect, to: Rect, lookup: (id: string) => Element | undefined): Record<string, unknown> | null {
  if (element.type === 'connector') return null;
  if (element.type === 'stroke') {
    const bounds = elementBounds(element, lookup);
    const target = mapRect(bounds, from, to);
    const sx = bounds.w === 0 ? 1 : target.w / bounds.w;
    const sy = bounds.h === 0 ? 1 : target.h / bounds.h;
    const points = element.points.map((v, i) => (i % 2 === 0 ? v * sx : v * sy));
    return { x: target.x + (element.x - bounds.x) * sx, y: target.y + (element.y - bounds.y) * sy, points };
  }
  const target = mapRect({ x: element.x, y: element.y, w: element.w, h: element.h }, from, to);
  return { x: target.x, y: target.y, w: Math.max(8, target.w), h: Math.max(8, target.h) };
}

/** After a move or creation, elements wholly inside a frame belong to it; outside, to none. */
export function reparent(ctx: ToolContext, ids: string[]): void {
  const { editor } = ctx;
  const frames = editor.store.ofType('frame');
  const changes = new Map<string | null, string[]>();
  for (const id of ids) {
    const element = editor.store.get(id);
    // Frames go by their parent chain and connectors by their ends (shared/schema placement).
    if (!element || !placedByBox(element.type)) continue;
    const bounds = elementBounds(element, editor.store.lookup);
    const frame = [...frames].reverse().find((f) => containsRect({ x: f.x, y: f.y, w: f.w, h: f.h }, bounds));
    const parent = frame?.id ?? null;
    if (element.parentId !== parent) changes.set(parent, [...(changes.get(parent) ?? []), id]);
  }
  if (changes.size === 0 || editor.state.readOnly) return;
  editor.doc.transact(() => {
    for (const [parent, members] of changes) putIntoFrame(editor.doc, members, parent, editor.origin);
  }, editor.origin);
}
