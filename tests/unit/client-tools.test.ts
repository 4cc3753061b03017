import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { elementsOf } from '../../shared/schema/doc';
import { Editor } from '../../client/src/editor/editor';
import { createTool } from '../../client/src/tools';
import { ConnectorTool, PenTool, ShapeTool } from '../../client/src/tools/create-tools';
import { SelectTool } from '../../client/src/tools/select-tool';
import type { PointerInfo, Preview, Tool, ToolContext } from '../../client/src/tools/types';
import { boardToScreen, hitTest, type Handle, type Point } from '../../shared/geometry';
import { readElements } from '../../shared/schema/plain';
import { snapshot } from './support';

const editors: Editor[] = [];
afterEach(() => {
  for (const editor of editors.splice(0)) editor.destroy();
});

interface FakeContext extends ToolContext {
  previews: (Preview | null)[];
  editing: string[];
  handle: Handle | null;
  handleQueries: Point[];
}

/** A canvas stand-in: real hit-testing over the store, a configurable resize handle, recorded previews. */
function setup(): { editor: Editor; ctx: FakeContext } {
  const editor = new Editor(new Y.Doc(), 'Ala');
  editors.push(editor);
  const ctx: FakeContext = {
    editor,
    previews: [],
    editing: [],
    handle: null,
    handleQueries: [],
    hit: (point) => hitTest(editor.store.ordered(), point, editor.store.lookup, 4 / editor.state.viewport.scale),
    handleAt(screen) {
      this.handleQueries.push(screen);
      return this.handle;
    },
    setPreview(preview) {
      this.previews.push(preview);
    },
    startEditing(id) {
      this.editing.push(id);
    },
  };
  return { editor, ctx };
}

/** A pointer at a board point, with its screen point from the editor's viewport. */
function at(editor: Editor, x: number, y: number, options: { shift?: boolean } = {}): PointerInfo {
  const board = { x, y };
  return { board, screen: boardToScreen(editor.state.viewport, board), shift: options.shift ?? false, mod: false, pointerType: 'mouse' };
}

/** Runs a press–drag–release and records the tool's state after each step. */
function gesture(tool: Tool, ctx: ToolContext, points: PointerInfo[]): string[] {
  const states = [tool.state];
  tool.down(ctx, points[0]!);
  states.push(tool.state);
  for (const p of points.slice(1)) {
    tool.move(ctx, p);
    states.push(tool.state);
  }
  tool.up(ctx, points.at(-1)!);
  states.push(tool.state);
  return states;
}

describe('SelectTool', () => {
  function board() {
    const { editor, ctx } = setup();
    const [a, b, c] = editor.create([
      { type: 'note', x: 0, y: 0, w: 100, h: 100 },
      { type: 'note', x: 200, y: 0, w: 100, h: 100 },
      { type: 'rect', x: 400, y: 0, w: 100, h: 100 },
    ]);
    editor.endGesture();
    return { editor, ctx, a: a!, b: b!, c: c!, tool: new SelectTool() };
  }

  it('a click selects the element under the pointer; a click on the canvas clears the selection', () => {
    const { editor, ctx, a, tool } = board();
    const states = gesture(tool, ctx, [at(editor, 50, 50)]);
    expect(states).toEqual(['idle', 'pointing-element', 'idle']);
    expect([...editor.state.selection]).toEqual([a]);
    gesture(tool, ctx, [at(editor, 50, 500)]);
    expect(editor.state.selection.size).toBe(0);
  });

  it('shift-click adds to the selection, and shift-click on a selected element removes it', () => {
    const { editor, ctx, a, b, tool } = board();
    gesture(tool, ctx, [at(editor, 50, 50)]);
    gesture(tool, ctx, [at(editor, 250, 50, { shift: true })]);
    expect([...editor.state.selection].sort()).toEqual([a, b].sort());
    gesture(tool, ctx, [at(editor, 50, 50, { shift: true })]);
    expect([...editor.state.selection]).toEqual([b]);
    // Shift-click on empty canvas keeps the selection.
    gesture(tool, ctx, [at(editor, 50, 500, { shift: true })]);
    expect([...editor.state.selection]).toEqual([b]);
  });

  it('a plain click on one of several selected elements selects just that one', () => {
    const { editor, ctx, a, b, tool } = board();
    editor.select([a, b]);
    gesture(tool, ctx, [at(editor, 250, 50)]);
    expect([...editor.state.selection]).toEqual([b]);
  });

  it('a drag past the threshold moves the selection by the pointer delta: idle → pointing-element → dragging → idle', () => {
    const { editor, ctx, a, b, c, tool } = board();
    editor.select([a, b]);
    const states = gesture(tool, ctx, [at(editor, 50, 50), at(editor, 52, 50), at(editor, 60, 70), at(editor, 90, 120)]);
    expect(states).toEqual(['idle', 'pointing-element', 'pointing-element', 'dragging', 'dragging', 'idle']);
    expect(editor.store.get(a)).toMatchObject({ x: 40, y: 70 });
    expect(editor.store.get(b)).toMatchObject({ x: 240, y: 70 });
    expect(editor.store.get(c)).toMatchObject({ x: 400, y: 0 });
    // Dragging a selected element keeps the whole selection.
    expect([...editor.state.selection].sort()).toEqual([a, b].sort());
    // The whole drag is one undo step.
    editor.undo();
    expect(editor.store.get(a)).toMatchObject({ x: 0, y: 0 });
    expect(editor.store.get(b)).toMatchObject({ x: 200, y: 0 });
  });

  it('a drag with a long pause in the middle is still one undo step', () => {
    vi.useFakeTimers();
    try {
      const { editor, ctx, a, tool } = board();
      tool.down(ctx, at(editor, 50, 50));
      tool.move(ctx, at(editor, 60, 50));
      vi.advanceTimersByTime(5_000);
      tool.move(ctx, at(editor, 150, 50));
      tool.up(ctx, at(editor, 150, 50));
      expect(editor.store.get(a)).toMatchObject({ x: 100 });
      editor.undo();
      expect(editor.store.get(a)).toMatchObject({ x: 0 });
    } finally {
      vi.useRealTimers();
    }
  });

  it('two quick separate edits are two undo steps', () => {
    const { editor, a } = board();
    editor.update(a, { color: '#fca5a5' });
    editor.move([a], 10, 0);
    editor.undo();
    expect(editor.store.get(a)).toMatchObject({ x: 0, color: '#fca5a5' });
  });

  it('dragging an unselected element selects and moves only it', () => {
    const { editor, ctx, a, b, tool } = board();
    editor.select([a]);
    gesture(tool, ctx, [at(editor, 250, 50), at(editor, 280, 50)]);
    expect([...editor.state.selection]).toEqual([b]);
    expect(editor.store.get(b)!.x).toBe(230);
    expect(editor.store.get(a)!.x).toBe(0);
  });

  it('a press that stays under the threshold moves nothing', () => {
    const { editor, ctx, tool } = board();
    const before = snapshot(editor.doc);
    const states = gesture(tool, ctx, [at(editor, 50, 50), at(editor, 51, 51), at(editor, 52, 49), at(editor, 50, 52)]);
    expect(states).not.toContain('dragging');
    expect(snapshot(editor.doc)).toEqual(before);
  });

  it('the threshold is in screen pixels: at 4× zoom a 1-board-unit drag moves', () => {
    const { editor, ctx, a, tool } = board();
    editor.setViewport({ x: 0, y: 0, scale: 4 });
    gesture(tool, ctx, [at(editor, 50, 50), at(editor, 51, 50)]);
    expect(editor.store.get(a)!.x).toBe(1);
    // …while at 1/4 zoom a 10-unit pointer drift (2.5 px) does not.
    editor.setViewport({ x: 0, y: 0, scale: 0.25 });
    gesture(tool, ctx, [at(editor, 51, 50), at(editor, 61, 50)]);
    expect(editor.store.get(a)!.x).toBe(1);
  });

  it('the marquee selects fully contained elements only', () => {
    const { editor, ctx, a, b, tool } = board();
    // Covers a and b wholly, c only in part.
    const states = gesture(tool, ctx, [at(editor, -10, -10), at(editor, 0, 0), at(editor, 450, 150)]);
    expect(states).toEqual(['idle', 'pointing-canvas', 'marquee', 'marquee', 'idle']);
    expect([...editor.state.selection].sort()).toEqual([a, b].sort());
    expect(ctx.previews).toContainEqual({ kind: 'marquee', rect: { x: -10, y: -10, w: 460, h: 160 } });
    expect(ctx.previews.at(-1)).toBeNull();
  });

  it('a shift-marquee adds to the selection', () => {
    const { editor, ctx, a, c, tool } = board();
    editor.select([c]);
    gesture(tool, ctx, [at(editor, -10, -10, { shift: true }), at(editor, 150, 150, { shift: true })]);
    expect([...editor.state.selection].sort()).toEqual([a, c].sort());
  });

  it('dragging a resize handle scales the selected elements', () => {
    const { editor, ctx, a, b, tool } = board();
    editor.select([a, b]);
    ctx.handle = 'se';
    // The selection box is (0,0)–(300,100); pulling its corner to (600,200) doubles it.
    const states = gesture(tool, ctx, [at(editor, 300, 100), at(editor, 450, 150), at(editor, 600, 200)]);
    expect(states).toEqual(['idle', 'resizing', 'resizing', 'resizing', 'idle']);
    expect(editor.store.get(a)).toMatchObject({ x: 0, y: 0, w: 200, h: 200 });
    expect(editor.store.get(b)).toMatchObject({ x: 400, y: 0, w: 200, h: 200 });
    expect(ctx.handleQueries[0]).toEqual({ x: 300, y: 100 });
    // One undo step for the whole resize.
    editor.undo();
    expect(editor.store.get(a)).toMatchObject({ w: 100, h: 100 });
  });

  it('resizing a stroke scales its points; connectors are left to follow', () => {
    const { editor, ctx } = setup();
    const [stroke, line] = editor.create([
      { type: 'stroke', x: 0, y: 0, points: [0, 0, 100, 100], strokeWidth: 2 },
      { type: 'connector', x: 0, y: 0, points: [0, 0, 50, 0] },
    ]);
    editor.select([stroke!, line!]);
    ctx.handle = 'e';
    const box = editor.selectionBounds()!;
    gesture(new SelectTool(), ctx, [at(editor, box.x + box.w, 50), at(editor, box.x + 2 * box.w + 1, 50)]);
    const s = editor.store.get(stroke!)!;
    expect(s.type === 'stroke' && s.points[2]).toBeGreaterThan(190);
    expect(editor.store.get(line!)).toMatchObject({ x: 0, y: 0, points: [0, 0, 50, 0] });
    expect(readElements(editor.doc).invalid).toEqual([]);
  });

  it('dropping a note wholly inside a frame puts it in; dragging it out takes it out', () => {
    const { editor, ctx } = setup();
    const tool = new SelectTool();
    const [frame] = editor.create([{ type: 'frame', x: 0, y: 0, w: 800, h: 600 }]);
    const [note] = editor.create([{ type: 'note', x: 1000, y: 0, w: 100, h: 100 }]);
    // Partly inside: no parent yet.
    gesture(tool, ctx, [at(editor, 1050, 50), at(editor, 800, 50)]);
    expect(editor.store.get(note!)).toMatchObject({ x: 750, parentId: null });
    gesture(tool, ctx, [at(editor, 800, 50), at(editor, 500, 250)]);
    expect(editor.store.get(note!)).toMatchObject({ x: 450, y: 200, parentId: frame });
    // Moving the frame carries the note.
    gesture(tool, ctx, [at(editor, 400, -16), at(editor, 400, 84)]);
    expect(editor.store.get(frame!)).toMatchObject({ x: 0, y: 100 });
    expect(editor.store.get(note!)).toMatchObject({ x: 450, y: 300, parentId: frame });
    // Dragged out again.
    gesture(tool, ctx, [at(editor, 500, 350), at(editor, 1500, 350)]);
    expect(editor.store.get(note!)).toMatchObject({ x: 1450, parentId: null });
  });

  it('read-only: selecting works, dragging and handles do nothing', () => {
    const { editor, ctx, a, tool } = board();
    editor.select([a]);
    editor.setState({ readOnly: true });
    ctx.handle = 'se';
    const before = snapshot(editor.doc);
    const states = gesture(tool, ctx, [at(editor, 50, 50), at(editor, 150, 150)]);
    expect(states).not.toContain('resizing');
    expect(states).not.toContain('dragging');
    expect(snapshot(editor.doc)).toEqual(before);
    gesture(tool, ctx, [at(editor, 250, 50)]);
    expect(editor.state.selection.size).toBe(1);
  });

  it('cancel returns to idle and clears the preview', () => {
    const { editor, ctx, tool } = board();
    tool.down(ctx, at(editor, -10, -10));
    tool.move(ctx, at(editor, 200, 200));
    expect(tool.state).toBe('marquee');
    tool.cancel(ctx);
    expect(tool.state).toBe('idle');
    expect(ctx.previews.at(-1)).toBeNull();
  });
});

describe('ShapeTool', () => {
  it.each([
    ['note', 200, 200],
    ['text', 240, 40],
    ['rect', 200, 120],
    ['ellipse', 200, 120],
    ['frame', 800, 600],
  ] as const)('a click creates a default-size %s centred on the point, selected, and returns to select', (type, w, h) => {
    const { editor, ctx } = setup();
    editor.setTool(type);
    const tool = createTool(type)!;
    const states = gesture(tool, ctx, [at(editor, 500, 400)]);
    expect(states).toEqual(['idle', 'sizing', 'idle']);
    const [created] = editor.store.ordered();
    expect(created).toMatchObject({ type, x: 500 - w / 2, y: 400 - h / 2, w, h, createdBy: 'Ala' });
    expect([...editor.state.selection]).toEqual([created!.id]);
    expect(editor.state.tool).toBe('select');
    // Notes, text and frame titles open for typing; shapes do not.
    expect(ctx.editing).toEqual(type === 'note' || type === 'text' || type === 'frame' ? [created!.id] : []);
  });

  it('a drag creates an element of the dragged size, whichever way it was dragged', () => {
    const { editor, ctx } = setup();
    const tool = new ShapeTool('rect');
    gesture(tool, ctx, [at(editor, 310, 260), at(editor, 200, 200), at(editor, 10, 60)]);
    expect(editor.store.ordered()[0]).toMatchObject({ type: 'rect', x: 10, y: 60, w: 300, h: 200 });
    expect(ctx.previews).toContainEqual({ kind: 'shape', type: 'rect', rect: { x: 10, y: 60, w: 300, h: 200 } });
    expect(ctx.previews.at(-1)).toBeNull();
  });

  it('a tiny drag still makes a usable element (at least 16 units)', () => {
    const { editor, ctx } = setup();
    gesture(new ShapeTool('ellipse'), ctx, [at(editor, 0, 0), at(editor, 5, 4)]);
    expect(editor.store.ordered()[0]).toMatchObject({ w: 16, h: 16 });
  });

  it('a new note takes the chosen colour', () => {
    const { editor, ctx } = setup();
    editor.setState({ noteColor: '#93c5fd' });
    gesture(new ShapeTool('note'), ctx, [at(editor, 0, 0)]);
    expect(editor.store.ordered()[0]).toMatchObject({ type: 'note', color: '#93c5fd' });
  });

  it('creating in a zoomed view uses board coordinates', () => {
    const { editor, ctx } = setup();
    editor.setViewport({ x: 100, y: 50, scale: 2 });
    gesture(new ShapeTool('rect'), ctx, [at(editor, 10, 20), at(editor, 60, 70)]);
    expect(editor.store.ordered()[0]).toMatchObject({ x: 10, y: 20, w: 50, h: 50 });
  });

  it('a new note and its first text are one undo step; the next edit is a step of its own', () => {
    const { editor, ctx } = setup();
    // As the board page does: editing the element just created stays in the creation's step.
    ctx.startEditing = (id) => editor.beginGesture(id);
    gesture(new ShapeTool('note'), ctx, [at(editor, 0, 0)]);
    const [note] = editor.store.ordered();
    const text = elementsOf(editor.doc).get(note!.id)!.get('text') as Y.Text;
    editor.doc.transact(() => text.insert(0, 'Odpływ młodych'), editor.origin);
    editor.endGesture();
    editor.update(note!.id, { x: 300 });
    editor.undo();
    expect(editor.store.get(note!.id)).toMatchObject({ x: note!.x, text: 'Odpływ młodych' });
    editor.undo();
    expect(editor.store.size).toBe(0);
  });

  it('read-only: nothing is created, a notice says why, no editing starts', () => {
    const { editor, ctx } = setup();
    editor.setState({ readOnly: true });
    gesture(new ShapeTool('note'), ctx, [at(editor, 0, 0)]);
    expect(editor.store.size).toBe(0);
    expect(editor.state.notice?.key).toBe('canvas.readOnly');
    expect(ctx.editing).toEqual([]);
  });
});

describe('PenTool', () => {
  it('draws a stroke whose points are relative to where it started', () => {
    const { editor, ctx } = setup();
    editor.setTool('pen');
    const tool = new PenTool();
    const states = gesture(tool, ctx, [at(editor, 100, 100), at(editor, 110, 105), at(editor, 110.5, 105.5), at(editor, 120, 130)]);
    expect(states).toEqual(['idle', 'drawing', 'drawing', 'drawing', 'drawing', 'idle']);
    const [stroke] = editor.store.ordered();
    // The point closer than 1.5 screen pixels to the last one is skipped.
    expect(stroke).toMatchObject({ type: 'stroke', x: 100, y: 100, points: [0, 0, 10, 5, 20, 30] });
    expect(ctx.previews).toContainEqual({ kind: 'stroke', origin: { x: 100, y: 100 }, points: [0, 0, 10, 5] });
    expect(ctx.previews.at(-1)).toBeNull();
    // The pen stays on for the next stroke.
    expect(editor.state.tool).toBe('pen');
  });

  it('a dot (no movement) still makes a valid, visible stroke', () => {
    const { editor, ctx } = setup();
    gesture(new PenTool(), ctx, [at(editor, 5, 5)]);
    expect(editor.store.ordered()[0]).toMatchObject({ type: 'stroke', x: 5, y: 5, points: [0, 0, 0.1, 0.1] });
  });

  it('each stroke is its own undo step', () => {
    const { editor, ctx } = setup();
    const tool = new PenTool();
    gesture(tool, ctx, [at(editor, 0, 0), at(editor, 10, 10)]);
    gesture(tool, ctx, [at(editor, 50, 0), at(editor, 60, 10)]);
    editor.undo();
    expect(editor.store.ordered().map((e) => e.x)).toEqual([0]);
  });
});

describe('ConnectorTool', () => {
  function board() {
    const { editor, ctx } = setup();
    const [a, b] = editor.create([
      { type: 'note', x: 0, y: 0, w: 100, h: 100 },
      { type: 'note', x: 300, y: 0, w: 100, h: 100 },
    ]);
    editor.setTool('connector');
    return { editor, ctx, a: a!, b: b!, tool: new ConnectorTool() };
  }

  it('from one element to another: attached at both ends, selected, back to select', () => {
    const { editor, ctx, a, b, tool } = board();
    const states = gesture(tool, ctx, [at(editor, 50, 50), at(editor, 200, 50), at(editor, 350, 60)]);
    expect(states).toEqual(['idle', 'connecting', 'connecting', 'connecting', 'idle']);
    const line = editor.store.ordered().find((e) => e.type === 'connector')!;
    expect(line).toMatchObject({ from: a, to: b, x: 50, y: 50, points: [0, 0, 300, 10] });
    expect([...editor.state.selection]).toEqual([line.id]);
    expect(editor.state.tool).toBe('select');
    expect(ctx.previews).toContainEqual({ kind: 'connector', from: { x: 50, y: 50 }, to: { x: 200, y: 50 } });
  });

  it('from empty canvas to an element: a loose start', () => {
    const { editor, ctx, b, tool } = board();
    gesture(tool, ctx, [at(editor, 200, 300), at(editor, 350, 50)]);
    expect(editor.store.ordered().find((e) => e.type === 'connector')).toMatchObject({ from: null, to: b });
  });

  it('does not attach to another connector', () => {
    const { editor, ctx, a, b, tool } = board();
    gesture(tool, ctx, [at(editor, 50, 50), at(editor, 350, 50)]);
    // Press on the middle of the first line, release on a.
    gesture(tool, ctx, [at(editor, 200, 50), at(editor, 50, 80)]);
    const lines = editor.store.ordered().filter((e) => e.type === 'connector');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatchObject({ from: null, to: a });
    expect(lines[0]).toMatchObject({ from: a, to: b });
    // Released on the middle of the first line: a loose end there.
    gesture(tool, ctx, [at(editor, 200, 300), at(editor, 200, 50)]);
    expect(editor.store.ordered().at(-1)).toMatchObject({ type: 'connector', from: null, to: null, points: [0, 0, 0, -250] });
  });

  it('refuses a connector from an element to itself', () => {
    const { editor, ctx, tool } = board();
    gesture(tool, ctx, [at(editor, 10, 10), at(editor, 90, 90)]);
    expect(editor.store.size).toBe(2);
    expect(editor.state.tool).toBe('connector');
  });

  it('refuses a (nearly) zero-length connector', () => {
    const { editor, ctx, tool } = board();
    gesture(tool, ctx, [at(editor, 600, 600), at(editor, 602, 601)]);
    gesture(tool, ctx, [at(editor, 600, 600)]);
    expect(editor.store.size).toBe(2);
  });

  it('a loose line between two canvas points is fine', () => {
    const { editor, ctx, tool } = board();
    gesture(tool, ctx, [at(editor, 600, 600), at(editor, 700, 650)]);
    expect(editor.store.ordered().at(-1)).toMatchObject({ type: 'connector', from: null, to: null, points: [0, 0, 100, 50] });
  });
});

describe('createTool', () => {
  it('gives a fresh state machine per tool, none for the hand', () => {
    expect(createTool('select')).toBeInstanceOf(SelectTool);
    expect(createTool('pen')).toBeInstanceOf(PenTool);
    expect(createTool('connector')).toBeInstanceOf(ConnectorTool);
    for (const id of ['note', 'text', 'rect', 'ellipse', 'frame'] as const) expect(createTool(id)).toBeInstanceOf(ShapeTool);
    expect(createTool('hand')).toBeNull();
    expect(createTool('select')).not.toBe(createTool('select'));
  });
});
