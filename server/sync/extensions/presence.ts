import * as awarenessProtocol from 'y-protocols/awareness';
import type { RoomPeer } from '../../scale/redis-relay';
import { PresenceBroadcast } from '../presence-batch';
import { PresenceOwners } from '../presence-owners';
import type { RoomConnection } from '../room-connection';
import { REMOTE_ORIGIN, type RoomCore, type RoomExtension } from '../room-hooks';

/**
 * Presence (cursors, names, selections): batched out to everyone (presence-batch.ts), each
 * connection speaking only for its own awareness ids (presence-owners.ts), and a leaving
 * connection's entries removed.
 */
export class Presence implements RoomExtension {
  readonly name = 'presence';
  private readonly broadcast: PresenceBroadcast;
  private readonly owners: PresenceOwners;

  constructor(
    private readonly room: RoomCore,
    peer: () => RoomPeer | null,
  ) {
    this.broadcast = new PresenceBroadcast(room.awareness, room.connections, peer, (origin) => origin === REMOTE_ORIGIN);
    this.owners = new PresenceOwners(room.awareness);
  }

  afterLoadDocument(): void {
    this.room.awareness.on('update', this.broadcast.onUpdate);
  }

  /** A connection's presence update, keeping only its own entries. */
  admit(update: Uint8Array, from: RoomConnection): Uint8Array | undefined {
    return this.owners.admit(update, from);
  }

  /** The full presence, for a connection that just joined; undefined when empty. */
  snapshot(): Uint8Array | undefined {
    return this.broadcast.snapshot();
  }

  onDisconnect(connection: RoomConnection): void {
    if (connection.awarenessIds.size === 0) return;
    const ids = [...connection.awarenessIds];
    awarenessProtocol.removeAwarenessStates(this.room.awareness, ids, null);
    this.owners.forget(connection, ids);
  }

  onDestroy(): void {
    this.owners.destroy();
  }
}
