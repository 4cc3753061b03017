import type { RedisRelay } from '../../scale/redis-relay';
import type { RoomCore, RoomExtension } from '../room-hooks';
import { clientBroadcast } from './broadcast';
import { documentGuards, readOnlyGuard } from './guards';
import { Persistence, type PersistenceDeps } from './persistence';
import { Presence } from './presence';
import { RedisExtension } from './redis';

export interface ExtensionDeps extends Omit<PersistenceDeps, 'stored'> {
  /** Other processes holding the same boards, when Redis is configured. */
  relay?: RedisRelay;
  /** How often rooms exchange state vectors with other processes. */
  resyncMs?: number;
}

/** The extensions the room names, besides the list it runs in order. */
export interface RoomExtensions {
  all: RoomExtension[];
  persistence: Persistence;
  presence: Presence;
}

/**
 * Every extension of a room, registered here and nowhere else, in the order its hooks run:
 * the read-only refusal first, then the size limit (persistence), then what a client may
 * write; on a stored change, clients first, then other processes, then compaction.
 */
export function roomExtensions(room: RoomCore, deps: ExtensionDeps, stored: PersistenceDeps['stored']): RoomExtensions {
  const persistence = new Persistence(room, { ...deps, stored });
  const redis = deps.relay ? new RedisExtension(room, deps.relay, deps.resyncMs ?? 5000) : undefined;
  const presence = new Presence(room, () => redis?.peer ?? null);
  const all: RoomExtension[] = [readOnlyGuard(room), persistence, documentGuards(room, deps.store), clientBroadcast(room), presence];
  if (redis) all.push(redis);
  return { all, persistence, presence };
}
