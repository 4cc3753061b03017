import { describe, expect, it } from 'vitest';
import { BACKUP_FORMAT, BACKUP_LIMITS, backupToDoc, BackupError, repairTreeLinks, type TreeRepair } from '../../shared/backup';
import { checkBounds } from '../../shared/backup/bounds';
import { readElements } from '../../shared/schema/plain';
import { SCHEMA_VERSION } from '../../shared/schema';

const nest = (depth: number, leaf: unknown = 1): unknown => {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
};

function sound(): Record<string, unknown> {
  return {
    format: BACKUP_FORMAT,
    version: SCHEMA_VERSION,
    meta: { title: 'Tablica', locale: 'pl' },
    elements: [{ id: 'n', type: 'note', x: 0, y: 0, text: 'Notatka' }],
    facilitation: { agenda: [], rounds: [] },
  };
}

/** The error backupToDoc throws, as { error, path }; null when the backup imports. */
function refusal(json: unknown): { error: string; path: unknown } | null {
  try {
    backupToDoc(json).doc.destroy();
    return null;
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    return { error: error.message, path: error.path };
  }
}

describe('checkBounds: the whole backup, before any schema', () => {
  it.each<[string, unknown, string | null, unknown[]?]>([
    ['a flat object', { a: 1, b: 'x', c: [1, 2] }, null],
    // The top object is level 0: arrays at levels 1 to 31 pass, one at level 32 does not.
    ['nesting at the bound', { a: nest(BACKUP_LIMITS.maxDepth - 1) }, null],
    ['nesting one past the bound', { a: nest(BACKUP_LIMITS.maxDepth) }, `a${'[0]'.repeat(BACKUP_LIMITS.maxDepth - 1)}: nested deeper than 32 levels`, ['a', ...new Array(BACKUP_LIMITS.maxDepth - 1).fill(0)]],
    ['100,000 nested arrays (no stack overflow)', nest(100_000), `${'[0]'.repeat(BACKUP_LIMITS.maxDepth)}: nested deeper than 32 levels`],
    ['an array over the entry bound', { list: new Array(BACKUP_LIMITS.maxEntries + 1).fill(0) }, 'list: more than 50000 entries', ['list']],
    ['an object over the entry bound', { o: Object.fromEntries(Array.from({ length: BACKUP_LIMITS.maxEntries + 1 }, (_, i) => [`k${i}`, 0])) }, 'o: more than 50000 entries', ['o']],
    ['a string at the bound', { s: 'x'.repeat(BACKUP_LIMITS.maxStringLength) }, null],
    ['a string over the bound', { meta: { title: 'x'.repeat(BACKUP_LIMITS.maxStringLength + 1) } }, 'meta.title: text longer than 10000 characters', ['meta', 'title']],
    ['a key over the bound', { results: { ['k'.repeat(65)]: 1 } }, `results: key "${'k'.repeat(40)}…" is longer than 64 characters`, ['results', 'k'.repeat(65)]],
    ['the first problem in reading order is named', { a: 'x'.repeat(20_000), b: 'y'.repeat(20_000) }, 'a: text longer than 10000 characters', ['a']],
  ])('%s', (_name, json, message, path) => {
    if (message === null) return expect(() => checkBounds(json)).not.toThrow();
    try {
      checkBounds(json);
      expect.unreachable('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(BackupError);
      expect((error as BackupError).message.startsWith(message.slice(0, 60))).toBe(true);
      if (path) expect((error as BackupError).path).toEqual(path);
    }
  });
});

describe('backupToDoc: strict shape, every refusal with its path', () => {
  const withMeta = (meta: string) => JSON.parse(JSON.stringify(sound()).replace('"meta":{', `"meta":{${meta},`)) as unknown;
  it.each<[string, unknown, { error: string; path: unknown[] } | null]>([
    ['a sound backup', sound(), null],
    ['__proto__ in meta', withMeta('"__proto__":{"admin":true}'), { error: 'meta: unknown field "__proto__"', path: ['meta', '__proto__'] }],
    ['constructor in meta', withMeta('"constructor":{"prototype":{}}'), { error: 'meta: unknown field "constructor"', path: ['meta', 'constructor'] }],
    ['an unknown top-level field', { ...sound(), theme: 'dark' }, { error: 'backup: unknown field "theme"', path: ['theme'] }],
    ['two unknown fields', { ...sound(), a: 1, b: 2 }, { error: 'backup: unknown field "a" (and 1 more)', path: ['a'] }],
    ['constructor in facilitation', { ...sound(), facilitation: { agenda: [], rounds: [], constructor: { prototype: { x: 1 } } } }, { error: 'facilitation: unknown field "constructor"', path: ['facilitation', 'constructor'] }],
    ['an unknown field in a closed round', { ...sound(), facilitation: { agenda: [], rounds: [{ id: 'r', title: 'T', frameId: null, itemIds: null, votesPerPerson: 1, open: false, openedAt: 0, closedAt: 0, results: {}, voters: 0, ballots: {} }] } }, { error: 'facilitation.rounds[0]: unknown field "ballots"', path: ['facilitation', 'rounds', 0, 'ballots'] }],
    ['a wrong type in meta', { ...sound(), meta: { title: 'T', locale: 'pl', createdAt: [[1]] } }, { error: 'meta.createdAt: ', path: ['meta', 'createdAt'] }],
    ['a bad element field', { ...sound(), elements: [{ id: 'n', type: 'note', x: 0, y: 0, color: 'red' }] }, { error: 'elements[0].color: ', path: ['elements', 0] }],
    ['a duplicate id', { ...sound(), elements: [{ id: 'n', type: 'note' }, { id: 'n', type: 'note' }] }, { error: 'elements[1].id: duplicate id n', path: ['elements', 1, 'id'] }],
    ['a skipped list as exported', { ...sound(), skipped: [{ id: 'bad', reason: 'color: invalid' }] }, null],
  ])('%s', (_name, json, expected) => {
    const got = refusal(json);
    if (expected === null) return expect(got).toBeNull();
    expect(got?.error.startsWith(expected.error), got?.error).toBe(true);
    expect(got?.path).toEqual(expected.path);
  });

  it('keeps vote results keyed by any item id, __proto__ included', () => {
    const round = { id: 'r', title: 'T', frameId: null, itemIds: ['__proto__'], votesPerPerson: 1, open: false, openedAt: 0, closedAt: 0, results: JSON.parse('{"__proto__":3,"constructor":1}') as unknown, voters: 3 };
    const imported = backupToDoc({ ...sound(), facilitation: { agenda: [], rounds: [round] } });
    imported.doc.destroy();
    expect(Object.entries(imported.facilitation.rounds[0]!.results!)).toEqual([
      ['__proto__', 3],
      ['constructor', 1],
    ]);
  });
});

describe('repairTreeLinks', () => {
  const node = (id: string, parentNode: string | null, tree = 'problem') => ({ id, type: 'treeNode', tree, parentNode, text: `Węzeł ${id}` });
  it.each<[string, ReturnType<typeof node>[], TreeRepair[], Record<string, string | null>]>([
    ['a sound tree is left alone', [node('a', null), node('b', 'a'), node('c', 'b')], [], { a: null, b: 'a', c: 'b' }],
    ['a missing parent becomes a root', [node('a', null), node('b', 'ghost')], [{ element: 'b', what: 'missing-parent', was: 'ghost', text: 'Węzeł b' }], { b: null }],
    ['a node hanging from itself', [node('a', 'a')], [{ element: 'a', what: 'missing-parent', was: 'a', text: 'Węzeł a' }], { a: null }],
    ['a parent in the other tree', [node('a', null), node('b', 'a', 'objective')], [{ element: 'b', what: 'missing-parent', was: 'a', text: 'Węzeł b' }], { b: null }],
    ['a parent that is not a tree node', [node('b', 'note-1')], [{ element: 'b', what: 'missing-parent', was: 'note-1', text: 'Węzeł b' }], { b: null }],
    ['a two-node cycle is cut at its smallest id', [node('y', 'x'), node('x', 'y')], [{ element: 'x', what: 'cycle', was: 'y', text: 'Węzeł x' }], { x: null, y: 'x' }],
    [
      'a cycle with a branch hanging from it, beside a sound tree',
      [node('core', null), node('k', 'core'), node('c3', 'c1'), node('c1', 'c2'), node('c2', 'c3'), node('leaf', 'c2')],
      [{ element: 'c1', what: 'cycle', was: 'c2', text: 'Węzeł c1' }],
      { core: null, k: 'core', c1: null, c2: 'c3', c3: 'c1', leaf: 'c2' },
    ],
    ['two cycles, each cut once', [node('a', 'b'), node('b', 'a'), node('d', 'c'), node('c', 'd')], [{ element: 'a', what: 'cycle', was: 'b', text: 'Węzeł a' }, { element: 'c', what: 'cycle', was: 'd', text: 'Węzeł c' }], { a: null, b: 'a', c: null, d: 'c' }],
  ])('%s', (_name, nodes, repairs, links) => {
    const elements: { id: string; type: string; tree?: string; parentNode?: string | null; text?: string }[] = [...nodes, { id: 'note-1', type: 'note' }];
    expect(repairTreeLinks(elements)).toEqual(repairs);
    for (const [id, parent] of Object.entries(links)) expect(elements.find((e) => e.id === id)!.parentNode, id).toBe(parent);
    // Repaired links are sound: a second pass changes nothing.
    expect(repairTreeLinks(elements)).toEqual([]);
  });

  it('repeats a long text only in part', () => {
    const [repair] = repairTreeLinks([{ id: 'a', type: 'treeNode', tree: 'problem', parentNode: 'ghost', text: `  ${'ż'.repeat(200)}  ` }]);
    expect(repair!.text).toBe(`${'ż'.repeat(79)}…`);
  });

  it('an import writes the repaired links into the document', () => {
    const imported = backupToDoc({
      ...sound(),
      elements: [
        { id: 'a', type: 'treeNode', text: 'A', tree: 'problem', role: 'cause', parentNode: 'b' },
        { id: 'b', type: 'treeNode', text: 'B', tree: 'problem', role: 'cause', parentNode: 'a' },
      ],
    });
    expect(imported.repairs).toEqual([{ element: 'a', what: 'cycle', was: 'b', text: 'A' }]);
    const links = Object.fromEntries(readElements(imported.doc).elements.map((e) => [e.id, (e as { parentNode?: string | null }).parentNode]));
    expect(links).toEqual({ a: null, b: 'a' });
    imported.doc.destroy();
  });
});
