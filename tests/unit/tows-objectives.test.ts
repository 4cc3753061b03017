import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { createElement, createElements, putIntoFrame, updateElement } from '../../shared/ops';
import { initBoard } from '../../shared/ops/board';
import type { VoteRound } from '../../shared/protocol/state';
import { readElements } from '../../shared/schema';
import type { Element, ElementOf } from '../../shared/schema/elements';
import { convertToObjectives, needsRewording } from '../../shared/methods/objectives-tree';
import { readingOrder } from '../../shared/methods/reading-order';
import { addTreeNode, createTreeCore, treeNodesIn } from '../../shared/methods/tree-ops';
import { planTows, sourceCodes, topItems, TOWS_REF_TEXT_LIMIT, towsRefId, towsRefText } from '../../shared/methods/tows';
import { addStrategy, buildTows, cellCodes, setStrategySources } from '../../shared/methods/tows-ops';
import { TEMPLATES } from '../../shared/templates';

function newBoard(locale: 'pl' | 'en' = 'pl'): Y.Doc {
  const doc = new Y.Doc();
  initBoard(doc, 'Test', locale, 1);
  return doc;
}

const round = (results: Record<string, number>, extra: Partial<VoteRound> = {}): VoteRound => ({
  id: 'r',
  title: 'SWOT',
  frameId: null,
  itemIds: null,
  votesPerPerson: 3,
  open: false,
  openedAt: 0,
  closedAt: 1,
  results,
  voters: 3,
  ...extra,
});

describe('objectives tree from a problem tree', () => {
  function problemBoard() {
    const doc = newBoard();
    const frame = createElement(doc, { type: 'frame', method: 'problemTree', title: 'Drzewo problemów', x: 0, y: 0, w: 1400, h: 1000 });
    const core = createTreeCore(doc, frame, 'problem', 'Odpływ młodych', { x: 600, y: 450 });
    const cause = addTreeNode(doc, core, 'child', {}, 'Brak pracy');
    const sub = addTreeNode(doc, cause, 'child', {}, 'Mało inwestorów');
    const effect = addTreeNode(doc, core, 'effect', {}, 'Starzenie się');
    return { doc, frame, core, cause, sub, effect };
  }

  it('makes one objective per problem, linked by sourceId, same structure, beside the problem tree', () => {
    const { doc, frame, core, cause, sub, effect } = problemBoard();
    const result = convertToObjectives(doc, frame, 'Drzewo celów');
    expect(result).toMatchObject({ created: 4, updated: 0 });
    const objectives = treeNodesIn(doc, result.frameId);
    const bySource = new Map(objectives.map((o) => [o.sourceId, o]));
    expect(objectives.every((o) => o.tree === 'objective')).toBe(true);
    expect(bySource.get(core)).toMatchObject({ role: 'core', parentNode: null, text: 'Odpływ młodych' });
    expect(bySource.get(cause)).toMatchObject({ role: 'cause', parentNode: bySource.get(core)!.id });
    expect(bySource.get(sub)).toMatchObject({ role: 'cause', parentNode: bySource.get(cause)!.id });
    expect(bySource.get(effect)).toMatchObject({ role: 'effect', parentNode: bySource.get(core)!.id });
    // Means below the main objective, ends above it.
    expect(bySource.get(cause)!.y).toBeGreaterThan(bySource.get(core)!.y);
    expect(bySource.get(effect)!.y).toBeLessThan(bySource.get(core)!.y);
    const objectivesFrame = readElements(doc).elements.find((e) => e.id === result.frameId) as ElementOf<'frame'>;
    expect(objectivesFrame).toMatchObject({ method: 'objectivesTree', title: 'Drzewo celów', x: 1600, y: 0 });
    expect(needsRewording(bySource.get(cause)!, { text: 'Brak pracy' })).toBe(true);
    expect(readElements(doc).invalid).toEqual([]);
  });

  it('running it again updates instead of duplicating, and keeps reworded text', () => {
    const { doc, frame, cause, sub } = problemBoard();
    const first = convertToObjectives(doc, frame, 'Drzewo celów');
    const reworded = treeNodesIn(doc, first.frameId).find((o) => o.sourceId === cause)!;
    updateElement(doc, reworded.id, { text: 'Nowe miejsca pracy' });
    const added = addTreeNode(doc, sub, 'child', {}, 'Słaby transport');
    const second = convertToObjectives(doc, frame, 'Drzewo celów');
    expect(second.frameId).toBe(first.frameId);
    expect(second.created).toBe(1);
    const objectives = treeNodesIn(doc, first.frameId);
    expect(objectives).toHaveLength(5);
    expect(objectives.find((o) => o.sourceId === cause)!.text).toBe('Nowe miejsca pracy');
    expect(needsRewording(objectives.find((o) => o.sourceId === cause)!, { text: 'Brak pracy' })).toBe(false);
    const fromAdded = objectives.find((o) => o.sourceId === added)!;
    expect(fromAdded.parentNode).toBe(objectives.find((o) => o.sourceId === sub)!.id);
  });

  it('fills the workshop template’s empty objectives frame', () => {
    const doc = newBoard();
    TEMPLATES.workshop!(doc, 'pl');
    const elements = readElements(doc).elements;
    const problemFrame = elements.find((e) => e.type === 'frame' && e.method === 'problemTree')!;
    const objectivesFrame = elements.find((e) => e.type === 'frame' && e.method === 'objectivesTree')!;
    const core = elements.find((e) => e.type === 'treeNode' && e.role === 'core')!;
    addTreeNode(doc, core.id, 'child', {}, 'Przyczyna');
    expect(convertToObjectives(doc, problemFrame.id, 'x').frameId).toBe(objectivesFrame.id);
  });
});

describe('SWOT to TOWS', () => {
  function swotBoard() {
    const doc = newBoard();
    TEMPLATES.swot!(doc, 'pl');
    const frames = readElements(doc).elements.filter((e): e is ElementOf<'frame'> => e.type === 'frame');
    const quadrant = (m: string) => frames.find((f) => f.method === m)!;
    const add = (m: string, texts: string[]) => {
      const q = quadrant(m);
      const ids = createElements(doc, texts.map((text, i) => ({ type: 'note' as const, text, x: q.x + 20 + (i % 2) * 210, y: q.y + 20 + Math.floor(i / 2) * 210 })));
      putIntoFrame(doc, ids, q.id);
      return ids;
    };
    const s = add('swot-s', ['Lokalizacja', 'Zabytki', 'Organizacje', 'Szkoły']);
    const w = add('swot-w', ['Drogi', 'Odpływ młodych']);
    const o = add('swot-o', ['Fundusze UE', 'Turystyka', 'Kolej']);
    const t = add('swot-t', ['Konkurencja']);
    return { doc, swotId: frames.find((f) => f.method === 'swot')!.id, s, w, o, t };
  }

  it('reads boxes in rows, top to bottom, left to right', () => {
    const box = (id: string, x: number, y: number) => ({ id, x, y, w: 100, h: 100 });
    expect(readingOrder([box('d', 0, 300), box('b', 200, 10), box('a', 0, 0), box('c', 400, 40)]).map((b) => b.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('takes the top-voted items per quadrant, falling back to board order without a vote', () => {
    const { doc, swotId, s, w, o } = swotBoard();
    const elements = readElements(doc).elements;
    const rounds = [round({ [s[3]!]: 5, [s[1]!]: 2, [s[0]!]: 2, [o[2]!]: 1 }), round({ [w[1]!]: 1 }, { id: 'older', open: true, results: null })];
    const plan = planTows(elements, swotId, rounds);
    expect(plan.items.s.map((i) => [i.code, i.text])).toEqual([
      ['S1', 'Szkoły'],
      ['S2', 'Lokalizacja'],
      ['S3', 'Zabytki'],
    ]);
    expect(plan.items.w.map((i) => i.text)).toEqual(['Drogi', 'Odpływ młodych']);
    expect(plan.items.o.map((i) => i.text)).toEqual(['Kolej']);
    expect(plan.cells.find((c) => c.method === 'tows-wo')).toMatchObject({ internal: plan.items.w, external: plan.items.o });
    expect(topItems(elements.filter((e) => s.includes(e.id)), [], 2).map((e) => e.id)).toEqual([s[0], s[1]]);
  });

  it('builds the matrix with labelled items, and rebuilding updates in place', () => {
    const { doc, swotId, s, o } = swotBoard();
    const first = buildTows(doc, swotId, []);
    const text = (id: string) => (readElements(doc).elements.find((e) => e.id === id) as Element & { text: string } | undefined)?.text;
    const so = first.cells['tows-so'];
    expect(text(towsRefId(so, s[0]!))).toBe('S1 · Lokalizacja');
    expect(text(towsRefId(so, o[2]!))).toBe('O3 · Kolej');
    const countBefore = readElements(doc).elements.length;
    const second = buildTows(doc, swotId, [round({ [s[3]!]: 4, [o[2]!]: 2 })]);
    expect(second).toMatchObject({ frameId: first.frameId, cells: first.cells });
    expect(text(towsRefId(so, s[3]!))).toBe('S1 · Szkoły');
    expect(text(towsRefId(so, s[0]!))).toBeUndefined();
    expect(text(towsRefId(so, o[2]!))).toBe('O1 · Kolej');
    expect(readElements(doc).elements.length).toBeLessThan(countBefore);
    expect(readElements(doc).invalid).toEqual([]);
  });

  it('strategies remember their sources and show them as codes', () => {
    const { doc, swotId, s, o } = swotBoard();
    const { cells } = buildTows(doc, swotId, []);
    const id = addStrategy(doc, cells['tows-so'], 'Szlak turystyczny po zabytkach', [o[1]!, s[1]!, s[1]!]);
    const lookup = (x: string) => readElements(doc).elements.find((e) => e.id === x);
    const strategy = lookup(id) as ElementOf<'strategy'>;
    expect(strategy.sources).toEqual([o[1], s[1]]);
    const codes = cellCodes(lookup, cells['tows-so'], strategy.sources);
    expect(sourceCodes(strategy.sources, (x) => codes.get(x) ?? null)).toBe('S2+O2');
    setStrategySources(doc, id, [s[0]!, 'gone']);
    const after = lookup(id) as ElementOf<'strategy'>;
    const codesAfter = cellCodes(lookup, cells['tows-so'], after.sources);
    expect(sourceCodes(after.sources, (x) => codesAfter.get(x) ?? null)).toBe('?+S1');
    expect(() => addStrategy(doc, swotId, 'x', [])).toThrow(expect.objectContaining({ key: 'tows.errors.notCell' }));
    expect(() => addStrategy(doc, cells['tows-wt'], 'x', Array.from({ length: 21 }, (_, i) => `i${i}`))).toThrow(expect.objectContaining({ key: 'tows.errors.tooMany' }));
  });
});

describe('a converted objectives tree goes to free space', () => {
  it('on the workshop template it covers no other method’s frame', () => {
    const doc = newBoard();
    TEMPLATES.workshop!(doc, 'pl');
    const problemFrame = readElements(doc).elements.find((e): e is ElementOf<'frame'> => e.type === 'frame' && e.method === 'problemTree')!;
    const core = treeNodesIn(doc, problemFrame.id).find((n) => n.tree === 'problem') ?? null;
    const coreId = core?.id ?? createTreeCore(doc, problemFrame.id, 'problem', 'Odpływ młodych', { x: problemFrame.x + 500, y: problemFrame.y + 400 });
    addTreeNode(doc, coreId, 'child', {}, 'Brak pracy');
    // The template's objectives frame already holds something: the conversion needs a frame of its own.
    const templateObjectives = readElements(doc).elements.find((e) => e.type === 'frame' && e.method === 'objectivesTree')!;
    createElement(doc, { type: 'note', text: 'notatka', x: templateObjectives.x + 10, y: templateObjectives.y + 10, parentId: templateObjectives.id });
    createTreeCore(doc, templateObjectives.id, 'objective', 'Inny cel', { x: templateObjectives.x + 300, y: templateObjectives.y + 300 });
    const { frameId } = convertToObjectives(doc, problemFrame.id, 'Drzewo celów');
    const all = readElements(doc).elements;
    const made = all.find((e) => e.id === frameId) as ElementOf<'frame'>;
    expect(made.id).not.toBe(templateObjectives.id);
    const overlapping = all.filter((e): e is ElementOf<'frame'> => e.type === 'frame' && e.parentId === null && e.id !== made.id).filter((f) => f.x < made.x + made.w && made.x < f.x + f.w && f.y < made.y + made.h && made.y < f.y + f.h);
    expect(overlapping.map((f) => f.title)).toEqual([]);
  });
});

describe('TOWS labels', () => {
  it.each([
    ['Zabytkowy rynek', 'S1 · Zabytkowy rynek'],
    ['Aktywne organizacje pozarządowe działające od lat na rzecz mieszkańców', 'S1 · Aktywne organizacje pozarządowe działające od…'],
    ['Bardzodługiesłowobezspacjiktórenigdysięniekończyinadalciągnie', 'S1 · Bardzodługiesłowobezspacjiktórenigdysięniekończ…'],
  ])('%s → one short line, cut between words', (text, label) => {
    const out = towsRefText({ id: 'x', code: 'S1', text });
    expect(out).toBe(label);
    expect(out.length).toBeLessThanOrEqual(TOWS_REF_TEXT_LIMIT + 5);
  });
});
