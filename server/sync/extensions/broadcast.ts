import * as Y from 'yjs';
import { encodeUpdate } from '../messages';
import { REMOTE_ORIGIN, type RoomCore, type RoomExtension } from '../room-hooks';

/**
 * Document changes going out to this process's connections: once durable, or at once when
 * another process stored them. What became ready in one turn goes together: one update to
 * everyone but its sender; several merged into one message for everyone (a sender ignores its
 * own part), so a busy room costs one send per person per turn instead of one per update.
 */
export function clientBroadcast(room: RoomCore): RoomExtension {
  let buffer: { update: Uint8Array; origin: unknown }[] = [];
  const flush = () => {
    const batch = buffer;
    buffer = [];
    if (batch.length === 0 || room.connections.size === 0) return;
    if (batch.length === 1) {
      const { update, origin } = batch[0]!;
      const message = encodeUpdate(update);
      for (const connection of room.connections) if (connection !== origin) connection.send(message);
      return;
    }
    const message = encodeUpdate(Y.mergeUpdates(batch.map((b) => b.update)));
    for (const connection of room.connections) connection.send(message);
  };
  const relay = (update: Uint8Array, origin: unknown) => {
    if (room.connections.size === 0) return;
    buffer.push({ update, origin });
    if (buffer.length === 1) setImmediate(flush);
  };
  return {
    name: 'client-broadcast',
    onChange: (update, origin) => {
      if (origin === REMOTE_ORIGIN) relay(update, origin);
    },
    onStoreDocument: relay,
  };
}
