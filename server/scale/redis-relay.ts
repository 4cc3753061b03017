import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import type { Logger } from '../log';

/** What travels between processes about one board. */
export enum RelayKind {
  /** A Yjs update that is already durable in the shared database. */
  Update = 1,
  /** A y-protocols awareness update (cursors, names). */
  Awareness = 2,
  /** A state vector: "this is what I have"; others answer with what it lacks. */
  StateVector = 3,
  /** The facilitation state as JSON. */
  Facilitation = 4,
  /** Hidden notes just stored (JSON, changes only): they are not part of the state above. */
  Drafts = 5,
}

/** One board's link to the other processes. */
export interface RoomPeer {
  publish(kind: RelayKind, payload: Uint8Array): void;
  close(): Promise<void>;
}

export type RelayHandler = (kind: RelayKind, payload: Uint8Array, lagMs: number) => void;

/** The few commands the relay uses, typed loosely: node-redis's generics do not survive duplicate(). */
interface RedisClient {
  publish(channel: string, message: Buffer): Promise<number>;
  subscribe(channel: string, listener: (message: Buffer) => void, bufferMode: true): Promise<void>;
  unsubscribe(channel: string, listener: (message: Buffer) => void, bufferMode: true): Promise<void>;
  ping(): Promise<string>;
  quit(): Promise<unknown>;
}

const HEADER = 1 + 16 + 8;
/** The Redis channel carrying one board between processes. */
export const channelOf = (boardId: string) => `warsztat:board:${boardId}`;

/**
 * Carries boards' updates, presence and facilitation state between processes through
 * Redis pub/sub. Pub/sub may drop messages (a Redis restart, a slow subscriber), so rooms
 * also exchange state vectors periodically and repair whatever went missing.
 */
export class RedisRelay {
  /** Distinguishes this process's own messages, which Redis echoes back. */
  readonly processId = randomBytes(16);
  onPublish?: (kind: RelayKind) => void;
  onReceive?: (kind: RelayKind, lagMs: number) => void;

  private constructor(
    private readonly pub: RedisClient,
    private readonly sub: RedisClient,
    private readonly log: Logger,
  ) {}

  static async connect(url: string, log: Logger): Promise<RedisRelay> {
    const pub = createClient({ url, socket: { reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2000) } });
    const sub = pub.duplicate();
    pub.on('error', (err) => log.warn({ err: String(err) }, 'redis relay (publish) error'));
    sub.on('error', (err) => log.warn({ err: String(err) }, 'redis relay (subscribe) error'));
    // Start-up fails with a clear message instead of waiting forever for an unreachable Redis.
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`cannot reach Redis at ${url} (REDIS_URL) within 15 s`)), 15_000);
    });
    try {
      await Promise.race([Promise.all([pub.connect(), sub.connect()]), timeout]);
    } catch (error) {
      await Promise.all([pub.disconnect().catch(() => undefined), sub.disconnect().catch(() => undefined)]);
      throw error;
    } finally {
      clearTimeout(timer);
    }
    return new RedisRelay(pub as unknown as RedisClient, sub as unknown as RedisClient, log);
  }

  /** Subscribes to a board (call before loading it, so nothing falls between). */
  async attach(boardId: string, handler: RelayHandler): Promise<RoomPeer> {
    const channel = channelOf(boardId);
    const listener = (message: Buffer) => {
      if (message.length < HEADER || message.subarray(1, 17).equals(this.processId)) return;
      const sentAt = message.readDoubleBE(17);
      const lag = Date.now() - sentAt;
      this.onReceive?.(message[0] as RelayKind, lag);
      try {
        handler(message[0] as RelayKind, new Uint8Array(message.buffer, message.byteOffset + HEADER, message.length - HEADER), lag);
      } catch (err) {
        this.log.warn({ err, boardId }, 'relay message could not be applied');
      }
    };
    await this.sub.subscribe(channel, listener, true);
    return {
      publish: (kind, payload) => {
        const message = Buffer.allocUnsafe(HEADER + payload.byteLength);
        message[0] = kind;
        this.processId.copy(message, 1);
        message.writeDoubleBE(Date.now(), 17);
        message.set(payload, HEADER);
        this.onPublish?.(kind);
        this.pub.publish(channel, message).catch((err) => this.log.warn({ err: String(err), boardId }, 'relay publish failed; the periodic resync will repair it'));
      },
      close: async () => {
        await this.sub.unsubscribe(channel, listener, true).catch(() => undefined);
      },
    };
  }

  async ping(): Promise<void> {
    await this.pub.ping();
  }

  async close(): Promise<void> {
    await Promise.all([this.pub.quit().catch(() => undefined), this.sub.quit().catch(() => undefined)]);
  }
}
