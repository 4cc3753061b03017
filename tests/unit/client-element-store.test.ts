import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { ElementStore } from '../../client/src/editor/element-store';
import { createElements, moveElements, reorderElements, updateElement } from '../../shared/ops';
import { elementsOf } from '../../shared/schema/doc';
import { elementMap } from './support';

afterEach(() => {
  vi.restoreAllMocks();
});

/** Writes an element map straight into the doc, bypassing validation (as an old or foreign client might). */
function writeRaw(doc: Y.Doc, id: string, fields: Record<string, unknown>): void {
  const map = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(fields)) map.set(key, value);
  elementsOf(doc).set(id, map);
}

describe('ElementStore: invalid elements', () => {
  it('skips an invalid element, warns once, and loads the rest (present before the store)', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const doc = new Y.Doc();
    const [a, b] = createElements(doc, [{ type: 'note' }, { type: 'rect' }]);
    writeRaw(doc, 'bad', { id: 'bad', type: 'note', x: 'left' });
    const store = new ElementStore(doc);
    expect(store.size).toBe(2);
    expect(store.get('bad')).toBeUndefined();
    expect(store.ordered().map((e) => e.id).sort()).toEqual([a, b].sort());
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toContain('bad');
    // Touching the still-invalid element again does not repeat the warning.
    elementMap(doc, 'bad').set('y', 'top');
    elementMap(doc, 'bad').set('x', 'still not a number');
    expect(warn).toHaveBeenCalledTimes(1);
    expect(store.get('bad')).toBeUndefined();
    // Other elements keep updating.
    updateElement(doc, a!, { x: 42 });
    expect(store.get(a!)?.x).toBe(42);
  });

  it('an invalid element arriving later (a remote update) is skipped and reported once too', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const doc = new Y.Doc();
    const store = new ElementStore(doc);
    const [a] = createElements(doc, [{ type: 'note' }]);
    const remote = new Y.Doc();
    writeRaw(remote, 'junk', { type: 'hologram' });
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote));
    expect(store.size).toBe(1);
    expect(store.get(a!)).toBeDefined();
    expect(warn).toHaveBeenCalledTimes(1);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote));
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('an element repaired later appears, and is reported again if it breaks again', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const doc = new Y.Doc();
    const [a] = createElements(doc, [{ type: 'note' }]);
    const store = new ElementStore(doc);
    elementMap(doc, a!).set('color', 'red');
    expect(store.get(a!)).toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(1);
    elementMap(doc, a!).set('color', '#ff0000');
    expect(store.get(a!)?.type).toBe('note');
    expect(store.ordered().map((e) => e.id)).toEqual([a]);
    elementMap(doc, a!).set('w', -1);
    expect(store.get(a!)).toBeUndefined();
    expect(store.ordered()).toEqual([]);
    expect(warn).toHaveBeenCalledTimes(2);
  });
});

describe('ElementStore: notifications', () => {
  it('a change notifies only the subscribers of the touched element', () => {
    const doc = new Y.Doc();
    const [a, b, c] = createElements(doc, [{ type: 'note', text: 'x' }, { type: 'note' }, { type: 'rect' }]);
    const store = new ElementStore(doc);
    const calls: string[] = [];
    for (const id of [a!, b!, c!]) store.subscribe(id, () => calls.push(id));
    const lists: number[] = [];
    store.subscribeList(() => lists.push(store.listVersion));
    const changes: string[][] = [];
    store.subscribeChanges((ids) => changes.push([...ids]));

    updateElement(doc, a!, { x: 10 });
    expect(calls).toEqual([a]);
    // Typing into a Y.Text is a deep change: still only that element.
    (elementMap(doc, b!).get('text') as Y.Text).insert(0, 'ż');
    expect(calls).toEqual([a, b]);
    expect(changes).toEqual([[a], [b]]);
    // Field edits do not touch membership or order.
    expect(lists).toEqual([]);

    moveElements(doc, [a!, c!], 1, 1);
    expect(calls.slice(2).sort()).toEqual([a, c].sort());
  });

  it('an unsubscribed listener is not called, others still are', () => {
    const doc = new Y.Doc();
    const [a] = createElements(doc, [{ type: 'note' }]);
    const store = new ElementStore(doc);
    let first = 0;
    let second = 0;
    const off = store.subscribe(a!, () => first++);
    store.subscribe(a!, () => second++);
    off();
    updateElement(doc, a!, { x: 3 });
    expect([first, second]).toEqual([0, 1]);
  });

  it('list subscribers hear additions, deletions and reorders', () => {
    const doc = new Y.Doc();
    const store = new ElementStore(doc);
    let lists = 0;
    store.subscribeList(() => lists++);
    const [a, b] = createElements(doc, [{ type: 'note' }, { type: 'note' }]);
    expect(lists).toBe(1);
    reorderElements(doc, [b!], 'back');
    expect(lists).toBe(2);
    elementsOf(doc).delete(a!);
    expect(lists).toBe(3);
    expect(store.size).toBe(1);
  });

  it('destroy stops listening to the doc', () => {
    const doc = new Y.Doc();
    const [a] = createElements(doc, [{ type: 'note' }]);
    const store = new ElementStore(doc);
    let calls = 0;
    store.subscribe(a!, () => calls++);
    store.destroy();
    updateElement(doc, a!, { x: 7 });
    expect(calls).toBe(0);
  });
});

describe('ElementStore: ordered()', () => {
  it('reflects field edits at once (no stale element objects from the order cache)', () => {
    const doc = new Y.Doc();
    const [a, b] = createElements(doc, [{ type: 'note', x: 0 }, { type: 'note', x: 0 }]);
    const store = new ElementStore(doc);
    expect(store.ordered().map((e) => e.x)).toEqual([0, 0]);
    updateElement(doc, b!, { x: 99, text: 'nowy' });
    const ordered = store.ordered();
    expect(ordered.map((e) => e.id)).toEqual([a, b]);
    expect(ordered[1]).toMatchObject({ x: 99, text: 'nowy' });
    expect(ordered[1]).toBe(store.get(b!));
    (elementMap(doc, a!).get('text') as Y.Text).insert(0, 'Łódź');
    expect(store.ordered()[0]).toMatchObject({ text: 'Łódź' });
  });

  it('follows z-order changes, local and remote', () => {
    const doc = new Y.Doc();
    const [a, b, c] = createElements(doc, [{ type: 'note' }, { type: 'note' }, { type: 'note' }]);
    const store = new ElementStore(doc);
    expect(store.ordered().map((e) => e.id)).toEqual([a, b, c]);
    reorderElements(doc, [a!], 'front');
    expect(store.ordered().map((e) => e.id)).toEqual([b, c, a]);
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
    reorderElements(remote, [c!], 'back');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(doc)));
    expect(store.ordered().map((e) => e.id)).toEqual([c, b, a]);
    const [d] = createElements(doc, [{ type: 'rect' }]);
    elementsOf(doc).delete(b!);
    expect(store.ordered().map((e) => e.id)).toEqual([c, a, d]);
  });

  it('lookup sees the same elements as get()', () => {
    const doc = new Y.Doc();
    const [a] = createElements(doc, [{ type: 'ellipse', x: 5 }]);
    const store = new ElementStore(doc);
    expect(store.lookup(a!)).toBe(store.get(a!));
    expect(store.lookup('nope')).toBeUndefined();
  });
});

describe('ElementStore: elements by type', () => {
  it('lists one type in drawing order and follows edits, additions, deletions, reorders and type flips', () => {
    const doc = new Y.Doc();
    const [f1, n1, f2, n2] = createElements(doc, [{ type: 'frame', title: 'A' }, { type: 'note' }, { type: 'frame', title: 'B' }, { type: 'note' }]);
    const store = new ElementStore(doc);
    expect(store.ofType('frame').map((e) => e.id)).toEqual([f1, f2]);
    expect(store.ofType('note').map((e) => e.id)).toEqual([n1, n2]);

    const framesBefore = store.ofType('frame');
    const orderedBefore = store.ordered();
    updateElement(doc, f2!, { title: 'B2' });
    // A new list (holders of the old one can tell), with the edit, in the same order.
    expect(store.ofType('frame')).not.toBe(framesBefore);
    expect(store.ofType('frame').map((e) => e.type === 'frame' && e.title)).toEqual(['A', 'B2']);
    expect(store.ordered()).not.toBe(orderedBefore);
    expect(store.ordered().map((e) => e.id)).toEqual([f1, n1, f2, n2]);
    expect(store.ordered()[2]).toBe(store.get(f2!));
    // A note's edit leaves the frame list as it was.
    const frames = store.ofType('frame');
    updateElement(doc, n1!, { x: 40 });
    expect(store.ofType('frame')).toBe(frames);
    expect(store.ofType('note')[0]).toBe(store.get(n1!));

    const [f3] = createElements(doc, [{ type: 'frame', title: 'C' }]);
    expect(store.ofType('frame').map((e) => e.id)).toEqual([f1, f2, f3]);
    reorderElements(doc, [f1!], 'front');
    expect(store.ofType('frame').map((e) => e.id)).toEqual([f2, f3, f1]);
    elementsOf(doc).delete(f2!);
    expect(store.ofType('frame').map((e) => e.id)).toEqual([f3, f1]);

    // A foreign client turning a rectangle into an ellipse moves it between lists.
    const [r] = createElements(doc, [{ type: 'rect' }]);
    expect(store.ofType('rect').map((e) => e.id)).toEqual([r]);
    expect(store.ofType('ellipse')).toEqual([]);
    elementsOf(doc).get(r!)!.set('type', 'ellipse');
    expect(store.get(r!)?.type).toBe('ellipse');
    expect(store.ofType('rect')).toEqual([]);
    expect(store.ofType('ellipse').map((e) => e.id)).toEqual([r]);
    expect(store.ofType('note').map((e) => e.id)).toEqual([n1, n2]);
  });
});
