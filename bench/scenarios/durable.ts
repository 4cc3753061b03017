import path from 'node:path';
import Database from 'better-sqlite3';
import type { DurableCollectResult, RoomAccess } from '../load/types';
import type { WorkerPool } from '../lib/pool';
import { CpuMeter, nowMs, procCpuSeconds, procMemory, selfCpuSeconds, procRunQueueWaitSeconds, systemBusySeconds, waitForQuiet } from '../lib/proc';
import { roomsFor } from '../lib/rest';
import { startServer, type BenchServer, type ServerKind } from '../lib/servers';
import { distribution, sleep, type Distribution } from '../lib/stats';

export interface DurableOptions {
  seconds: number;
  warmupSeconds: number;
  rooms: number;
  perRoom: number;
  inflight: number;
  quietWaitSeconds: number;
}

export interface DurableRow {
  server: ServerKind;
  /** Warsztat only: SQLITE_SYNCHRONOUS. */
  synchronous?: 'NORMAL' | 'FULL';
  clients: number;
  rooms: number;
  /** Edits relayed to a peer per second (durable first, on our server). */
  editsPerSecond: number;
  latency: Distribution;
  sent: number;
  /** Rows ever inserted into the update log (sqlite_sequence), ours only. */
  rowsInserted?: number;
  serverCpu: number;
  serverRssMiB: number;
  generatorCpu: number;
  otherCpu: number;
  /** Seconds per second the server's / generator's threads waited for a CPU (run queue). */
  serverWait: number;
  generatorWait: number;
  quiet: { waitedMs: number; busyCores: number };
  discarded: number[];
  loopDelayP99: number;
  /** Fingerprint of the server code this row ran (codeFingerprint). */
  code: string;
  dropped: number;
  error?: string;
}

function rowsInserted(server: BenchServer): number {
  const db = new Database(path.join(server.dataDir!, 'warsztat.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'updates'").get() as { seq: number } | undefined)?.seq ?? 0;
  } finally {
    db.close();
  }
}

/** Closed-loop writers: each keeps `inflight` edits outstanding until a peer receives them. */
export async function runDurable(pool: WorkerPool, kind: ServerKind, synchronous: 'NORMAL' | 'FULL' | undefined, options: DurableOptions, log: (line: string) => void): Promise<DurableRow> {
  const server = await startServer(kind, synchronous ? { SQLITE_SYNCHRONOUS: synchronous } : {});
  const row: DurableRow = {
    server: kind,
    synchronous,
    clients: options.rooms * options.perRoom,
    rooms: options.rooms,
    editsPerSecond: NaN,
    latency: distribution([]),
    sent: 0,
    serverCpu: NaN,
    serverRssMiB: NaN,
    generatorCpu: NaN,
    otherCpu: NaN,
    serverWait: NaN,
    generatorWait: NaN,
    quiet: { waitedMs: NaN, busyCores: NaN },
    discarded: [],
    loopDelayP99: NaN,
    dropped: 0,
    code: server.code,
  };
  try {
    const rooms: RoomAccess[] = await roomsFor(server, options.rooms);
    // A room's writers all live in one worker: a peer's receipt acknowledges the writer directly.
    await pool.all('durable.setup', (w) => ({ wsBase: server.wsBase, rooms: rooms.filter((_, i) => i % pool.size === w), perRoom: options.perRoom, timeoutMs: 30_000 }), 60_000);
    row.quiet = await waitForQuiet(options.quietWaitSeconds * 1000);
    const t0 = nowMs() + options.warmupSeconds * 1000;
    const t1 = t0 + options.seconds * 1000;
    await pool.all('durable.run', () => ({ t0, t1, inflight: options.inflight }));
    const serverCpu = new CpuMeter(() => procCpuSeconds(server.pid));
    const generatorCpu = new CpuMeter(selfCpuSeconds);
    const systemCpu = new CpuMeter(systemBusySeconds);
    const serverWait = new CpuMeter(() => procRunQueueWaitSeconds(server.pid));
    const generatorWait = new CpuMeter(() => procRunQueueWaitSeconds(process.pid));
    await sleep(Math.max(0, t0 - nowMs()));
    serverCpu.start();
    generatorCpu.start();
    systemCpu.start();
    serverWait.start();
    generatorWait.start();
    await sleep(Math.max(0, t1 - nowMs()));
    row.serverCpu = serverCpu.stop();
    row.generatorCpu = generatorCpu.stop();
    row.otherCpu = Math.max(0, systemCpu.stop() - row.serverCpu - row.generatorCpu);
    row.serverWait = serverWait.stop();
    row.generatorWait = generatorWait.stop();
    row.serverRssMiB = procMemory(server.pid).rssMiB;
    await sleep(300);
    const results = await pool.all<DurableCollectResult>('durable.collect');
    const durable = results.reduce((sum, r) => sum + r.durable, 0);
    row.editsPerSecond = durable / options.seconds;
    row.sent = results.reduce((sum, r) => sum + r.sent, 0);
    row.latency = distribution(results.map((r) => r.latencies));
    row.loopDelayP99 = Math.max(...results.map((r) => r.loopDelay.p99));
    row.dropped = results.reduce((sum, r) => sum + r.dropped, 0);
    if (kind === 'warsztat') row.rowsInserted = rowsInserted(server);
    log(`    ${row.editsPerSecond.toFixed(0)} edits/s relayed (${row.sent} sent in total)`);
  } catch (error) {
    row.error = (error as Error).message.split('\n')[0];
    log(`    failed: ${(error as Error).message}\n${server.output().slice(-2000)}`);
  } finally {
    await pool.all('durable.close', () => ({}), 30_000).catch(() => undefined);
    await server.stop();
  }
  return row;
}
