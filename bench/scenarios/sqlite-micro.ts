import path from 'node:path';
import * as Y from 'yjs';
import { SqliteStore } from '../../server/storage/sqlite';
import type { AppendBatch } from '../../server/storage/types';
import { mergeToSnapshot } from '../../server/sync/snapshot';
import { makeTempDir, removeTempDir } from '../lib/servers';
import { nowMs } from '../lib/proc';
import { distribution, type Distribution } from '../lib/stats';

export interface AppendRow {
  synchronous: 'NORMAL' | 'FULL';
  /** Updates per append() call, i.e. per transaction. */
  batch: number;
  boards: number;
  updatesPerSecond: number;
  commitsPerSecond: number;
  /** Time of one append() call. */
  call: Distribution;
}

export interface CompactRow {
  updates: number;
  bytesBefore: number;
  bytesAfter: number;
  ms: number;
}

const BOARDS = 5;

/** Real updates as a client makes them: one Y.Map field set per update (~40 bytes). */
function realisticUpdates(count: number): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  const map = doc.getMap('bench');
  for (let s = 1; s <= count; s++) map.set(`c${s % 20}`, { t: 1_700_000_000_000 + s, s });
  doc.destroy();
  return updates;
}

function openStore(dir: string, synchronous: 'NORMAL' | 'FULL'): SqliteStore {
  return new SqliteStore(path.join(dir, `micro-${synchronous}.sqlite`), { synchronous });
}

async function createBoards(store: SqliteStore, prefix: string): Promise<string[]> {
  const ids: string[] = [];
  const now = Date.now();
  for (let b = 0; b < BOARDS; b++) {
    const id = `${prefix}${b}`;
    const hashes = { facilitator: `${id}-f`, participant: `${id}-p`, observer: `${id}-o` };
    await store.createBoard({ id, title: id, locale: 'pl', createdAt: now, updatedAt: now }, new Uint8Array([0, 0]), hashes);
    ids.push(id);
  }
  return ids;
}

/**
 * SqliteStore.append called directly: one call = one transaction, as the server's persist
 * queue does once per event-loop turn. A batch is spread over up to five boards.
 */
export async function runAppendMicro(seconds: number, batches: number[]): Promise<AppendRow[]> {
  const dir = makeTempDir('warsztat-bench-sqlite-');
  const rows: AppendRow[] = [];
  const updates = realisticUpdates(4096);
  try {
    for (const synchronous of ['NORMAL', 'FULL'] as const) {
      const store = openStore(dir, synchronous);
      try {
        for (const batch of batches) {
          const boards = await createBoards(store, `b${batch}-`);
          const spread = Math.min(batch, BOARDS);
          let cursor = 0;
          const makeBatch = (): AppendBatch[] => {
            const perBoard: Uint8Array[][] = Array.from({ length: spread }, () => []);
            for (let i = 0; i < batch; i++) perBoard[i % spread]!.push(updates[cursor++ % updates.length]!);
            return perBoard.map((list, b) => ({ boardId: boards[b]!, updates: list }));
          };
          const times: number[] = [];
          let written = 0;
          const started = nowMs();
          const deadline = started + seconds * 1000;
          while (nowMs() < deadline && written < 2_000_000) {
            const work = makeBatch();
            const t = nowMs();
            await store.append(work);
            times.push(nowMs() - t);
            written += batch;
          }
          const elapsed = (nowMs() - started) / 1000;
          rows.push({
            synchronous,
            batch,
            boards: spread,
            updatesPerSecond: written / elapsed,
            commitsPerSecond: times.length / elapsed,
            call: distribution([times]),
          });
        }
      } finally {
        await store.close();
      }
    }
  } finally {
    removeTempDir(dir);
  }
  return rows;
}

/** What the server does every COMPACT_AFTER_UPDATES (1000) updates of a board, synchronously. */
export async function runCompactMicro(updatesCount = 1000): Promise<CompactRow> {
  const dir = makeTempDir('warsztat-bench-compact-');
  try {
    const store = openStore(dir, 'NORMAL');
    try {
      const [board] = await createBoards(store, 'compact-');
      const updates = realisticUpdates(updatesCount);
      await store.append([{ boardId: board!, updates }]);
      let bytesAfter = 0;
      const started = nowMs();
      await store.compact(board!, (stored) => {
        const snapshot = mergeToSnapshot(stored);
        bytesAfter = snapshot.byteLength;
        return snapshot;
      });
      const ms = nowMs() - started;
      return { updates: updatesCount, bytesBefore: updates.reduce((sum, u) => sum + u.byteLength, 0), bytesAfter, ms };
    } finally {
      await store.close();
    }
  } finally {
    removeTempDir(dir);
  }
}
