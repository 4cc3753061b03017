import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { adjustedRandIndex, applyGrouping, groupingRefusal, groupingTarget, layoutGroups, proposeGroups, purity } from '../../shared/grouping';
import { stem, terms, tokenize } from '../../shared/grouping/text';
import { createElements, initBoard } from '../../shared/ops';
import { readElements } from '../../shared/schema';
import type { Element } from '../../shared/schema/elements';
import { GROUPING_FIXTURE } from '../fixtures/grouping-ideas';

/** The fixture's items grouped, one label per item: a group's index, or the item's own id for "the rest". */
function grouped(items: { text: string }[]): string[] {
  const proposal = proposeGroups(items.map((it, i) => ({ id: String(i), text: it.text })));
  const found = new Array<string>(items.length);
  proposal.groups.forEach((g, k) => g.itemIds.forEach((id) => (found[Number(id)] = `g${k}`)));
  proposal.rest.forEach((id) => (found[Number(id)] = 'rest'));
  return found;
}

describe('Polish terms', () => {
  it.each([
    ['parking parkingu parkingów parkingowe', 'parkin'],
    ['szkoła szkoły szkole szkół', 'szkol'],
    ['drogi droga dróg drogę', 'drog'],
    ['rowerów rowerowa rowerowe', 'rower'],
  ])('%s share one stem', (words, expected) => {
    expect(new Set(words.split(' ').map(stem))).toEqual(new Set([expected]));
  });
  it('drops stop words, place words and numbers, keeps the surface word', () => {
    expect(tokenize('Szkoła nr 2, ul. Długa')).toEqual(['szkoła', 'nr', 'ul', 'długa']);
    expect(terms('Więcej miejsc parkingowych przy rynku i na osiedlu')).toEqual([
      { stem: 'miejsc', word: 'miejsc' },
      { stem: 'parkin', word: 'parkingowych' },
    ]);
  });
});

describe('metrics', () => {
  it.each([
    [['a', 'a', 'b', 'b'], ['x', 'x', 'y', 'y'], 1, 1],
    [['a', 'a', 'b', 'b'], ['x', 'y', 'x', 'y'], 0.5, -0.5],
    [['a', 'a', 'a', 'b'], ['x', 'x', 'x', 'x'], 0.75, 0],
  ])('truth %j, found %j: purity %d, ARI %d', (truth, found, p, ari) => {
    expect(purity(truth, found)).toBeCloseTo(p);
    expect(adjustedRandIndex(truth, found)).toBeCloseTo(ari);
  });
});

describe('proposeGroups on the hand-grouped fixture', () => {
  const truth = GROUPING_FIXTURE.map((it) => it.group);
  it('holds at least 150 items in at least 12 groups', () => {
    expect(GROUPING_FIXTURE.length).toBeGreaterThanOrEqual(150);
    expect(new Set(truth).size).toBeGreaterThanOrEqual(12);
  });
  it('beats grouping by first word by at least 0.15 adjusted Rand index', () => {
    const found = grouped(GROUPING_FIXTURE);
    const firstWord = GROUPING_FIXTURE.map((it) => tokenize(it.text)[0]!);
    const ours = adjustedRandIndex(truth, found);
    const baseline = adjustedRandIndex(truth, firstWord);
    // Figures in docs/benchmarks.md ("Grouping similar ideas"): about 0.22 against 0.01.
    expect(ours).toBeGreaterThanOrEqual(baseline + 0.15);
    expect(purity(truth, found)).toBeGreaterThan(0.5);
  });
  it('labels a group by its shared words, as written', () => {
    const items = [
      { id: 'a', text: 'Parking przy dworcu' },
      { id: 'b', text: 'Nowy parking pod szkołą' },
      { id: 'c', text: 'Miejsca parkingowe, parking' },
      { id: 'd', text: 'Koncert w parku' },
    ];
    const proposal = proposeGroups(items);
    expect(proposal.groups[0]).toMatchObject({ label: expect.stringMatching(/^Parking/), itemIds: ['a', 'b', 'c'] });
    expect(proposal.rest).toEqual(['d']);
  });
  it('is deterministic and takes 500 items', () => {
    const many = Array.from({ length: 500 }, (_, i) => ({ id: String(i), text: GROUPING_FIXTURE[i % GROUPING_FIXTURE.length]!.text }));
    const a = proposeGroups(many);
    expect(proposeGroups(many)).toEqual(a);
    expect(a.groups.flatMap((g) => g.itemIds).length + a.rest.length).toBe(500);
  });
});

function board(): { doc: Y.Doc; frame: string; notes: string[] } {
  const doc = new Y.Doc();
  initBoard(doc, 'Test', 'pl');
  const [frame] = createElements(doc, [{ type: 'frame', method: 'ideas', title: 'Pomysły', x: 0, y: 0, w: 1300, h: 600 }]);
  const texts = ['Parking przy dworcu', 'Nowy parking pod szkołą', 'Parking dla rowerów', 'Kino w parku', 'Koncert i kino', 'Kino letnie'];
  const notes = createElements(doc, texts.map((text, i) => ({ type: 'note', text, x: 40 + i * 210, y: 80, w: 200, h: 200, parentId: frame! })));
  return { doc, frame: frame!, notes };
}

describe('groupingTarget, layout and applyGrouping', () => {
  it('an ideas frame targets what is inside it; a plain frame or two notes target nothing', () => {
    const { doc, frame, notes } = board();
    const all = readElements(doc).elements;
    const lookup = (id: string) => all.find((e) => e.id === id);
    expect(groupingTarget([lookup(frame)!], all, lookup)?.items.map((e) => e.id).sort()).toEqual([...notes].sort());
    expect(groupingTarget(notes.slice(0, 3).map((id) => lookup(id)!), all, lookup)?.container?.id).toBe(frame);
    expect(groupingTarget(notes.slice(0, 2).map((id) => lookup(id)!), all, lookup)).toBeNull();
  });
  it('lays groups out in rows inside the width, none overlapping', () => {
    const items = (n: number, p: string) => Array.from({ length: n }, (_, i) => ({ id: `${p}${i}`, w: 200, h: 200 }));
    const layout = layoutGroups([items(5, 'a'), items(2, 'b'), items(4, 'c')], { x: 0, y: 0, w: 1200 });
    const [a, b, c] = layout.groups.map((g) => g.frame);
    expect(a!.x + a!.w).toBeLessThanOrEqual(b!.x);
    expect(c!.y).toBeGreaterThanOrEqual(a!.y + a!.h);
    expect(layout.groups[0]!.items).toHaveLength(5);
  });
  it('applies in one transaction: labelled frames in the container, items inside them; one undo restores', () => {
    const { doc, frame, notes } = board();
    const undo = new Y.UndoManager(doc.getMap('elements'), { trackedOrigins: new Set(['me']) });
    const before = JSON.stringify(readElements(doc).elements.sort((a, b) => (a.id < b.id ? -1 : 1)));
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    const plan = { groups: [{ label: 'Parking', itemIds: notes.slice(0, 3) }, { label: 'Kino', itemIds: notes.slice(3) }] };
    const frames = applyGrouping(doc, plan, readElements(doc).elements.find((e) => e.id === frame) as Element & { type: 'frame' }, 'me');
    expect(transactions).toBe(1);
    const after = readElements(doc).elements;
    const byId = (id: string) => after.find((e) => e.id === id)!;
    expect(frames.map((id) => (byId(id) as Element & { type: 'frame' }).title)).toEqual(['Parking', 'Kino']);
    expect(frames.map((id) => byId(id).parentId)).toEqual([frame, frame]);
    expect(notes.map((id) => byId(id).parentId)).toEqual([frames[0], frames[0], frames[0], frames[1], frames[1], frames[1]]);
    for (const id of notes) {
      const note = byId(id);
      const group = byId(note.parentId!);
      expect(note.x).toBeGreaterThanOrEqual(group.x);
      expect(note.y + note.h).toBeLessThanOrEqual(group.y + group.h);
      expect(note.z > group.z).toBe(true);
    }
    undo.undo();
    expect(JSON.stringify(readElements(doc).elements.sort((a, b) => (a.id < b.id ? -1 : 1)))).toBe(before);
  });
  it('grouping again removes the earlier groups left empty', () => {
    const { doc, frame, notes } = board();
    const container = () => readElements(doc).elements.find((e) => e.id === frame) as Element & { type: 'frame' };
    const first = applyGrouping(doc, { groups: [{ label: 'A', itemIds: notes.slice(0, 3) }, { label: 'B', itemIds: notes.slice(3) }] }, container());
    applyGrouping(doc, { groups: [{ label: 'Wszystko', itemIds: notes }] }, container());
    const ids = new Set(readElements(doc).elements.map((e) => e.id));
    expect(first.some((id) => ids.has(id))).toBe(false);
  });
});

describe('groupingRefusal', () => {
  const note = { id: 'n', type: 'note', parentId: null, x: 0, y: 0, w: 10, h: 10 } as unknown as Element;
  const stakeholder = { ...note, id: 's', type: 'stakeholder' } as unknown as Element;
  const none = { board: false, frames: [] };
  const lookup = () => undefined;
  it.each([
    ['facilitator', [note], none, null],
    ['facilitator', [stakeholder], { board: true, frames: [] }, null],
    ['participant', [note], none, null],
    ['participant', [note], { board: true, frames: [] }, 'locked'],
    ['participant', [stakeholder], none, 'facilitatorPlaces'],
    ['observer', [note], none, 'role'],
    [null, [note], none, 'role'],
  ] as const)('%s on %j with locks %j: %s', (role, items, locks, expected) => {
    expect(groupingRefusal(role, items, null, locks, lookup)).toBe(expected);
  });
});
