import type { Logger } from '../log';
import type { BoardStore } from '../storage/types';
import type { PersistQueue } from './persist-queue';
import type { RedisRelay } from '../scale/redis-relay';
import { Room, type RoomDeps } from './room';

export interface RoomRegistryOptions {
  unloadDelayMs: number;
  maxDocBytes: number;
  compactAfterUpdates: number;
  relay?: RedisRelay;
  resyncMs?: number;
}

/**
 * Boards in memory. A board is loaded once per process and shared by its holders; when
 * the last holder lets go it is flushed, compacted and dropped, so memory returns to
 * where it was (y-websocket keeps every document forever: #100, #23).
 */
export class RoomRegistry {
  private readonly rooms = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room>>();
  private readonly unloading = new Map<string, Promise<void>>();
  private readonly unloadTimers = new Map<string, NodeJS.Timeout>();
  private readonly deps: RoomDeps;

  constructor(
    store: BoardStore,
    readonly queue: PersistQueue,
    private readonly log: Logger,
    private readonly options: RoomRegistryOptions,
  ) {
    this.deps = { store, queue, log, maxDocBytes: options.maxDocBytes, compactAfterUpdates: options.compactAfterUpdates, relay: options.relay, resyncMs: options.resyncMs };
  }

  /** Connects rooms loaded from now on to other processes. */
  setRelay(relay: RedisRelay): void {
    this.deps.relay = relay;
  }

  get size(): number {
    return this.rooms.size;
  }

  /** The loaded room, if any, without holding it. */
  peek(boardId: string): Room | undefined {
    const room = this.rooms.get(boardId);
    return room && !room.closing ? room : undefined;
  }

  /** Loads (or reuses) a board and holds it until `release`. */
  async acquire(boardId: string): Promise<Room> {
    const pendingUnload = this.unloading.get(boardId);
    if (pendingUnload) await pendingUnload;
    const existing = this.rooms.get(boardId);
    if (existing && !existing.closing) {
      this.cancelUnload(boardId);
      existing.holds++;
      return existing;
    }
    let loading = this.loading.get(boardId);
    if (!loading) {
      loading = Room.load(boardId, this.deps).finally(() => this.loading.delete(boardId));
      this.loading.set(boardId, loading);
    }
    const room = await loading;
    this.rooms.set(boardId, room);
    room.holds++;
    return room;
  }

  release(room: Room): void {
    room.holds--;
    if (room.holds > 0) return;
    if (room.closing) {
      void this.unload(room, false);
      return;
    }
    if (this.options.unloadDelayMs === 0) {
      void this.unload(room, true);
      return;
    }
    this.cancelUnload(room.boardId);
    const timer = setTimeout(() => void this.unload(room, true), this.options.unloadDelayMs);
    timer.unref();
    this.unloadTimers.set(room.boardId, timer);
  }

  /** Runs `fn` on the board's document, loading it for the time being if needed. */
  async withRoom<T>(boardId: string, fn: (room: Room) => T | Promise<T>): Promise<T> {
    const room = await this.acquire(boardId);
    try {
      return await fn(room);
    } finally {
      this.release(room);
    }
  }

  private cancelUnload(boardId: string): void {
    const timer = this.unloadTimers.get(boardId);
    if (timer) clearTimeout(timer);
    this.unloadTimers.delete(boardId);
  }

  private unload(room: Room, save: boolean): Promise<void> {
    this.cancelUnload(room.boardId);
    if (room.holds > 0 || this.rooms.get(room.boardId) !== room) return Promise.resolve();
    room.closing = true;
    const done = (async () => {
      try {
        await this.queue.flush();
        if (save && room.hasUncompactedUpdates) await room.compact();
      } catch (error) {
        this.log.error({ boardId: room.boardId, err: error }, 'unload flush failed');
      } finally {
        await room.destroy();
        this.rooms.delete(room.boardId);
        this.unloading.delete(room.boardId);
      }
    })();
    this.unloading.set(room.boardId, done);
    return done;
  }

  /** Drops a board at once (it was deleted): connections are closed by the caller. */
  async evict(boardId: string): Promise<void> {
    const room = this.rooms.get(boardId);
    if (!room) return;
    room.closing = true;
    this.cancelUnload(boardId);
    await this.queue.flush();
    if (room.holds === 0) await this.unload(room, false);
  }

  /** Flushes and drops every board; for shutdown. */
  async closeAll(code: number, reason: string): Promise<void> {
    for (const room of this.rooms.values()) room.closeAll(code, reason);
    await this.queue.flush();
    for (const room of [...this.rooms.values()]) {
      this.cancelUnload(room.boardId);
      await room.destroy();
    }
    this.rooms.clear();
  }
}
