import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { createElements, putIntoFrame } from '../../shared/ops';
import { initBoard } from '../../shared/ops/board';
import { readElements } from '../../shared/schema';
import { contentsOf, elementName, outlineFacts, placeInFrame, type FactContext } from '../../shared/methods/outline-facts';
import type { Element } from '../../shared/schema/elements';
import { intersects } from '../../shared/geometry/rect';

/** A board with a frame holding a stakeholder, an idea, a note and a factor; a loose note outside. */
function board() {
  const doc = new Y.Doc();
  initBoard(doc, 'T', 'pl', 1);
  const [frame] = createElements(doc, [{ type: 'frame', id: 'f', title: 'Mocne  strony', x: 0, y: 0, w: 1000, h: 800 }]);
  const ids = createElements(doc, [
    { type: 'stakeholder', id: 's', name: 'Urząd\nMiasta', group: 'dostawcy usług', influence: 7.5, engagement: 6, x: 40, y: 60 },
    { type: 'stakeholder', id: 's2', name: 'Rada Seniorów', x: 300, y: 60 },
    { type: 'idea', id: 'i', title: 'Ścieżka rowerowa', place: 'ul. Rzeczna', status: 'accepted', x: 40, y: 300 },
    { type: 'note', id: 'n', text: 'Zabytkowy rynek', x: 400, y: 300 },
    { type: 'factor', id: 'c', text: 'Komunikacja', x: 600, y: 500 },
  ]);
  putIntoFrame(doc, ids, frame!);
  createElements(doc, [{ type: 'note', id: 'loose', text: '', x: -900, y: 0 }, { type: 'connector', id: 'line', from: 'n', to: 'loose' }]);
  const elements = readElements(doc).elements;
  const byId = new Map(elements.map((e) => [e.id, e]));
  return { elements, get: (id: string) => byId.get(id)!, lookup: (id: string) => byId.get(id) };
}

const base = (lookup: (id: string) => Element | undefined): FactContext => ({ lookup, round: null, myVotes: [], lastResults: null, myRatings: {}, ratingCounts: {}, lockedFrames: [], privateFrames: [], children: 0 });

describe('what the outline says about each element', () => {
  const b = board();
  it.each([
    ['f', 'Mocne strony'],
    ['s', 'Urząd Miasta'],
    ['i', 'Ścieżka rowerowa'],
    ['n', 'Zabytkowy rynek'],
    ['c', 'Komunikacja'],
    ['loose', ''],
    ['line', ''],
  ])('%s is named "%s" (a stakeholder by its name, an idea by its title)', (id, name) => {
    expect(elementName(b.get(id))).toBe(name);
  });

  it.each<[string, string, Partial<FactContext>, unknown[]]>([
    ['a scored stakeholder: frame, group, agreed scores', 's', {}, [{ kind: 'frame', title: 'Mocne strony' }, { kind: 'group', value: 'dostawcy usług' }, { kind: 'scores', axes: [{ axis: 'influence', value: 7.5 }, { axis: 'engagement', value: 6 }] }]],
    [
      'a blind round: my own score and how many scored',
      's2',
      { myRatings: { s2: { influence: 3, engagement: 9 } }, ratingCounts: { s2: 2 } },
      [{ kind: 'frame', title: 'Mocne strony' }, { kind: 'myScore', axes: [{ axis: 'influence', value: 3 }, { axis: 'engagement', value: 9 }] }, { kind: 'rated', count: 2 }],
    ],
    ['an idea: status and place', 'i', {}, [{ kind: 'frame', title: 'Mocne strony' }, { kind: 'status', status: 'accepted' }, { kind: 'place', value: 'ul. Rzeczna' }]],
    ['a note in an open round on the frame, with two of my votes', 'n', { round: { frameId: 'f', itemIds: null }, myVotes: ['n', 'i', 'n'] }, [{ kind: 'frame', title: 'Mocne strony' }, { kind: 'votable', mine: 2 }]],
    ['a note outside the open round takes no votes', 'loose', { round: { frameId: 'f', itemIds: null } }, []],
    ['after the round: the votes it got', 'n', { lastResults: { n: 4 } }, [{ kind: 'frame', title: 'Mocne strony' }, { kind: 'votes', count: 4 }]],
    ['no votes, nothing said', 'n', { lastResults: { i: 4 } }, [{ kind: 'frame', title: 'Mocne strony' }]],
    ['in a locked, private frame', 'n', { lockedFrames: ['f'], privateFrames: ['f'] }, [{ kind: 'frame', title: 'Mocne strony' }, { kind: 'locked' }, { kind: 'private' }]],
    ['a locked frame and what it holds', 'f', { lockedFrames: ['f'], children: 5 }, [{ kind: 'locked' }, { kind: 'holds', count: 5 }]],
    ['a factor with neither score yet', 'c', {}, [{ kind: 'frame', title: 'Mocne strony' }]],
  ])('%s', (_name, id, ctx, expected) => {
    expect(outlineFacts(b.get(id), { ...base(b.lookup), ...ctx })).toEqual(expected);
  });
});

describe('where the outline puts an element it adds to a frame', () => {
  const frame = { x: 0, y: 0, w: 1000, h: 800 };
  const size = { w: 200, h: 200 };
  it.each<[string, { x: number; y: number; w: number; h: number }[], { x: number; y: number }]>([
    ['an empty frame: top left, under the title', [], { x: 24, y: 48 }],
    ['beside what is there', [{ x: 24, y: 48, w: 200, h: 200 }], { x: 248, y: 48 }],
    ['the next row when the first is full', [{ x: 0, y: 40, w: 1000, h: 220 }], { x: 24, y: 288 }],
    ['below everything when the frame is full', [{ x: 0, y: 0, w: 1000, h: 800 }], { x: 24, y: 824 }],
  ])('%s', (_name, obstacles, expected) => {
    const spot = placeInFrame(frame, size, obstacles);
    expect(spot).toEqual(expected);
    for (const o of obstacles) expect(intersects(o, { ...spot, ...size })).toBe(false);
  });

  it('avoids every card of a real frame, not counting the one being moved', () => {
    const b = board();
    const f = b.get('f');
    const spot = placeInFrame(f, size, contentsOf('f', b.elements, b.lookup, 'n'));
    const others = contentsOf('f', b.elements, b.lookup, 'n');
    expect(others).toHaveLength(4);
    for (const o of others) expect(intersects(o, { ...spot, ...size })).toBe(false);
  });
});
