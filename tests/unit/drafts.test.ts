import { describe, expect, it } from 'vitest';
import { applyDraftDelta, countDrafts, draftFits, type DraftDelta } from '../../shared/facilitation/drafts';
import { reduce } from '../../shared/facilitation/reducer';
import { initialControlState, type Draft } from '../../shared/protocol/state';
import { LIMITS } from '../../shared/schema/limits';

const note = (id: string, frameId = 'f1', text = id): Draft => ({ id, frameId, text, x: 0, y: 0, color: '#fde68a' });

describe('applyDraftDelta', () => {
  const cases: [string, Draft[], DraftDelta, Draft[]][] = [
    ['adds a new note at the end', [note('a')], { put: [note('b')], removed: [] }, [note('a'), note('b')]],
    ['replaces a note in place', [note('a'), note('b')], { put: [note('a', 'f1', 'nowy')], removed: [] }, [note('a', 'f1', 'nowy'), note('b')]],
    ['removes a note', [note('a'), note('b')], { put: [], removed: ['a'] }, [note('b')]],
    ['ignores the removal of an unknown note', [note('a')], { put: [], removed: ['x'] }, [note('a')]],
    ['removes several at once (a reveal)', [note('a'), note('b'), note('c')], { put: [], removed: ['a', 'c'] }, [note('b')]],
    ['starts from nothing', [], { put: [note('a')], removed: [] }, [note('a')]],
  ];
  it.each(cases)('%s', (_name, list, delta, expected) => {
    expect(applyDraftDelta(list, delta)).toEqual(expected);
  });
});

describe('draftFits', () => {
  const full = Array.from({ length: LIMITS.maxDraftsPerFrame }, (_, i) => note(`n${i}`, 'f1'));
  const cases: [string, Draft[], Pick<Draft, 'id' | 'frameId'>, boolean][] = [
    ['a new note while the frame has room', full.slice(1), { id: 'new', frameId: 'f1' }, true],
    ['a new note when the frame is full', full, { id: 'new', frameId: 'f1' }, false],
    ['a change to a note already in the full frame', full, { id: 'n5', frameId: 'f1' }, true],
    ['a new note in another frame', full, { id: 'new', frameId: 'f2' }, true],
    ['a note moved into the full frame from another', [...full, note('elsewhere', 'f2')], { id: 'elsewhere', frameId: 'f1' }, false],
  ];
  it.each(cases)('%s', (_name, list, draft, fits) => {
    expect(draftFits(list, draft)).toBe(fits);
  });
});

describe('countDrafts', () => {
  it('counts every author’s notes by frame', () => {
    expect(countDrafts({ a: [note('1', 'f1'), note('2', 'f2')], b: [note('3', 'f1')] })).toEqual({ f1: 2, f2: 1 });
  });
});

describe('the reducer’s hidden notes', () => {
  const ctx = { now: 0, sessionId: 's1', newId: () => 'id', isEligible: () => true };
  const state = { ...initialControlState(), privateFrames: ['f1'] };

  it('puts a note as a delta for its author, without a whole-state write', () => {
    const result = reduce(state, {}, {}, { type: 'draft.put', ...note('a') }, ctx);
    expect(result.ok && result.effects).toEqual([{ kind: 'drafts-changed', sessionId: 's1', put: [note('a')], removed: [] }]);
    expect(result.ok && result.persist).toBe(false);
    expect(result.ok && result.state.draftCounts).toEqual({ f1: 1 });
  });

  it('refuses a note past the frame’s limit with a code the client words itself', () => {
    const mine = Array.from({ length: LIMITS.maxDraftsPerFrame }, (_, i) => note(`n${i}`));
    const result = reduce(state, {}, { s1: mine }, { type: 'draft.put', ...note('one-more') }, ctx);
    expect(result).toEqual({ ok: false, error: `at most ${LIMITS.maxDraftsPerFrame} hidden notes per person in one frame`, code: 'drafts.frameFull' });
  });

  it('tells each author which of their notes a reveal took', () => {
    const result = reduce(state, {}, { s1: [note('a'), note('b', 'f2')], s2: [note('c')] }, { type: 'private.reveal', frameId: 'f1' }, ctx);
    const changed = result.ok ? result.effects.filter((e) => e.kind === 'drafts-changed') : [];
    expect(changed).toEqual([
      { kind: 'drafts-changed', sessionId: 's1', put: [], removed: ['a'] },
      { kind: 'drafts-changed', sessionId: 's2', put: [], removed: ['c'] },
    ]);
  });
});
