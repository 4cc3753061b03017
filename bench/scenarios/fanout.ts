import type { FanoutCollectResult, FanoutSetupResult, FanoutStatus, LoopDelay } from '../load/types';
import type { WorkerPool } from '../lib/pool';
import { CpuMeter, RssSampler, nowMs, procCpuSeconds, procMemory, selfCpuSeconds, procRunQueueWaitSeconds, systemBusySeconds, waitForQuiet } from '../lib/proc';
import { InspectorSession } from '../lib/inspector';
import { summarizeProfile, type CpuProfile, type ProfileSummary } from '../lib/profile';
import { roomsFor } from '../lib/rest';
import { startServer, type BenchServer, type ServerKind } from '../lib/servers';
import { distribution, sleep, until, type Distribution } from '../lib/stats';

export interface FanoutOptions {
  seconds: number;
  warmupSeconds: number;
  drainSeconds: number;
  /** Stock WebsocketProvider clients that measure latency (the rest are light clients). */
  receivers: number;
  editsPerSecond: number;
  cursorsPerSecond: number;
  /** Longest wait for the machine to be quiet before measuring. */
  quietWaitSeconds: number;
  /** Light clients apply incoming updates in batches this often (0: one by one). */
  lightApplyMs: number;
  lightEcho: boolean;
  lightReplicas: boolean;
}

export interface FanoutRow {
  server: ServerKind;
  n: number;
  receivers: number;
  connectMs: number;
  edit: Distribution;
  cursor: Distribution;
  /** Edits sent inside the window by all clients. */
  editsSent: number;
  /** Deliveries to measuring receivers: expected and arrived (by the end of the drain). */
  expected: number;
  received: number;
  drainMs: number;
  serverCpu: number;
  /** With several server processes (FanoutCluster): CPU of each; serverCpu is their sum. */
  serverCpus?: number[];
  serverRssStartMiB: number;
  serverRssMaxMiB: number;
  serverRssEndMiB: number;
  generatorCpu: number;
  /** CPU used by everything else on the machine inside the window (other processes). */
  otherCpu: number;
  /** Seconds per second the server's / generator's threads waited for a CPU (run queue). */
  serverWait: number;
  generatorWait: number;
  /** How long we waited for a quiet machine, and how busy it still was when we started. */
  quiet: { waitedMs: number; busyCores: number };
  /** Other processes' CPU during earlier attempts of this row that were discarded as disturbed. */
  discarded: number[];
  /** Worst worker's event-loop delay inside the window. */
  loopDelay: LoopDelay;
  /** Frames one light client received per second, on average. */
  framesPerClient: { sync: number; awareness: number };
  /** Fingerprint of the server code this row ran (codeFingerprint). */
  code: string;
  dropped: number;
  /** Set for a profiled run (its latencies are not reported: profiling slows the server). */
  profile?: ProfileSummary;
  error?: string;
}

/** Functions of our server whose inclusive CPU time the profiled run reports. */
export const PROFILED_FUNCTIONS = [
  'handle@sync/connection.ts',
  'applyClientUpdate@sync/room.ts',
  'write@sync/persist-queue.ts',
  'appendNow@storage/sqlite.ts',
  'relay@sync/room.ts',
  'flushRelay@sync/room.ts',
  'flushAwareness@sync/room.ts',
  'handleAwareness@sync/connection.ts',
  'send@sync/connection.ts',
  'writev',
  'writeBuffer',
  '(garbage collector)',
];

/** Servers started by the caller (and stopped by it): the room is created on the first, client i connects to servers[i % length]. */
export interface FanoutCluster {
  servers: BenchServer[];
  /** Called at the start and at the end of the measured window. */
  onWindow?: (edge: 'start' | 'end') => Promise<void>;
}

/**
 * One room, n clients editing and moving cursors, on one server started for this run (or
 * on the caller's servers: `cluster`; RSS is then the first one's, CPU and waits summed).
 */
export async function runFanout(pool: WorkerPool, kind: ServerKind, n: number, options: FanoutOptions, log: (line: string) => void, profile = false, cluster?: FanoutCluster): Promise<FanoutRow> {
  const servers = cluster?.servers ?? [await startServer(kind, {}, { inspect: profile })];
  const server = servers[0]!;
  let inspector: InspectorSession | undefined;
  const row: FanoutRow = {
    server: kind,
    n,
    receivers: Math.min(n, options.receivers),
    connectMs: NaN,
    edit: distribution([]),
    cursor: distribution([]),
    editsSent: 0,
    expected: 0,
    received: 0,
    drainMs: NaN,
    serverCpu: NaN,
    serverRssStartMiB: NaN,
    serverRssMaxMiB: NaN,
    serverRssEndMiB: NaN,
    generatorCpu: NaN,
    otherCpu: NaN,
    serverWait: NaN,
    generatorWait: NaN,
    quiet: { waitedMs: NaN, busyCores: NaN },
    discarded: [],
    loopDelay: { p50: NaN, p99: NaN, max: NaN },
    framesPerClient: { sync: NaN, awareness: NaN },
    dropped: 0,
    code: server.code,
  };
  try {
    const [room] = await roomsFor(server, 1);
    // Client i lives in worker i % size; the first `receivers` are stock providers, so they
    // are spread evenly over the workers too.
    const setups = await pool.all<FanoutSetupResult>(
      'fanout.setup',
      (w) => ({
        wsBase: server.wsBase,
        wsBases: servers.map((s) => s.wsBase),
        room,
        clients: Array.from({ length: n }, (_, i) => i)
          .filter((i) => i % pool.size === w)
          .map((index) => ({ index, stock: index < row.receivers })),
        applyEveryMs: options.lightApplyMs,
        echoAwareness: options.lightEcho,
        replicas: options.lightReplicas,
        timeoutMs: 60_000,
      }),
      90_000,
    );
    row.connectMs = Math.max(...setups.map((s) => s.ms));
    await sleep(500);
    row.serverRssStartMiB = procMemory(server.pid).rssMiB;
    row.quiet = await waitForQuiet(options.quietWaitSeconds * 1000);

    const t0 = nowMs() + options.warmupSeconds * 1000;
    const t1 = t0 + options.seconds * 1000;
    await pool.all('fanout.run', () => ({ t0, t1, editsPerSecond: options.editsPerSecond, cursorsPerSecond: options.cursorsPerSecond }));
    log(`    ${n} clients connected in ${(row.connectMs / 1000).toFixed(1)} s; warm-up ${options.warmupSeconds} s, measuring ${options.seconds} s`);

    const serverCpus = servers.map((s) => new CpuMeter(() => procCpuSeconds(s.pid)));
    const generatorCpu = new CpuMeter(selfCpuSeconds);
    const systemCpu = new CpuMeter(systemBusySeconds);
    const serverWait = new CpuMeter(() => servers.reduce((sum, s) => sum + procRunQueueWaitSeconds(s.pid), 0));
    const generatorWait = new CpuMeter(() => procRunQueueWaitSeconds(process.pid));
    const rss = new RssSampler(server.pid);
    if (profile) inspector = await InspectorSession.connect(server.inspectorUrl ?? 'ws://127.0.0.1:1/none');
    await sleep(Math.max(0, t0 - nowMs()));
    const profiling = inspector?.startProfiler();
    for (const meter of serverCpus) meter.start();
    generatorCpu.start();
    systemCpu.start();
    serverWait.start();
    generatorWait.start();
    rss.start();
    await cluster?.onWindow?.('start');
    await sleep(Math.max(0, t1 - nowMs()));
    await cluster?.onWindow?.('end');
    let cpuProfile: Promise<CpuProfile> | undefined;
    if (inspector) cpuProfile = profiling!.then(() => inspector!.stopProfiler());
    const perServer = serverCpus.map((meter) => meter.stop());
    row.serverCpu = perServer.reduce((sum, c) => sum + c, 0);
    if (cluster) row.serverCpus = perServer;
    row.generatorCpu = generatorCpu.stop();
    row.otherCpu = Math.max(0, systemCpu.stop() - row.serverCpu - row.generatorCpu);
    row.serverWait = serverWait.stop();
    row.generatorWait = generatorWait.stop();
    const memory = rss.stop();
    row.serverRssMaxMiB = memory.maxMiB;
    row.serverRssEndMiB = memory.lastMiB;

    // Let what was sent inside the window arrive; whatever has not by the deadline counts
    // as undelivered (infinitely late) in the percentiles.
    const drainStart = nowMs();
    let statuses: FanoutStatus[] = [];
    const tally = () => {
      const sent = statuses.reduce((sum, s) => sum + s.sent, 0);
      let expected = 0;
      let received = 0;
      for (const s of statuses) {
        for (const r of s.receivers) {
          expected += sent - r.sent;
          received += Math.min(r.received, sent - r.sent);
        }
      }
      return { sent, expected, received };
    };
    await until(
      async () => {
        statuses = await pool.all<FanoutStatus>('fanout.status');
        const t = tally();
        return t.received >= t.expected;
      },
      options.drainSeconds * 1000,
      200,
    );
    row.drainMs = nowMs() - drainStart;
    const t = tally();
    row.editsSent = t.sent;
    row.expected = t.expected;
    row.received = t.received;

    const results = await pool.all<FanoutCollectResult>('fanout.collect');
    row.edit = distribution(
      results.flatMap((r) => r.edits),
      t.expected - t.received,
    );
    row.cursor = distribution(results.flatMap((r) => r.cursors));
    row.loopDelay = {
      p50: Math.max(...results.map((r) => r.loopDelay.p50)),
      p99: Math.max(...results.map((r) => r.loopDelay.p99)),
      max: Math.max(...results.map((r) => r.loopDelay.max)),
    };
    const lightClients = results.reduce((sum, r) => sum + r.lightFrames.clients, 0);
    if (lightClients > 0) {
      row.framesPerClient = {
        sync: results.reduce((sum, r) => sum + r.lightFrames.sync, 0) / lightClients / options.seconds,
        awareness: results.reduce((sum, r) => sum + r.lightFrames.awareness, 0) / lightClients / options.seconds,
      };
    }
    row.dropped = results.reduce((sum, r) => sum + r.dropped, 0);
    if (cpuProfile) row.profile = summarizeProfile(await cpuProfile, PROFILED_FUNCTIONS);
  } catch (error) {
    row.error = (error as Error).message.split('\n')[0];
    log(`    failed: ${(error as Error).message}\n${servers.map((s) => s.output().slice(-2000)).join('\n')}`);
  } finally {
    inspector?.close();
    await pool.all('fanout.close', () => ({}), 30_000).catch(() => undefined);
    if (!cluster) await server.stop();
  }
  return row;
}
