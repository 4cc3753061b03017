import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { BoardFacilitation } from '../facilitation/state';
import type { Logger } from '../log';
import { CLOSE, encodeSyncStep2 } from './messages';
import { FullStateCache, isEmptyStateVector } from './full-state';
import { migrateOrReadOnly, type ReadOnlyReason } from './read-only';
import type { RoomConnection } from './room-connection';
import { LOAD_ORIGIN, type ApplyResult, type RoomCore, type RoomExtension } from './room-hooks';
import { applyPlain } from './extensions/guards';
import { roomExtensions, type ExtensionDeps, type RoomExtensions } from './extensions';

export type { RoomConnection } from './room-connection';
export { REMOTE_ORIGIN, type ApplyResult } from './room-hooks';
export type { ReadOnlyReason } from './read-only';

export interface RoomDeps extends ExtensionDeps {
  log: Logger;
}

/**
 * One board in memory: its document, awareness and connections, as a small core that runs
 * named hooks (room-hooks.ts) of the extensions registered in extensions/index.ts: guards
 * before a client's update is applied, persistence (on disk before relayed), the broadcast
 * to clients, presence and the Redis relay. Any failure takes one way out: `destroy`.
 */
export class Room implements RoomCore {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly connections = new Set<RoomConnection>();
  private readonly fullState = new FullStateCache(this.doc);
  /** Holders (connections and server operations) keeping the room loaded. */
  holds = 0;
  /** Set while the room is being unloaded or after it failed; it takes no new holders. */
  closing = false;
  /** Facilitation state, presence and live roles; loads and unloads with the board. */
  facilitation!: BoardFacilitation;
  /**
   * Set when the stored document could not be migrated: the board still opens, so that its
   * content can be read, exported and restored from a version, but no edit is taken.
   */
  readOnly: ReadOnlyReason | null = null;
  /** While set, document updates are collected here instead of being stored one by one. */
  private captured: Uint8Array[] | null = null;
  private readonly extensions: RoomExtensions;

  private constructor(
    readonly boardId: string,
    private readonly deps: RoomDeps,
  ) {
    // The server is not a participant: it must not appear in anyone's presence list.
    this.awareness.setLocalState(null);
    this.extensions = roomExtensions(this, deps, (update, origin) => this.run((e) => e.onStoreDocument?.(update, origin)));
  }

  get log(): Logger {
    return this.deps.log;
  }

  private get hooks(): RoomExtension[] {
    return this.extensions.all;
  }

  /** Calls a hook of every extension, in registration order. */
  private run(call: (extension: RoomExtension) => void): void {
    for (const extension of this.hooks) call(extension);
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
    for (const extension of this.hooks) await extension.beforeLoad?.();
    const [facilitation] = await Promise.all([
      BoardFacilitation.load(this.boardId, this.deps.store, this.deps.log),
      ...this.hooks.map((extension) => extension.onLoadDocument?.()),
    ]);
    this.facilitation = facilitation;
    // Watching first: what the migration writes is stored like any other change.
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.onDocUpdate(update, origin));
    this.run((e) => e.afterLoadDocument?.());
    this.migrate();
    this.run((e) => e.onReady?.());
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

  /**
   * Resolves once everything in the document now is on disk: the persist queue writes in
   * order, so the write of what is waiting now ends after every earlier one. Updates that
   * arrive meanwhile are not waited for (on a busy board that wait could last for ever).
   */
  whenDurable(): Promise<void> {
    return this.deps.queue.flush();
  }

  /**
   * Reads the document now and hands the result over once all of it is on disk, for answers
   * that relay content (a client's sync step 1, another process's state vector). Reading
   * after the wait instead would take in updates that arrived during it, still unwritten.
   */
  async durableRead<T>(read: () => T): Promise<T> {
    const value = read();
    await this.whenDurable();
    return value;
  }

  /** The answer to a client's sync step 1: what it lacks, as messages to send in order (relay it through durableRead). */
  syncStep2For(stateVector: Uint8Array): Uint8Array[] {
    return isEmptyStateVector(stateVector) ? this.fullState.messages() : [encodeSyncStep2(this.doc, stateVector)];
  }

  /** Guards (beforeHandleMessage) → apply → corrections (afterApply); decoding problems surface as 'malformed'. */
  applyClientUpdate(update: Uint8Array, from: RoomConnection): ApplyResult {
    for (const extension of this.hooks) {
      const refusal = extension.beforeHandleMessage?.(update, from);
      if (refusal) return refusal;
    }
    // Anyone's update may need correcting (the metadata is the server's); the correction
    // must travel with it.
    this.captured = [];
    try {
      const store = this.doc.store;
      const pendingBefore = store.pendingStructs !== null || store.pendingDs !== null;
      let applied: { reverted: boolean } | undefined;
      for (const extension of this.hooks) if (!applied) applied = extension.applyUpdate?.(update, from);
      const { reverted } = applied ?? applyPlain(this.doc, update, from);
      if (!pendingBefore && (store.pendingStructs !== null || store.pendingDs !== null)) {
        // An honest client only sends what builds on what it got from us. Content held back
        // for a missing dependency would slip in later under someone else's transaction
        // (past the guards above) and sits in memory uncounted: drop it, refuse the message.
        store.pendingStructs = null;
        store.pendingDs = null;
        this.correct();
        return 'malformed';
      }
      const corrected = this.correct();
      return reverted || corrected ? 'reverted' : 'applied';
    } catch {
      this.correct();
      return 'malformed';
    } finally {
      const captured = this.captured;
      this.captured = null;
      // The edit and its undoing travel as one update: nobody sees the forbidden state,
      // and the sender (not excluded) gets its copy corrected.
      if (captured.length > 0) this.changed(captured.length === 1 ? captured[0]! : Y.mergeUpdates(captured), captured.length === 1 ? from : null);
    }
  }

  /** Puts back what the last client update changed beyond its rights; whether anything was. */
  private correct(): boolean {
    let corrected = false;
    for (const extension of this.hooks) corrected = (extension.afterApply?.() ?? false) || corrected;
    return corrected;
  }

  private onDocUpdate(update: Uint8Array, origin: unknown): void {
    if (origin === LOAD_ORIGIN) return;
    if (this.captured) this.captured.push(update);
    else this.changed(update, origin);
  }

  private changed(update: Uint8Array, origin: unknown): void {
    this.run((e) => e.onChange?.(update, origin));
  }

  /** Bytes of the board's stored updates (what MAX_DOC_BYTES limits). */
  get storedBytes(): number {
    return this.extensions.persistence.storedBytes;
  }

  /** Whether the stored log is worth compacting before unloading. */
  get hasUncompactedUpdates(): boolean {
    return this.extensions.persistence.hasUncompactedUpdates;
  }

  /** Merges the stored updates into one snapshot; safe while edits keep arriving. */
  compact(): Promise<void> {
    return this.extensions.persistence.compact();
  }

  /** A connection's presence update, keeping only its own entries (presence-owners.ts). */
  admitAwareness(update: Uint8Array, from: RoomConnection): Uint8Array | undefined {
    return this.extensions.presence.admit(update, from);
  }

  /** The full awareness state, for a connection that just joined; undefined when empty. */
  awarenessSnapshot(): Uint8Array | undefined {
    return this.extensions.presence.snapshot();
  }

  removeConnection(connection: RoomConnection): void {
    this.connections.delete(connection);
    this.run((e) => e.onDisconnect?.(connection));
  }

  /** Closes the connections that match, e.g. those that came with a replaced link. */
  closeConnections(match: (connection: RoomConnection) => boolean, close: { code: number; reason: string }): void {
    for (const connection of [...this.connections]) if (match(connection)) connection.close(close.code, close.reason);
  }

  closeAll(code: number, reason: string): void {
    for (const connection of [...this.connections]) connection.close(code, reason);
  }

  /**
   * Storage failed: nothing of the failed batch was relayed. The room takes no new holders
   * and closes its connections, so the registry destroys it without saving and the next
   * connection reloads what is on disk; clients still hold their edits and send them again.
   */
  fail(error: unknown, what: string): void {
    if (this.closing) return;
    this.deps.log.error({ boardId: this.boardId, err: error }, `${what}; closing board`);
    this.closing = true;
    this.closeAll(CLOSE.storageFailure.code, CLOSE.storageFailure.reason);
  }

  /** The one way out, after an unload or a failed load: every extension's onDestroy, then the document. */
  async destroy(): Promise<void> {
    const pending: Promise<unknown>[] = [];
    for (const extension of this.hooks) {
      try {
        const done = extension.onDestroy?.();
        if (done) pending.push(done.catch((err: unknown) => this.deps.log.warn({ boardId: this.boardId, err, extension: extension.name }, 'extension not closed cleanly')));
      } catch (err) {
        this.deps.log.warn({ boardId: this.boardId, err, extension: extension.name }, 'extension not closed cleanly');
      }
    }
    this.fullState.destroy();
    this.awareness.destroy();
    this.doc.destroy();
    // Hidden notes still being written go to disk before the store may close.
    await Promise.all([(this.facilitation as BoardFacilitation | undefined)?.flush(), ...pending]);
  }
}
