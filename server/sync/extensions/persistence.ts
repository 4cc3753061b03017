import * as Y from 'yjs';
import type { BoardStore } from '../../storage/types';
import type { PersistQueue } from '../persist-queue';
import { LOAD_ORIGIN, REMOTE_ORIGIN, type RoomCore, type RoomExtension } from '../room-hooks';
import { mergeToSnapshot } from '../snapshot';

export interface PersistenceDeps {
  store: BoardStore;
  queue: PersistQueue;
  maxDocBytes: number;
  compactAfterUpdates: number;
  /** Called once a change made here is on disk (the room's onStoreDocument hooks). */
  stored(update: Uint8Array, origin: unknown): void;
}

/**
 * The board on disk: loads its stored updates, writes every change made here through the
 * persist queue (relayed only once durable, by the onStoreDocument hooks), limits its size
 * and compacts the log into one snapshot.
 */
export class Persistence implements RoomExtension {
  readonly name = 'persistence';
  private bytes = 0;
  private storedUpdates = 0;
  private compacting = false;

  constructor(
    private readonly room: RoomCore,
    private readonly deps: PersistenceDeps,
  ) {}

  /** Bytes of the board's stored updates (what MAX_DOC_BYTES limits). */
  get storedBytes(): number {
    return this.bytes;
  }

  /** Whether the stored log is worth compacting before unloading. */
  get hasUncompactedUpdates(): boolean {
    return this.storedUpdates > 1;
  }

  async onLoadDocument(): Promise<void> {
    const { boardId, doc, log } = this.room;
    const stored = await this.deps.store.loadUpdates(boardId);
    doc.transact(() => {
      for (const { seq, data } of stored) {
        try {
          Y.applyUpdate(doc, data);
        } catch (error) {
          log.error({ boardId, seq, err: error }, 'stored update could not be applied; skipped');
        }
        this.bytes += data.byteLength;
      }
    }, LOAD_ORIGIN);
    this.storedUpdates = stored.length;
  }

  beforeHandleMessage(update: Uint8Array): 'too-large' | undefined {
    return this.bytes + update.byteLength > this.deps.maxDocBytes ? 'too-large' : undefined;
  }

  onChange(update: Uint8Array, origin: unknown): void {
    this.bytes += update.byteLength;
    // Another process stored it before publishing.
    if (origin === REMOTE_ORIGIN) return;
    this.storedUpdates++;
    this.deps.queue.enqueue({
      boardId: this.room.boardId,
      update,
      onDurable: () => {
        this.deps.stored(update, origin);
        this.maybeCompact();
      },
      onFailed: (error) => this.room.fail(error, 'storage write failed'),
    });
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
      await this.deps.store.compact(this.room.boardId, (updates) => {
        const snapshot = mergeToSnapshot(updates);
        size = snapshot.byteLength;
        return snapshot;
      });
      if (size > 0) {
        this.bytes = size;
        this.storedUpdates = 1;
      }
    } catch (error) {
      this.room.log.error({ boardId: this.room.boardId, err: error }, 'compaction failed; updates kept as they were');
    } finally {
      this.compacting = false;
    }
  }
}
