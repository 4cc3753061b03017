import { canVoteOn } from '../../shared/rules/areas';
import { docLookup } from '../sync/element-lookup';
import type http from 'node:http';
import { randomUUID } from 'node:crypto';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import { Server, type Socket } from 'socket.io';
import * as Y from 'yjs';
import { COMMAND_ROLES, commandSchema, EVENTS, handshakeSchema, type Ack, type Command } from '../../shared/protocol/commands';
import { reduce, type Effect } from '../../shared/protocol/reducer';
import type { Phase, Role, VoteRound } from '../../shared/protocol/state';
import { elementsOf } from '../../shared/schema/doc';
import { createElements, type NewElement } from '../../shared/ops/elements';
import type { Logger } from '../log';
import type { BoardStore } from '../storage/types';
import type { Room } from '../sync/room';
import type { RoomRegistry } from '../sync/rooms';
import { hashToken } from '../tokens';
import { closeRevokedHere, type PersonalLinkService } from '../personal-links';
import { EXCLUSION_REASONS } from '../../shared/protocol/personal-links';
import { publicSessionId, type SessionLink } from './board-control';
import type { DraftChange } from './draft-writer';
import { RateLimiter } from './rate-limit';
import { handleRating, type RatingOutlets } from './ratings';
import { ratingsOf } from '../../shared/methods/ratings';
import { own } from '../../shared/schema/records';

interface SocketData {
  boardId: string;
  sessionId: string;
  name: string;
  tokenRole: Role;
  tokenHash: string;
  /** Set when the token is a personal link's. */
  personalLinkId?: string;
}

export interface ControlServerOptions {
  /** Commands per second per connection (burst = 2×). */
  commandsPerSecond: number;
  redisUrl?: string;
  /** Called when the facilitator starts a phase (version history saves the board then). */
  onPhaseChange?: (room: Room, phase: Phase, by: string) => void;
  /** Personal links: removing their holder revokes them, role changes stick to them. */
  personalLinks?: Pick<PersonalLinkService, 'revoke' | 'setRole'>;
}

const sessionRoom = (boardId: string, sessionId: string) => `${boardId}:session:${sessionId}`;
/** Between processes (Redis adapter): a personal link was revoked; each closes its own sync sockets of it. */
const TOKEN_REVOKED = 'warsztat:token-revoked';

/**
 * The facilitation channel (socket.io on the same http server), as a pipeline:
 * handshake (validate → token → role) → join the board → per command: rate limit →
 * validate → role check → reduce → store → emit. Nothing a client sends can throw past it.
 */
export function attachControlServer(httpServer: http.Server, store: BoardStore, rooms: RoomRegistry, log: Logger, options: ControlServerOptions) {
  const io = new Server(httpServer, { serveClient: false, maxHttpBufferSize: 64 * 1024, pingInterval: 20_000, pingTimeout: 20_000 });
  const redisClients: { quit(): Promise<unknown> }[] = [];
  // With REDIS_URL, facilitation events reach clients connected to other processes.
  const ready = options.redisUrl
    ? (async () => {
        const pub = createClient({ url: options.redisUrl });
        const sub = pub.duplicate();
        pub.on('error', (err) => log.error({ err }, 'redis (publish) error'));
        sub.on('error', (err) => log.error({ err }, 'redis (subscribe) error'));
        await Promise.all([pub.connect(), sub.connect()]);
        redisClients.push(pub, sub);
        io.adapter(createAdapter(pub, sub));
      })()
    : Promise.resolve();

  io.on(TOKEN_REVOKED, (boardId: unknown, tokenHash: unknown) => {
    if (typeof boardId === 'string' && typeof tokenHash === 'string') closeRevokedHere(rooms, boardId, tokenHash);
  });

  io.use((socket, next) => {
    const parsed = handshakeSchema.safeParse(socket.handshake.auth);
    if (!parsed.success) return next(new Error('invalid handshake: boardId, token and sessionId are required'));
    const { boardId, token, sessionId, name } = parsed.data;
    const tokenHash = hashToken(token);
    store
      .findToken(tokenHash)
      .then((grant) => {
        if (!grant || grant.boardId !== boardId) return next(new Error('invalid token'));
        // A personal link carries its holder's name; one typed in the tab wins.
        (socket.data as SocketData) = { boardId, sessionId, name: name || grant.personalLink?.name || '', tokenRole: grant.role, tokenHash, personalLinkId: grant.personalLink?.id };
        next();
      })
      .catch((err) => {
        log.error({ err }, 'control handshake failed');
        next(new Error('server error'));
      });
  });

  io.on('connection', (socket) => {
    const data = socket.data as SocketData;
    let room: Room | undefined;
    let closed = false;
    const link: SessionLink = {
      kind: 'control',
      close: (reason) => {
        socket.emit(EVENTS.removed, { reason });
        socket.disconnect(true);
      },
    };
    socket.on('disconnect', () => {
      closed = true;
      if (!room) return;
      room.control.leave(data.sessionId, link);
      emitPeople(room);
      rooms.release(room);
    });
    rooms
      .acquire(data.boardId)
      .then((acquired) => {
        room = acquired;
        if (closed) return rooms.release(acquired);
        if (acquired.control.isRemoved(data.sessionId)) return link.close(EXCLUSION_REASONS.removed);
        if (acquired.control.isRevoked(data.tokenHash)) return link.close(EXCLUSION_REASONS.linkRevoked);
        acquired.control.join(data.sessionId, data.name, data.tokenRole, link, data.personalLinkId);
        announceMerges(acquired);
        void socket.join([data.boardId, sessionRoom(data.boardId, data.sessionId)]);
        socket.emit(EVENTS.you, { sessionId: publicSessionId(data.sessionId), role: acquired.control.roleOf(data.sessionId, data.tokenRole) });
        socket.emit(EVENTS.state, { state: acquired.control.state, serverNow: Date.now() });
        const myVotes = own(acquired.control.ballots, data.sessionId);
        const open = acquired.control.state.rounds.at(-1);
        if (open?.open && myVotes) socket.emit(EVENTS.myVotes, { roundId: open.id, itemIds: myVotes });
        // The whole list once; afterwards only changes (my-drafts.changed).
        socket.emit(EVENTS.myDrafts, { drafts: own(acquired.control.drafts, data.sessionId) ?? [] });
        socket.emit(EVENTS.myRatings, { ratings: ratingsOf(acquired.control.ratings, data.sessionId) });
        emitPeople(acquired);
      })
      .catch((err) => {
        log.error({ err, boardId: data.boardId }, 'board could not be loaded for facilitation');
        socket.disconnect(true);
      });

    const limiter = new RateLimiter(options.commandsPerSecond * 2, options.commandsPerSecond);
    socket.on(EVENTS.command, (raw: unknown, ack: unknown) => {
      const reply = (answer: Ack) => {
        if (typeof ack === 'function') ack(answer);
      };
      try {
        if (!room) return reply({ ok: false, error: 'board not loaded yet' });
        if (!limiter.take()) {
          if (limiter.refused > 200) socket.disconnect(true);
          return reply({ ok: false, error: 'too many commands, slow down' });
        }
        const parsed = commandSchema.safeParse(raw);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          return reply({ ok: false, error: `invalid command: ${issue ? `${issue.path.join('.') || 'type'}: ${issue.message}` : 'unreadable'}` });
        }
        const command = parsed.data;
        const role = room.control.roleOf(data.sessionId, data.tokenRole);
        if (!COMMAND_ROLES[command.type].includes(role)) {
          // The public id: a raw session id works like a password and stays out of logs.
          log.warn({ boardId: data.boardId, person: publicSessionId(data.sessionId), role, command: command.type }, 'command refused: role');
          return reply({ ok: false, error: `${command.type} is not allowed for the ${role} role` });
        }
        const answer = handle(room, data, command);
        if (!(answer instanceof Promise)) return reply(answer);
        answer.then(reply, (err: unknown) => {
          log.error({ err, boardId: data.boardId }, 'command failed');
          reply({ ok: false, error: 'server error' });
        });
      } catch (err) {
        log.error({ err, boardId: data.boardId }, 'command failed');
        reply({ ok: false, error: 'server error' });
      }
    });
  });

  /** A command's answer; a promise when it may only be acknowledged once something is durable. */
  function handle(room: Room, data: SocketData, command: Command): Ack | Promise<Ack> {
    const control = room.control;
    switch (command.type) {
      case 'hand.raise':
        control.setHand(data.sessionId, command.up);
        emitPeople(room);
        return { ok: true };
      case 'reaction':
        io.to(data.boardId).emit(EVENTS.reaction, { sessionId: publicSessionId(data.sessionId), name: control.nameOf(data.sessionId), emoji: command.emoji });
        return { ok: true };
      case 'role.set': {
        // Commands name people by their public id (board-control.ts publicSessionId).
        const target = control.sessionOf(command.sessionId);
        if (target === data.sessionId) return { ok: false, error: 'you cannot change your own role' };
        if (!target || !control.setRole(target, command.role)) return { ok: false, error: 'no such person on the board' };
        io.to(sessionRoom(data.boardId, target)).emit(EVENTS.you, { sessionId: command.sessionId, role: command.role });
        emitPeople(room);
        // Someone with a personal link keeps the new role when they come back under a new session.
        const personalLinkId = control.personalLinkOf(target);
        if (!personalLinkId || !options.personalLinks) return { ok: true };
        return options.personalLinks.setRole(data.boardId, personalLinkId, command.role).then(() => ({ ok: true }) as const);
      }
      case 'rating.submit':
      case 'rating.reveal':
      case 'rating.clear':
        return handleRating(room, data.sessionId, command, ratingOutlets);
      case 'person.remove': {
        const target = control.sessionOf(command.sessionId);
        if (target === data.sessionId) return { ok: false, error: 'you cannot remove yourself' };
        // Read before removing: leaving forgets which link the session came by.
        const personalLinkId = control.personalLinkOf(target ?? '');
        if (!target || !control.remove(target, EXCLUSION_REASONS.removed)) return { ok: false, error: 'no such person on the board' };
        emitPeople(room);
        // A personal link goes with its holder, so they cannot come back with it.
        if (!personalLinkId || !options.personalLinks) return { ok: true };
        return options.personalLinks.revoke(data.boardId, personalLinkId).then(() => ({ ok: true }) as const);
      }
      default: {
        const result = reduce(control.state, control.ballots, control.drafts, command, {
          now: Date.now(),
          sessionId: data.sessionId,
          newId: randomUUID,
          isEligible: (round, itemId) => isEligible(room.doc, round, itemId),
        });
        if (!result.ok) return result;
        if (command.type === 'phase.go') {
          const phase = result.state.agenda[command.index];
          if (phase) options.onPhaseChange?.(room, phase, control.nameOf(data.sessionId));
        }
        const stateChanged = result.state !== control.state && JSON.stringify(result.state) !== JSON.stringify(control.state);
        const noteChanges = result.effects.flatMap((effect) => (effect.kind === 'drafts-changed' ? draftChangesOf(effect) : []));
        const stored = control.commit(result.state, result.ballots, result.drafts, result.persist, noteChanges);
        if (stateChanged) io.to(data.boardId).emit(EVENTS.state, { state: result.state, serverNow: Date.now() });
        const afterStored: Effect[] = [];
        for (const effect of result.effects) {
          if (effect.kind === 'reveal') reveal(room, effect.frameId, effect.drafts);
          else if (effect.kind === 'drafts-changed') afterStored.push(effect);
          else emitEffect(data.boardId, effect, data.sessionId);
        }
        if (noteChanges.length === 0) return { ok: true };
        // A hidden note is acknowledged (and its author told) only once it is on disk.
        return stored.then(
          () => {
            for (const effect of afterStored) if (effect.kind === 'drafts-changed') emitEffect(data.boardId, effect, data.sessionId);
            return { ok: true } as const;
          },
          (err: unknown) => {
            log.error({ err, boardId: data.boardId }, 'hidden notes not saved');
            return { ok: false, error: 'the hidden note could not be saved; try again' } as const;
          },
        );
      }
    }
  }

  function emitEffect(boardId: string, effect: Exclude<Effect, { kind: 'reveal' }>, from: string): void {
    if (effect.kind === 'summon') io.to(boardId).emit(EVENTS.summon, { view: effect.view, by: publicSessionId(from) });
    else if (effect.kind === 'follow.view') io.to(boardId).except(sessionRoom(boardId, from)).volatile.emit(EVENTS.followView, { view: effect.view });
    else if (effect.kind === 'drafts-changed') io.to(sessionRoom(boardId, effect.sessionId)).emit(EVENTS.myDraftsChanged, { put: effect.put, removed: effect.removed });
    else io.to(sessionRoom(boardId, effect.sessionId)).emit(EVENTS.myVotes, { roundId: effect.roundId, itemIds: effect.itemIds });
  }

  /** Hidden notes become ordinary notes in the frame, written by the server for everyone. */
  function reveal(room: Room, frameId: string, drafts: { sessionId: string; draft: { id: string; text: string; x: number; y: number; color: string } }[]): void {
    const existing = elementsOf(room.doc);
    const notes: NewElement[] = drafts
      .filter(({ draft }) => !existing.has(draft.id))
      .map(({ sessionId, draft }) => ({ type: 'note', id: draft.id, text: draft.text, x: draft.x, y: draft.y, color: draft.color, parentId: existing.has(frameId) ? frameId : null, createdBy: room.control.nameOf(sessionId) }));
    if (notes.length === 0) return;
    try {
      room.doc.transact(() => createElements(room.doc, notes, '', 'server'), 'server');
    } catch (err) {
      log.error({ err, boardId: room.boardId }, 'revealing hidden notes failed');
    }
  }

  const ratingOutlets: RatingOutlets = {
    emitState: (room) => io.to(room.boardId).emit(EVENTS.state, { state: room.control.state, serverNow: Date.now() }),
    emitMine: (room, sessionId, mine) => io.to(sessionRoom(room.boardId, sessionId)).emit(EVENTS.myRatings, { ratings: mine }),
    log,
  };

  /** After a merge kept something of this process's, everyone gets the merged state (once per loaded room). */
  const announced = new WeakSet<Room>();
  function announceMerges(room: Room): void {
    if (announced.has(room)) return;
    announced.add(room);
    room.control.onChange((source) => {
      if (source === 'merged') io.to(room.boardId).emit(EVENTS.state, { state: room.control.state, serverNow: Date.now() });
    });
  }

  function emitPeople(room: Room): void {
    io.to(room.boardId).emit(EVENTS.people, room.control.peopleList());
  }

  return {
    io,
    ready,
    /** A role's link was replaced: its facilitation sockets go, as its sync sockets do. */
    async disconnectReplaced(boardId: string, role: Role, currentHash: string): Promise<void> {
      for (const socket of await io.in(boardId).fetchSockets()) {
        const data = socket.data as SocketData;
        if (data.tokenRole === role && data.tokenHash !== currentHash && !data.personalLinkId) {
          socket.emit(EVENTS.removed, { reason: 'link was replaced' });
          socket.disconnect(true);
        }
      }
    },
    /** A personal link was revoked: its facilitation sockets go, in every process. */
    async disconnectToken(boardId: string, tokenHash: string, reason: string): Promise<void> {
      // Only the Redis adapter carries server-side events; alone, this process has done it all.
      if (options.redisUrl) io.serverSideEmit(TOKEN_REVOKED, boardId, tokenHash);
      for (const socket of await io.in(boardId).fetchSockets()) {
        if ((socket.data as SocketData).tokenHash !== tokenHash) continue;
        socket.emit(EVENTS.removed, { reason });
        socket.disconnect(true);
      }
    },
    async close(): Promise<void> {
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await Promise.all(redisClients.map((client) => client.quit().catch(() => undefined)));
    },
  };
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

export type ControlServer = ReturnType<typeof attachControlServer>;
export type { Socket };
