import type { ElementLookup } from '../geometry/elements';
import type { Rect } from '../geometry/rect';
import { COMMAND_ROLES, type CommandType } from '../protocol/commands';
import type { Role, VoteRound } from '../protocol/state';
import { FACILITATOR_FIELDS, type Element, type ElementType } from '../schema/elements';
import { canVoteOn, isLockedAreaFor, isLockedFor, privateFrameAt, privateFrameOf, type Locks } from './areas';

/**
 * What one person may do on one board now: one object built from the shared rules (roles and
 * the commands they may send, locks, private frames, the open vote round, facilitator-only
 * fields), so that the client's editor, which helps and explains, and the server's guards,
 * which enforce, ask the same questions and get the same answers.
 */

/** The part of the facilitation state the policy reads (ControlState has it all). */
export interface PolicyState {
  locks: Locks;
  privateFrames: readonly string[];
  rounds: readonly VoteRound[];
}

/** Why nothing on the board can be edited now, if nothing can. */
export type ReadOnlyReason = 'unknownRole' | 'observer' | 'boardLocked' | 'boardReadOnly';

export interface BoardPolicy {
  /** Who this is; null until the server has said. */
  readonly role: Role | null;
  /** Why this person can edit nothing now (null when they can edit). */
  readonly readOnly: ReadOnlyReason | null;
  /** Whether this person may send this facilitation command (shared/protocol/commands.ts COMMAND_ROLES). */
  may(command: CommandType): boolean;
  /** Whether a lock keeps this person from changing the element (or leaving it where it is). */
  isLocked(element: Element): boolean;
  /** Whether a lock keeps this person from putting something new in this box. */
  isLockedArea(rect: Rect): boolean;
  /** The private frame a new note of this person's in this box would go to (then it is a hidden note), if any. */
  privateFrameFor(rect: Rect): string | null;
  /** The private frame an element lies in, if any: a public element may not be put there. */
  privateFrameOf(element: Element): string | null;
  /** The open round this person may vote in, if any. */
  readonly round: VoteRound | null;
  /** Whether this person may vote on the element now. */
  canVoteOn(element: Element | undefined): boolean;
  /** Whether this person may change this field of an existing element of this type (decisions are the facilitator's). */
  mayChangeField(type: ElementType, field: string): boolean;
  /** Whether this person may move these elements (everything that would move, frames' contents included). */
  mayMove(elements: Iterable<Element>): boolean;
  /** Whether the server must judge this person's document updates against locks and private frames. */
  readonly guardsDocument: boolean;
}

/** Whether this role's edits of facilitator-only fields stand (server/sync/facilitator-fields.ts puts back anyone else's). */
export function writesDecisions(role: Role | null): boolean {
  return role === 'facilitator';
}

/** Whether this role may send the command. */
export function mayCommand(role: Role | null, command: CommandType): boolean {
  return role !== null && COMMAND_ROLES[command].includes(role);
}

export interface PolicyOptions {
  /** The board opened read-only (its stored document could not be migrated). */
  boardReadOnly?: boolean;
}

function readOnlyReason(role: Role | null, locks: Locks, options: PolicyOptions): ReadOnlyReason | null {
  if (options.boardReadOnly) return 'boardReadOnly';
  if (role === null) return 'unknownRole';
  if (role === 'observer') return 'observer';
  if (locks.board && role !== 'facilitator') return 'boardLocked';
  return null;
}

/** What `role` may do now on a board in facilitation `state`, judging elements through `lookup`. */
export function policyFor(state: PolicyState, role: Role | null, lookup: ElementLookup, options: PolicyOptions = {}): BoardPolicy {
  const { locks, privateFrames } = state;
  // The area rules know three roles; someone not yet known is judged as an observer (who edits nothing anyway).
  const who: Role = role ?? 'observer';
  const last = state.rounds[state.rounds.length - 1];
  const round = last?.open && mayCommand(role, 'vote.cast') ? last : null;
  const writesNotes = role !== null && role !== 'observer';
  const decides = writesDecisions(role);
  const mayChangeField = (type: ElementType, field: string) => decides || !(FACILITATOR_FIELDS[type]?.includes(field) ?? false);
  return {
    role,
    readOnly: readOnlyReason(role, locks, options),
    may: (command) => mayCommand(role, command),
    isLocked: (element) => isLockedFor(who, element, locks, lookup),
    isLockedArea: (rect) => isLockedAreaFor(who, rect, locks, lookup),
    privateFrameFor: (rect) => (writesNotes && privateFrames.length > 0 ? privateFrameAt(rect, privateFrames, lookup) : null),
    privateFrameOf: (element) => (privateFrames.length > 0 ? privateFrameOf(element, privateFrames, lookup) : null),
    round,
    canVoteOn: (element) => round !== null && canVoteOn(round, element, lookup),
    mayChangeField,
    mayMove: (elements) => {
      for (const element of elements) if (!mayChangeField(element.type, 'x') || !mayChangeField(element.type, 'y')) return false;
      return true;
    },
    guardsDocument: !decides && (locks.board || locks.frames.length > 0 || privateFrames.length > 0),
  };
}

const OPEN_STATE: PolicyState = { locks: { board: false, frames: [] }, privateFrames: [], rounds: [] };

/** The policy of an editor nobody has restricted yet (a facilitator's on an unlocked board): tests and tools start here. */
export function openPolicy(lookup: ElementLookup): BoardPolicy {
  return policyFor(OPEN_STATE, 'facilitator', lookup);
}
