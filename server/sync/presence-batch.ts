import * as awarenessProtocol from 'y-protocols/awareness';
import { encodeAwareness } from './messages';
import { RelayKind, type RoomPeer } from '../scale/redis-relay';
import type { RoomConnection } from './room-connection';

/** Rooms with more connections than this gather presence for BATCH_MS. */
const BATCH_ABOVE = 20;
const BATCH_MS = 30;

type AwarenessChange = { added: number[]; updated: number[]; removed: number[] };

/**
 * A room's presence (cursors, names, selections) going out: to this process's connections and,
 * for changes made here, to the other processes holding the board. Cursors arrive at 10 Hz from
 * everyone, so one message per event-loop turn carries every change of that turn to everyone,
 * instead of one message per change.
 */
export class PresenceBroadcast {
  private readonly dirty = new Set<number>();
  /** Presence changes made here, to pass on to other processes. */
  private readonly dirtyLocal = new Set<number>();
  private scheduled = false;

  constructor(
    private readonly awareness: awarenessProtocol.Awareness,
    private readonly connections: ReadonlySet<RoomConnection>,
    private readonly peer: () => RoomPeer | null,
    /** Whether a change came from another process (then it is not passed on again). */
    private readonly isRemote: (origin: unknown) => boolean,
  ) {}

  /** The awareness 'update' listener. */
  readonly onUpdate = (change: AwarenessChange, origin: unknown): void => {
    const from = this.connections.has(origin as RoomConnection) ? (origin as RoomConnection) : undefined;
    if (!this.isRemote(origin) && this.peer()) for (const id of [...change.added, ...change.updated, ...change.removed]) this.dirtyLocal.add(id);
    for (const id of change.added) {
      from?.awarenessIds.add(id);
      this.dirty.add(id);
    }
    for (const id of change.updated) this.dirty.add(id);
    for (const id of change.removed) {
      from?.awarenessIds.delete(id);
      this.dirty.add(id);
    }
    if (!this.scheduled && this.dirty.size > 0) {
      this.scheduled = true;
      // In a big room, cursors are gathered for a few milliseconds more: each broadcast
      // reaches everyone, so fewer, fuller broadcasts are what keeps the server responsive.
      if (this.connections.size > BATCH_ABOVE) setTimeout(() => this.flush(), BATCH_MS);
      else setImmediate(() => this.flush());
    }
  };

  private flush(): void {
    this.scheduled = false;
    const peer = this.peer();
    if (peer && this.dirtyLocal.size > 0) {
      peer.publish(RelayKind.Awareness, awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.dirtyLocal]));
      this.dirtyLocal.clear();
    }
    if (this.dirty.size === 0 || this.connections.size === 0) {
      this.dirty.clear();
      return;
    }
    const message = encodeAwareness(this.awareness, [...this.dirty]);
    this.dirty.clear();
    for (const connection of this.connections) connection.send(message);
  }

  /** The full presence, for a connection that just joined; undefined when empty. */
  snapshot(): Uint8Array | undefined {
    const ids = [...this.awareness.getStates().keys()];
    return ids.length > 0 ? encodeAwareness(this.awareness, ids) : undefined;
  }
}
