import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { BoardFacilitation } from '../facilitation/state';
import type { Logger } from '../log';
import type { BoardStore } from '../storage/types';
import type { PersistQueue } from './persist-queue';
import { CLOSE, encodeSyncStep2, encodeUpdate } from './messages';
import { RelayKind, type RedisRelay, type RoomPeer } from '../scale/redis-relay';
import { applyGuarded } from './lock-guard';
import { FacilitatorFieldGuard } from './facilitator-fields';
import { MetaGuard, writesForeignRoot } from './meta-guard';
import { mergeToSnapshot } from './snapshot';
import { FullStateCache, isEmptyStateVector } from './full-state';
import { PresenceBroadcast } from './presence-batch';
import { PresenceOwners } from './presence-owners';
import { migrateOrReadOnly, type ReadOnlyReason } from './read-only';
import type { RoomConnection } from './room-connection';

export type { RoomConnection } from './room-connection';

export interface RoomDeps {
  store: BoardStore;
  queue: PersistQueue;
  log: Logger;
  maxDocBytes: number;
  compactAfterUpdates: number;
  /** Other processes holding the same boards, when Redis is configured. */
  relay?: RedisRelay;
  /** How often rooms exchange state vectors with other processes. */
  resyncMs?: number;
}

/** Origin of updates and presence that came from another process (already durable). */
export const REMOTE_ORIGIN = Symbol('remote');

/** Origin of loading stored updates: those are already on disk. */
const LOAD_ORIGIN = Symbol('load');
/** The server putting back facilitator-only fields a participant changed. */
const FIELD_GUARD_ORIGIN = Symbol('field-guard');

/** The outcome of offering a client's update to the room. */
export type ApplyResult = 'applied' | 'reverted' | 'too-large' | 'malformed' | 'foreign-type' | 'read-only';

export type { ReadOnlyReason } from './read-only';

/**
 * One board in memory: its document, awareness and connections. Every change to the
 * document is written through the persist queue and relayed only once durable.
 */
export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly connections = new Set<RoomConnection>();
  private readonly fullState = new FullStateCache(this.doc);
  private readonly presence = new PresenceBroadcast(this.awareness, this.connections, () => this.peer, (origin) => origin === REMOTE_ORIGIN);
  private readonly presenceOwners = new PresenceOwners(this.awareness);
  /** Holders (connections and server operations) keeping the room loaded. */
  holds = 0;
  /** Set while the room is being unloaded or after it failed; it takes no new holders. */
  closing = false;
  /** Facilitation state, presence and live roles; loads and unloads with the board. */
  facilitation!: BoardFacilitation;
  /** While set, document updates are collected here instead of being queued one by one. */
  private captured: Uint8Array[] | null = null;
  private readonly fieldGuard: FacilitatorFieldGuard;
  private metaGuard: MetaGuard | undefined;
  /**
   * Set when the stored document could not be migrated: the board still opens, so that its
   * content can be read, exported and restored from a version, but no edit is taken.
   */
  readOnly: ReadOnlyReason | null = null;
  private bytes = 0;
  /** Bytes of the board's stored updates (what MAX_DOC_BYTES limits). */
  get storedBytes(): number {
    return this.bytes;
  }
  private storedUpdates = 0;
  private compacting = false;
  private relayBuffer: { update: Uint8Array; origin: unknown }[] = [];
  private peer: RoomPeer | null = null;
  private loaded = false;
  private readonly early: [RelayKind, Uint8Array][] = [];
  private resyncTimer: NodeJS.Timeout | undefined;
  private constructor(
    readonly boardId: string,
    private readonly deps: RoomDeps,
  ) {
    // The server is not a participant: it must not appear in anyone's presence list.
    this.awareness.setLocalState(null);
    this.fieldGuard = new FacilitatorFieldGuard(this.doc, (origin) => this.connections.has(origin as RoomConnection) && (origin as RoomConnection).role !== 'facilitator');
  }

  /** Loads a board whole or not at all: a failure on the way leaves nothing behind. */
  static async load(boardId: string, deps: RoomDeps): Promise<Room> {
    const room = new Room(boardId, deps);
    try {
      await room.fill();
      return room;
    } catch (error) {
      room.closing = true;
      await room.destroy().catch(() => undefined);
      throw error;
    }
  }

  private async fill(): Promise<void> {
    const { boardId, deps } = this;
    // Subscribe before loading: an update published meanwhile is buffered, not lost.
    if (deps.relay) this.peer = await deps.relay.attach(boardId, (kind, payload) => this.onRemote(kind, payload));
    const [stored, facilitation] = await Promise.all([deps.store.loadUpdates(boardId), BoardFacilitation.load(boardId, deps.store, deps.log)]);
    this.facilitation = facilitation;
    this.doc.transact(() => {
      for (const { seq, data } of stored) {
        try {
          Y.applyUpdate(this.doc, data);
        } catch (error) {
          deps.log.error({ boardId, seq, err: error }, 'stored update could not be applied; skipped');
        }
        this.bytes += data.byteLength;
      }
    }, LOAD_ORIGIN);
    this.storedUpdates = stored.length;
    // Listening first: what the migration writes is stored like any other change.
    this.listen();
    this.migrate();
    this.loaded = true;
    if (this.peer) this.startPeering();
  }

  /**
   * Brings the document up to this build's layout. One that cannot be (saved by a newer
   * Warsztat, or a step that fails on it) opens read-only rather than not at all.
   */
  private migrate(): void {
    this.readOnly = migrateOrReadOnly(this.doc, this.boardId, this.deps.log);
  }

  /**
   * After a trusted change of the whole document (a version restored), a read-only board
   * tries its migration again; true when it can now be edited.
   */
  retryMigration(): boolean {
    if (!this.readOnly) return false;
    this.migrate();
    return this.readOnly === null;
  }

  private startPeering(): void {
    const peer = this.peer!;
    for (const [kind, payload] of this.early.splice(0)) this.onRemote(kind, payload);
    this.facilitation.onChange((source) => {
      if (source === 'local') peer.publish(RelayKind.Facilitation, new TextEncoder().encode(this.facilitation.serialise()));
    });
    this.facilitation.onDraftsStored((json) => peer.publish(RelayKind.Drafts, new TextEncoder().encode(json)));
    const announce = () => peer.publish(RelayKind.StateVector, Y.encodeStateVector(this.doc));
    announce();
    this.resyncTimer = setInterval(announce, this.deps.resyncMs ?? 5000);
    this.resyncTimer.unref();
  }

  /** A message from another process holding this board. */
  private onRemote(kind: RelayKind, payload: Uint8Array): void {
    if (!this.loaded) {
      this.early.push([kind, payload.slice()]);
      return;
    }
    switch (kind) {
      case RelayKind.Update:
        Y.applyUpdate(this.doc, payload, REMOTE_ORIGIN);
        return;
      case RelayKind.Awareness:
        awarenessProtocol.applyAwarenessUpdate(this.awareness, payload, REMOTE_ORIGIN);
        return;
      case RelayKind.StateVector: {
        // Answer with whatever the other process lacks; only durable content is sent.
        const stateVector = payload.slice();
        void this.whenDurable().then(() => {
          if (this.closing) return;
          const missing = Y.encodeStateAsUpdate(this.doc, stateVector);
          if (missing.byteLength > 2) this.peer?.publish(RelayKind.Update, missing);
        }).catch((err: unknown) => this.deps.log.warn({ boardId: this.boardId, err }, 'state vector from another process not answered'));
        return;
      }
      case RelayKind.Facilitation:
        this.facilitation.applyRemote(new TextDecoder().decode(payload));
        return;
      case RelayKind.Drafts:
        this.facilitation.applyRemoteDrafts(new TextDecoder().decode(payload));
        return;
    }
  }

  private listen(): void {
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.onDocUpdate(update, origin));
    this.awareness.on('update', this.presence.onUpdate);
    this.metaGuard = new MetaGuard(
      this.doc,
      (origin) => (this.connections.has(origin as RoomConnection) ? (origin as RoomConnection).role : undefined),
      (title) => void this.deps.store.setTitle(this.boardId, title).catch((err) => this.deps.log.error({ err, boardId: this.boardId }, 'title not saved')),
    );
  }

  /**
   * Resolves once everything in the document is on disk. With an asynchronous store, new
   * updates can arrive while a write is in flight, so it writes again until nothing is
   * waiting; the caller then encodes in the same tick, before any other message is handled.
   */
  async whenDurable(): Promise<void> {
    do await this.deps.queue.flush();
    while (this.deps.queue.hasPending);
  }

  /**
   * The answer to a client's sync step 1: what it lacks, as messages to send in order. Call
   * it once `whenDurable` has resolved, in the same tick (the answer relays what is stored).
   */
  syncStep2For(stateVector: Uint8Array): Uint8Array[] {
    return isEmptyStateVector(stateVector) ? this.fullState.messages() : [encodeSyncStep2(this.doc, stateVector)];
  }

  /** Size and type are checked here; decoding problems surface as 'malformed'. */
  applyClientUpdate(update: Uint8Array, from: RoomConnection): ApplyResult {
    if (this.readOnly) return 'read-only';
    if (this.bytes + update.byteLength > this.deps.maxDocBytes) return 'too-large';
    const { locks, privateFrames } = this.facilitation.state;
    const participant = from.role !== 'facilitator';
    const guarded = participant && (locks.board || locks.frames.length > 0 || privateFrames.length > 0);
    // Anyone's update may need correcting (the metadata is the server's); the correction
    // must travel with it.
    this.captured = [];
    try {
      if (writesForeignRoot(update)) return 'foreign-type';
      const store = this.doc.store;
      const pendingBefore = store.pendingStructs !== null || store.pendingDs !== null;
      const { reverted } = guarded ? applyGuarded(this.doc, update, from, { role: from.role, locks, privateFrames }) : (Y.applyUpdate(this.doc, update, from), { reverted: false });
      if (!pendingBefore && (store.pendingStructs !== null || store.pendingDs !== null)) {
        // An honest client only sends what builds on what it got from us. Content held back
        // for a missing dependency would slip in later under someone else's transaction
        // (past the guards above) and sits in memory uncounted: drop it, refuse the message.
        store.pendingStructs = null;
        store.pendingDs = null;
        this.restoreGuarded();
        return 'malformed';
      }
      const corrected = this.restoreGuarded();
      return reverted || corrected ? 'reverted' : 'applied';
    } catch {
      this.restoreGuarded();
      return 'malformed';
    } finally {
      if (this.captured) {
        const captured = this.captured;
        this.captured = null;
        // The edit and its undoing travel as one update: nobody sees the forbidden state,
        // and the sender (not excluded) gets its copy corrected.
        if (captured.length > 0) this.enqueue(captured.length === 1 ? captured[0]! : Y.mergeUpdates(captured), captured.length === 1 ? from : null);
      }
    }
  }

  /** Puts back what the last client update changed beyond its rights; whether anything was. */
  private restoreGuarded(): boolean {
    const fields = this.fieldGuard.restore(FIELD_GUARD_ORIGIN);
    const meta = this.metaGuard?.restore(FIELD_GUARD_ORIGIN) ?? false;
    return fields || meta;
  }

  private onDocUpdate(update: Uint8Array, origin: unknown): void {
    if (origin === LOAD_ORIGIN) return;
    if (origin === REMOTE_ORIGIN) {
      // Another process stored it before publishing: relay only.
      this.bytes += update.byteLength;
      this.relay(update, origin);
      return;
    }
    if (this.captured) {
      this.captured.push(update);
      return;
    }
    this.enqueue(update, origin);
  }

  private enqueue(update: Uint8Array, origin: unknown): void {
    this.bytes += update.byteLength;
    this.storedUpdates++;
    this.deps.queue.enqueue({
      boardId: this.boardId,
      update,
      onDurable: () => {
        this.relay(update, origin);
        this.peer?.publish(RelayKind.Update, update);
        this.maybeCompact();
      },
      onFailed: (error) => this.fail(error),
    });
  }

  private relay(update: Uint8Array, origin: unknown): void {
    if (this.connections.size === 0) return;
    this.relayBuffer.push({ update, origin });
    if (this.relayBuffer.length === 1) setImmediate(() => this.flushRelay());
  }

  /**
   * Sends what became durable in one turn. One update goes to everyone but its sender; several
   * are merged into one message for everyone (a sender ignores its own part), so a busy room
   * costs one send per person per turn instead of one per update per person.
   */
  private flushRelay(): void {
    const batch = this.relayBuffer;
    this.relayBuffer = [];
    if (batch.length === 0 || this.connections.size === 0) return;
    if (batch.length === 1) {
      const { update, origin } = batch[0]!;
      const message = encodeUpdate(update);
      for (const connection of this.connections) if (connection !== origin) connection.send(message);
      return;
    }
    const message = encodeUpdate(Y.mergeUpdates(batch.map((b) => b.update)));
    for (const connection of this.connections) connection.send(message);
  }

  /** A connection's presence update, keeping only its own entries (presence-owners.ts). */
  admitAwareness(update: Uint8Array, from: RoomConnection): Uint8Array | undefined {
    return this.presenceOwners.admit(update, from);
  }

  /** The full awareness state, for a connection that just joined; undefined when empty. */
  awarenessSnapshot(): Uint8Array | undefined {
    return this.presence.snapshot();
  }

  removeConnection(connection: RoomConnection): void {
    this.connections.delete(connection);
    if (connection.awarenessIds.size > 0) {
      const ids = [...connection.awarenessIds];
      awarenessProtocol.removeAwarenessStates(this.awareness, ids, null);
      this.presenceOwners.forget(connection, ids);
    }
  }

  /** Closes the connections that match, e.g. those that came with a replaced link. */
  closeConnections(match: (connection: RoomConnection) => boolean, close: { code: number; reason: string }): void {
    for (const connection of [...this.connections]) if (match(connection)) connection.close(close.code, close.reason);
  }

  closeAll(code: number, reason: string): void {
    for (const connection of [...this.connections]) connection.close(code, reason);
  }

  /**
   * Storage failed: nothing of the failed batch was relayed. Drop the room without
   * saving so the next connection reloads what is on disk; clients still hold their
   * edits and send them again when they resync.
   */
  private fail(error: unknown): void {
    if (this.closing) return;
    this.deps.log.error({ boardId: this.boardId, err: error }, 'storage write failed; closing board');
    this.closing = true;
    this.closeAll(CLOSE.storageFailure.code, CLOSE.storageFailure.reason);
  }

  private maybeCompact(): void {
    if (this.compacting || this.storedUpdates < this.deps.compactAfterUpdates) return;
    void this.compact();
  }

  /** Merges the stored updates into one snapshot; safe while edits keep arriving. */
  async compact(): Promise<void> {
    if (this.compacting) return;
    this.compacting = true;
    try {
      let size = 0;
      await this.deps.store.compact(this.boardId, (updates) => {
        const snapshot = mergeToSnapshot(updates);
        size = snapshot.byteLength;
        return snapshot;
      });
      if (size > 0) {
        this.bytes = size;
        this.storedUpdates = 1;
      }
    } catch (error) {
      this.deps.log.error({ boardId: this.boardId, err: error }, 'compaction failed; updates kept as they were');
    } finally {
      this.compacting = false;
    }
  }

  /** Whether the stored log is worth compacting before unloading. */
  get hasUncompactedUpdates(): boolean {
    return this.storedUpdates > 1;
  }

  async destroy(): Promise<void> {
    clearInterval(this.resyncTimer);
    this.fieldGuard.destroy();
    this.metaGuard?.destroy();
    this.presenceOwners.destroy();
    this.fullState.destroy();
    this.awareness.destroy();
    this.doc.destroy();
    // Hidden notes still being written go to disk before the store may close.
    await Promise.all([(this.facilitation as BoardFacilitation | undefined)?.flush(), this.peer?.close()]);
  }
}
