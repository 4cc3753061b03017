import { describe, expect, it } from 'vitest';
import { changedKeys, mergeHidden, recentTimes, type HiddenState } from '../../server/facilitation/hidden-merge';

const empty = (): HiddenState => ({ ballots: {}, ratings: {} });
const score = (by: string, influence: number) => ({ by, values: { influence, engagement: 5 } });

describe('changedKeys', () => {
  it('names each piece that differs: a ballot, an author’s notes, one person’s score of one card', () => {
    const before = empty();
    const after: HiddenState = { ballots: { v1: ['a'] }, ratings: { card: { s1: score('Ala', 3) } } };
    expect(changedKeys(before, after)).toEqual(['b\u0000v1', 'r\u0000card\u0000s1']);
    expect(changedKeys(after, structuredClone(after))).toEqual([]);
  });
});

describe('mergeHidden (two processes, one board)', () => {
  it('keeps both scores given at the same moment on different processes', () => {
    // Process A: Anna scored at t=1000. Process B: Bartek scored at t=1001 and sent its copy.
    const a: HiddenState = { ...empty(), ratings: { card: { anna: score('Anna', 9) } } };
    const b: HiddenState = { ...empty(), ratings: { card: { bartek: score('Bartek', 7) } } };
    const onA = mergeHidden(a, { 'r\u0000card\u0000anna': 1000 }, b, { 'r\u0000card\u0000bartek': 1001 }, 1001, 2000);
    expect(onA.merged.ratings.card).toEqual({ anna: score('Anna', 9), bartek: score('Bartek', 7) });
    expect(onA.keptLocal).toBe(true);
    // B then receives A's merged copy, which is newer in every piece: nothing of B's is lost, nothing bounces.
    const onB = mergeHidden(b, { 'r\u0000card\u0000bartek': 1001 }, onA.merged, onA.times, 1002, 2000);
    expect(onB.merged.ratings.card).toEqual(onA.merged.ratings.card);
    expect(onB.keptLocal).toBe(false);
  });

  it('lets a later change elsewhere win: a reveal that took a score clears it here too', () => {
    const here: HiddenState = { ...empty(), ratings: { card: { anna: score('Anna', 9) } } };
    const revealed = empty();
    const result = mergeHidden(here, { 'r\u0000card\u0000anna': 1000 }, revealed, { 'r\u0000card\u0000anna': 1500 }, 1500, 2000);
    expect(result.merged.ratings).toEqual({});
    expect(result.keptLocal).toBe(false);
  });

  it('takes the other copy whole for pieces not changed here lately', () => {
    const here: HiddenState = { ballots: { old: ['x'] }, ratings: {} };
    const there: HiddenState = { ballots: { other: ['y'] }, ratings: {} };
    expect(mergeHidden(here, {}, there, {}, 10_000, 2000).merged).toEqual(there);
    // A change here long before the other copy was made is in it already (or undone there).
    expect(mergeHidden(here, { 'b\u0000old': 1000 }, there, {}, 10_000, 2000).merged).toEqual(there);
  });
});

describe('recentTimes', () => {
  it('forgets change times older than the window', () => {
    expect(recentTimes({ a: 1, b: 100 }, 150, 60)).toEqual({ b: 100 });
  });
});
