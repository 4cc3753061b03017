import { describe, expect, it } from 'vitest';
import type { Element } from '../../shared/schema/elements';
import { ancestorFrames, canVoteOn, isLockedAreaFor, isLockedFor, liesIn, privateFrameAt, privateFrameOf } from '../../shared/rules/areas';

/**
 * A SWOT frame (0,0 1000×1000) with four quadrant frames, a note in a quadrant by parent,
 * one drawn there without a parent, one across the outer edge, one outside, a stroke and a
 * connector; ids say where they are.
 */
const base = { rotation: 0, z: 'a0', createdBy: '', v: 1 };
const frame = (id: string, x: number, y: number, w: number, h: number, parentId: string | null = null) => ({ ...base, id, type: 'frame', x, y, w, h, parentId, title: id }) as unknown as Element;
const note = (id: string, x: number, y: number, parentId: string | null = null) => ({ ...base, id, type: 'note', x, y, w: 100, h: 100, parentId, text: id, color: '#fef08a' }) as unknown as Element;
const board: Element[] = [
  frame('swot', 0, 0, 1000, 1000),
  frame('strengths', 0, 0, 500, 500, 'swot'),
  frame('weaknesses', 500, 0, 500, 500, 'swot'),
  note('in-strengths', 50, 50, 'strengths'),
  note('drawn-in-weaknesses', 600, 50),
  note('across-edge', 950, 950),
  note('touching-edge', 1000, 400),
  note('outside', 2000, 2000),
  { ...base, id: 'stroke-in', type: 'stroke', x: 100, y: 600, w: 0, h: 0, points: [0, 0, 50, 50], strokeWidth: 2, stroke: '#000', parentId: null } as unknown as Element,
  { ...base, id: 'link', type: 'connector', x: 0, y: 0, w: 0, h: 0, from: 'in-strengths', to: 'outside', points: [], stroke: '#000', strokeWidth: 2, arrowEnd: true, parentId: null } as unknown as Element,
  frame('elsewhere', 3000, 0, 400, 400),
  note('cycle-a', 5000, 5000, 'cycle-b'),
  note('cycle-b', 5000, 5000, 'cycle-a'),
];
const byId = new Map(board.map((e) => [e.id, e]));
const lookup = (id: string) => byId.get(id);
const get = (id: string) => byId.get(id)!;

describe('liesIn: named inside at any depth, or drawn inside or across the edge', () => {
  it.each([
    ['in-strengths', 'swot', true],
    ['in-strengths', 'strengths', true],
    ['drawn-in-weaknesses', 'weaknesses', true],
    ['drawn-in-weaknesses', 'swot', true],
    ['across-edge', 'swot', true],
    ['touching-edge', 'swot', true],
    ['outside', 'swot', false],
    ['stroke-in', 'swot', true],
    ['strengths', 'swot', true],
    ['elsewhere', 'swot', false],
    ['swot', 'strengths', false],
    ['swot', 'swot', false],
    ['link', 'swot', false],
  ])('%s in %s → %s', (element, container, expected) => {
    expect(liesIn(get(element), get(container), lookup)).toBe(expected);
  });

  it('a parent cycle ends the chain instead of looping', () => {
    expect(ancestorFrames(get('cycle-a'), lookup)).toEqual(['cycle-b']);
  });
});

describe('isLockedFor: a lock keeps participants out of what lies in the frame', () => {
  const locked = { board: false, frames: ['swot'] };
  it.each([
    ['participant', 'in-strengths', locked, true],
    ['participant', 'drawn-in-weaknesses', locked, true],
    ['participant', 'across-edge', locked, true],
    ['participant', 'outside', locked, false],
    ['participant', 'swot', locked, true],
    ['participant', 'strengths', locked, true],
    ['participant', 'elsewhere', locked, false],
    ['facilitator', 'in-strengths', locked, false],
    ['participant', 'outside', { board: true, frames: [] }, true],
    ['facilitator', 'outside', { board: true, frames: [] }, false],
    ['participant', 'in-strengths', { board: false, frames: ['strengths'] }, true],
    ['participant', 'drawn-in-weaknesses', { board: false, frames: ['strengths'] }, false],
    ['participant', 'swot', { board: false, frames: ['strengths'] }, false],
    ['participant', 'in-strengths', { board: false, frames: ['no-such-frame'] }, false],
  ] as const)('%s, %s, %j → %s', (role, id, locks, expected) => {
    expect(isLockedFor(role, get(id), locks, lookup)).toBe(expected);
  });

  it.each([
    [{ x: 10, y: 10, w: 100, h: 100 }, true],
    [{ x: 950, y: 10, w: 100, h: 100 }, true],
    [{ x: 1001, y: 10, w: 100, h: 100 }, false],
    [{ x: Number.NaN, y: 0, w: 1, h: 1 }, true],
  ])('a new element at %j in the locked SWOT frame → %s', (rect, expected) => {
    expect(isLockedAreaFor('participant', rect, { board: false, frames: ['swot'] }, lookup)).toBe(expected);
    expect(isLockedAreaFor('facilitator', rect, { board: false, frames: ['swot'] }, lookup)).toBe(false);
  });
});

describe('privateFrameAt / privateFrameOf: inside or across a private frame is private', () => {
  it.each([
    [{ x: 10, y: 10, w: 100, h: 100 }, 'strengths'],
    [{ x: 450, y: 10, w: 100, h: 100 }, 'strengths'],
    [{ x: 560, y: 10, w: 100, h: 100 }, null],
    [{ x: -50, y: -50, w: 60, h: 60 }, 'strengths'],
  ])('a box at %j → %s', (rect, expected) => {
    expect(privateFrameAt(rect, ['strengths'], lookup)).toBe(expected);
  });

  it.each([
    ['in-strengths', 'strengths'],
    ['drawn-in-weaknesses', null],
    ['strengths', null],
    ['link', null],
  ])('%s → %s', (id, expected) => {
    expect(privateFrameOf(get(id), ['strengths'], lookup)).toBe(expected);
  });
});

describe('canVoteOn: a round on a frame covers everything votable inside it at any depth', () => {
  const onSwot = { frameId: 'swot', itemIds: null };
  it.each([
    ['in-strengths', onSwot, true],
    ['drawn-in-weaknesses', onSwot, true],
    ['across-edge', onSwot, false],
    ['outside', onSwot, false],
    ['strengths', onSwot, false],
    ['stroke-in', onSwot, false],
    ['link', onSwot, false],
    ['in-strengths', { frameId: 'strengths', itemIds: null }, true],
    ['drawn-in-weaknesses', { frameId: 'strengths', itemIds: null }, false],
    ['outside', { frameId: null, itemIds: ['outside'] }, true],
    ['in-strengths', { frameId: null, itemIds: ['outside'] }, false],
    ['in-strengths', { frameId: null, itemIds: null }, false],
  ] as const)('%s in %j → %s', (id, round, expected) => {
    expect(canVoteOn(round, get(id), lookup)).toBe(expected);
  });

  it('an element that is gone takes no votes', () => {
    expect(canVoteOn(onSwot, undefined, lookup)).toBe(false);
  });
});
