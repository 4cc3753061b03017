import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { Editor } from '../../client/src/editor/editor';
import { SelectTool } from '../../client/src/tools/select-tool';
import type { PointerInfo, ToolContext } from '../../client/src/tools/types';
import { boardToScreen, hitTest } from '../../shared/geometry';

const editors: Editor[] = [];
afterEach(() => {
  for (const editor of editors.splice(0)) editor.destroy();
  vi.useRealTimers();
});

function setup() {
  const editor = new Editor(new Y.Doc(), 'Ala');
  editors.push(editor);
  const ctx: ToolContext = {
    editor,
    hit: (point) => hitTest(editor.store.ordered(), point, editor.store.lookup, 4),
    handleAt: () => null,
    setPreview: () => {},
    startEditing: () => {},
  };
  const [frame] = editor.create([{ type: 'frame', x: 0, y: 0, w: 600, h: 400, title: 'Ramka' }]);
  const [inside, inside2, outside] = editor.create([
    { type: 'note', x: 40, y: 40, w: 100, h: 100, parentId: frame },
    { type: 'note', x: 400, y: 200, w: 100, h: 100, parentId: frame },
    { type: 'note', x: 1000, y: 0, w: 100, h: 100 },
  ]);
  const [carried, following] = editor.create([
    { type: 'connector', from: inside, to: inside2 },
    { type: 'connector', from: inside2, to: outside },
  ]);
  editor.endGesture();
  return { editor, ctx, tool: new SelectTool(), frame: frame!, inside: inside!, inside2: inside2!, outside: outside!, carried: carried!, following: following! };
}

function at(editor: Editor, x: number, y: number): PointerInfo {
  const board = { x, y };
  return { board, screen: boardToScreen(editor.state.viewport, board), shift: false, mod: false, pointerType: 'mouse' };
}

describe('lifting what a drag moves', () => {
  it('a dragged frame lifts its contents and the connectors attached; only those reaching outside follow', () => {
    const { editor, ctx, tool, frame, inside, inside2, outside, carried, following } = setup();
    tool.down(ctx, at(editor, 300, -10)); // the frame's title bar
    tool.move(ctx, at(editor, 320, -10));
    expect(tool.state).toBe('dragging');
    expect([...editor.state.lifted].sort()).toEqual([frame, inside, inside2, carried, following].sort());
    expect(editor.state.lifted.has(outside)).toBe(false);
    expect([...editor.state.following]).toEqual([following]);
    tool.up(ctx, at(editor, 320, -10));
    expect(editor.state.lifted.size).toBe(0);
    expect(editor.state.following.size).toBe(0);
  });

  it('between writes the drag is shown as an offset; the document gets it at most every 50 ms and whole on release', () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    const { editor, ctx, tool, inside } = setup();
    tool.down(ctx, at(editor, 90, 90));
    tool.move(ctx, at(editor, 100, 90)); // past the threshold: the first move is written at once
    expect(editor.store.get(inside)).toMatchObject({ x: 50, y: 40 });
    expect(editor.state.liftOffset).toEqual({ x: 0, y: 0 });
    vi.advanceTimersByTime(10);
    tool.move(ctx, at(editor, 130, 100));
    expect(editor.store.get(inside)).toMatchObject({ x: 50, y: 40 });
    expect(editor.state.liftOffset).toEqual({ x: 30, y: 10 });
    vi.advanceTimersByTime(50);
    tool.move(ctx, at(editor, 140, 100));
    expect(editor.store.get(inside)).toMatchObject({ x: 90, y: 50 });
    expect(editor.state.liftOffset).toEqual({ x: 0, y: 0 });
    tool.move(ctx, at(editor, 150, 120));
    expect(editor.state.liftOffset).toEqual({ x: 10, y: 20 });
    tool.up(ctx, at(editor, 150, 120));
    expect(editor.store.get(inside)).toMatchObject({ x: 100, y: 70 });
    expect(editor.state.liftOffset).toEqual({ x: 0, y: 0 });
    // Still one undo step.
    editor.undo();
    expect(editor.store.get(inside)).toMatchObject({ x: 40, y: 40 });
  });
});
