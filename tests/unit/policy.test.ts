import { describe, expect, it } from 'vitest';
import type { Element } from '../../shared/schema/elements';
import type { Role, VoteRound } from '../../shared/protocol/state';
import { mayCommand, openPolicy, policyFor, writesDecisions, type PolicyState } from '../../shared/rules/policy';

/** A SWOT frame with a note inside, a frame elsewhere with a note, and a stakeholder card. */
const base = { rotation: 0, z: 'a0', createdBy: '', v: 1 };
const frame = (id: string, x: number, y: number) => ({ ...base, id, type: 'frame', x, y, w: 500, h: 500, parentId: null, title: id }) as unknown as Element;
const note = (id: string, x: number, y: number, parentId: string | null = null) => ({ ...base, id, type: 'note', x, y, w: 100, h: 100, parentId, text: id, color: '#fef08a' }) as unknown as Element;
const board: Element[] = [
  frame('swot', 0, 0),
  frame('ideas', 1000, 0),
  note('in-swot', 50, 50, 'swot'),
  note('in-ideas', 1050, 50),
  note('outside', 3000, 3000),
  { ...base, id: 'card', type: 'stakeholder', x: 2000, y: 0, w: 160, h: 90, parentId: null, name: 'Urząd', influence: 5, engagement: 5, ratings: {} } as unknown as Element,
];
const byId = new Map(board.map((e) => [e.id, e]));
const lookup = (id: string) => byId.get(id);
const get = (id: string) => byId.get(id)!;

const round = (over: Partial<VoteRound>): VoteRound => ({ id: 'r', title: 'r', frameId: 'ideas', itemIds: null, votesPerPerson: 3, open: true, openedAt: 0, closedAt: null, results: null, voters: null, ...over });
const quiet: PolicyState = { locks: { board: false, frames: [] }, privateFrames: [], rounds: [] };
const swotLocked: PolicyState = { ...quiet, locks: { board: false, frames: ['swot'] } };
const boardLocked: PolicyState = { ...quiet, locks: { board: true, frames: [] } };
const ideasPrivate: PolicyState = { ...quiet, privateFrames: ['ideas'] };
const voting: PolicyState = { ...quiet, rounds: [round({})] };
const voteClosed: PolicyState = { ...quiet, rounds: [round({ open: false })] };

const inIdeas = { x: 1100, y: 100, w: 100, h: 100 };
const inSwot = { x: 100, y: 100, w: 50, h: 50 };

describe('policyFor: what a role may do now on a board', () => {
  it.each<[string, PolicyState, Role | null, boolean, string | null]>([
    ['nobody known yet', quiet, null, false, 'unknownRole'],
    ['an observer', quiet, 'observer', false, 'observer'],
    ['a participant', quiet, 'participant', false, null],
    ['a participant, board locked', boardLocked, 'participant', false, 'boardLocked'],
    ['a facilitator, board locked', boardLocked, 'facilitator', false, null],
    ['a facilitator on a read-only board', quiet, 'facilitator', true, 'boardReadOnly'],
  ])('read-only: %s', (_, state, role, boardReadOnly, expected) => {
    expect(policyFor(state, role, lookup, { boardReadOnly }).readOnly).toBe(expected);
  });

  it.each<[PolicyState, Role | null, string, boolean]>([
    [quiet, 'participant', 'in-swot', false],
    [swotLocked, 'participant', 'in-swot', true],
    [swotLocked, 'participant', 'in-ideas', false],
    [swotLocked, 'observer', 'in-swot', true],
    [swotLocked, null, 'in-swot', true],
    [swotLocked, 'facilitator', 'in-swot', false],
    [boardLocked, 'participant', 'outside', true],
    [boardLocked, 'facilitator', 'outside', false],
  ])('isLocked (state %#): %s on %s → %s', (state, role, id, expected) => {
    expect(policyFor(state, role, lookup).isLocked(get(id))).toBe(expected);
  });

  it.each<[PolicyState, Role | null, typeof inIdeas, boolean]>([
    [swotLocked, 'participant', inSwot, true],
    [swotLocked, 'participant', inIdeas, false],
    [swotLocked, 'facilitator', inSwot, false],
    [boardLocked, 'participant', inIdeas, true],
  ])('isLockedArea (state %#): %s → %s', (state, role, rect, expected) => {
    expect(policyFor(state, role, lookup).isLockedArea(rect)).toBe(expected);
  });

  it.each<[PolicyState, Role | null, string | null, string | null]>([
    [ideasPrivate, 'participant', 'ideas', 'ideas'],
    // The facilitator's notes are private in a private frame too, as everyone's.
    [ideasPrivate, 'facilitator', 'ideas', 'ideas'],
    // An observer writes nothing, so nothing they do becomes a hidden note.
    [ideasPrivate, 'observer', null, 'ideas'],
    [ideasPrivate, null, null, 'ideas'],
    [quiet, 'participant', null, null],
  ])('private frames (state %#): %s writes into %s; a note there lies in %s', (state, role, drafted, lies) => {
    const policy = policyFor(state, role, lookup);
    expect(policy.privateFrameFor(inIdeas)).toBe(drafted);
    expect(policy.privateFrameOf(get('in-ideas'))).toBe(lies);
    expect(policy.privateFrameFor(inSwot)).toBe(null);
  });

  it.each<[PolicyState, Role | null, string, boolean]>([
    [voting, 'participant', 'in-ideas', true],
    [voting, 'facilitator', 'in-ideas', true],
    [voting, 'participant', 'in-swot', false],
    [voting, 'participant', 'ideas', false],
    [voting, 'observer', 'in-ideas', false],
    [voting, null, 'in-ideas', false],
    [voteClosed, 'participant', 'in-ideas', false],
    [quiet, 'participant', 'in-ideas', false],
  ])('canVoteOn (state %#): %s on %s → %s', (state, role, id, expected) => {
    const policy = policyFor(state, role, lookup);
    expect(policy.canVoteOn(get(id))).toBe(expected);
    expect(policy.round !== null).toBe(state === voting && (role === 'participant' || role === 'facilitator'));
  });

  it.each<[Role | null, string, boolean, boolean]>([
    ['facilitator', 'card', true, true],
    ['participant', 'card', false, false],
    ['participant', 'in-ideas', true, true],
    ['observer', 'card', false, false],
  ])('decisions: %s moving %s → %s, scoring it → %s', (role, id, moves, scores) => {
    const policy = policyFor(quiet, role, lookup);
    expect(policy.mayMove([get(id)])).toBe(moves);
    expect(policy.mayChangeField(get(id).type, 'influence')).toBe(scores);
  });

  it.each<[Role | null, 'lock.frame' | 'vote.cast' | 'rating.submit' | 'private.reveal', boolean]>([
    ['facilitator', 'lock.frame', true],
    ['participant', 'lock.frame', false],
    ['participant', 'vote.cast', true],
    ['participant', 'rating.submit', true],
    ['observer', 'vote.cast', false],
    ['observer', 'rating.submit', false],
    [null, 'vote.cast', false],
    ['facilitator', 'private.reveal', true],
  ])('commands: %s may %s → %s', (role, command, expected) => {
    expect(policyFor(quiet, role, lookup).may(command)).toBe(expected);
    expect(mayCommand(role, command)).toBe(expected);
  });

  it.each<[PolicyState, Role, boolean]>([
    [quiet, 'participant', false],
    [swotLocked, 'participant', true],
    [boardLocked, 'participant', true],
    [ideasPrivate, 'participant', true],
    [ideasPrivate, 'observer', true],
    [swotLocked, 'facilitator', false],
    [ideasPrivate, 'facilitator', false],
  ])('the server judges the update (state %#) of a %s → %s', (state, role, expected) => {
    expect(policyFor(state, role, lookup).guardsDocument).toBe(expected);
    expect(writesDecisions(role)).toBe(role === 'facilitator');
  });

  it('an editor nobody restricted may do everything but vote', () => {
    const policy = openPolicy(lookup);
    expect(policy.readOnly).toBe(null);
    expect(policy.isLocked(get('in-swot'))).toBe(false);
    expect(policy.mayMove(board)).toBe(true);
    expect(policy.round).toBe(null);
  });
});
