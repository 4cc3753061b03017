import { z } from 'zod';
import { LIMITS } from '../schema/limits';
import { BOARD_ID_PATTERN } from './routes';
import { phaseSchema, roleSchema, type Role } from './state';

const id = z.string().min(1).max(LIMITS.maxIdLength);
const coordinate = z.number().min(-LIMITS.maxCoordinate).max(LIMITS.maxCoordinate);
/** A view to bring people to: the board point at the centre of the screen, and the zoom. */
export const viewSchema = z.object({ x: coordinate, y: coordinate, scale: z.number().min(0.05).max(8) });
export type View = z.infer<typeof viewSchema>;

export const REACTIONS = ['👍', '👏', '❤️', '😂', '🤔', '🎉'] as const;

/** Every command of the facilitation channel, validated on the server before anything else. */
export const commandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('agenda.set'), phases: z.array(phaseSchema).max(50) }),
  z.object({ type: z.literal('phase.go'), index: z.number().int().min(0).max(49) }),
  z.object({ type: z.literal('timer.start'), seconds: z.number().int().min(1).max(36_000) }),
  z.object({ type: z.literal('timer.pause') }),
  z.object({ type: z.literal('timer.resume') }),
  z.object({ type: z.literal('timer.add'), seconds: z.number().int().min(-36_000).max(36_000) }),
  z.object({ type: z.literal('timer.reset') }),
  z.object({ type: z.literal('summon'), view: viewSchema }),
  z.object({ type: z.literal('follow.set'), on: z.boolean() }),
  z.object({ type: z.literal('follow.view'), view: viewSchema }),
  z.object({ type: z.literal('lock.board'), locked: z.boolean() }),
  z.object({ type: z.literal('lock.frame'), frameId: id, locked: z.boolean() }),
  z.object({
    type: z.literal('vote.start'),
    title: z.string().trim().min(1).max(120),
    frameId: id.nullable(),
    itemIds: z.array(id).min(1).max(500).nullable(),
    votesPerPerson: z.number().int().min(1).max(20),
  }),
  z.object({ type: z.literal('vote.cast'), itemId: id }),
  z.object({ type: z.literal('vote.retract'), itemId: id }),
  z.object({ type: z.literal('vote.close') }),
  z.object({ type: z.literal('vote.cancel') }),
  z.object({ type: z.literal('private.set'), frameId: id, on: z.boolean() }),
  z.object({ type: z.literal('private.reveal'), frameId: id }),
  z.object({
    type: z.literal('draft.put'),
    id,
    frameId: id,
    text: z.string().max(LIMITS.maxTextLength),
    x: coordinate,
    y: coordinate,
    color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  }),
  z.object({ type: z.literal('draft.delete'), id }),
  z.object({ type: z.literal('hand.raise'), up: z.boolean() }),
  z.object({ type: z.literal('reaction'), emoji: z.enum(REACTIONS) }),
  z.object({ type: z.literal('role.set'), sessionId: id, role: roleSchema }),
  z.object({ type: z.literal('person.remove'), sessionId: id }),
  /** One person's blind score of a stakeholder or factor; ranges are checked against its type. */
  z.object({ type: z.literal('rating.submit'), elementId: id, values: z.record(z.string().max(32), z.number()) }),
  /** Writes the mean and individual scores of the frame's cards into the document. */
  z.object({ type: z.literal('rating.reveal'), frameId: id }),
  /** Drops the frame's scores not yet revealed. */
  z.object({ type: z.literal('rating.clear'), frameId: id }),
]);
export type Command = z.infer<typeof commandSchema>;
export type CommandType = Command['type'];

const FACILITATOR: readonly Role[] = ['facilitator'];
const CONTRIBUTORS: readonly Role[] = ['facilitator', 'participant'];

/** Who may send each command; the server refuses (and logs) anyone else. */
export const COMMAND_ROLES: Record<CommandType, readonly Role[]> = {
  'agenda.set': FACILITATOR,
  'phase.go': FACILITATOR,
  'timer.start': FACILITATOR,
  'timer.pause': FACILITATOR,
  'timer.resume': FACILITATOR,
  'timer.add': FACILITATOR,
  'timer.reset': FACILITATOR,
  summon: FACILITATOR,
  'follow.set': FACILITATOR,
  'follow.view': FACILITATOR,
  'lock.board': FACILITATOR,
  'lock.frame': FACILITATOR,
  'vote.start': FACILITATOR,
  'vote.cast': CONTRIBUTORS,
  'vote.retract': CONTRIBUTORS,
  'vote.close': FACILITATOR,
  'vote.cancel': FACILITATOR,
  'private.set': FACILITATOR,
  'private.reveal': FACILITATOR,
  'draft.put': CONTRIBUTORS,
  'draft.delete': CONTRIBUTORS,
  'hand.raise': CONTRIBUTORS,
  reaction: CONTRIBUTORS,
  'role.set': FACILITATOR,
  'person.remove': FACILITATOR,
  'rating.submit': CONTRIBUTORS,
  'rating.reveal': FACILITATOR,
  'rating.clear': FACILITATOR,
};

/** Why a command was refused, for refusals the client explains in its own words (and language). */
export type RefusalCode = 'drafts.frameFull';

/** The acknowledgement of every command; `code` names refusals the client words itself. */
export type Ack = { ok: true } | { ok: false; error: string; code?: RefusalCode };

/** Socket.io event names, both ways. */
export const EVENTS = {
  command: 'command',
  state: 'state',
  people: 'people',
  summon: 'summon',
  followView: 'follow.view',
  reaction: 'reaction',
  myVotes: 'my-votes',
  /** The author's whole list of hidden notes, once on joining. */
  myDrafts: 'my-drafts',
  /** A change to the author's hidden notes (DraftDelta): notes put, ids removed. */
  myDraftsChanged: 'my-drafts.changed',
  /** This person's own blind scores, by element (nobody else's). */
  myRatings: 'my-ratings',
  you: 'you',
  removed: 'removed',
} as const;

/** Handshake `auth` of the facilitation channel. */
export const handshakeSchema = z.object({
  boardId: z.string().regex(BOARD_ID_PATTERN),
  token: z.string().min(1).max(200),
  /** One id per browser tab, shared with the sync connection, so a role change reaches both. */
  sessionId: id,
  name: z.string().trim().max(40).default(''),
});
export type Handshake = z.infer<typeof handshakeSchema>;
