import { z } from 'zod';
import { applyDraftDelta } from '../../shared/facilitation/drafts';
import type { Draft, Drafts } from '../../shared/protocol/state';
import type { Logger } from '../log';
import type { BoardStore, DraftWrite } from '../storage/types';

/** One hidden note written (`draft`) or deleted (`draft: null`) by its author's session. */
export interface DraftChange {
  sessionId: string;
  id: string;
  draft: Draft | null;
}

const draftSchema = z.object({ id: z.string(), frameId: z.string(), text: z.string(), x: z.number(), y: z.number(), color: z.string() });
/** What one process tells the others after storing a batch: each change with when it was made. */
const relaySchema = z.object({ changes: z.array(z.object({ sessionId: z.string(), id: z.string(), draft: draftSchema.nullable(), at: z.number() })) });

/** How long a note's change time is kept: far longer than any message takes between processes. */
const CHANGE_MEMORY_MS = 60_000;
const SEP = '\u0000';
const keyOf = (sessionId: string, id: string) => `${sessionId}${SEP}${id}`;

/** A board's stored hidden notes by author; unreadable rows are logged and left out. */
export async function loadDrafts(boardId: string, store: BoardStore, log: Logger): Promise<Drafts> {
  // Authors are session ids a client chose: no prototype for them to collide with.
  const drafts = Object.create(null) as Drafts;
  for (const row of await store.loadDrafts(boardId)) {
    let parsed: ReturnType<typeof draftSchema.safeParse> | undefined;
    try {
      parsed = draftSchema.safeParse(JSON.parse(row.json));
    } catch {
      parsed = undefined;
    }
    if (!parsed?.success) {
      log.error({ boardId }, 'stored hidden note unreadable; left out');
      continue;
    }
    (drafts[row.author] ??= []).push(parsed.data);
  }
  return drafts;
}

interface Batch {
  promise: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

function newBatch(): Batch {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // The commands waiting on it see the failure; this only keeps it from counting as unhandled.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/**
 * Stores one board's hidden notes by change, as a group commit: changes wait for the next
 * turn of the event loop, and while a write is in flight the ones arriving meanwhile are
 * written together in the next one. `write` resolves once its changes are durable, so a
 * command can be acknowledged only then, yet one write serves many commands. Each stored
 * batch is handed to the relay (other processes hold the same board in memory).
 */
export class DraftWriter {
  private pending = new Map<string, DraftChange & { at: number }>();
  private next: Batch | null = null;
  private writing: Promise<void> | null = null;
  private scheduled = false;
  /** When each note last changed here or in a relayed batch, so a stale relay cannot undo a newer change. */
  private changedAt = new Map<string, number>();
  private readonly listeners = new Set<(json: string) => void>();

  constructor(
    private readonly boardId: string,
    private readonly store: BoardStore,
  ) {}

  write(changes: readonly DraftChange[]): Promise<void> {
    const at = Date.now();
    this.forgetOld(at);
    for (const change of changes) {
      const key = keyOf(change.sessionId, change.id);
      this.pending.set(key, { ...change, at });
      this.changedAt.set(key, at);
    }
    const batch = (this.next ??= newBatch());
    this.schedule();
    return batch.promise;
  }

  /** Resolves once nothing is waiting or being written. */
  async settled(): Promise<void> {
    while (this.writing || this.scheduled || this.pending.size > 0) {
      await (this.writing ?? new Promise<void>((resolve) => setImmediate(resolve)));
    }
  }

  onStored(listener: (json: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Another process's stored batch applied to `drafts`; the same object when nothing in it was newer. */
  applyRemote(json: string, drafts: Drafts): Drafts {
    let parsed: ReturnType<typeof relaySchema.safeParse>;
    try {
      parsed = relaySchema.safeParse(JSON.parse(json));
    } catch {
      return drafts;
    }
    if (!parsed.success) return drafts;
    let next = drafts;
    for (const change of parsed.data.changes) {
      const key = keyOf(change.sessionId, change.id);
      if ((this.changedAt.get(key) ?? -Infinity) > change.at) continue;
      this.changedAt.set(key, change.at);
      const delta = change.draft ? { put: [change.draft], removed: [] } : { put: [], removed: [change.id] };
      if (next === drafts) next = Object.assign(Object.create(null) as Drafts, drafts);
      next[change.sessionId] = applyDraftDelta(next[change.sessionId] ?? [], delta);
    }
    return next;
  }

  private schedule(): void {
    if (this.scheduled || this.writing) return;
    this.scheduled = true;
    // Commands handled in the same turn of the event loop share the write.
    setImmediate(() => {
      this.scheduled = false;
      this.start();
    });
  }

  private start(): void {
    const batch = this.next;
    if (this.pending.size === 0 || !batch) return;
    const changes = [...this.pending.values()];
    this.pending.clear();
    this.next = null;
    const writes: DraftWrite[] = changes.map((c) => ({ author: c.sessionId, id: c.id, json: c.draft ? JSON.stringify(c.draft) : null }));
    let stored: Promise<void>;
    try {
      stored = this.store.saveDrafts(this.boardId, writes);
    } catch (error) {
      stored = Promise.reject(error);
    }
    this.writing = stored
      .then(
        () => {
          batch.resolve();
          this.relay(changes);
        },
        (error: unknown) => batch.reject(error),
      )
      .finally(() => {
        this.writing = null;
        if (this.pending.size > 0) this.schedule();
      });
  }

  private relay(changes: (DraftChange & { at: number })[]): void {
    if (this.listeners.size === 0) return;
    const json = JSON.stringify({ changes });
    for (const listener of this.listeners) listener(json);
  }

  private forgetOld(now: number): void {
    if (this.changedAt.size < 1_000) return;
    for (const [key, at] of this.changedAt) if (at < now - CHANGE_MEMORY_MS) this.changedAt.delete(key);
  }
}
