import path from 'node:path';
import Database from 'better-sqlite3';
import type { RoomAccess, RoomsConnectResult, RoomsEditResult } from '../load/types';
import { InspectorSession, type NodeMemory } from '../lib/inspector';
import type { WorkerPool } from '../lib/pool';
import { nowMs, procCpuSeconds, procMemory } from '../lib/proc';
import { adHocRooms, createBoards } from '../lib/rest';
import { startServer, type BenchServer, type ServerKind } from '../lib/servers';
import { sleep, until } from '../lib/stats';

export interface RoomsOptions {
  rooms: number;
  perRoom: number;
  edits: number;
}

export interface RoomsRow {
  server: ServerKind;
  rooms: number;
  clients: number;
  createMs: number;
  rssStartMiB: number;
  rssBoardsMiB: number;
  /** process.memoryUsage() inside the server right after a forced full GC (MiB). */
  gcBoards?: NodeMemory;
  connectMs: number;
  connected: number;
  failed: number;
  rssSyncedMiB: number;
  editMs: number;
  converged: number;
  rssEditedMiB: number;
  gcEdited?: NodeMemory;
  peakMiB: number;
  /** Time from the last client leaving until every board was compacted (ours only). */
  unloadMs: number;
  unloaded: boolean;
  rssAfterLeave: { afterMs: number; rssMiB: number }[];
  gcAfterLeave?: NodeMemory;
  /** CPU seconds the server used over the whole scenario. */
  /** Fingerprint of the server code this row ran (codeFingerprint). */
  code: string;
  cpuSeconds: number;
  error?: string;
}

const rss = (server: BenchServer) => procMemory(server.pid).rssMiB;

/** Rows of the update log; once every board is unloaded (and compacted) it is one per board. */
function storedRows(server: BenchServer): number {
  const db = new Database(path.join(server.dataDir!, 'warsztat.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM updates').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** Many small rooms in one process: memory when all are busy and after everyone left. */
export async function runRooms(pool: WorkerPool, kind: ServerKind, options: RoomsOptions, log: (line: string) => void): Promise<RoomsRow> {
  const server = await startServer(kind, { ROOM_UNLOAD_DELAY_MS: '0' }, { inspect: true });
  let inspector: InspectorSession | undefined;
  /** Forces a full GC in the server and reads its memory; undefined if the inspector is unavailable. */
  const afterGc = async (): Promise<NodeMemory | undefined> => {
    try {
      inspector ??= await InspectorSession.connect(server.inspectorUrl ?? 'ws://127.0.0.1:1/none');
      await inspector.collectGarbage();
      await sleep(500);
      await inspector.collectGarbage();
      return await inspector.memory();
    } catch (error) {
      log(`    (no GC measurement: ${(error as Error).message})`);
      return undefined;
    }
  };
  const row: RoomsRow = {
    server: kind,
    rooms: options.rooms,
    clients: options.rooms * options.perRoom,
    createMs: NaN,
    rssStartMiB: NaN,
    rssBoardsMiB: NaN,
    connectMs: NaN,
    connected: 0,
    failed: 0,
    rssSyncedMiB: NaN,
    editMs: NaN,
    converged: 0,
    rssEditedMiB: NaN,
    peakMiB: NaN,
    unloadMs: NaN,
    unloaded: false,
    rssAfterLeave: [],
    cpuSeconds: NaN,
    code: server.code,
  };
  try {
    await sleep(1000);
    row.rssStartMiB = rss(server);
    let rooms: RoomAccess[];
    if (kind === 'warsztat') {
      const created = await createBoards(server, options.rooms);
      rooms = created.rooms;
      row.createMs = created.ms;
      log(`    ${options.rooms} boards created via REST in ${(created.ms / 1000).toFixed(1)} s`);
    } else {
      rooms = adHocRooms(options.rooms);
    }
    await sleep(1000);
    row.rssBoardsMiB = rss(server);
    row.gcBoards = await afterGc();

    const half = (w: number) => rooms.filter((_, i) => i % pool.size === w);
    const connects = await pool.all<RoomsConnectResult>(
      'rooms.connect',
      (w) => ({ wsBase: server.wsBase, rooms: half(w), perRoom: options.perRoom, concurrency: 50, timeoutMs: 60_000 }),
      180_000,
    );
    row.connectMs = Math.max(...connects.map((c) => c.ms));
    row.connected = connects.reduce((sum, c) => sum + c.connected, 0);
    row.failed = connects.reduce((sum, c) => sum + c.failed, 0);
    const firstError = connects.find((c) => c.firstError)?.firstError;
    log(`    ${row.connected}/${row.clients} clients connected and synced in ${(row.connectMs / 1000).toFixed(1)} s${firstError ? ` (first error: ${firstError})` : ''}`);
    await sleep(1000);
    row.rssSyncedMiB = rss(server);

    const edits = await pool.all<RoomsEditResult>('rooms.edit', () => ({ edits: options.edits, timeoutMs: 60_000 }), 90_000);
    row.editMs = Math.max(...edits.map((e) => e.ms));
    row.converged = edits.reduce((sum, e) => sum + e.converged, 0);
    log(`    ${options.edits} edits each; ${row.converged} replicas converged in ${(row.editMs / 1000).toFixed(1)} s`);
    await sleep(2000);
    row.rssEditedMiB = rss(server);
    row.peakMiB = procMemory(server.pid).hwmMiB;
    row.gcEdited = await afterGc();

    await pool.all('rooms.close', () => ({}), 30_000);
    const left = nowMs();
    if (kind === 'warsztat') {
      row.unloaded = await until(() => storedRows(server) <= options.rooms, 60_000, 100);
      row.unloadMs = nowMs() - left;
      log(`    everyone left; ${row.unloaded ? 'all boards unloaded and compacted' : 'NOT all boards compacted'} after ${(row.unloadMs / 1000).toFixed(1)} s`);
    }
    for (const at of [2_000, 10_000, 20_000]) {
      await sleep(Math.max(0, left + at - nowMs()));
      row.rssAfterLeave.push({ afterMs: at, rssMiB: rss(server) });
    }
    row.gcAfterLeave = await afterGc();
  } catch (error) {
    row.error = (error as Error).message.split('\n')[0];
    log(`    failed: ${(error as Error).message}\n${server.output().slice(-2000)}`);
    await pool.all('rooms.close', () => ({}), 30_000).catch(() => undefined);
  } finally {
    inspector?.close();
    try {
      row.cpuSeconds = procCpuSeconds(server.pid);
    } catch {
      // already gone
    }
    await server.stop();
  }
  return row;
}
