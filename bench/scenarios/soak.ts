import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SoakStartArgs, SoakStatus } from '../load/soak';
import type { WorkerPool } from '../lib/pool';
import { loadAverage, nowMs, procCpuSeconds, procMemory, selfCpuSeconds, systemBusySeconds } from '../lib/proc';
import { docMemory, type DocMemory } from '../lib/doc-memory';
import { createBoards } from '../lib/rest';
import { startWarsztat, type BenchServer } from '../lib/servers';
import { sleep, until } from '../lib/stats';

/** Settings of the soak (SOAK_* variables); short runs for development, 30 minutes for the record. */
export interface SoakOptions {
  minutes: number;
  warmupMinutes: number;
  clients: number;
  boards: number;
  sessionSeconds: [number, number];
  editSeconds: [number, number];
  cursorMs: number;
  boardCycleSeconds: number;
  rampSeconds: number;
  unloadDelayMs: number;
  sampleSeconds: number;
  notesPerBoard: number;
  abruptShare: number;
  logLevel: string;
}

function num(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, got ${raw}`);
  return value;
}

function range(name: string, fallback: [number, number]): [number, number] {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const parts = raw.split('-').map(Number);
  if (parts.length !== 2 || parts.some((p) => !Number.isFinite(p) || p < 0) || parts[0]! > parts[1]!) throw new Error(`${name} must be min-max, got ${raw}`);
  return [parts[0]!, parts[1]!];
}

export function loadSoakOptions(): SoakOptions {
  const minutes = num('SOAK_MINUTES', 30);
  return {
    minutes,
    // The warm-up is at most half of a short development run.
    warmupMinutes: Math.min(num('SOAK_WARMUP_MINUTES', 3), minutes / 2),
    clients: Math.max(2, Math.round(num('SOAK_CLIENTS', 1000))),
    boards: Math.max(1, Math.round(num('SOAK_BOARDS', 200))),
    sessionSeconds: range('SOAK_SESSION_SECONDS', [20, 120]),
    editSeconds: range('SOAK_EDIT_SECONDS', [2, 5]),
    cursorMs: num('SOAK_CURSOR_MS', 1000),
    boardCycleSeconds: num('SOAK_BOARD_CYCLE_SECONDS', 360),
    rampSeconds: num('SOAK_RAMP_SECONDS', 60),
    unloadDelayMs: num('SOAK_UNLOAD_DELAY_MS', 500),
    sampleSeconds: Math.max(1, num('SOAK_SAMPLE_SECONDS', 10)),
    notesPerBoard: Math.max(1, Math.round(num('SOAK_NOTES_PER_BOARD', 60))),
    abruptShare: Math.min(1, num('SOAK_ABRUPT', 0.1)),
    logLevel: process.env.SOAK_LOG_LEVEL || 'info',
  };
}

/** The SOAK_* variables this run was started with, for the report. */
export function soakEnv(): string {
  return Object.entries(process.env)
    .filter(([key, value]) => key.startsWith('SOAK_') && value)
    .map(([key, value]) => `${key}=${value}`)
    .sort()
    .join(' ');
}

export interface SoakSample {
  /** Seconds since the load started. */
  t: number;
  rssMiB: number;
  /** From the server's /metrics (prom-client's default process metrics). */
  heapUsedMiB: number;
  externalMiB: number;
  rooms: number;
  connections: number;
  /** Clients connected and synced, as the load workers count them. */
  active: number;
  load1: number;
}

export interface LogScan {
  lines: number;
  /** Lines at level error (50) or fatal (60), and anything printed that is not a JSON log line. */
  errors: number;
  warnings: number;
  firstProblems: string[];
}

export interface SoakResult {
  startedAt: Date;
  options: SoakOptions;
  env: string;
  loadAverageStart: string;
  createMs: number;
  rssBaselineMiB: number;
  samples: SoakSample[];
  /** Medians of the samples over `levelWindowSeconds` after warm-up and before the end of the load. */
  levelWindowSeconds: number;
  rssAfterWarmupMiB: number;
  rssEndMiB: number;
  ratio: number;
  /** RSS growth after warm-up by least squares over the samples, MiB per minute. */
  slopeMiBPerMinute: number;
  peakMiB: number;
  /** After everyone left: how long until rooms and connections read 0 (NaN: never, within the timeout). */
  drainMs: number;
  roomsEnd: number;
  connectionsEnd: number;
  rssAfterLeaveMiB: number;
  /** 30 s later, still without intervention. */
  rssSettledMiB: number;
  clients: SoakStatus;
  /** Times a board had nobody on it for longer than the unload delay and was joined again (so it unloaded and reloaded). */
  reloads: number;
  /**
   * Every board's stored document loaded into a Y.Doc in a separate process, after warm-up
   * and at the end of the load: how much of the server's memory is document data.
   */
  docsAfterWarmup?: DocMemory;
  docsEnd?: DocMemory;
  /** Samples at which /metrics did not answer within 30 s. */
  metricsTimeouts: number;
  /** Boards that had at least one visitor. */
  boardsVisited: number;
  serverCpu: number;
  generatorCpu: number;
  otherCpu: number;
  log: LogScan;
  logFile: string;
  code: string;
  error?: string;
}

const MiB = 1024 * 1024;

async function metrics(server: BenchServer, timeoutMs = 30_000): Promise<Record<string, number>> {
  const res = await fetch(`${server.httpUrl}/metrics`, { signal: AbortSignal.timeout(timeoutMs) });
  const text = await res.text();
  const values: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const match = line.match(/^([a-z_]+) (\S+)$/);
    if (match) values[match[1]!] = Number(match[2]);
  }
  return values;
}

function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function slope(points: { x: number; y: number }[]): number {
  if (points.length < 2) return NaN;
  const mx = points.reduce((s, p) => s + p.x, 0) / points.length;
  const my = points.reduce((s, p) => s + p.y, 0) / points.length;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.x - mx) * (p.y - my);
    den += (p.x - mx) ** 2;
  }
  return den === 0 ? NaN : num / den;
}

/** Counts error and warning lines in the server's output (pino JSON, one object a line). */
export function scanLog(file: string): LogScan {
  const scan: LogScan = { lines: 0, errors: 0, warnings: 0, firstProblems: [] };
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    scan.lines++;
    let level: number | undefined;
    try {
      level = (JSON.parse(line) as { level?: number }).level;
    } catch {
      // The start-up banner is the only plain line the server prints; anything else (a stack trace) is an error.
      if (/^Warsztat: http:\/\//.test(line)) continue;
      level = 50;
    }
    if (level === undefined || level < 40) continue;
    if (level >= 50) scan.errors++;
    else scan.warnings++;
    if (scan.firstProblems.length < 10) scan.firstProblems.push(line.slice(0, 300));
  }
  return scan;
}

/** From every session's board and times: how often a board went empty for longer than `gapMs` and was joined again. */
export function countReloads(visits: [number, number, number][], gapMs: number): { reloads: number; boards: number } {
  const byBoard = new Map<number, [number, number][]>();
  for (const [board, from, to] of visits) {
    if (!Number.isFinite(from)) continue;
    let list = byBoard.get(board);
    if (!list) byBoard.set(board, (list = []));
    list.push([from, to]);
  }
  let reloads = 0;
  for (const list of byBoard.values()) {
    list.sort((a, b) => a[0] - b[0]);
    let end = list[0]![1];
    for (const [from, to] of list.slice(1)) {
      if (from - end > gapMs) reloads++;
      end = Math.max(end, to);
    }
  }
  return { reloads, boards: byBoard.size };
}

function sumStatus(parts: SoakStatus[]): SoakStatus {
  const total: SoakStatus = { active: 0, joins: 0, synced: 0, leaves: 0, editsSent: 0, editsAcked: 0, editsUnacked: 0, cursorsSent: 0, errors: {}, firstErrors: [], loopDelay: { p50: 0, p99: 0, max: 0 }, visits: [] };
  for (const part of parts) {
    for (const key of ['active', 'joins', 'synced', 'leaves', 'editsSent', 'editsAcked', 'editsUnacked', 'cursorsSent'] as const) total[key] += part[key];
    for (const [kind, count] of Object.entries(part.errors)) total.errors[kind] = (total.errors[kind] ?? 0) + count;
    total.firstErrors.push(...part.firstErrors.slice(0, 10 - total.firstErrors.length));
    for (const visit of part.visits) total.visits.push(visit);
    total.loopDelay = {
      p50: Math.max(total.loopDelay.p50, part.loopDelay.p50),
      p99: Math.max(total.loopDelay.p99, part.loopDelay.p99),
      max: Math.max(total.loopDelay.max, part.loopDelay.max),
    };
  }
  return total;
}

/**
 * The soak: a population of clients joining, editing and leaving boards for many minutes;
 * memory must level off after warm-up and every board must unload at the end.
 */
export async function runSoak(pool: WorkerPool, options: SoakOptions, log: (line: string) => void): Promise<SoakResult> {
  const startedAt = new Date();
  const logFile = path.join(os.tmpdir(), `warsztat-soak-${startedAt.toISOString().replace(/[:.]/g, '-')}.log`);
  const server = await startWarsztat({ ROOM_UNLOAD_DELAY_MS: String(options.unloadDelayMs), LOG_LEVEL: options.logLevel }, { logFile });
  const result: SoakResult = {
    startedAt,
    options,
    env: soakEnv(),
    loadAverageStart: loadAverage(),
    createMs: NaN,
    rssBaselineMiB: NaN,
    samples: [],
    levelWindowSeconds: Math.min(60, (options.minutes * 60) / 6),
    rssAfterWarmupMiB: NaN,
    rssEndMiB: NaN,
    ratio: NaN,
    slopeMiBPerMinute: NaN,
    peakMiB: NaN,
    drainMs: NaN,
    roomsEnd: NaN,
    connectionsEnd: NaN,
    rssAfterLeaveMiB: NaN,
    rssSettledMiB: NaN,
    clients: sumStatus([]),
    reloads: NaN,
    metricsTimeouts: 0,
    boardsVisited: NaN,
    serverCpu: NaN,
    generatorCpu: NaN,
    otherCpu: NaN,
    log: { lines: 0, errors: 0, warnings: 0, firstProblems: [] },
    logFile,
    code: server.code,
  };
  let started = false;
  try {
    const created = await createBoards(server, options.boards, 4);
    result.createMs = created.ms;
    log(`    ${options.boards} boards created via REST in ${(created.ms / 1000).toFixed(1)} s`);
    await sleep(1000);
    result.rssBaselineMiB = procMemory(server.pid).rssMiB;

    const durationMs = options.minutes * 60_000;
    const perWorker = (w: number) => Math.floor(options.clients / pool.size) + (w < options.clients % pool.size ? 1 : 0);
    const serverCpu0 = procCpuSeconds(server.pid);
    const selfCpu0 = selfCpuSeconds();
    const busy0 = systemBusySeconds();
    const t0 = nowMs();
    await pool.all('soak.start', (w) => ({
      wsBase: server.wsBase,
      rooms: created.rooms,
      population: perWorker(w),
      rampMs: options.rampSeconds * 1000,
      sessionMs: [options.sessionSeconds[0] * 1000, options.sessionSeconds[1] * 1000],
      editEveryMs: [options.editSeconds[0] * 1000, options.editSeconds[1] * 1000],
      cursorEveryMs: options.cursorMs,
      boardCycleMs: options.boardCycleSeconds * 1000,
      notesPerBoard: options.notesPerBoard,
      abruptShare: options.abruptShare,
      worker: w,
      timeoutMs: 30_000,
    } satisfies SoakStartArgs));
    started = true;

    const warmupAt = t0 + options.warmupMinutes * 60_000;
    let docs: Promise<DocMemory | undefined> | undefined;
    const measureDocs = () =>
      docMemory(path.join(server.dataDir!, 'warsztat.sqlite')).catch((error: Error) => {
        log(`    (documents not measured: ${error.message.split('\n')[0]})`);
        return undefined;
      });
    let lastLogged = -Infinity;
    let lastCpu = { cpu: serverCpu0, at: t0 };
    for (let k = 1; ; k++) {
      const at = t0 + k * options.sampleSeconds * 1000;
      if (at > t0 + durationMs) break;
      await sleep(Math.max(0, at - nowMs()));
      // A server too busy to answer within the timeout is a finding, not the end of the run.
      const [m, statuses] = await Promise.all([
        metrics(server).catch(() => {
          result.metricsTimeouts++;
          return {} as Record<string, number>;
        }),
        pool.all<SoakStatus>('soak.poll', () => ({}), 30_000),
      ]);
      const sample: SoakSample = {
        t: (nowMs() - t0) / 1000,
        rssMiB: procMemory(server.pid).rssMiB,
        heapUsedMiB: (m.warsztat_process_nodejs_heap_size_used_bytes ?? NaN) / MiB,
        externalMiB: (m.warsztat_process_nodejs_external_memory_bytes ?? NaN) / MiB,
        rooms: m.warsztat_rooms_loaded ?? NaN,
        connections: m.warsztat_sync_connections ?? NaN,
        active: statuses.reduce((sum, s) => sum + s.active, 0),
        load1: Number(loadAverage().split(' ')[0]),
      };
      result.samples.push(sample);
      if (!docs && nowMs() >= warmupAt) docs = measureDocs();
      if (sample.t - lastLogged >= 60 || k <= 3) {
        lastLogged = sample.t;
        const cpu = procCpuSeconds(server.pid);
        const serverCpu = (cpu - lastCpu.cpu) / ((nowMs() - lastCpu.at) / 1000);
        lastCpu = { cpu, at: nowMs() };
        const total = sumStatus(statuses);
        const errors = Object.entries(total.errors).map(([kind, n]) => `${kind} ${n}`).join(', ') || 'none';
        log(
          `    ${(sample.t / 60).toFixed(1)} min: RSS ${sample.rssMiB.toFixed(0)} MiB (heap ${sample.heapUsedMiB.toFixed(0)}, external ${sample.externalMiB.toFixed(0)}), rooms ${sample.rooms}, connections ${sample.connections}, clients ${sample.active}; edits ${total.editsSent}, joins ${total.joins}; client errors: ${errors}; server CPU ${(serverCpu * 100).toFixed(0)} %; load ${sample.load1}`,
        );
      }
    }
    const loadSeconds = (nowMs() - t0) / 1000;
    // Still under load: the end-of-load figure counts what the loaded boards hold now.
    const docsEnd = measureDocs();
    result.docsAfterWarmup = await docs;
    result.docsEnd = await docsEnd;
    result.serverCpu = (procCpuSeconds(server.pid) - serverCpu0) / loadSeconds;
    result.generatorCpu = (selfCpuSeconds() - selfCpu0) / loadSeconds;
    result.otherCpu = (systemBusySeconds() - busy0) / loadSeconds - result.serverCpu - result.generatorCpu;
    result.peakMiB = procMemory(server.pid).hwmMiB;

    const warmup = options.warmupMinutes * 60;
    const window = result.levelWindowSeconds;
    const end = loadSeconds;
    result.rssAfterWarmupMiB = median(result.samples.filter((s) => s.t >= warmup && s.t < warmup + window).map((s) => s.rssMiB));
    result.rssEndMiB = median(result.samples.filter((s) => s.t > end - window).map((s) => s.rssMiB));
    result.ratio = result.rssEndMiB / result.rssAfterWarmupMiB;
    result.slopeMiBPerMinute = slope(result.samples.filter((s) => s.t >= warmup).map((s) => ({ x: s.t / 60, y: s.rssMiB })));

    log('    load over: every client leaves');
    result.clients = sumStatus(await pool.all<SoakStatus>('soak.stop', () => ({}), 120_000));
    started = false;
    // A margin over the unload delay: the unload itself (flush, compaction) takes a moment.
    const reloads = countReloads(result.clients.visits, options.unloadDelayMs + 1000);
    result.reloads = reloads.reloads;
    result.boardsVisited = reloads.boards;
    log(`    ${result.clients.joins} sessions; boards visited ${reloads.boards}, emptied and rejoined ${reloads.reloads} times`);
    result.clients.visits = [];
    const left = nowMs();
    let last: Record<string, number> = {};
    const drained = await until(
      async () => {
        last = await metrics(server);
        return last.warsztat_rooms_loaded === 0 && last.warsztat_sync_connections === 0;
      },
      120_000,
      250,
    );
    result.drainMs = drained ? nowMs() - left : NaN;
    result.roomsEnd = last.warsztat_rooms_loaded ?? NaN;
    result.connectionsEnd = last.warsztat_sync_connections ?? NaN;
    result.rssAfterLeaveMiB = procMemory(server.pid).rssMiB;
    log(`    ${drained ? `rooms and connections at 0 after ${(result.drainMs / 1000).toFixed(1)} s` : `NOT drained after 120 s: rooms ${result.roomsEnd}, connections ${result.connectionsEnd}`}; RSS ${result.rssAfterLeaveMiB.toFixed(0)} MiB`);
    await sleep(30_000);
    result.rssSettledMiB = procMemory(server.pid).rssMiB;
  } catch (error) {
    result.error = (error as Error).message.split('\n')[0];
    log(`    failed: ${(error as Error).stack ?? String(error)}\n${server.output().slice(-2000)}`);
    if (started) await pool.all('soak.stop', () => ({}), 120_000).catch(() => undefined);
  } finally {
    await server.stop();
  }
  result.log = scanLog(logFile);
  log(`    server log: ${result.log.lines} lines, ${result.log.errors} errors, ${result.log.warnings} warnings (${logFile})`);
  return result;
}
