import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Editor } from '../../client/src/editor/editor';
import { boardToScreen, center, containsRect, elementBounds, union, visibleRect } from '../../shared/geometry';
import { zOrder } from '../../shared/ops';
import { elementsOf } from '../../shared/schema/doc';
import { LIMITS } from '../../shared/schema/limits';
import { readElements } from '../../shared/schema/plain';
import { snapshot } from './support';

const editors: Editor[] = [];
afterEach(() => {
  for (const editor of editors.splice(0)) editor.destroy();
});

function editorOn(doc = new Y.Doc(), name = 'Ala'): Editor {
  const editor = new Editor(doc, name);
  editors.push(editor);
  return editor;
}

/** Origin of updates arriving from the other peer: no editor's undo manager tracks it. */
const REMOTE = Symbol('remote');

/** Two peers kept in sync the way the provider does: every local update goes to the other doc. */
function twoPeers(): [Editor, Editor] {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== REMOTE) Y.applyUpdate(b, update, REMOTE);
  });
  b.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== REMOTE) Y.applyUpdate(a, update, REMOTE);
  });
  return [editorOn(a, 'Ala'), editorOn(b, 'Bartek')];
}

describe('Editor: per-person undo over two synced docs', () => {
  it("A's undo reverts A's colour change but keeps B's later move of the same note", () => {
    const [a, b] = twoPeers();
    const [note] = a.create([{ type: 'note', x: 0, y: 0 }]);
    a.endGesture();
    expect(b.store.get(note!)).toBeDefined();

    b.move([note!], 100, 50);
    b.endGesture();
    a.update(note!, { color: '#fca5a5' });
    a.endGesture();
    expect(b.store.get(note!)).toMatchObject({ x: 100, y: 50, color: '#fca5a5' });

    a.undo();
    for (const peer of [a, b]) expect(peer.store.get(note!)).toMatchObject({ x: 100, y: 50, color: '#fde68a' });
    expect(snapshot(a.doc)).toEqual(snapshot(b.doc));

    // B's own undo takes back B's move only.
    b.undo();
    for (const peer of [a, b]) expect(peer.store.get(note!)).toMatchObject({ x: 0, y: 0, color: '#fde68a' });
  });

  it("A undoing everything never deletes or changes B's element", () => {
    const [a, b] = twoPeers();
    a.create([{ type: 'note', x: 0, y: 0 }]);
    a.endGesture();
    const [theirs] = b.create([{ type: 'rect', x: 500, y: 500, text: 'Bartka' }]);
    b.endGesture();
    a.create([{ type: 'text', text: 'A' }]);
    a.endGesture();
    for (let i = 0; i < 10; i++) a.undo();
    expect(a.undoManager.canUndo()).toBe(false);
    for (const peer of [a, b]) {
      expect([...elementsOf(peer.doc).keys()]).toEqual([theirs]);
      expect(peer.store.get(theirs!)).toMatchObject({ x: 500, y: 500, text: 'Bartka', createdBy: 'Bartek' });
    }
    // Redo brings A's work back.
    a.redo();
    expect(b.store.size).toBe(2);
  });

  it('a remote deletion removes the element from the local selection', () => {
    const [a, b] = twoPeers();
    const [x, y] = a.create([{ type: 'note' }, { type: 'note' }]);
    a.select([x!, y!]);
    b.select([x!]);
    b.deleteSelection();
    expect([...a.state.selection]).toEqual([y]);
  });
});

describe('Editor: refused edits become notices', () => {
  it('read-only: creating, updating, moving, deleting and reordering change nothing and say why', () => {
    const editor = editorOn();
    const [id] = editor.create([{ type: 'note', x: 1, y: 2 }]);
    editor.select([id!]);
    editor.setState({ readOnly: true });
    const before = snapshot(editor.doc);
    expect(editor.create([{ type: 'note' }])).toEqual([]);
    expect(editor.state.notice?.key).toBe('canvas.readOnly');
    editor.setState({ notice: null });
    editor.update(id!, { x: 50 });
    expect(editor.state.notice?.key).toBe('canvas.readOnly');
    editor.move([id!], 10, 10);
    editor.reorder('back');
    editor.deleteSelection();
    editor.undo();
    expect(editor.paste('some text')).toEqual([]);
    expect(snapshot(editor.doc)).toEqual(before);
  });

  it('an invalid edit is refused with a notice and no change', () => {
    const editor = editorOn();
    const [id] = editor.create([{ type: 'note' }]);
    const before = snapshot(editor.doc);
    editor.update(id!, { color: 'red' });
    expect(editor.state.notice).toMatchObject({ key: 'canvas.refused' });
    expect(snapshot(editor.doc)).toEqual(before);
  });

  it('a move past the coordinate limit is refused (not clamped): nothing moves and the element stays valid', () => {
    const editor = editorOn();
    const [near, other] = editor.create([
      { type: 'note', x: LIMITS.maxCoordinate - 100, y: 0 },
      { type: 'note', x: 0, y: 0 },
    ]);
    const before = snapshot(editor.doc);
    editor.move([near!, other!], 500, 0);
    expect(editor.state.notice).toMatchObject({ key: 'canvas.refused' });
    expect(snapshot(editor.doc)).toEqual(before);
    expect(readElements(editor.doc).invalid).toEqual([]);
    expect(editor.store.get(near!)).toBeDefined();
  });
});

describe('Editor: clipboard', () => {
  function board() {
    const editor = editorOn();
    const [n1, n2, n3] = editor.create([
      { type: 'note', x: 0, y: 0, text: 'Pierwsza' },
      { type: 'note', x: 300, y: 0, text: 'Druga' },
      { type: 'note', x: 600, y: 0 },
    ]);
    const [c12, c13] = editor.create([
      { type: 'connector', from: n1, to: n2, points: [0, 0, 300, 0] },
      { type: 'connector', x: 100, y: 100, from: n1, to: n3, points: [0, 0, 600, 0] },
    ]);
    return { editor, n1: n1!, n2: n2!, n3: n3!, c12: c12!, c13: c13! };
  }

  it('copy/paste: new ids, links between copies remapped, links to uncopied elements become loose', () => {
    const { editor, n1, n2, n3, c12, c13 } = board();
    editor.select([n1, n2, c13]);
    const text = editor.copySelection()!;
    const before = new Set(elementsOf(editor.doc).keys());
    const ids = editor.paste(text);
    expect(ids).toHaveLength(4);
    for (const id of ids) expect(before.has(id)).toBe(false);
    const pasted = ids.map((id) => editor.store.get(id)!);
    const notes = pasted.filter((e) => e.type === 'note');
    const connectors = pasted.filter((e) => e.type === 'connector');
    expect(notes.map((n) => [n.text, n.x, n.y])).toEqual([
      ['Pierwsza', 24, 24],
      ['Druga', 324, 24],
    ]);
    const [p1, p2] = notes.map((n) => n.id);
    // The line between the copied notes came along although it was not selected.
    expect(connectors.map((c) => [c.from, c.to]).sort()).toEqual([
      [p1, null],
      [p1, p2],
    ].sort());
    expect(connectors.some((c) => c.from === n1 || c.to === n2 || c.to === n3)).toBe(false);
    // The originals are untouched.
    expect(editor.store.get(c12)).toMatchObject({ from: n1, to: n2 });
    expect(editor.store.get(c13)).toMatchObject({ from: n1, to: n3 });
    // The pasted shapes (not the lines) are selected.
    expect([...editor.state.selection].sort()).toEqual([p1, p2].sort());
    expect(readElements(editor.doc).invalid).toEqual([]);
  });

  it('pasting into another board works the same (the clipboard is plain text)', () => {
    const { editor, n1, n2 } = board();
    editor.select([n1, n2]);
    const text = editor.copySelection()!;
    const other = editorOn(new Y.Doc(), 'Ola');
    const ids = other.paste(text);
    expect(ids).toHaveLength(3);
    const [p1, p2, line] = ids.map((id) => other.store.get(id)!);
    expect([p1!.type, p2!.type]).toEqual(['note', 'note']);
    expect(line).toMatchObject({ type: 'connector', from: p1!.id, to: p2!.id });
  });

  it('pasting at a point centres the copies there', () => {
    const { editor, n1, n2 } = board();
    editor.select([n1, n2]);
    const ids = editor.paste(editor.copySelection()!, { x: 1000, y: -500 });
    const notes = ids.map((id) => editor.store.get(id)!).filter((e) => e.type === 'note');
    const box = union(notes.map((e) => elementBounds(e, editor.store.lookup)))!;
    expect(center(box)).toEqual({ x: 1000, y: -500 });
  });

  it('pasting what would land out of sight (another board, or panned away) puts it in the middle of the view', () => {
    const { editor, n1, n2 } = board();
    editor.screenSize = { width: 1000, height: 800 };
    editor.select([n1, n2]);
    const text = editor.copySelection()!;
    editor.setViewport({ x: -20_000, y: 5_000, scale: 0.5 });
    const ids = editor.paste(text);
    const notes = ids.map((id) => editor.store.get(id)!).filter((e) => e.type === 'note');
    const box = union(notes.map((e) => elementBounds(e, editor.store.lookup)))!;
    expect(center(box)).toEqual(editor.viewCenter());
  });

  it('fits what it is asked to show into the part of the canvas no panel covers', () => {
    const editor = editorOn();
    editor.screenSize = { width: 1000, height: 800 };
    const frame = { x: 0, y: 0, w: 2000, h: 1000 };
    const whole = editor.fitView(frame);
    expect(frame.w / 2 * whole.scale + whole.x).toBeCloseTo(500);
    editor.coveredLeft = 300;
    const beside = editor.fitView(frame);
    expect(beside.scale).toBeCloseTo((1000 - 300 - 2 * 48) / 2000);
    expect(frame.x * beside.scale + beside.x).toBeGreaterThanOrEqual(300);
    expect(frame.w / 2 * beside.scale + beside.x).toBeCloseTo(300 + 700 / 2);
  });

  it('keeps frame membership only when the frame is copied too', () => {
    const editor = editorOn();
    const [frame] = editor.create([{ type: 'frame', x: 0, y: 0 }]);
    const [inside] = editor.create([{ type: 'note', x: 10, y: 10, parentId: frame }]);
    editor.select([frame!, inside!]);
    const both = editor.paste(editor.copySelection()!);
    const [newFrame, newNote] = both.map((id) => editor.store.get(id)!);
    expect(newFrame!.type).toBe('frame');
    expect(newNote!.parentId).toBe(newFrame!.id);
    editor.select([inside!]);
    const [alone] = editor.paste(editor.copySelection()!);
    expect(editor.store.get(alone!)!.parentId).toBeNull();
  });

  it('copies keep their drawing order whatever order they were selected in', () => {
    const editor = editorOn();
    const [bottom, top] = editor.create([
      { type: 'rect', x: 0, y: 0, text: 'bottom' },
      { type: 'rect', x: 50, y: 50, text: 'top' },
    ]);
    // Selected top first (shift-click order).
    editor.select([top!, bottom!]);
    editor.duplicate();
    const copies = editor.store.ordered().slice(2);
    expect(copies.map((e) => (e.type === 'rect' ? e.text : ''))).toEqual(['bottom', 'top']);
  });

  it('text that is not ours becomes a note at the view centre, selected', () => {
    const editor = editorOn();
    editor.screenSize = { width: 1000, height: 800 };
    editor.setViewport({ x: 100, y: 0, scale: 2 });
    const ids = editor.paste('Zażółć gęślą jaźń 🙂');
    expect(ids).toHaveLength(1);
    const note = editor.store.get(ids[0]!)!;
    expect(note).toMatchObject({ type: 'note', text: 'Zażółć gęślą jaźń 🙂' });
    expect(center(elementBounds(note, editor.store.lookup))).toEqual(editor.viewCenter());
    expect(editor.viewCenter()).toEqual({ x: 200, y: 200 });
    expect([...editor.state.selection]).toEqual(ids);
  });

  it.each([
    ['JSON of another app', '{"elements":[{"type":"note"}]}'],
    ['our marker with a wrong version', '{"warsztat/elements":2,"elements":[]}'],
    ['broken JSON', '{"warsztat/elements":1,'],
  ])('%s is pasted as a note holding the text', (_name, text) => {
    const editor = editorOn();
    const ids = editor.paste(text);
    expect(ids).toHaveLength(1);
    expect(editor.store.get(ids[0]!)).toMatchObject({ type: 'note', text });
  });

  it('a very long text is cut to the limit; blank text pastes nothing', () => {
    const editor = editorOn();
    const [id] = editor.paste('ą'.repeat(LIMITS.maxTextLength + 50));
    expect(editor.store.get(id!)).toMatchObject({ type: 'note', text: 'ą'.repeat(LIMITS.maxTextLength) });
    expect(editor.paste('   \n ')).toEqual([]);
    expect(editor.store.size).toBe(1);
  });

  it('invalid elements in our clipboard format are dropped, valid ones pasted', () => {
    const editor = editorOn();
    const { editor: source, n1 } = board();
    source.select([n1]);
    const parsed = JSON.parse(source.copySelection()!) as { elements: unknown[] };
    parsed.elements.push({ id: 'x', type: 'note', x: 'nowhere' });
    const ids = editor.paste(JSON.stringify(parsed));
    expect(ids).toHaveLength(1);
    expect(editor.store.get(ids[0]!)).toMatchObject({ type: 'note', text: 'Pierwsza' });
  });

  it('duplicate: a copy next to the original, selected; one undo step removes it', () => {
    const { editor, n1 } = board();
    editor.endGesture();
    editor.select([n1]);
    editor.duplicate();
    const [copy] = [...editor.state.selection];
    expect(copy).not.toBe(n1);
    expect(editor.store.get(copy!)).toMatchObject({ type: 'note', x: 24, y: 24, text: 'Pierwsza' });
    // On top of everything.
    expect(zOrder(editor.doc).at(-1)!.id).toBe(copy);
    editor.undo();
    expect(editor.store.get(copy!)).toBeUndefined();
    expect(editor.store.get(n1)).toBeDefined();
  });

  it('copying nothing gives null', () => {
    const { editor } = board();
    editor.select([]);
    expect(editor.copySelection()).toBeNull();
  });
});

describe('Editor: deleting, ordering, viewport', () => {
  it('deleteSelection removes the elements and the connectors attached to them, and clears the selection', () => {
    const editor = editorOn();
    const [a, b, c] = editor.create([{ type: 'note' }, { type: 'note' }, { type: 'note' }]);
    const [ab, bc] = editor.create([
      { type: 'connector', from: a, to: b },
      { type: 'connector', from: b, to: c },
    ]);
    editor.select([a!]);
    editor.deleteSelection();
    expect(editor.store.get(a!)).toBeUndefined();
    expect(editor.store.get(ab!)).toBeUndefined();
    expect(editor.store.get(bc!)).toBeDefined();
    expect(editor.state.selection.size).toBe(0);
  });

  it('selectAll and reorder', () => {
    const editor = editorOn();
    const [a, b, c] = editor.create([{ type: 'note' }, { type: 'note' }, { type: 'note' }]);
    editor.selectAll();
    expect([...editor.state.selection]).toEqual([a, b, c]);
    editor.select([a!]);
    editor.reorder('front');
    expect(editor.store.ordered().map((e) => e.id)).toEqual([b, c, a]);
  });

  it('zoomToFit shows every element, centred', () => {
    const editor = editorOn();
    editor.screenSize = { width: 1000, height: 800 };
    editor.create([
      { type: 'note', x: -500, y: 300 },
      { type: 'frame', x: 2000, y: -1000, w: 800, h: 600 },
      { type: 'stroke', x: 100, y: 2500, points: [0, 0, 50, 50] },
    ]);
    editor.zoomToFit();
    const v = editor.state.viewport;
    const all = union(editor.store.ordered().map((e) => elementBounds(e, editor.store.lookup)))!;
    expect(containsRect(visibleRect(v, 1000, 800), all)).toBe(true);
    const c = boardToScreen(v, center(all));
    expect(c.x).toBeCloseTo(500, 6);
    expect(c.y).toBeCloseTo(400, 6);
    // As large as fits: the tighter side fills the screen but for the 48px margins.
    expect(Math.max(all.w * v.scale - (1000 - 96), all.h * v.scale - (800 - 96))).toBeCloseTo(0, 6);
  });

  it('zoomToFit on an empty board puts the origin in the middle at 100%', () => {
    const editor = editorOn();
    editor.screenSize = { width: 1000, height: 800 };
    editor.setViewport({ x: 5, y: 5, scale: 3 });
    editor.zoomToFit();
    expect(editor.state.viewport).toEqual({ x: 500, y: 400, scale: 1 });
  });

  it('zoomBy zooms around the screen centre', () => {
    const editor = editorOn();
    editor.screenSize = { width: 1000, height: 800 };
    const before = editor.viewCenter();
    editor.zoomBy(2);
    expect(editor.state.viewport.scale).toBe(2);
    expect(editor.viewCenter()).toEqual(before);
  });
});

describe('pasting over-long text', () => {
  it('cuts it at the limit into a note and says so', async () => {
    const { LIMITS } = await import('../../shared/schema/limits');
    const editor = new Editor(new Y.Doc());
    const [id] = editor.paste('ż'.repeat(LIMITS.maxTextLength + 5));
    const note = editor.store.get(id!);
    expect(note?.type === 'note' && note.text.length).toBe(LIMITS.maxTextLength);
    expect(editor.state.notice?.key).toBe('canvas.textCut');
    editor.destroy();
  });
});

describe('Editor: undo shows what it takes back', () => {
  it('brings a change made off-screen into view at the same zoom, and says so', () => {
    const editor = editorOn();
    editor.screenSize = { width: 1000, height: 800 };
    const [id] = editor.create([{ type: 'note', x: 5000, y: 5000, text: 'SWOT: aktywne NGO' }]) as [string];
    editor.update(id, { color: '#fecaca' });
    editor.setViewport({ x: 0, y: 0, scale: 0.8 });
    editor.undo();
    const note = editor.store.get(id)!;
    const view = visibleRect(editor.state.viewport, 1000, 800);
    expect(containsRect(view, elementBounds(note, editor.store.lookup))).toBe(true);
    expect(editor.state.viewport.scale).toBe(0.8);
    expect(editor.state.notice?.key).toBe('history.undoShown');
  });

  it('leaves the view alone when the change is in sight; says how many it removed when it only removed', () => {
    const editor = editorOn();
    editor.screenSize = { width: 1000, height: 800 };
    editor.setViewport({ x: 0, y: 0, scale: 1 });
    const [id] = editor.create([{ type: 'note', x: 100, y: 100, text: 'W zasięgu wzroku' }]) as [string];
    editor.update(id, { color: '#fecaca' });
    editor.undo();
    expect(editor.state.viewport).toEqual({ x: 0, y: 0, scale: 1 });
    editor.undo();
    expect(editor.store.get(id)).toBeUndefined();
    expect(editor.state.notice).toEqual({ key: 'history.undoRemoved', values: { count: 1 } });
  });
});
