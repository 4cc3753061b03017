import * as Y from 'yjs';
import { encodeSyncStep2, encodeUpdate } from './messages';

export interface FullStateLimits {
  /** Boards whose whole state encodes smaller than this are encoded afresh each time (cheap, and no memory held). */
  minBytes: number;
  /** Changes kept beside the encoded state before it is thrown away and encoded again. */
  maxUpdates: number;
  maxUpdateBytes: number;
  /** An encoding nobody asked for this long is let go (memory: it is a second copy of the board). */
  idleMs: number;
}

export const FULL_STATE_LIMITS: FullStateLimits = { minBytes: 64 * 1024, maxUpdates: 500, maxUpdateBytes: 1024 * 1024, idleMs: 60_000 };

/** Whether a sync step 1 comes from a client that holds nothing of the board yet. */
export function isEmptyStateVector(stateVector: Uint8Array): boolean {
  return stateVector.byteLength === 1 && stateVector[0] === 0;
}

/**
 * The whole board, as every browser opening it for the first time asks for it, kept encoded.
 * Encoding a board of 10,000 elements takes 90–280 ms of the server's one thread, on the path
 * of every newcomer's first paint; a workshop where 30 people open the link at once would pay
 * it 30 times. The changes made since the state was encoded are kept beside it and sent
 * after it, merged into one update so that a change and its correction (the facilitator-field
 * guard) still arrive together. Held while newcomers keep coming (the start of a workshop) and
 * let go a minute after the last, so that a process with many boards does not keep a second
 * copy of each.
 */
export class FullStateCache {
  private encoded: Uint8Array | null = null;
  private since: Uint8Array[] = [];
  private sinceBytes = 0;
  private idle: ReturnType<typeof setTimeout> | undefined;
  private readonly onUpdate = (update: Uint8Array) => {
    if (!this.encoded) return;
    this.since.push(update);
    this.sinceBytes += update.byteLength;
    if (this.since.length > this.limits.maxUpdates || this.sinceBytes > this.limits.maxUpdateBytes) this.drop();
  };

  constructor(
    private readonly doc: Y.Doc,
    private readonly limits: FullStateLimits = FULL_STATE_LIMITS,
  ) {
    doc.on('update', this.onUpdate);
  }

  /** Messages that bring an empty document to the board's current state, in order. */
  messages(): Uint8Array[] {
    if (!this.encoded) {
      const message = encodeSyncStep2(this.doc);
      if (message.byteLength < this.limits.minBytes) return [message];
      this.encoded = message;
      this.keepUntilIdle();
      return [message];
    }
    this.keepUntilIdle();
    if (this.since.length === 0) return [this.encoded];
    if (this.since.length > 1) this.since = [Y.mergeUpdates(this.since)];
    return [this.encoded, encodeUpdate(this.since[0]!)];
  }

  /** Whether an encoded state is held (for tests and metrics). */
  get held(): boolean {
    return this.encoded !== null;
  }

  private keepUntilIdle(): void {
    clearTimeout(this.idle);
    this.idle = setTimeout(() => this.drop(), this.limits.idleMs);
    this.idle.unref?.();
  }

  drop(): void {
    clearTimeout(this.idle);
    this.idle = undefined;
    this.encoded = null;
    this.since = [];
    this.sinceBytes = 0;
  }

  destroy(): void {
    this.doc.off('update', this.onUpdate);
    this.drop();
  }
}
