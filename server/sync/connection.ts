import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import type WebSocket from 'ws';
import type { Logger } from '../log';
import type { Role } from '../storage/types';
import {
  CLOSE,
  MESSAGE_AUTH,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
  SYNC_STEP1,
  SYNC_STEP2,
  SYNC_UPDATE,
  encodeSyncStep1,
} from './messages';
import type { Room, RoomConnection } from './room';

/** A socket's bytes waiting to be sent before we call it too slow and close it. */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;

/** Thrown for a message we cannot or will not process; closes that socket only. */
class ProtocolViolation extends Error {
  constructor(readonly close: { code: number; reason: string }) {
    super(close.reason);
  }
}

/**
 * A state vector from the wire, checked whole: a count of entries followed by that many
 * (client, clock) pairs and nothing else. Each pair takes at least two bytes, so the count
 * is bounded by the payload before anything is read.
 */
export function readStateVector(payload: Uint8Array): Uint8Array {
  const decoder = decoding.createDecoder(payload);
  const entries = decoding.readVarUint(decoder);
  if (entries * 2 > payload.byteLength) throw new ProtocolViolation(CLOSE.malformed);
  for (let i = 0; i < entries; i++) {
    decoding.readVarUint(decoder);
    decoding.readVarUint(decoder);
  }
  if (decoding.hasContent(decoder)) throw new ProtocolViolation(CLOSE.malformed);
  return payload;
}

/** One socket in one room, speaking the y-websocket protocol. */
export class SyncConnection implements RoomConnection {
  readonly awarenessIds = new Set<number>();
  private closed = false;

  constructor(
    private readonly ws: WebSocket,
    /** The role the link's token grants. */
    readonly tokenRole: Role,
    readonly tokenHash: string,
    readonly room: Room,
    private readonly log: Logger,
    /** The browser tab's session, shared with its facilitation connection (optional). */
    readonly sessionId?: string,
    /** Set when the token is a personal link's (replacing a shared link leaves it alone). */
    readonly personalLinkId?: string,
  ) {}

  /** The role in force now: the facilitator can change it live. */
  get role(): Role {
    return this.room.facilitation.roleOf(this.sessionId, this.tokenRole);
  }

  send(message: Uint8Array): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    if (this.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.close(CLOSE.tooSlow.code, CLOSE.tooSlow.reason);
      return;
    }
    this.ws.send(message, { binary: true }, (error) => {
      if (error) this.close(CLOSE.goingAway.code, 'send failed');
    });
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.ws.close(code, reason);
    } catch {
      this.ws.terminate();
    }
  }

  /** Greets a new connection: our state vector and everyone's presence. */
  start(): void {
    this.send(encodeSyncStep1(this.room.doc));
    const awareness = this.room.awarenessSnapshot();
    if (awareness) this.send(awareness);
  }

  /** Handles one frame; a bad frame closes this socket and nothing else. */
  handle(data: Uint8Array): void {
    if (this.closed) return;
    try {
      this.dispatch(data);
    } catch (error) {
      const close = error instanceof ProtocolViolation ? error.close : CLOSE.malformed;
      this.log.warn({ boardId: this.room.boardId, role: this.role, reason: close.reason }, 'closing connection after bad message');
      this.close(close.code, close.reason);
    }
  }

  /**
   * Every asynchronous continuation of a client's message ends here: whatever it throws
   * closes this socket with a reason, is logged once, and never reaches the process.
   */
  private continueAsync(work: Promise<void>): void {
    work.catch((error: unknown) => {
      if (this.closed) return;
      const close = error instanceof ProtocolViolation ? error.close : CLOSE.internal;
      this.log.error({ boardId: this.room.boardId, role: this.role, err: error }, 'closing connection after a failed answer');
      this.close(close.code, close.reason);
    });
  }

  private dispatch(data: Uint8Array): void {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MESSAGE_SYNC:
        return this.handleSync(decoder);
      case MESSAGE_AWARENESS:
        return this.handleAwareness(decoding.readVarUint8Array(decoder));
      case MESSAGE_QUERY_AWARENESS: {
        const awareness = this.room.awarenessSnapshot();
        if (awareness) this.send(awareness);
        return;
      }
      case MESSAGE_AUTH:
        // Authentication happens at the upgrade; stock clients never send this.
        return;
      default:
        throw new ProtocolViolation(CLOSE.malformed);
    }
  }

  private handleSync(decoder: decoding.Decoder): void {
    const subtype = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    if (subtype === SYNC_STEP1) {
      // Decoded here, inside handle()'s try: a vector that ends early or lies about its
      // length closes this socket now instead of throwing later, in the continuation below.
      const stateVector = readStateVector(payload);
      // Answer only once everything in the answer is on disk: it relays it.
      this.continueAsync(this.room.durableRead(() => this.room.syncStep2For(stateVector)).then((messages) => {
        if (this.closed) return;
        for (const message of messages) this.send(message);
      }));
      return;
    }
    if (subtype !== SYNC_STEP2 && subtype !== SYNC_UPDATE) throw new ProtocolViolation(CLOSE.malformed);
    // Observers may hold local changes (an offline cache); they are never applied.
    if (this.role === 'observer') return;
    const result = this.room.applyClientUpdate(payload, this);
    if (result === 'too-large') throw new ProtocolViolation(CLOSE.docTooLarge);
    if (result === 'malformed') throw new ProtocolViolation(CLOSE.malformed);
    if (result === 'foreign-type') throw new ProtocolViolation(CLOSE.foreignType);
  }

  private handleAwareness(update: Uint8Array): void {
    const admitted = this.room.admitAwareness(update, this);
    if (admitted) awarenessProtocol.applyAwarenessUpdate(this.room.awareness, admitted, this);
  }

  /** Called once the socket has closed, whatever closed it. */
  dispose(): void {
    this.closed = true;
    this.room.removeConnection(this);
  }
}
