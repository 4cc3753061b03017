import type { FanoutOptions } from './scenarios/fanout';

/** Benchmark settings; every one can be overridden from the environment for a quick smoke run. */
export interface BenchConfig {
  /** Which scenarios to run: 1 = one busy room, 2 = many rooms, 3 = durable edits, 4 = one room across processes. */
  scenarios: number[];
  /** BENCH_ONLY=cross-process (scenario 4), report (section 6, report export) drafts (section 7, hidden notes) or grouping ("group similar", #20) or network (weak links, #16): run it alone and replace only its section in the report. */
  only: string | undefined;
  workers: number;
  /** Scenario 1: the load of every run (FanoutOptions), at each N, optionally profiled once at the largest. */
  fanout: FanoutOptions & {
    n: number[];
    /** Also run ours once more at the largest N under the V8 profiler. */
    profile: boolean;
  };
  rooms: { rooms: number; perRoom: number; edits: number; stock: boolean };
  /** Scenario 4: one room on 1 vs 2 processes sharing PostgreSQL (fresh schema each) and Redis. */
  crossProcess: { n: number; databaseUrl: string; redisUrl: string };
  durable: { seconds: number; warmupSeconds: number; rooms: number; perRoom: number; inflight: number; microSeconds: number; quietWaitSeconds: number };
  /** Re-run a scenario 1/3 row once if other processes used this many cores during it (0: never). */
  retryAboveOtherCpu: number;
  /** No re-runs once the whole run has taken this long. */
  retryBudgetSeconds: number;
  /** Scheduling priority (nice) for the harness, its workers and the servers; undefined: unchanged. */
  nice: number | undefined;
  out: string;
}

function num(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, got ${raw}`);
  return value;
}

function list(name: string, fallback: number[]): number[] {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const values = raw.split(',').map((part) => Number(part.trim()));
  if (values.some((v) => !Number.isInteger(v) || v <= 0)) throw new Error(`${name} must be a comma-separated list of positive integers, got ${raw}`);
  return values;
}

export function loadBenchConfig(): BenchConfig {
  const seconds = num('BENCH_SECONDS', 15);
  const quietWaitSeconds = num('BENCH_QUIET_WAIT_SECONDS', 15);
  return {
    scenarios: list('BENCH_SCENARIOS', [1, 2, 3, 4]),
    only: process.env.BENCH_ONLY || undefined,
    workers: Math.max(1, Math.round(num('BENCH_WORKERS', 2))),
    fanout: {
      n: list('BENCH_N', [10, 50, 100, 200]),
      seconds,
      warmupSeconds: num('BENCH_WARMUP_SECONDS', 3),
      drainSeconds: num('BENCH_DRAIN_SECONDS', 10),
      receivers: Math.max(1, Math.round(num('BENCH_RECEIVERS', 4))),
      editsPerSecond: num('BENCH_EDITS_PER_SECOND', 2),
      cursorsPerSecond: num('BENCH_CURSORS_PER_SECOND', 10),
      quietWaitSeconds,
      lightApplyMs: num('BENCH_LIGHT_APPLY_MS', 250),
      lightEcho: num('BENCH_LIGHT_ECHO', 0) !== 0,
      lightReplicas: num('BENCH_LIGHT_REPLICAS', 0) !== 0,
      profile: num('BENCH_PROFILE', 1) !== 0,
    },
    rooms: {
      rooms: Math.max(1, Math.round(num('BENCH_ROOMS', 1000))),
      perRoom: Math.max(2, Math.round(num('BENCH_ROOM_CLIENTS', 4))),
      edits: Math.max(1, Math.round(num('BENCH_ROOM_EDITS', 3))),
      stock: num('BENCH_ROOMS_STOCK', 1) !== 0,
    },
    crossProcess: {
      n: Math.max(2, Math.round(num('BENCH_CROSS_N', 100))),
      databaseUrl: process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test',
      redisUrl: process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379',
    },
    durable: {
      seconds: num('BENCH_DURABLE_SECONDS', Math.min(seconds, 10)),
      warmupSeconds: num('BENCH_WARMUP_SECONDS', 3),
      rooms: Math.max(1, Math.round(num('BENCH_DURABLE_ROOMS', 5))),
      perRoom: Math.max(2, Math.round(num('BENCH_DURABLE_CLIENTS_PER_ROOM', 4))),
      inflight: Math.max(1, Math.round(num('BENCH_DURABLE_INFLIGHT', 32))),
      microSeconds: num('BENCH_MICRO_SECONDS', 1),
      quietWaitSeconds,
    },
    retryAboveOtherCpu: num('BENCH_RETRY_OTHER_CPU', 0.25),
    retryBudgetSeconds: num('BENCH_RETRY_BUDGET_SECONDS', 240),
    nice: process.env.BENCH_NICE ? Number(process.env.BENCH_NICE) : undefined,
    out: process.env.BENCH_OUT || 'docs/benchmarks.md',
  };
}

/** The BENCH_* variables this run was started with, for the report. */
export function benchEnv(): string {
  return Object.entries(process.env)
    .filter(([key, value]) => key.startsWith('BENCH_') && value)
    .map(([key, value]) => `${key}=${value}`)
    .sort()
    .join(' ');
}
