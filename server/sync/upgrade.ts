import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Logger } from '../log';
import type { BoardStore, Role } from '../storage/types';
import { BOARD_ID_PATTERN, hashToken } from '../tokens';
import { SyncConnection } from './connection';
import { onBehalfOf } from '../process-net';
import { CLOSE } from './messages';
import type { RoomRegistry } from './rooms';
import { SchemaTooNewError } from '../../shared/schema/migrate';

export const SYNC_PATH_PREFIX = '/yjs/';

export interface SyncServerOptions {
  maxFrameBytes: number;
  maxConnectionsPerBoard: number;
  /** Interval of pings; a socket that misses one is closed. */
  heartbeatMs?: number;
}

interface Admission {
  boardId: string;
  role: Role;
  tokenHash: string;
  sessionId?: string;
  /** Set when the token is a personal link's. */
  personalLinkId?: string;
}

const SESSION_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** Refuses an upgrade with a plain HTTP answer and a JSON reason. */
function refuse(socket: Duplex, status: number, error: string): void {
  const body = JSON.stringify({ error });
  const statusText = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 503: 'Service Unavailable' }[status] ?? 'Error';
  if (socket.writable) {
    socket.end(
      `HTTP/1.1 ${status} ${statusText}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

/**
 * The y-websocket endpoint, as a pipeline: parse the address → check the token → admit
 * into the room → speak the protocol. Stock WebsocketProvider clients work unchanged.
 */
export class SyncServer {
  private readonly wss: WebSocketServer;
  private readonly sockets = new Set<WebSocket>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly alive = new WeakSet<WebSocket>();

  constructor(
    private readonly store: BoardStore,
    private readonly rooms: RoomRegistry,
    private readonly log: Logger,
    private readonly options: SyncServerOptions,
  ) {
    this.wss = new WebSocketServer({ noServer: true, maxPayload: options.maxFrameBytes, perMessageDeflate: false });
    this.wss.on('error', (err) => log.error({ err }, 'websocket server error'));
    this.heartbeat = setInterval(() => this.checkAlive(), options.heartbeatMs ?? 30_000);
    this.heartbeat.unref();
  }

  get connectionCount(): number {
    return this.sockets.size;
  }

  /** Handles an http 'upgrade' for the sync path; returns false if the path is not ours. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith(SYNC_PATH_PREFIX)) return false;
    // A socket error before the WebSocket exists must not become an uncaught exception.
    socket.on('error', (err) => this.log.debug({ err }, 'upgrade socket error'));
    void this.admit(url)
      .then((admission) => {
        if ('error' in admission) return refuse(socket, admission.status, admission.error);
        this.wss.handleUpgrade(request, socket, head, (ws) => this.connect(ws, admission));
      })
      .catch((err) => {
        this.log.error({ err }, 'upgrade failed');
        refuse(socket, 503, 'server error');
      });
    return true;
  }

  private async admit(url: URL): Promise<Admission | { status: number; error: string }> {
    const boardId = decodeURIComponent(url.pathname.slice(SYNC_PATH_PREFIX.length));
    if (!BOARD_ID_PATTERN.test(boardId)) return { status: 404, error: 'no such board' };
    const token = url.searchParams.get('token');
    if (!token) return { status: 401, error: 'token required' };
    const tokenHash = hashToken(token);
    const grant = await this.store.findToken(tokenHash);
    if (!grant) return { status: 401, error: 'invalid token' };
    if (grant.boardId !== boardId) return { status: 403, error: 'token is for another board' };
    const room = this.rooms.peek(boardId);
    if (room && room.connections.size >= this.options.maxConnectionsPerBoard) return { status: 503, error: CLOSE.roomFull.reason };
    const session = url.searchParams.get('session');
    const sessionId = session && SESSION_PATTERN.test(session) ? session : undefined;
    return { boardId, role: grant.role, tokenHash, sessionId, personalLinkId: grant.personalLink?.id };
  }

  private connect(ws: WebSocket, admission: Admission): void {
    this.sockets.add(ws);
    this.alive.add(ws);
    ws.on('error', (err) => {
      // ws has already closed the socket (bad frame, RSV bits, oversize): log only.
      this.log.debug({ err: err.message, boardId: admission.boardId }, 'socket error');
    });
    ws.on('pong', () => this.alive.add(ws));
    const early: Uint8Array[] = [];
    let connection: SyncConnection | undefined;
    let closed = false;
    ws.on('message', (data, isBinary) => {
      if (!isBinary) {
        ws.close(CLOSE.textFrame.code, CLOSE.textFrame.reason);
        return;
      }
      const bytes = toBytes(data);
      if (connection) onBehalfOf(admission.boardId, () => connection!.handle(bytes));
      else if (early.length < 100) early.push(bytes);
      else ws.close(CLOSE.malformed.code, 'too many messages before the board loaded');
    });
    ws.on('close', () => {
      closed = true;
      this.sockets.delete(ws);
      if (connection) {
        connection.dispose();
        this.rooms.release(connection.room);
      }
    });

    this.rooms
      .acquire(admission.boardId)
      .then((room) => {
        if (closed) return this.rooms.release(room);
        if (room.facilitation.isRemoved(admission.sessionId)) {
          ws.close(CLOSE.removed.code, CLOSE.removed.reason);
          return this.rooms.release(room);
        }
        if (room.facilitation.isRevoked(admission.tokenHash)) {
          ws.close(CLOSE.personalLinkRevoked.code, CLOSE.personalLinkRevoked.reason);
          return this.rooms.release(room);
        }
        connection = new SyncConnection(ws, admission.role, admission.tokenHash, room, this.log, admission.sessionId, admission.personalLinkId);
        room.connections.add(connection);
        if (admission.sessionId) {
          const sessionId = admission.sessionId;
          const current = connection;
          const link = { kind: 'sync' as const, close: () => current.close(CLOSE.removed.code, CLOSE.removed.reason) };
          room.facilitation.join(sessionId, '', admission.role, link, admission.personalLinkId);
          ws.once('close', () => room.facilitation.leave(sessionId, link));
        }
        connection.start();
        const admitted = connection;
        onBehalfOf(admission.boardId, () => {
          for (const message of early.splice(0)) admitted.handle(message);
        });
      })
      .catch((err) => {
        const close = err instanceof SchemaTooNewError ? CLOSE.unsupportedSchema : CLOSE.storageFailure;
        this.log.error({ err, boardId: admission.boardId }, 'board could not be loaded');
        ws.close(close.code, close.reason);
      });
  }

  private checkAlive(): void {
    for (const ws of this.sockets) {
      if (!this.alive.has(ws)) {
        ws.close(CLOSE.timeout.code, CLOSE.timeout.reason);
        ws.terminate();
        continue;
      }
      this.alive.delete(ws);
      ws.ping();
    }
  }

  close(): void {
    clearInterval(this.heartbeat);
    for (const ws of this.sockets) ws.terminate();
    this.wss.close();
  }
}

function toBytes(data: WebSocket.RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
