import { CLOSE } from '../sync/messages';
import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import { restoreFrom, summarise, versionsBeyond, type BoardSummary, type RestoreReport } from '../../shared/history';
import { readMeta, type BoardMeta } from '../../shared/schema/doc';
import type { Element } from '../../shared/schema/elements';
import { migrateDoc } from '../../shared/schema/migrate';
import { byZOrder, readElements } from '../../shared/schema/plain';
import type { Logger } from '../log';
import type { BoardStore, SnapshotKind, SnapshotRecord } from '../storage/types';
import type { Room } from '../sync/room';
import type { RoomRegistry } from '../sync/rooms';

/** Origin of the transaction a restore writes, so observers can tell it from people's edits. */
export const RESTORE_ORIGIN = 'warsztat:restore';

/** A version opened for looking at: what it holds, never applied to the live board. */
export interface VersionPreview {
  version: SnapshotRecord;
  meta: BoardMeta;
  summary: BoardSummary;
  /** Its elements in plain form, in drawing order (for a read-only drawing). */
  elements: Element[];
}

export interface RestoreResult {
  restored: SnapshotRecord;
  /** The version saved just before, holding the board as it was: restoring it undoes this. */
  before: SnapshotRecord;
  changes: RestoreReport;
}

/** How often the "before restoring" copy is retaken when the board changes while it is written. */
const BEFORE_ATTEMPTS = 3;

/**
 * Version history: named copies of a board's Yjs state, made by the facilitator, at each
 * phase change and before every restore. A restore never rewinds the document's history;
 * it writes the differences as one ordinary transaction, which everyone sees live.
 */
export class VersionService {
  /** Restores of one board run one at a time. */
  private readonly restoring = new Map<string, Promise<unknown>>();

  constructor(
    private readonly store: BoardStore,
    private readonly rooms: RoomRegistry,
    private readonly log: Logger,
    /** Versions kept per board (config MAX_VERSIONS_PER_BOARD). */
    private readonly maxVersions = 100,
  ) {}

  list(boardId: string): Promise<SnapshotRecord[]> {
    return this.store.listSnapshots(boardId);
  }

  /** Saves the board as it is now; undefined when the board is gone. */
  async create(boardId: string, input: { name: string; author: string; kind: SnapshotKind }): Promise<SnapshotRecord | undefined> {
    const saved = await this.rooms.withRoom(boardId, (room) => this.save(room, input));
    if (saved) await this.prune(boardId);
    return saved;
  }

  /** The board's state vector at the last automatic version, per loaded room. */
  private readonly lastPhaseState = new WeakMap<Room, Uint8Array>();

  /**
   * The automatic version at a phase change; failures are logged, never thrown at the
   * command. Clicking through phases without changing the board adds no copies of it.
   */
  snapshotPhase(room: Room, phaseTitle: string, author: string): void {
    const stateVector = Y.encodeStateVector(room.doc);
    const last = this.lastPhaseState.get(room);
    if (last && Buffer.from(last).equals(Buffer.from(stateVector))) return;
    this.lastPhaseState.set(room, stateVector);
    this.save(room, { name: phaseTitle, author, kind: 'phase' })
      .then((saved) => (saved ? this.prune(room.boardId) : undefined))
      .catch((err) => this.log.error({ err, boardId: room.boardId }, 'phase version not saved'));
  }

  async preview(boardId: string, versionId: string): Promise<VersionPreview | undefined> {
    const found = await this.store.getSnapshot(boardId, versionId);
    if (!found) return undefined;
    const doc = this.open(found.state);
    try {
      const elements = readElements(doc).elements.sort(byZOrder);
      return { version: found.snapshot, meta: readMeta(doc), summary: summarise(elements), elements };
    } finally {
      doc.destroy();
    }
  }

  /**
   * Saves the board as it is ("before restoring …"), then changes it to match the version.
   * Undefined when the version (or board) does not exist.
   */
  restore(boardId: string, versionId: string, author: string): Promise<RestoreResult | undefined> {
    const previous = this.restoring.get(boardId) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => this.restoreNow(boardId, versionId, author));
    this.restoring.set(boardId, run);
    void run.finally(() => {
      if (this.restoring.get(boardId) === run) this.restoring.delete(boardId);
    }).catch(() => undefined);
    return run;
  }

  private async restoreNow(boardId: string, versionId: string, author: string): Promise<RestoreResult | undefined> {
    const found = await this.store.getSnapshot(boardId, versionId);
    if (!found) return undefined;
    const target = this.open(found.state);
    try {
      return await this.rooms.withRoom(boardId, async (room) => {
        const before = await this.saveUnchanged(room, { name: found.snapshot.name, author, kind: 'restore' });
        if (!before) return undefined;
        // Same tick as the check in saveUnchanged: nothing can slip between the copy and the restore.
        const changes = restoreFrom(room.doc, target, RESTORE_ORIGIN);
        await room.whenDurable();
        // A read-only board (its stored layout could not be migrated) is editable again once
        // restored: everyone reconnects and is told so.
        if (room.retryMigration()) room.closeAll(CLOSE.reopened.code, CLOSE.reopened.reason);
        this.log.info({ boardId, versionId, before: before.id, ...changes }, 'version restored');
        await this.prune(boardId, versionId);
        return { restored: found.snapshot, before, changes };
      });
    } finally {
      target.destroy();
    }
  }

  /** Saves a copy, retaking it if the board changed while it was being written. */
  private async saveUnchanged(room: Room, input: { name: string; author: string; kind: SnapshotKind }): Promise<SnapshotRecord | undefined> {
    for (let attempt = 1; ; attempt++) {
      let changed = false;
      const onUpdate = () => (changed = true);
      room.doc.on('update', onUpdate);
      try {
        const saved = await this.save(room, input);
        if (!saved || !changed || attempt >= BEFORE_ATTEMPTS) return saved;
      } finally {
        room.doc.off('update', onUpdate);
      }
    }
  }

  private async save(room: Room, input: { name: string; author: string; kind: SnapshotKind }): Promise<SnapshotRecord | undefined> {
    const state = Y.encodeStateAsUpdate(room.doc);
    const record = { id: randomUUID(), boardId: room.boardId, name: input.name, author: input.author, kind: input.kind, createdAt: Date.now() };
    if (!(await this.store.createSnapshot(record, state))) return undefined;
    return { ...record, bytes: state.byteLength };
  }

  /**
   * Keeps a board's versions within the limit (never `keep`, nor the newest); a failure is
   * logged, the versions stay. Run after saving, outside the copy-then-restore step.
   */
  private async prune(boardId: string, keep?: string): Promise<void> {
    try {
      const versions = await this.store.listSnapshots(boardId);
      const beyond = versionsBeyond(versions.filter((v) => v.id !== keep), this.maxVersions - (keep ? 1 : 0));
      if (beyond.length > 0) await this.store.deleteSnapshots(boardId, beyond);
    } catch (err) {
      this.log.error({ err, boardId }, 'old versions not deleted');
    }
  }

  /** A stored version as a document of the current schema (versions saved by older builds are migrated). */
  private open(state: Uint8Array): Y.Doc {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    migrateDoc(doc);
    return doc;
  }
}
