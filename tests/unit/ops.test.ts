import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { ELEMENT_DEFINITIONS, ELEMENT_TYPES, LIMITS, SCHEMA_VERSION, elementsOf, metaOf, readElements, readMeta } from '../../shared/schema';
import {
  OpError,
  createElement,
  createElements,
  deleteElements,
  initBoard,
  moveElements,
  putIntoFrame,
  renameBoard,
  updateElement,
  zOrder,
} from '../../shared/ops';
import { elementMap, snapshot, sync, thrown, updatesDuring } from './support';

function expectOpError(fn: () => unknown, message?: RegExp): void {
  const error = thrown(fn);
  expect(error).toBeInstanceOf(OpError);
  if (message) expect((error as Error).message).toMatch(message);
}

/** Expects `fn` to throw an OpError and to leave the document exactly as it was. */
function expectRefusedUnchanged(doc: Y.Doc, fn: () => unknown, message?: RegExp): void {
  const before = snapshot(doc);
  expect(updatesDuring(doc, () => expectOpError(fn, message))).toBe(0);
  expect(snapshot(doc)).toEqual(before);
}

const pos = (doc: Y.Doc, id: string) => ({ x: elementMap(doc, id).get('x'), y: elementMap(doc, id).get('y') });
const parentOf = (doc: Y.Doc, id: string) => elementMap(doc, id).get('parentId');

describe('initBoard / renameBoard', () => {
  it('writes the metadata of a new board', () => {
    const doc = new Y.Doc();
    initBoard(doc, '  Planowanie Q3 ', 'en', 1234);
    expect(readMeta(doc)).toEqual({ title: 'Planowanie Q3', locale: 'en', schemaVersion: SCHEMA_VERSION, createdAt: 1234 });
  });

  it.each([
    ['empty', ''],
    ['blank', '   '],
    ['too long', 't'.repeat(LIMITS.maxTitleLength + 1)],
  ])('refuses a %s title and writes nothing', (_label, title) => {
    const doc = new Y.Doc();
    expectRefusedUnchanged(doc, () => initBoard(doc, title, 'pl'), /title/);
    initBoard(doc, 'Ok', 'pl');
    expectRefusedUnchanged(doc, () => renameBoard(doc, title), /title/);
    expect(readMeta(doc).title).toBe('Ok');
  });

  it('renames, trimming, with the given origin', () => {
    const doc = new Y.Doc();
    initBoard(doc, 'Old', 'pl', 1);
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    renameBoard(doc, ' New ', 'me');
    expect(metaOf(doc).get('title')).toBe('New');
    expect(origins).toEqual(['me']);
    expect(readMeta(doc)).toMatchObject({ locale: 'pl', createdAt: 1 });
  });
});

describe('createElement(s)', () => {
  it.each(ELEMENT_TYPES)('creates a valid %s with text fields as Y.Text', (type) => {
    const doc = new Y.Doc();
    const id = createElement(doc, { type }, 'Ala');
    const map = elementMap(doc, id);
    expect(map.get('type')).toBe(type);
    expect(map.get('createdBy')).toBe('Ala');
    for (const field of ELEMENT_DEFINITIONS[type].textFields) expect(map.get(field)).toBeInstanceOf(Y.Text);
    expect(readElements(doc)).toMatchObject({ invalid: [], elements: [{ id, type }] });
  });

  it('gives unique ids and puts each new element on top, in input order', () => {
    const doc = new Y.Doc();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(createElement(doc, { type: 'note' }));
      expect(zOrder(doc).at(-1)?.id).toBe(ids.at(-1));
    }
    const batch = createElements(doc, ELEMENT_TYPES.map((type) => ({ type })));
    ids.push(...batch);
    expect(new Set(ids).size).toBe(ids.length);
    expect(zOrder(doc).map((e) => e.id)).toEqual(ids);
    const zs = zOrder(doc).map((e) => e.z);
    expect(new Set(zs).size).toBe(zs.length);
  });

  it('puts a new element above one that was moved to the top with an explicit z', () => {
    const doc = new Y.Doc();
    createElement(doc, { type: 'note', z: 'a5' });
    const b = createElement(doc, { type: 'note' });
    expect(zOrder(doc).map((e) => e.id).at(-1)).toBe(b);
  });

  it('keeps a given id and refuses one that exists, writing nothing', () => {
    const doc = new Y.Doc();
    expect(createElement(doc, { type: 'note', id: 'n1' })).toBe('n1');
    expectRefusedUnchanged(doc, () => createElement(doc, { type: 'rect', id: 'n1' }), /n1/);
    expect(elementMap(doc, 'n1').get('type')).toBe('note');
  });

  it('refuses a batch that repeats an id, writing nothing', () => {
    const doc = new Y.Doc();
    expectRefusedUnchanged(doc, () => createElements(doc, [{ type: 'note', id: 'same' }, { type: 'rect', id: 'same' }]), /same/);
    expect(elementsOf(doc).size).toBe(0);
  });

  it('creates a batch all or nothing', () => {
    const doc = new Y.Doc();
    expectRefusedUnchanged(doc, () => createElements(doc, [{ type: 'note' }, { type: 'note', color: 'red' }]), /^color: /);
    expect(elementsOf(doc).size).toBe(0);
  });

  it('creates in one transaction with the given origin', () => {
    const doc = new Y.Doc();
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    createElements(doc, [{ type: 'note' }, { type: 'text' }], 'Ala', 'local');
    expect(origins).toEqual(['local']);
  });
});

describe('updateElement', () => {
  it('writes only the given fields', () => {
    const doc = new Y.Doc();
    const id = createElement(doc, { type: 'rect', text: 'label' });
    const changed: string[][] = [];
    elementMap(doc, id).observe((event) => changed.push([...event.keysChanged].sort()));
    updateElement(doc, id, { x: 50, fill: '#123456' });
    expect(changed).toEqual([['fill', 'x']]);
    expect(elementMap(doc, id).toJSON()).toMatchObject({ x: 50, fill: '#123456', y: 0, stroke: '#1f2937', text: 'label' });
  });

  it.each(ELEMENT_TYPES)('%s: moving it writes x and nothing else', (type) => {
    const doc = new Y.Doc();
    const id = createElement(doc, { type, ...(type === 'stroke' ? { points: [0, 0, 5, 5] } : {}) });
    const before = elementMap(doc, id).toJSON();
    const changed: string[][] = [];
    elementMap(doc, id).observe((event) => changed.push([...event.keysChanged]));
    updateElement(doc, id, { x: 5 });
    expect(changed).toEqual([['x']]);
    expect(elementMap(doc, id).toJSON()).toEqual({ ...before, x: 5 });
  });

  it('writes nothing when the values are already there', () => {
    const doc = new Y.Doc();
    const id = createElement(doc, { type: 'note', text: 'same', x: 3 });
    expect(updatesDuring(doc, () => updateElement(doc, id, { x: 3, text: 'same' }))).toBe(0);
  });

  it('replaces text inside the existing Y.Text', () => {
    const doc = new Y.Doc();
    const id = createElement(doc, { type: 'note', text: 'old text' });
    const text = elementMap(doc, id).get('text');
    updateElement(doc, id, { text: 'new' });
    expect(elementMap(doc, id).get('text')).toBe(text);
    expect(String(text)).toBe('new');
  });

  it('turns a plain-string text field (from an outside client) into Y.Text', () => {
    const doc = new Y.Doc();
    const id = createElement(doc, { type: 'frame' });
    elementMap(doc, id).set('title', 'plain');
    updateElement(doc, id, { title: 'Ideas' });
    expect(elementMap(doc, id).get('title')).toBeInstanceOf(Y.Text);
    expect(String(elementMap(doc, id).get('title'))).toBe('Ideas');
  });

  it.each([
    ['id', 'other'],
    ['type', 'rect'],
    ['v', 2],
  ])('refuses to change %s', (field, value) => {
    const doc = new Y.Doc();
    const id = createElement(doc, { type: 'note' });
    expectRefusedUnchanged(doc, () => updateElement(doc, id, { x: 1, [field]: value }), new RegExp(field));
  });

  it.each([
    ['x', Number.NaN],
    ['y', Number.POSITIVE_INFINITY],
    ['w', -5],
    ['color', 'yellow'],
    ['text', 'x'.repeat(LIMITS.maxTextLength + 1)],
    ['parentId', 12],
  ])('refuses an invalid %s and leaves the doc unchanged', (field, value) => {
    const doc = new Y.Doc();
    const id = createElement(doc, { type: 'note', text: 'keep' });
    // A valid field in the same patch must not be written either.
    expectRefusedUnchanged(doc, () => updateElement(doc, id, { x: 99, [field]: value }), new RegExp(`^${field}`));
    expect(String(elementMap(doc, id).get('text'))).toBe('keep');
  });

  it('refuses an unknown id', () => {
    expectOpError(() => updateElement(new Y.Doc(), 'ghost', { x: 1 }), /ghost/);
  });

  it('two people editing different fields at once keep both edits', () => {
    const a = new Y.Doc();
    const id = createElement(a, { type: 'note', text: 'hi' });
    const b = new Y.Doc();
    sync(a, b);
    updateElement(a, id, { x: 100 });
    updateElement(b, id, { color: '#86efac' });
    sync(a, b);
    for (const doc of [a, b]) expect(elementMap(doc, id).toJSON()).toMatchObject({ x: 100, color: '#86efac', text: 'hi' });
  });
});

describe('moveElements', () => {
  it('moves the given elements only', () => {
    const doc = new Y.Doc();
    const [a, b] = createElements(doc, [{ type: 'note', x: 1, y: 2 }, { type: 'note', x: 5, y: 5 }]);
    moveElements(doc, [a!], 10, -20);
    expect(pos(doc, a!)).toEqual({ x: 11, y: -18 });
    expect(pos(doc, b!)).toEqual({ x: 5, y: 5 });
  });

  it('a frame carries its children, once each, even when they are selected too', () => {
    const doc = new Y.Doc();
    const frame = createElement(doc, { type: 'frame', x: 0, y: 0 });
    const [inside, selected, outside] = createElements(doc, [{ type: 'note', x: 10 }, { type: 'text', x: 20 }, { type: 'note', x: 30 }]);
    putIntoFrame(doc, [inside!, selected!], frame);
    moveElements(doc, [frame, selected!], 100, 50);
    expect(pos(doc, frame)).toEqual({ x: 100, y: 50 });
    expect(pos(doc, inside!)).toEqual({ x: 110, y: 50 });
    expect(pos(doc, selected!)).toEqual({ x: 120, y: 50 });
    expect(pos(doc, outside!)).toEqual({ x: 30, y: 0 });
  });

  // Insertion order decides the elements map's iteration order; the result must not depend on it.
  it.each([
    ['child created before the frames', ['child', 'inner', 'outer']],
    ['frames created before the child', ['outer', 'inner', 'child']],
  ])('a frame carries nested frames and their children (%s)', (_label, order) => {
    const doc = new Y.Doc();
    for (const id of order) createElement(doc, { type: id === 'child' ? 'note' : 'frame', id });
    putIntoFrame(doc, ['child'], 'inner');
    putIntoFrame(doc, ['inner'], 'outer');
    moveElements(doc, ['outer'], 7, 8);
    for (const id of order) expect(pos(doc, id), id).toEqual({ x: 7, y: 8 });
  });

  it('does not loop on frames that contain each other (written by an outside client)', () => {
    const doc = new Y.Doc();
    createElements(doc, [{ type: 'frame', id: 'f1' }, { type: 'frame', id: 'f2' }]);
    elementMap(doc, 'f1').set('parentId', 'f2');
    elementMap(doc, 'f2').set('parentId', 'f1');
    moveElements(doc, ['f1'], 1, 1);
    expect(pos(doc, 'f1')).toEqual({ x: 1, y: 1 });
    expect(pos(doc, 'f2')).toEqual({ x: 1, y: 1 });
  });

  it.each([
    [Number.NaN, 0],
    [0, Number.POSITIVE_INFINITY],
  ])('refuses a non-finite offset (%s, %s)', (dx, dy) => {
    const doc = new Y.Doc();
    const id = createElement(doc, { type: 'note' });
    expectRefusedUnchanged(doc, () => moveElements(doc, [id], dx, dy), /finite/);
  });

  it('refuses an unknown id without moving anything', () => {
    const doc = new Y.Doc();
    const id = createElement(doc, { type: 'note' });
    expectRefusedUnchanged(doc, () => moveElements(doc, [id, 'ghost'], 1, 1), /ghost/);
  });

  // Was a bug: moving past LIMITS.maxCoordinate wrote an invalid element, which readElements
  // then dropped from the board. Such a move is now refused with an OpError (not clamped).
  it('never leaves an element outside the coordinate limits', () => {
    const doc = new Y.Doc();
    const id = createElement(doc, { type: 'note', x: LIMITS.maxCoordinate - 10 });
    const error = (() => {
      try {
        moveElements(doc, [id], 100, 0);
        return null;
      } catch (e) {
        return e;
      }
    })();
    if (error !== null) expect(error).toBeInstanceOf(OpError);
    expect(readElements(doc).invalid).toEqual([]);
  });
});

describe('deleteElements', () => {
  it('deletes the connectors attached to deleted elements, at either end, and keeps the others', () => {
    const doc = new Y.Doc();
    const [a, b, c] = createElements(doc, [{ type: 'note' }, { type: 'note' }, { type: 'rect' }]);
    const [fromA, toA, bc, loose] = createElements(doc, [
      { type: 'connector', from: a, to: b },
      { type: 'connector', from: c, to: a },
      { type: 'connector', from: b, to: c },
      { type: 'connector', points: [0, 0, 10, 10] },
    ]);
    const deleted = deleteElements(doc, [a!]);
    expect(deleted.sort()).toEqual([a, fromA, toA].sort());
    expect([...elementsOf(doc).keys()].sort()).toEqual([b, c, bc, loose].sort());
    expect(readElements(doc).invalid).toEqual([]);
  });

  it('keeps the children of a deleted frame and takes them out of it', () => {
    const doc = new Y.Doc();
    const [frame, other] = createElements(doc, [{ type: 'frame' }, { type: 'frame' }]);
    const [n1, n2, n3] = createElements(doc, [{ type: 'note' }, { type: 'note' }, { type: 'note' }]);
    const link = createElement(doc, { type: 'connector', from: n1, to: n2 });
    putIntoFrame(doc, [n1!, n2!, link], frame!);
    putIntoFrame(doc, [n3!], other!);
    expect(deleteElements(doc, [frame!])).toEqual([frame]);
    for (const id of [n1!, n2!, link]) expect(parentOf(doc, id), id).toBeNull();
    expect(parentOf(doc, n3!)).toBe(other);
    expect(readElements(doc).elements).toHaveLength(5);
  });

  it('a frame deleted with its child deletes both; a nested frame keeps its own children', () => {
    const doc = new Y.Doc();
    createElements(doc, [{ type: 'frame', id: 'outer' }, { type: 'frame', id: 'inner' }, { type: 'note', id: 'n' }, { type: 'note', id: 'm' }]);
    putIntoFrame(doc, ['inner', 'm'], 'outer');
    putIntoFrame(doc, ['n'], 'inner');
    expect(deleteElements(doc, ['outer', 'm']).sort()).toEqual(['m', 'outer']);
    expect(parentOf(doc, 'inner')).toBeNull();
    expect(parentOf(doc, 'n')).toBe('inner');
  });

  it('ignores unknown ids and writes nothing when nothing matches', () => {
    const doc = new Y.Doc();
    const id = createElement(doc, { type: 'note' });
    expect(updatesDuring(doc, () => expect(deleteElements(doc, ['ghost'])).toEqual([]))).toBe(0);
    expect(deleteElements(doc, ['ghost', id])).toEqual([id]);
    expect(elementsOf(doc).size).toBe(0);
  });
});

describe('putIntoFrame', () => {
  it('puts elements into a frame and takes them out with null', () => {
    const doc = new Y.Doc();
    const frame = createElement(doc, { type: 'frame' });
    const [a, b] = createElements(doc, [{ type: 'note' }, { type: 'stroke' }]);
    putIntoFrame(doc, [a!, b!], frame);
    expect([parentOf(doc, a!), parentOf(doc, b!)]).toEqual([frame, frame]);
    expect(updatesDuring(doc, () => putIntoFrame(doc, [a!], frame))).toBe(0);
    putIntoFrame(doc, [a!], null);
    expect([parentOf(doc, a!), parentOf(doc, b!)]).toEqual([null, frame]);
    expect(readElements(doc).invalid).toEqual([]);
  });

  it.each(ELEMENT_TYPES.filter((t) => t !== 'frame'))('refuses a %s as the container', (type) => {
    const doc = new Y.Doc();
    const target = createElement(doc, { type });
    const note = createElement(doc, { type: 'note' });
    expectRefusedUnchanged(doc, () => putIntoFrame(doc, [note], target), /not a frame/);
  });

  it('refuses to put a frame into itself', () => {
    const doc = new Y.Doc();
    const frame = createElement(doc, { type: 'frame' });
    const note = createElement(doc, { type: 'note' });
    expectRefusedUnchanged(doc, () => putIntoFrame(doc, [note, frame], frame), /itself/);
  });

  it('refuses an unknown frame or element without writing', () => {
    const doc = new Y.Doc();
    const frame = createElement(doc, { type: 'frame' });
    const note = createElement(doc, { type: 'note' });
    expectRefusedUnchanged(doc, () => putIntoFrame(doc, [note], 'ghost'), /ghost/);
    expectRefusedUnchanged(doc, () => putIntoFrame(doc, [note, 'ghost'], frame), /ghost/);
  });

  // Was a bug: only the direct case was checked, so two frames could end up inside each
  // other (a cycle any tree walk over parentId would loop on). The parent chain is now walked.
  it('refuses to put a frame into a frame it contains', () => {
    const doc = new Y.Doc();
    createElements(doc, [{ type: 'frame', id: 'outer' }, { type: 'frame', id: 'inner' }]);
    putIntoFrame(doc, ['inner'], 'outer');
    expectRefusedUnchanged(doc, () => putIntoFrame(doc, ['outer'], 'inner'));
  });
});

describe('concurrent edits', () => {
  it('two docs editing at once converge after exchanging updates', () => {
    const a = new Y.Doc();
    initBoard(a, 'Board', 'pl', 1);
    const [n, frame, gone] = createElements(a, [{ type: 'note', text: 'abc' }, { type: 'frame' }, { type: 'note' }]);
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));

    createElement(a, { type: 'text', text: 'from a' });
    createElement(b, { type: 'text', text: 'from b' });
    (elementMap(a, n!).get('text') as Y.Text).insert(0, 'A');
    (elementMap(b, n!).get('text') as Y.Text).insert(3, 'B');
    moveElements(a, [frame!], 5, 5);
    putIntoFrame(b, [n!], frame!);
    deleteElements(a, [gone!]);
    updateElement(b, gone!, { x: 4 });
    renameBoard(b, 'Renamed');

    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));

    expect(snapshot(a)).toEqual(snapshot(b));
    expect(String(elementMap(a, n!).get('text'))).toBe('AabcB');
    expect(parentOf(a, n!)).toBe(frame);
    expect(elementsOf(a).has(gone!)).toBe(false);
    expect(readMeta(a).title).toBe('Renamed');
    expect(readElements(a).invalid).toEqual([]);
    expect(readElements(a).elements).toHaveLength(4);
  });

  it('elements created at once on two peers get the same z and still order identically', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const fromA = createElement(a, { type: 'note' });
    const fromB = createElement(b, { type: 'note' });
    expect(elementMap(a, fromA).get('z')).toBe(elementMap(b, fromB).get('z'));
    sync(a, b);
    expect(zOrder(a)).toEqual(zOrder(b));
    expect(zOrder(a).map((e) => e.id)).toEqual([fromA, fromB].sort());
  });
});
