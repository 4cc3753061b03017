import type { Ack, Command, CommandType } from '../../shared/protocol/commands';
import { EVENTS } from '../../shared/protocol/commands';
import { EXCLUSION_REASONS } from '../../shared/protocol/personal-links';
import { reduce, type Effect, type ReducedCommand } from '../../shared/facilitation/reducer';
import type { Phase, Role, VoteRound } from '../../shared/protocol/state';
import { canVoteOn } from '../../shared/rules/areas';
import { docLookup } from '../../shared/rules/element-lookup';
import { elementsOf } from '../../shared/schema/doc';
import { createElements, type NewElement } from '../../shared/ops/elements';
import type * as Y from 'yjs';
import type { Logger } from '../log';
import type { FacilitatedBoard } from './board';
import type { DraftChange } from './draft-writer';
import { handleRating } from './ratings';
import { publicSessionId } from './state';

/** Where a command's answers go; the transport (transport.ts) delivers them. */
export interface Outbox {
  /** To everyone on the board; `exceptSession` leaves out one session's tabs, `volatile` may be dropped under load. */
  toBoard(event: string, payload: unknown, options?: { exceptSession?: string; volatile?: boolean }): void;
  /** To every tab of one session. */
  toSession(sessionId: string, event: string, payload: unknown): void;
}

/** Personal links: removing their holder revokes them, role changes stick to them. */
export interface PersonalLinkActions {
  revoke(boardId: string, linkId: string): Promise<unknown>;
  setRole(boardId: string, linkId: string, role: Role): Promise<unknown>;
}

export interface CommandContext {
  board: FacilitatedBoard;
  /** The sender's session (private: never sent to anyone else). */
  sessionId: string;
  out: Outbox;
  log: Logger;
  now: () => number;
  newId: () => string;
  /** Called when the facilitator starts a phase (version history saves the board then). */
  onPhaseChange?: (board: FacilitatedBoard, phase: Phase, by: string) => void;
  personalLinks?: PersonalLinkActions;
}

/** Commands about people present or needing the document: they cannot be a pure reduction of the state. */
export type ServerCommandType = Exclude<CommandType, ReducedCommand['type']>;
type Handler<T extends ServerCommandType> = (command: Extract<Command, { type: T }>, ctx: CommandContext) => Ack | Promise<Ack>;

const emitPeople = (ctx: CommandContext) => ctx.out.toBoard(EVENTS.people, ctx.board.facilitation.peopleList());

/**
 * Every command that is not the reducer's (shared/facilitation/reducer.ts), by name: the
 * presence list (hands, live roles, removals) and blind scoring, which reads the document.
 */
export const SERVER_COMMANDS: { [T in ServerCommandType]: Handler<T> } = {
  'hand.raise': (command, ctx) => {
    ctx.board.facilitation.setHand(ctx.sessionId, command.up);
    emitPeople(ctx);
    return { ok: true };
  },
  'role.set': (command, ctx) => {
    const people = ctx.board.facilitation;
    // Commands name people by their public id (state.ts publicSessionId).
    const target = people.sessionOf(command.sessionId);
    if (target === ctx.sessionId) return { ok: false, error: 'you cannot change your own role' };
    if (!target || !people.setRole(target, command.role)) return { ok: false, error: 'no such person on the board' };
    ctx.out.toSession(target, EVENTS.you, { sessionId: command.sessionId, role: command.role });
    emitPeople(ctx);
    // Someone with a personal link keeps the new role when they come back under a new session.
    const personalLinkId = people.personalLinkOf(target);
    if (!personalLinkId || !ctx.personalLinks) return { ok: true };
    return ctx.personalLinks.setRole(ctx.board.boardId, personalLinkId, command.role).then(() => ({ ok: true }) as const);
  },
  'person.remove': (command, ctx) => {
    const people = ctx.board.facilitation;
    const target = people.sessionOf(command.sessionId);
    if (target === ctx.sessionId) return { ok: false, error: 'you cannot remove yourself' };
    // Read before removing: leaving forgets which link the session came by.
    const personalLinkId = people.personalLinkOf(target ?? '');
    if (!target || !people.remove(target, EXCLUSION_REASONS.removed)) return { ok: false, error: 'no such person on the board' };
    emitPeople(ctx);
    // A personal link goes with its holder, so they cannot come back with it.
    if (!personalLinkId || !ctx.personalLinks) return { ok: true };
    return ctx.personalLinks.revoke(ctx.board.boardId, personalLinkId).then(() => ({ ok: true }) as const);
  },
  'rating.submit': (command, ctx) => handleRating(ctx.board, ctx.sessionId, command, ratingOutlets(ctx)),
  'rating.reveal': (command, ctx) => handleRating(ctx.board, ctx.sessionId, command, ratingOutlets(ctx)),
  'rating.clear': (command, ctx) => handleRating(ctx.board, ctx.sessionId, command, ratingOutlets(ctx)),
};

function ratingOutlets(ctx: CommandContext) {
  return {
    emitState: (board: FacilitatedBoard) => ctx.out.toBoard(EVENTS.state, { state: board.facilitation.state, serverNow: ctx.now() }),
    emitMine: (_board: FacilitatedBoard, sessionId: string, mine: unknown) => ctx.out.toSession(sessionId, EVENTS.myRatings, { ratings: mine }),
    log: ctx.log,
  };
}

function isServerCommand(command: Command): command is Extract<Command, { type: ServerCommandType }> {
  return Object.hasOwn(SERVER_COMMANDS, command.type);
}

/**
 * A command's answer, after the transport checked its shape and the sender's role; a promise
 * when it may only be acknowledged once something is durable.
 */
export function runCommand(command: Command, ctx: CommandContext): Ack | Promise<Ack> {
  if (isServerCommand(command)) return (SERVER_COMMANDS[command.type] as Handler<ServerCommandType>)(command as never, ctx);
  return runReduced(command, ctx);
}

function runReduced(command: ReducedCommand, ctx: CommandContext): Ack | Promise<Ack> {
  const { board, sessionId, out } = ctx;
  const facilitation = board.facilitation;
  const result = reduce(facilitation.state, facilitation.ballots, facilitation.drafts, command, {
    now: ctx.now(),
    sessionId,
    newId: ctx.newId,
    isEligible: (round, itemId) => isEligible(board.doc, round, itemId),
  });
  if (!result.ok) return result;
  if (command.type === 'phase.go') {
    const phase = result.state.agenda[command.index];
    if (phase) ctx.onPhaseChange?.(board, phase, facilitation.nameOf(sessionId));
  }
  const stateChanged = result.state !== facilitation.state && JSON.stringify(result.state) !== JSON.stringify(facilitation.state);
  const noteChanges = result.effects.flatMap((effect) => (effect.kind === 'drafts-changed' ? draftChangesOf(effect) : []));
  const stored = facilitation.commit(result.state, result.ballots, result.drafts, result.persist, noteChanges);
  if (stateChanged) out.toBoard(EVENTS.state, { state: result.state, serverNow: ctx.now() });
  const afterStored: Effect[] = [];
  for (const effect of result.effects) {
    if (effect.kind === 'reveal') reveal(board, effect.frameId, effect.drafts, ctx.log);
    else if (effect.kind === 'drafts-changed') afterStored.push(effect);
    else emitEffect(ctx, effect);
  }
  if (noteChanges.length === 0) return { ok: true };
  // A hidden note is acknowledged (and its author told) only once it is on disk.
  return stored.then(
    () => {
      for (const effect of afterStored) if (effect.kind === 'drafts-changed') emitEffect(ctx, effect);
      return { ok: true } as const;
    },
    (err: unknown) => {
      ctx.log.error({ err, boardId: board.boardId }, 'hidden notes not saved');
      return { ok: false, error: 'the hidden note could not be saved; try again' } as const;
    },
  );
}

function emitEffect({ out, sessionId: from, board }: CommandContext, effect: Exclude<Effect, { kind: 'reveal' }>): void {
  if (effect.kind === 'summon') out.toBoard(EVENTS.summon, { view: effect.view, by: publicSessionId(from) });
  else if (effect.kind === 'follow.view') out.toBoard(EVENTS.followView, { view: effect.view }, { exceptSession: from, volatile: true });
  else if (effect.kind === 'reaction') out.toBoard(EVENTS.reaction, { sessionId: publicSessionId(from), name: board.facilitation.nameOf(from), emoji: effect.emoji });
  else if (effect.kind === 'drafts-changed') out.toSession(effect.sessionId, EVENTS.myDraftsChanged, { put: effect.put, removed: effect.removed });
  else out.toSession(effect.sessionId, EVENTS.myVotes, { roundId: effect.roundId, itemIds: effect.itemIds });
}

/** Hidden notes become ordinary notes in the frame, written by the server for everyone. */
function reveal(board: FacilitatedBoard, frameId: string, drafts: Extract<Effect, { kind: 'reveal' }>['drafts'], log: Logger): void {
  const existing = elementsOf(board.doc);
  const notes: NewElement[] = drafts
    .filter(({ draft }) => !existing.has(draft.id))
    .map(({ sessionId, draft }) => ({ type: 'note', id: draft.id, text: draft.text, x: draft.x, y: draft.y, color: draft.color, parentId: existing.has(frameId) ? frameId : null, createdBy: board.facilitation.nameOf(sessionId) }));
  if (notes.length === 0) return;
  try {
    board.doc.transact(() => createElements(board.doc, notes, '', 'server'), 'server');
  } catch (err) {
    log.error({ err, boardId: board.boardId }, 'revealing hidden notes failed');
  }
}

/** The stored form of one author's change to their hidden notes. */
function draftChangesOf(effect: Extract<Effect, { kind: 'drafts-changed' }>): DraftChange[] {
  return [...effect.put.map((draft) => ({ sessionId: effect.sessionId, id: draft.id, draft })), ...effect.removed.map((id) => ({ sessionId: effect.sessionId, id, draft: null }))];
}

/** Whether an element can take votes in a round (shared/rules/areas.ts canVoteOn). */
export function isEligible(doc: Y.Doc, round: VoteRound, itemId: string): boolean {
  const lookup = docLookup(doc);
  return canVoteOn(round, lookup(itemId), lookup);
}
