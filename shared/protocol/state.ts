import { z } from 'zod';
import { LIMITS } from '../schema/limits';
import { keyed } from '../schema/records';

export const ROLES = ['facilitator', 'participant', 'observer'] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES);

/** The role a value names, when it is one of the three (what a client reads from the server, or from its own storage). */
export function asRole(value: unknown): Role | undefined {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value) ? (value as Role) : undefined;
}

const id = z.string().min(1).max(LIMITS.maxIdLength);

/** One step of the workshop agenda: usually a frame on the board. */
export const phaseSchema = z.object({
  id,
  title: z.string().trim().min(1).max(120),
  /** The frame everyone is brought to when the phase starts, if any. */
  frameId: id.nullable(),
  /** Timer started with the phase; 0 for none. */
  minutes: z.number().int().min(0).max(600),
  /** What participants do in this phase, shown to everyone while it is current (older agendas have none). */
  instruction: z.string().trim().max(500).optional(),
});
export type Phase = z.infer<typeof phaseSchema>;

/** One server clock for everyone: `endsAt` is server time, clients correct by their offset. */
export interface TimerState {
  running: boolean;
  durationMs: number;
  /** Time left when paused (or when never started). */
  remainingMs: number;
  /** Server epoch ms at which a running timer ends. */
  endsAt: number | null;
}

/** A dot-voting round; `results` stay null (and ballots on the server) until it closes. */
export interface VoteRound {
  id: string;
  title: string;
  /** Items eligible: the notes in this frame… */
  frameId: string | null;
  /** …or exactly these elements. */
  itemIds: string[] | null;
  votesPerPerson: number;
  open: boolean;
  openedAt: number;
  closedAt: number | null;
  /** Votes per item, once closed. */
  results: Record<string, number> | null;
  /** How many people voted, once closed. */
  voters: number | null;
}

/** What the facilitator controls; lives on the server beside the board, not in the document. */
export interface ControlState {
  agenda: Phase[];
  currentPhase: number | null;
  timer: TimerState;
  locks: { board: boolean; frames: string[] };
  /** Participants follow the facilitator's view. */
  follow: boolean;
  /** Every round so far, newest last; at most one is open. */
  rounds: VoteRound[];
  /** Frames in private brainstorming: new notes there stay with their author until revealed. */
  privateFrames: string[];
  /** How many hidden notes each private frame holds (the notes themselves stay hidden). */
  draftCounts: Record<string, number>;
  /** How many people have scored each stakeholder or factor (the scores stay hidden). */
  ratingCounts: Record<string, number>;
}

/** A note written during private brainstorming, seen only by its author until revealed. */
export interface Draft {
  id: string;
  frameId: string;
  text: string;
  x: number;
  y: number;
  color: string;
}

/** Hidden notes by author's session; kept on the server only. Keyed by what clients chose: see records.ts. */
export type Drafts = Record<string, Draft[]>;

export function initialControlState(): ControlState {
  return {
    agenda: [],
    currentPhase: null,
    timer: { running: false, durationMs: 0, remainingMs: 0, endsAt: null },
    locks: { board: false, frames: [] },
    follow: false,
    rounds: [],
    privateFrames: [],
    draftCounts: keyed(),
    ratingCounts: keyed(),
  };
}

/** Someone connected to the facilitation channel. */
/** How a present person came in: by a personal link (revocable alone) or by a shared role link. */
export type ArrivedBy = 'personal' | 'shared';

export interface Person {
  /** Public id of the person's session (a hash: the session id itself stays in its own tab). */
  sessionId: string;
  name: string;
  role: Role;
  handUp: boolean;
  /** By a personal link (removing them revokes it) or a shared role link (they could come back). */
  arrivedBy: ArrivedBy;
  /** The role of the link they came by (their role now may differ after a live change). */
  linkRole: Role;
}

/** The round currently open, if any. */
export function openRound(state: ControlState): VoteRound | undefined {
  const last = state.rounds[state.rounds.length - 1];
  return last?.open ? last : undefined;
}

/** Time left on the timer at server time `now`. */
export function timerRemaining(timer: TimerState, now: number): number {
  if (!timer.running || timer.endsAt === null) return Math.max(0, timer.remainingMs);
  return Math.max(0, timer.endsAt - now);
}
