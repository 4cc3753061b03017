import type { Command, REACTIONS, RefusalCode, View } from '../protocol/commands';
import { openRound, timerRemaining, type ControlState, type Draft, type Drafts, type VoteRound } from '../protocol/state';
import { castVote, retractVote, tally, type Ballots } from '../methods/voting';
import { keyed, own, setOwn, withKey } from '../schema/records';
import { applyDraftDelta, countDrafts, draftFits, type DraftDelta } from './drafts';
import { LIMITS } from '../schema/limits';

/** Something the server must do besides storing the new state. */
export type Effect =
  | { kind: 'summon'; view: View | { frameId: string } }
  | { kind: 'follow.view'; view: View }
  /** Sent to everyone on the board as it is (a reaction is not state). */
  | { kind: 'reaction'; emoji: (typeof REACTIONS)[number] }
  | { kind: 'my-votes'; sessionId: string; roundId: string; itemIds: string[] }
  /** One author's hidden notes changed: stored, then sent to that author only (a delta, never the whole list). */
  | ({ kind: 'drafts-changed'; sessionId: string } & DraftDelta)
  /** Put the hidden notes of a frame on the board, as their authors' notes. */
  | { kind: 'reveal'; frameId: string; drafts: { sessionId: string; draft: Draft }[] };

/**
 * The commands this reducer decides. The others are about people present (hands, live roles,
 * removals) or read the document (blind scores): server/facilitation/commands.ts handles
 * them by name, in its SERVER_COMMANDS table.
 */
export type ReducedCommand = Exclude<Command, { type: 'hand.raise' | 'role.set' | 'person.remove' | 'rating.submit' | 'rating.reveal' | 'rating.clear' }>;

export interface ReduceContext {
  now: number;
  sessionId: string;
  newId: () => string;
  /** Whether an element may receive votes in a round (it exists and is eligible). */
  isEligible: (round: VoteRound, itemId: string) => boolean;
}

/** `persist`: whether the public state must be stored; hidden notes are stored from their `drafts-changed` effects. */
export type ReduceResult = { ok: true; state: ControlState; ballots: Ballots; drafts: Drafts; effects: Effect[]; persist: boolean } | { ok: false; error: string; code?: RefusalCode };

const refuse = (error: string, code?: RefusalCode): ReduceResult => (code ? { ok: false, error, code } : { ok: false, error });

/**
 * The facilitation channel as a pure function: state and ballots in, new state, ballots
 * and effects out. Role checks happen before; this enforces the rules of each command.
 */
export function reduce(state: ControlState, ballots: Ballots, drafts: Drafts, command: ReducedCommand, ctx: ReduceContext): ReduceResult {
  const done = (next: Partial<ControlState>, effects: Effect[] = [], nextBallots = ballots, persist = true, nextDrafts = drafts): ReduceResult => ({
    ok: true,
    state: { ...state, ...next },
    ballots: nextBallots,
    drafts: nextDrafts,
    effects,
    persist,
  });
  const withDrafts = (nextDrafts: Drafts, effects: Effect[], persist: boolean) => done({ draftCounts: countDrafts(nextDrafts) }, effects, ballots, persist, nextDrafts);
  const { now } = ctx;
  switch (command.type) {
    case 'agenda.set': {
      const ids = new Set(command.phases.map((p) => p.id));
      if (ids.size !== command.phases.length) return refuse('phase ids must be unique');
      const current = state.currentPhase !== null && state.currentPhase < command.phases.length ? state.currentPhase : null;
      return done({ agenda: command.phases, currentPhase: current });
    }
    case 'phase.go': {
      const phase = state.agenda[command.index];
      if (!phase) return refuse('no such phase');
      const timer = phase.minutes > 0 ? { running: true, durationMs: phase.minutes * 60_000, remainingMs: phase.minutes * 60_000, endsAt: now + phase.minutes * 60_000 } : state.timer;
      return done({ currentPhase: command.index, timer }, phase.frameId ? [{ kind: 'summon', view: { frameId: phase.frameId } }] : []);
    }
    case 'timer.start':
      return done({ timer: { running: true, durationMs: command.seconds * 1000, remainingMs: command.seconds * 1000, endsAt: now + command.seconds * 1000 } });
    case 'timer.pause': {
      if (!state.timer.running) return refuse('timer is not running');
      return done({ timer: { ...state.timer, running: false, remainingMs: timerRemaining(state.timer, now), endsAt: null } });
    }
    case 'timer.resume': {
      if (state.timer.running) return refuse('timer is already running');
      if (state.timer.remainingMs <= 0) return refuse('no time left to resume');
      return done({ timer: { ...state.timer, running: true, endsAt: now + state.timer.remainingMs } });
    }
    case 'timer.add': {
      const t = state.timer;
      const remaining = Math.max(0, timerRemaining(t, now) + command.seconds * 1000);
      return done({ timer: { ...t, durationMs: Math.max(t.durationMs + command.seconds * 1000, remaining), remainingMs: remaining, endsAt: t.running ? now + remaining : null } });
    }
    case 'timer.reset':
      return done({ timer: { running: false, durationMs: 0, remainingMs: 0, endsAt: null } });
    case 'summon':
      return done({}, [{ kind: 'summon', view: command.view }], ballots, false);
    case 'follow.set':
      return done({ follow: command.on });
    case 'follow.view':
      if (!state.follow) return refuse('follow mode is off');
      return done({}, [{ kind: 'follow.view', view: command.view }], ballots, false);
    case 'lock.board':
      return done({ locks: { ...state.locks, board: command.locked } });
    case 'lock.frame': {
      const frames = state.locks.frames.filter((f) => f !== command.frameId);
      return done({ locks: { ...state.locks, frames: command.locked ? [...frames, command.frameId] : frames } });
    }
    case 'vote.start': {
      if (openRound(state)) return refuse('a voting round is already open');
      if (command.frameId === null && command.itemIds === null) return refuse('choose a frame or items to vote on');
      const round: VoteRound = {
        id: ctx.newId(),
        title: command.title,
        frameId: command.frameId,
        itemIds: command.itemIds,
        votesPerPerson: command.votesPerPerson,
        open: true,
        openedAt: now,
        closedAt: null,
        results: null,
        voters: null,
      };
      return done({ rounds: [...state.rounds, round].slice(-50) }, [], keyed());
    }
    case 'vote.cast':
    case 'vote.retract': {
      const round = openRound(state);
      if (!round) return refuse('no voting round is open');
      if (command.type === 'vote.cast' && !ctx.isEligible(round, command.itemId)) return refuse('this item is not part of the vote');
      const result = command.type === 'vote.cast' ? castVote(ballots, ctx.sessionId, command.itemId, round.votesPerPerson) : retractVote(ballots, ctx.sessionId, command.itemId);
      if (!result.ok) return refuse(result.error);
      return done({}, [{ kind: 'my-votes', sessionId: ctx.sessionId, roundId: round.id, itemIds: own(result.ballots, ctx.sessionId) ?? [] }], result.ballots);
    }
    case 'vote.close': {
      const round = openRound(state);
      if (!round) return refuse('no voting round is open');
      const { results, voters } = tally(ballots);
      const closed: VoteRound = { ...round, open: false, closedAt: now, results, voters };
      return done({ rounds: [...state.rounds.slice(0, -1), closed] }, [], keyed());
    }
    case 'vote.cancel': {
      if (!openRound(state)) return refuse('no voting round is open');
      return done({ rounds: state.rounds.slice(0, -1) }, [], keyed());
    }
    case 'private.set': {
      const frames = state.privateFrames.filter((f) => f !== command.frameId);
      return done({ privateFrames: command.on ? [...frames, command.frameId] : frames });
    }
    case 'private.reveal': {
      const revealed: { sessionId: string; draft: Draft }[] = [];
      const kept: Drafts = keyed();
      const effects: Effect[] = [];
      for (const [sessionId, list] of Object.entries(drafts)) {
        const mine = list.filter((d) => d.frameId !== command.frameId);
        for (const draft of list) if (draft.frameId === command.frameId) revealed.push({ sessionId, draft });
        if (mine.length) setOwn(kept, sessionId, mine);
        if (mine.length !== list.length) effects.push({ kind: 'drafts-changed', sessionId, put: [], removed: list.filter((d) => d.frameId === command.frameId).map((d) => d.id) });
      }
      const next = withDrafts(kept, [{ kind: 'reveal', frameId: command.frameId, drafts: revealed }, ...effects], true);
      return next.ok ? { ...next, state: { ...next.state, privateFrames: state.privateFrames.filter((f) => f !== command.frameId) } } : next;
    }
    case 'draft.put': {
      if (!state.privateFrames.includes(command.frameId)) return refuse('this frame is not in private brainstorming');
      const mine = own(drafts, ctx.sessionId) ?? [];
      const { type: _type, ...draft } = command;
      if (!draftFits(mine, draft)) return refuse(`at most ${LIMITS.maxDraftsPerFrame} hidden notes per person in one frame`, 'drafts.frameFull');
      const delta = { put: [draft], removed: [] };
      // Only the hidden notes change (their counts follow from them): no whole-state write.
      return withDrafts(withKey(drafts, ctx.sessionId, applyDraftDelta(mine, delta)), [{ kind: 'drafts-changed', sessionId: ctx.sessionId, ...delta }], false);
    }
    case 'draft.delete': {
      const mine = own(drafts, ctx.sessionId) ?? [];
      if (!mine.some((d) => d.id === command.id)) return refuse('no such hidden note');
      const delta = { put: [], removed: [command.id] };
      return withDrafts(withKey(drafts, ctx.sessionId, applyDraftDelta(mine, delta)), [{ kind: 'drafts-changed', sessionId: ctx.sessionId, ...delta }], false);
    }
    case 'reaction':
      return done({}, [{ kind: 'reaction', emoji: command.emoji }], ballots, false);
  }
}
