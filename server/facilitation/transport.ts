import type http from 'node:http';
import { randomUUID } from 'node:crypto';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import { Server, type Socket } from 'socket.io';
import { COMMAND_ROLES, commandSchema, EVENTS, handshakeSchema, type Ack } from '../../shared/protocol/commands';
import type { Role } from '../../shared/protocol/state';
import type { Logger } from '../log';
import type { BoardStore } from '../storage/types';
import { hashToken } from '../tokens';
import { EXCLUSION_REASONS } from '../../shared/protocol/personal-links';
import type { BoardHolds, FacilitatedBoard } from './board';
import { runCommand, type CommandContext, type Outbox, type PersonalLinkActions } from './commands';
import { publicSessionId, type SessionLink } from './state';
import { RateLimiter } from '../rate-limit';
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

export interface FacilitationTransportOptions {
  /** Commands per second per connection (burst = 2×). */
  commandsPerSecond: number;
  redisUrl?: string;
  onPhaseChange?: CommandContext['onPhaseChange'];
  personalLinks?: PersonalLinkActions;
  /** Another process revoked a personal link: close this process's sync sockets of it. */
  onTokenRevokedElsewhere?: (boardId: string, tokenHash: string) => void;
}

const sessionRoom = (boardId: string, sessionId: string) => `${boardId}:session:${sessionId}`;
/** Between processes (Redis adapter): a personal link was revoked; each closes its own sync sockets of it. */
const TOKEN_REVOKED = 'warsztat:token-revoked';

/**
 * The facilitation channel (socket.io on the same http server), as a pipeline:
 * handshake (validate → token → role) → join the board → per command: rate limit →
 * validate → role check → reduce → store → emit. Nothing a client sends can throw past it.
 */
export function attachFacilitationTransport(httpServer: http.Server, store: BoardStore, rooms: BoardHolds, log: Logger, options: FacilitationTransportOptions) {
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
    if (typeof boardId === 'string' && typeof tokenHash === 'string') options.onTokenRevokedElsewhere?.(boardId, tokenHash);
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
        log.error({ err }, 'facilitation handshake failed');
        next(new Error('server error'));
      });
  });

  io.on('connection', (socket) => {
    const data = socket.data as SocketData;
    let room: FacilitatedBoard | undefined;
    let closed = false;
    const link: SessionLink = {
      kind: 'facilitation',
      close: (reason) => {
        socket.emit(EVENTS.removed, { reason });
        socket.disconnect(true);
      },
    };
    socket.on('disconnect', () => {
      closed = true;
      if (!room) return;
      room.facilitation.leave(data.sessionId, link);
      emitPeople(room);
      rooms.release(room);
    });
    rooms
      .acquire(data.boardId)
      .then((acquired) => {
        room = acquired;
        if (closed) return rooms.release(acquired);
        if (acquired.facilitation.isRemoved(data.sessionId)) return link.close(EXCLUSION_REASONS.removed);
        if (acquired.facilitation.isRevoked(data.tokenHash)) return link.close(EXCLUSION_REASONS.linkRevoked);
        acquired.facilitation.join(data.sessionId, data.name, data.tokenRole, link, data.personalLinkId);
        announceMerges(acquired);
        void socket.join([data.boardId, sessionRoom(data.boardId, data.sessionId)]);
        socket.emit(EVENTS.you, { sessionId: publicSessionId(data.sessionId), role: acquired.facilitation.roleOf(data.sessionId, data.tokenRole) });
        socket.emit(EVENTS.state, { state: acquired.facilitation.state, serverNow: Date.now() });
        const myVotes = own(acquired.facilitation.ballots, data.sessionId);
        const open = acquired.facilitation.state.rounds.at(-1);
        if (open?.open && myVotes) socket.emit(EVENTS.myVotes, { roundId: open.id, itemIds: myVotes });
        // The whole list once; afterwards only changes (my-drafts.changed).
        socket.emit(EVENTS.myDrafts, { drafts: own(acquired.facilitation.drafts, data.sessionId) ?? [] });
        socket.emit(EVENTS.myRatings, { ratings: ratingsOf(acquired.facilitation.ratings, data.sessionId) });
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
        const role = room.facilitation.roleOf(data.sessionId, data.tokenRole);
        if (!COMMAND_ROLES[command.type].includes(role)) {
          // The public id: a raw session id works like a password and stays out of logs.
          log.warn({ boardId: data.boardId, person: publicSessionId(data.sessionId), role, command: command.type }, 'command refused: role');
          return reply({ ok: false, error: `${command.type} is not allowed for the ${role} role` });
        }
        const answer = runCommand(command, { board: room, sessionId: data.sessionId, out: outbox(room.boardId), log, now: Date.now, newId: randomUUID, onPhaseChange: options.onPhaseChange, personalLinks: options.personalLinks });
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

  /** Delivers a command's answers through socket.io rooms: one per board, one per session (all its tabs). */
  function outbox(boardId: string): Outbox {
    return {
      toBoard: (event, payload, { exceptSession, volatile } = {}) => {
        const to = exceptSession ? io.to(boardId).except(sessionRoom(boardId, exceptSession)) : io.to(boardId);
        (volatile ? to.volatile : to).emit(event, payload);
      },
      toSession: (sessionId, event, payload) => io.to(sessionRoom(boardId, sessionId)).emit(event, payload),
    };
  }

  /** After a merge kept something of this process's, everyone gets the merged state (once per loaded room). */
  const announced = new WeakSet<FacilitatedBoard>();
  function announceMerges(room: FacilitatedBoard): void {
    if (announced.has(room)) return;
    announced.add(room);
    room.facilitation.onChange((source) => {
      if (source === 'merged') io.to(room.boardId).emit(EVENTS.state, { state: room.facilitation.state, serverNow: Date.now() });
    });
  }

  function emitPeople(room: FacilitatedBoard): void {
    io.to(room.boardId).emit(EVENTS.people, room.facilitation.peopleList());
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

export type FacilitationTransport = ReturnType<typeof attachFacilitationTransport>;
export type { Socket };
