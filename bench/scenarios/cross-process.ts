import pg from 'pg';
import type { WorkerPool } from '../lib/pool';
import { startWarsztat, type BenchServer } from '../lib/servers';
import { sleep, until } from '../lib/stats';
import { runFanout, type FanoutOptions, type FanoutRow } from './fanout';

export interface CrossProcessOptions {
  n: number;
  databaseUrl: string;
  redisUrl: string;
}

/** Storage writes of one process over the measured window (from its /metrics counters). */
export interface StoredRates {
  /** warsztat_updates_stored_total delta per second. */
  updatesPerSecond: number;
  /** warsztat_storage_write_seconds_count delta per second (write batches). */
  batchesPerSecond: number;
}

export interface CrossProcessRow {
  processes: number;
  schema: string;
  fanout?: FanoutRow;
  /** Per process, in start order. */
  stored: StoredRates[];
  error?: string;
}

export interface CrossProcessResult {
  n: number;
  rows: CrossProcessRow[];
}

async function metric(server: BenchServer, name: string): Promise<number> {
  const res = await fetch(`${server.httpUrl}/metrics`, { signal: AbortSignal.timeout(10_000) });
  const line = (await res.text()).split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.split(' ')[1]) : NaN;
}

async function waitReady(server: BenchServer): Promise<void> {
  const ok = await until(async () => (await fetch(`${server.httpUrl}/api/ready`).catch(() => undefined))?.ok === true, 30_000, 200);
  if (!ok) throw new Error(`process on port ${server.port} not ready (PostgreSQL/Redis) within 30 s`);
}

/** Scenario 1 at one N on `processes` Warsztat processes sharing a fresh PostgreSQL schema and Redis. */
async function runOne(pool: WorkerPool, processes: number, options: CrossProcessOptions, fanout: FanoutOptions, log: (line: string) => void): Promise<CrossProcessRow> {
  const schema = `bench_xp_${Date.now().toString(36)}_${processes}`;
  const env = { DATABASE_URL: options.databaseUrl, DATABASE_SCHEMA: schema, REDIS_URL: options.redisUrl };
  const servers: BenchServer[] = [];
  const row: CrossProcessRow = { processes, schema, stored: [] };
  try {
    // One after the other: the first creates the schema and tables.
    for (let i = 0; i < processes; i++) {
      const server = await startWarsztat(env);
      servers.push(server);
      await waitReady(server);
    }
    const names = ['warsztat_updates_stored_total', 'warsztat_storage_write_seconds_count'];
    const read = () => Promise.all(servers.map((s) => Promise.all(names.map((name) => metric(s, name)))));
    let before: number[][] = [];
    let startedAt = 0;
    row.fanout = await runFanout(pool, 'warsztat', options.n, fanout, log, false, {
      servers,
      onWindow: async (edge) => {
        if (edge === 'start') {
          startedAt = performance.now();
          before = await read();
          return;
        }
        const after = await read();
        const seconds = (performance.now() - startedAt) / 1000;
        row.stored = after.map((values, i) => ({
          updatesPerSecond: (values[0]! - before[i]![0]!) / seconds,
          batchesPerSecond: (values[1]! - before[i]![1]!) / seconds,
        }));
      },
    });
    row.error = row.fanout.error;
  } catch (error) {
    row.error = (error as Error).message.split('\n')[0];
    log(`    failed: ${(error as Error).message}`);
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    const client = new pg.Client({ connectionString: options.databaseUrl });
    try {
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    } catch (error) {
      log(`    could not drop schema ${schema}: ${(error as Error).message}`);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  return row;
}

/** N clients in one room on one process, then on two (clients split half/half), same run. */
export async function runCrossProcess(pool: WorkerPool, options: CrossProcessOptions, fanout: FanoutOptions, log: (line: string) => void): Promise<CrossProcessResult> {
  const rows: CrossProcessRow[] = [];
  for (const processes of [1, 2]) {
    log(`  N=${options.n} on ${processes} Warsztat process${processes > 1 ? 'es' : ''} (PostgreSQL + Redis)`);
    const row = await runOne(pool, processes, options, fanout, log);
    rows.push(row);
    const f = row.fanout;
    if (!row.error && f) {
      const stored = row.stored.reduce((sum, s) => sum + s.updatesPerSecond, 0);
      log(`    edit p50 ${f.edit.p50.toFixed(2)} ms, p99 ${f.edit.p99.toFixed(2)} ms; server CPU ${(f.serverCpus ?? [f.serverCpu]).map((c) => `${(c * 100).toFixed(0)} %`).join(' + ')}; ${stored.toFixed(1)} updates stored/s`);
    }
    await sleep(500);
  }
  return { n: options.n, rows };
}
