import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { elementsOf } from '../../shared/schema';
import { OpError, createElement, createElements, keysOnTop, reorderElements, reorderKeys, zOrder, type ReorderDirection } from '../../shared/ops';
import { elementMap, sync, thrown, updatesDuring } from './support';

/** A board with notes A..E drawn in that order (ids are their letters). */
function boardABCDE(): Y.Doc {
  const doc = new Y.Doc();
  createElements(doc, ['A', 'B', 'C', 'D', 'E'].map((id) => ({ type: 'note' as const, id })));
  return doc;
}

const order = (doc: Y.Doc) => zOrder(doc).map((e) => e.id).join('');
const zOf = (doc: Y.Doc) => Object.fromEntries(zOrder(doc).map((e) => [e.id, e.z]));

describe('zOrder', () => {
  it('lists every element by z, ties by id, a missing z counting as a0', () => {
    const doc = new Y.Doc();
    createElements(doc, [
      { type: 'note', id: 'top', z: 'a2' },
      { type: 'note', id: 'b', z: 'a0' },
      { type: 'note', id: 'bottom', z: 'Zz' },
    ]);
    const noZ = new Y.Map<unknown>();
    elementsOf(doc).set('a', noZ);
    (elementsOf(doc) as Y.Map<unknown>).set('plain', 'not a map');
    expect(zOrder(doc)).toEqual([
      { id: 'bottom', z: 'Zz' },
      { id: 'a', z: 'a0' },
      { id: 'b', z: 'a0' },
      { id: 'plain', z: 'a0' },
      { id: 'top', z: 'a2' },
    ]);
  });

  it('is empty for an empty board', () => {
    expect(zOrder(new Y.Doc())).toEqual([]);
  });
});

describe('keysOnTop', () => {
  it('gives ascending keys above the current top', () => {
    const doc = new Y.Doc();
    const first = keysOnTop(doc, 3);
    expect(first).toHaveLength(3);
    expect([...first].sort()).toEqual(first);
    createElement(doc, { type: 'note', z: 'b05' });
    for (const key of keysOnTop(doc, 4)) expect(key > 'b05').toBe(true);
    expect(keysOnTop(doc, 0)).toEqual([]);
  });

  // Was a bug: a malformed top key was treated as missing, so new elements got keys from
  // scratch and were drawn *below* it. New keys now sort above malformed keys too.
  it('stays above an element whose z is malformed (written by an outside client)', () => {
    const doc = new Y.Doc();
    createElement(doc, { type: 'note', id: 'weird', z: 'top' });
    const id = createElement(doc, { type: 'note' });
    expect(zOrder(doc).at(-1)?.id).toBe(id);
  });

  it('does not throw on a malformed top key', () => {
    const doc = new Y.Doc();
    createElement(doc, { type: 'note', z: 'zzz' });
    expect(() => createElement(doc, { type: 'note' })).not.toThrow();
  });
});

describe('reorderElements', () => {
  const cases: [ReorderDirection, string, string][] = [
    ['front', 'B', 'ACDEB'],
    ['front', 'BD', 'ACEBD'],
    ['front', 'E', 'ABCDE'],
    ['back', 'D', 'DABCE'],
    ['back', 'BD', 'BDACE'],
    ['back', 'A', 'ABCDE'],
    ['forward', 'B', 'ACBDE'],
    ['forward', 'BC', 'ADBCE'],
    ['forward', 'AC', 'BDACE'],
    ['forward', 'D', 'ABCED'],
    ['backward', 'D', 'ABDCE'],
    ['backward', 'CD', 'ACDBE'],
    ['backward', 'BD', 'BDACE'],
    ['backward', 'B', 'BACDE'],
  ];

  it.each(cases)('%s %s: ABCDE becomes %s, changing only the selected keys', (direction, selection, expected) => {
    const doc = boardABCDE();
    const before = zOf(doc);
    reorderElements(doc, [...selection], direction);
    expect(order(doc)).toBe(expected);
    const after = zOf(doc);
    for (const id of 'ABCDE') if (!selection.includes(id)) expect(after[id], id).toBe(before[id]);
  });

  it.each([
    ['forward', 'E'],
    ['forward', 'DE'],
    ['backward', 'A'],
    ['backward', 'AB'],
    ['front', ''],
  ] as [ReorderDirection, string][])('%s %j has nowhere to go and writes nothing', (direction, selection) => {
    const doc = boardABCDE();
    expect(updatesDuring(doc, () => reorderElements(doc, [...selection], direction))).toBe(0);
    expect(order(doc)).toBe('ABCDE');
  });

  it('refuses an unknown id and writes nothing', () => {
    const doc = boardABCDE();
    let error: unknown;
    expect(updatesDuring(doc, () => (error = thrown(() => reorderElements(doc, ['B', 'ghost'], 'front'))))).toBe(0);
    expect(error).toBeInstanceOf(OpError);
    expect(order(doc)).toBe('ABCDE');
  });

  it('uses the given transaction origin', () => {
    const doc = boardABCDE();
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    reorderElements(doc, ['A'], 'front', 'me');
    expect(origins).toEqual(['me']);
  });

  it('repeated steps walk an element through the whole stack', () => {
    const doc = boardABCDE();
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      reorderElements(doc, ['A'], 'forward');
      seen.push(order(doc));
    }
    expect(seen).toEqual(['BACDE', 'BCADE', 'BCDAE', 'BCDEA']);
    for (let i = 0; i < 4; i++) reorderElements(doc, ['A'], 'backward');
    expect(order(doc)).toBe('ABCDE');
  });
});

describe('reordering with keys from concurrent edits', () => {
  /** P and Q created at once on two peers: equal z, ordered by id. */
  function tiedPair(): Y.Doc {
    const a = new Y.Doc();
    const b = new Y.Doc();
    createElement(a, { type: 'note', id: 'P' });
    createElement(b, { type: 'note', id: 'Q' });
    sync(a, b);
    expect(elementMap(a, 'P').get('z')).toBe(elementMap(a, 'Q').get('z'));
    expect(order(a)).toBe('PQ');
    return a;
  }

  it.each([
    ['forward', 'P', 'QP'],
    ['backward', 'Q', 'QP'],
    ['front', 'P', 'QP'],
    ['back', 'Q', 'QP'],
  ] as [ReorderDirection, string, string][])('%s %s over an equal key: %s', (direction, id, expected) => {
    const doc = tiedPair();
    reorderElements(doc, [id], direction);
    expect(order(doc)).toBe(expected);
  });

  it('steps past equal neighbours instead of throwing', () => {
    const doc = tiedPair();
    createElement(doc, { type: 'note', id: 'X', z: 'Zz' });
    expect(order(doc)).toBe('XPQ');
    expect(() => reorderElements(doc, ['X'], 'forward')).not.toThrow();
    const after = order(doc);
    expect(after.indexOf('X')).toBeGreaterThan(after.indexOf('P'));
  });

  it('does not throw around malformed keys', () => {
    const doc = boardABCDE();
    elementMap(doc, 'C').set('z', 'a00');
    for (const direction of ['front', 'back', 'forward', 'backward'] as const) {
      for (const id of 'ABCDE') expect(() => reorderKeys(doc, [id], direction), `${direction} ${id}`).not.toThrow();
    }
  });

  it('two peers reordering different elements at once agree on the result', () => {
    const a = boardABCDE();
    const b = new Y.Doc();
    sync(a, b);
    reorderElements(a, ['A'], 'front');
    reorderElements(b, ['E'], 'back');
    reorderElements(b, ['C'], 'forward');
    sync(a, b);
    expect(order(a)).toBe(order(b));
    expect(order(a)).toBe('EBDCA');
  });
});
