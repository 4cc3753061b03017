import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { z } from 'zod';
import { mergeHidden, type HiddenState } from '../../server/facilitation/hidden-merge';
import { countRatings, putRating, ratingsOf, takeRatings } from '../../shared/methods/ratings';
import { castVote, ranking, retractVote, tally } from '../../shared/methods/voting';
import { reduce, type ReduceContext } from '../../shared/facilitation/reducer';
import { initialControlState, type ControlState } from '../../shared/protocol/state';
import { toPlain } from '../../shared/schema/plain';
import { keyed, keyedRecord, own, withKey, withoutKey } from '../../shared/schema/records';

/** Keys a client may choose that name members of Object.prototype (or the prototype itself). */
const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'hasOwnProperty', 'toString', 'valueOf', 'isPrototypeOf'] as const;

/** Own entries, sorted: toEqual does not compare an own `__proto__` key. */
const entriesOf = (record: object | null | undefined) => Object.entries(record ?? {}).sort(([a], [b]) => a.localeCompare(b));

describe('records keyed by client-chosen strings', () => {
  it.each(PROTOTYPE_NAMES)('%s is an ordinary key: absent until set, then stored and read back, in JSON too', (key) => {
    const empty = keyed<number>();
    expect(own(empty, key)).toBeUndefined();
    expect(own({} as Record<string, number>, key)).toBeUndefined();
    const one = withKey(empty, key, 7);
    expect(own(one, key)).toBe(7);
    expect(Object.keys(one)).toEqual([key]);
    expect(JSON.stringify(one)).toBe(`{"${key}":7}`);
    expect(Object.getPrototypeOf(withKey({ a: 1 }, key, 2))).toBeNull();
    expect(Object.keys(withoutKey(one, key))).toEqual([]);
    // Plain objects are never given a prototype by a write.
    expect(Object.getPrototypeOf(keyed([[key, 1]]))).toBeNull();
  });

  it('keyedRecord keeps every key of parsed JSON (z.record drops __proto__) and names the bad one', () => {
    const json = JSON.parse('{"__proto__":["a"],"constructor":["b"],"x":["c"]}');
    expect(entriesOf(keyedRecord(z.array(z.string())).parse(json))).toEqual([['__proto__', ['a']], ['constructor', ['b']], ['x', ['c']]]);
    const bad = keyedRecord(z.array(z.string())).safeParse(JSON.parse('{"toString":[1]}'));
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.path).toEqual(['toString', 0]);
    expect(keyedRecord(z.number()).safeParse([1]).success).toBe(false);
    expect(keyedRecord(z.number()).safeParse(null).success).toBe(false);
  });
});

describe('dot voting with voters and items named like prototype members', () => {
  it.each(PROTOTYPE_NAMES)('voter %s casts, retracts and is counted', (voter) => {
    const first = castVote(keyed(), voter, 'constructor', 2);
    expect(first.ok).toBe(true);
    const ballots = first.ok ? first.ballots : keyed<string[]>();
    expect(own(ballots, voter)).toEqual(['constructor']);
    const second = castVote(ballots, voter, '__proto__', 2);
    expect(second.ok && own(second.ballots, voter)).toEqual(['constructor', '__proto__']);
    expect(second.ok && castVote(second.ballots, voter, 'x', 2)).toEqual({ ok: false, error: 'no votes left (2 per person)' });
    const { results, voters } = tally(second.ok ? second.ballots : keyed());
    expect(entriesOf(results)).toEqual([['__proto__', 1], ['constructor', 1]]);
    expect(voters).toBe(1);
    expect(ranking(results, ['toString', '__proto__'])).toEqual([
      { itemId: '__proto__', votes: 1 },
      { itemId: 'toString', votes: 0 },
    ]);
    expect(retractVote(ballots, voter, 'toString')).toEqual({ ok: false, error: 'you have no vote on this item' });
    expect(retractVote(keyed(), voter, 'x')).toEqual({ ok: false, error: 'you have no vote on this item' });
  });
});

describe('hidden notes of sessions named like prototype members (reducer)', () => {
  const ctx = (sessionId: string): ReduceContext => ({ now: 1000, sessionId, newId: () => 'round-1', isEligible: () => true });
  const draft = (id: string, frameId: string) => ({ type: 'draft.put' as const, id, frameId, text: 'Pomysł', x: 0, y: 0, color: '#fde68a' });

  it.each(PROTOTYPE_NAMES)('session %s puts, replaces and deletes its notes in frame "constructor"', (sessionId) => {
    const state: ControlState = { ...initialControlState(), privateFrames: ['constructor'] };
    const put = reduce(state, keyed(), keyed(), draft('a', 'constructor'), ctx(sessionId));
    if (!put.ok) throw new Error(put.error);
    expect(own(put.drafts, sessionId)!.map((d) => d.id)).toEqual(['a']);
    expect(entriesOf(put.state.draftCounts)).toEqual([['constructor', 1]]);
    // Another session's notes are not this one's.
    const other = reduce(put.state, put.ballots, put.drafts, draft('b', 'constructor'), ctx('someone-else'));
    if (!other.ok) throw new Error(other.error);
    expect(own(other.drafts, sessionId)!.map((d) => d.id)).toEqual(['a']);
    expect(entriesOf(other.state.draftCounts)).toEqual([['constructor', 2]]);
    const gone = reduce(other.state, other.ballots, other.drafts, { type: 'draft.delete', id: 'a' }, ctx(sessionId));
    if (!gone.ok) throw new Error(gone.error);
    expect(own(gone.drafts, sessionId)).toEqual([]);
    expect(reduce(gone.state, gone.ballots, gone.drafts, { type: 'draft.delete', id: 'a' }, ctx(sessionId))).toEqual({ ok: false, error: 'no such hidden note' });
    const revealed = reduce(other.state, other.ballots, other.drafts, { type: 'private.reveal', frameId: 'constructor' }, ctx('f'));
    if (!revealed.ok) throw new Error(revealed.error);
    expect(revealed.effects[0]).toMatchObject({ kind: 'reveal', drafts: [{ sessionId }, { sessionId: 'someone-else' }] });
    expect(Object.keys(revealed.drafts)).toEqual([]);
  });
});

describe('blind scores keyed by prototype names', () => {
  it.each(PROTOTYPE_NAMES)('session %s scores card "hasOwnProperty"; counts and own scores read back', (sessionId) => {
    const rating = { by: 'Ala', values: { influence: 3, engagement: 4 } };
    const pending = putRating(putRating(keyed(), 'hasOwnProperty', sessionId, rating), '__proto__', 'x', rating);
    expect(entriesOf(countRatings(pending))).toEqual([['__proto__', 1], ['hasOwnProperty', 1]]);
    expect(entriesOf(ratingsOf(pending, sessionId))).toEqual([['hasOwnProperty', rating.values]]);
    expect(entriesOf(ratingsOf(pending, 'nobody'))).toEqual([]);
    const { taken, kept } = takeRatings(pending, ['__proto__']);
    expect(Object.keys(taken)).toEqual(['__proto__']);
    expect(Object.keys(kept)).toEqual(['hasOwnProperty']);
  });
});

describe('merging hidden state across processes with prototype-named keys', () => {
  it('keeps a local ballot of __proto__ and a score by constructor against a copy without them', () => {
    const local: HiddenState = { ballots: keyed([['__proto__', ['n1']]]), ratings: keyed([['toString', keyed([['constructor', { by: 'Ala', values: { influence: 1, engagement: 1 } }]])]]) };
    const remote: HiddenState = { ballots: keyed(), ratings: keyed() };
    const times = keyed([['b\u0000__proto__', 5000], ['r\u0000toString\u0000constructor', 5000]]);
    const { merged, keptLocal } = mergeHidden(local, times, remote, keyed(), 4000, 2000);
    expect(keptLocal).toBe(true);
    expect(own(merged.ballots, '__proto__')).toEqual(['n1']);
    expect(Object.getPrototypeOf(merged.ballots)).toBeNull();
    expect(own(own(merged.ratings, 'toString'), 'constructor')).toMatchObject({ by: 'Ala' });
  });
});

describe('toPlain', () => {
  it('keeps a field named __proto__ as a field, not as the prototype', () => {
    const doc = new Y.Doc();
    const map = doc.getMap<Y.Map<unknown>>('elements');
    const element = new Y.Map<unknown>();
    map.set('e1', element);
    element.set('type', 'note');
    element.set('__proto__', { polluted: true });
    const plain = toPlain(element);
    expect(Object.getPrototypeOf(plain)).toBe(Object.prototype);
    expect((plain as { polluted?: boolean }).polluted).toBeUndefined();
    expect(Object.hasOwn(plain, '__proto__')).toBe(true);
  });
});
