import type * as awarenessProtocol from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { BoardFacilitation } from '../facilitation/state';
import type { Logger } from '../log';
import type { ReadOnlyReason } from './read-only';
import type { RoomConnection } from './room-connection';

/** Origin of updates and presence that came from another process (already durable). */
export const REMOTE_ORIGIN = Symbol('remote');
/** Origin of loading stored updates: those are already on disk. */
export const LOAD_ORIGIN = Symbol('load');
/** The server putting back what a client changed beyond its rights. */
export const GUARD_ORIGIN = Symbol('field-guard');

/** Why a client's update was refused before it was applied. */
export type Refusal = 'too-large' | 'foreign-type' | 'read-only';

/** The outcome of offering a client's update to the room. */
export type ApplyResult = 'applied' | 'reverted' | 'malformed' | Refusal;

/** What an extension sees of its room (server/sync/room.ts). */
export interface RoomCore {
  readonly boardId: string;
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly connections: ReadonlySet<RoomConnection>;
  readonly facilitation: BoardFacilitation;
  readonly readOnly: ReadOnlyReason | null;
  readonly closing: boolean;
  readonly log: Logger;
  /** Resolves once everything in the document now is on disk. */
  whenDurable(): Promise<void>;
  /** Reads the document now; resolves with the result once all of it is on disk. */
  durableRead<T>(read: () => T): Promise<T>;
  /** Something the room cannot go on without failed (storage): it closes every connection and takes no new holders. */
  fail(error: unknown, what: string): void;
}

/**
 * One concern of a room, hooked into its pipeline (the names follow Hocuspocus's hooks).
 * Every hook is optional; the room calls them in the order extensions are registered
 * (server/sync/extensions/index.ts).
 */
export interface RoomExtension {
  readonly name: string;
  /** Before the stored document is read: what is subscribed here cannot miss a change meanwhile. */
  beforeLoad?(): Promise<void>;
  /** Reads the stored document into `doc` (with LOAD_ORIGIN). */
  onLoadDocument?(): Promise<void>;
  /** The document is in memory and watched, before it is migrated; nobody is connected yet. */
  afterLoadDocument?(): void;
  /** Migrated and ready for connections. */
  onReady?(): void;
  /** Before a client's update is applied: a refusal stops it there. */
  beforeHandleMessage?(update: Uint8Array, from: RoomConnection): Refusal | undefined;
  /** Applies a client's update in its own way (the lock guard); `undefined` leaves it to the next or to Yjs. */
  applyUpdate?(update: Uint8Array, from: RoomConnection): { reverted: boolean } | undefined;
  /** After a client's update (or its failure): puts back what it changed beyond its rights; true when it did. */
  afterApply?(): boolean;
  /**
   * Every change to the document but loading. `origin` is the sending connection (null when
   * a correction travels with it), REMOTE_ORIGIN (stored by another process) or a server origin.
   */
  onChange?(update: Uint8Array, origin: unknown): void;
  /** A change made in this process is on disk (never called for REMOTE_ORIGIN). */
  onStoreDocument?(update: Uint8Array, origin: unknown): void;
  /** A connection left the room. */
  onDisconnect?(connection: RoomConnection): void;
  /** The room is going away (unloaded, or its load failed); asynchronous work is awaited. */
  onDestroy?(): void | Promise<void>;
}
