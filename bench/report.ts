import type { BenchConfig } from './config';
import type { NodeMemory } from './lib/inspector';
import type { MachineInfo } from './lib/proc';
import { SERVER_LABEL, type ServerKind } from './lib/servers';
import { cores, int, mib, ms, ratio } from './lib/stats';
import type { DurableRow } from './scenarios/durable';
import type { FanoutRow } from './scenarios/fanout';
import type { RoomsRow } from './scenarios/rooms';
import type { AppendRow, CompactRow } from './scenarios/sqlite-micro';
import type { CrossProcessResult, CrossProcessRow } from './scenarios/cross-process';

export interface Results {
  startedAt: Date;
  seconds: number;
  loadAverage: string;
  /** Commit the working tree was at, and whether server/ or shared/ had uncommitted changes. */
  git: string;
  priority: string;
  machine: MachineInfo;
  config: BenchConfig;
  env: string;
  fanout: FanoutRow[];
  /** The profiled run of our server at the largest N. */
  profile?: FanoutRow;
  rooms: RoomsRow[];
  durable: DurableRow[];
  append: AppendRow[];
  compact?: CompactRow;
  crossProcess?: CrossProcessResult;
  errors: string[];
}

/** The RSS target of scenario 2: 1.5 GB, read as GiB. */
const RSS_TARGET_MIB = 1536;
/** "Back to near baseline": at most this share of the growth still resident after everyone left. */
const NEAR_BASELINE_SHARE = 0.25;

const table = (head: string[], rows: string[][]) =>
  [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

/** A ratio as "0.25×", small ones with two significant digits ("0.0018×"). */
const times = (q: number) => (!Number.isFinite(q) ? 'n/a' : q >= 0.1 ? `${q.toFixed(2)}×` : `${q.toPrecision(2)}×`);

/** Run-queue wait as milliseconds per second. */
const waitMs = (secondsPerSecond: number) => (Number.isFinite(secondsPerSecond) ? `${(secondsPerSecond * 1000).toFixed(0)} ms/s` : 'n/a');

const verdict = (met: boolean | undefined) => (met === undefined ? '— not measured' : met ? '**met**' : '**missed**');

function fanoutRow(rows: FanoutRow[], n: number, kind: ServerKind): FanoutRow | undefined {
  return rows.find((r) => r.n === n && r.server === kind && !r.error);
}

/**
 * ours/stock p99 as text. An undelivered p99 is at least as long as the drain period (the
 * delivery was still missing when it ended), which bounds the ratio from above.
 */
function p99Ratio(ours: FanoutRow, stock: FanoutRow): { text: string; value: number } {
  if (ours.edit.p99 === Infinity) return { text: stock.edit.p99 === Infinity ? 'n/a (both undelivered)' : '∞', value: Infinity };
  if (stock.edit.p99 === Infinity) {
    const bound = ours.edit.p99 / stock.drainMs;
    return { text: `< ${times(bound)} (stock p99 > ${ms(stock.drainMs)})`, value: bound };
  }
  const q = ratio(ours.edit.p99, stock.edit.p99);
  return { text: times(q), value: q };
}

/** Whether memory came back near the baseline: at most NEAR_BASELINE_SHARE of the growth left. */
function nearBaseline(baseline: number, busy: number, after: number): { met: boolean; text: string } {
  const growth = busy - baseline;
  const residual = after - baseline;
  if (!Number.isFinite(residual)) return { met: false, text: 'not measured' };
  if (residual <= 0) return { met: true, text: `at or below the baseline (${mib(-residual)} under it)` };
  if (growth <= 0) return { met: false, text: `${mib(residual)} above the baseline although the busy reading was not` };
  const share = residual / growth;
  return { met: share <= NEAR_BASELINE_SHARE, text: `${Math.round(share * 100)} % of the growth (${mib(residual)} of ${mib(growth)}) still resident; criterion ≤ ${NEAR_BASELINE_SHARE * 100} %` };
}

interface Target {
  name: string;
  measured: string;
  met: boolean | undefined;
  note: string;
}

function targets(r: Results): Target[] {
  const list: Target[] = [];
  const ours100 = fanoutRow(r.fanout, 100, 'warsztat');
  const stock100 = fanoutRow(r.fanout, 100, 'stock');
  if (ours100 && stock100) {
    const q = p99Ratio(ours100, stock100);
    const met = q.value <= 0.5;
    const stockText = stock100.edit.p99 === Infinity ? `stock: ${int(stock100.expected - stock100.received)} of ${int(stock100.expected)} deliveries still missing ${ms(stock100.drainMs)} after the load stopped` : `stock ${ms(stock100.edit.p99)}`;
    list.push({
      name: 'N=100: our p99 ≤ 0.5 × stock p99',
      measured: `ours ${ms(ours100.edit.p99)}; ${stockText}; ratio ${q.text}`,
      met,
      note: met ? '' : Number.isFinite(stock100.edit.p99) ? `needs ≤ ${ms(0.5 * stock100.edit.p99)}; over by ${ms(ours100.edit.p99 - 0.5 * stock100.edit.p99)}` : 'ours did not deliver within the drain period either',
    });
  } else {
    list.push({ name: 'N=100: our p99 ≤ 0.5 × stock p99', measured: 'not run', met: undefined, note: '' });
  }
  const ours200 = fanoutRow(r.fanout, 200, 'warsztat');
  if (ours200) {
    const met = ours200.edit.p99 <= 100;
    const missing = ours200.expected - ours200.received;
    const why = `server CPU ${cores(ours200.serverCpu)} of a core plus ${waitMs(ours200.serverWait)} waiting for one, generator ${cores(ours200.generatorCpu)} on the same ${r.machine.cpus} cores`;
    list.push({
      name: 'N=200: our p99 ≤ 100 ms',
      measured:
        ours200.edit.p99 === Infinity
          ? `p99 > ${ms(ours200.drainMs)}: ${int(missing)} of ${int(ours200.expected)} deliveries still missing ${ms(ours200.drainMs)} after the load stopped (p50 ${ms(ours200.edit.p50)})`
          : ms(ours200.edit.p99),
      met,
      note: met
        ? ''
        : ours200.edit.p99 === Infinity
          ? `more than ${Math.floor(ours200.drainMs / 100)}× the target: the server fell behind (${why})`
          : `over by ${ms(ours200.edit.p99 - 100)} (${(ours200.edit.p99 / 100).toFixed(1)}× the target; ${why})`,
    });
  } else {
    list.push({ name: 'N=200: our p99 ≤ 100 ms', measured: 'not run', met: undefined, note: '' });
  }
  const rooms = r.rooms.find((x) => x.server === 'warsztat' && !x.error);
  if (rooms) {
    const met = rooms.peakMiB <= RSS_TARGET_MIB && rooms.connected === rooms.clients;
    list.push({
      name: `${int(rooms.rooms)} rooms × ${rooms.clients / rooms.rooms} clients: RSS ≤ 1.5 GB`,
      measured: `${mib(rooms.rssEditedMiB)} with everyone connected, peak ${mib(rooms.peakMiB)}`,
      met,
      note: rooms.connected === rooms.clients ? `${(rooms.peakMiB / RSS_TARGET_MIB).toFixed(2)}× the limit at peak` : `only ${rooms.connected} of ${rooms.clients} clients connected`,
    });
    const last = rooms.rssAfterLeave.at(-1);
    const after = last?.rssMiB ?? NaN;
    const plain = nearBaseline(rooms.rssBoardsMiB, rooms.rssEditedMiB, after);
    list.push({
      name: '… back to near baseline after all leave (RSS as is, server idle)',
      measured: `${mib(after)} ${((last?.afterMs ?? 0) / 1000).toFixed(0)} s after everyone left; baseline ${mib(rooms.rssBoardsMiB)}, busy ${mib(rooms.rssEditedMiB)}`,
      met: rooms.unloaded && plain.met,
      note: `${plain.text}${rooms.unloaded ? '; every board was unloaded and compacted' : '; boards NOT all unloaded'}`,
    });
    const b = rooms.gcBoards;
    const e = rooms.gcEdited;
    const a = rooms.gcAfterLeave;
    if (b && e && a) {
      const rss = nearBaseline(b.rss, e.rss, a.rss);
      const heap = nearBaseline(b.heapUsed, e.heapUsed, a.heapUsed);
      list.push({
        name: '… back to near baseline after all leave (after a forced full GC)',
        measured: `RSS ${mib(a.rss)} (baseline ${mib(b.rss)}, busy ${mib(e.rss)}); V8 heap used ${mib(a.heapUsed)} (baseline ${mib(b.heapUsed)}, busy ${mib(e.heapUsed)})`,
        met: rooms.unloaded && rss.met,
        note: `RSS: ${rss.text}; heap: ${heap.text}`,
      });
    }
  }
  const durable = r.durable.find((x) => x.server === 'warsztat' && x.synchronous === 'NORMAL' && !x.error);
  if (durable) {
    const met = durable.editsPerSecond >= 5000;
    list.push({
      name: '≥ 5,000 durable edits/s (end to end, SQLITE_SYNCHRONOUS=NORMAL, the default)',
      measured: `${int(durable.editsPerSecond)} edits/s`,
      met,
      note: met ? '' : `short by ${int(5000 - durable.editsPerSecond)} edits/s`,
    });
  }
  const cross = crossProcessTarget(r);
  if (cross) list.push(cross);
  return list;
}

/** Scenario 4: two-process p99 at most CROSS_MARGIN_MS above the one-process p99 of the same run. */
const CROSS_MARGIN_MS = 5;

function crossProcessTarget(r: Results): Target | undefined {
  const x = r.crossProcess;
  if (!x) return undefined;
  const name = `N=${x.n}: cross-process p99 ≤ single-process p99 + ${CROSS_MARGIN_MS} ms`;
  const one = x.rows.find((row) => row.processes === 1 && !row.error)?.fanout;
  const two = x.rows.find((row) => row.processes === 2 && !row.error)?.fanout;
  if (!one || !two) return { name, measured: 'not measured (see problems)', met: undefined, note: '' };
  const diff = two.edit.p99 - one.edit.p99;
  const met = diff <= CROSS_MARGIN_MS;
  return {
    name,
    measured: `1 process ${ms(one.edit.p99)}; 2 processes ${ms(two.edit.p99)}; difference ${Number.isFinite(diff) ? `${diff >= 0 ? '+' : '−'}${ms(Math.abs(diff))}` : 'n/a'}`,
    met,
    note: met ? `${ms(CROSS_MARGIN_MS - diff)} of margin left` : `over by ${ms(diff - CROSS_MARGIN_MS)}`,
  };
}

/** Section 4; `separate` says it was run alone (BENCH_ONLY) and spliced into an existing report. */
export function crossProcessSection(r: Results, separate?: { command: string }): string {
  const x = r.crossProcess;
  if (!x) return '';
  const f = r.config.fanout;
  const c = r.config.crossProcess;
  const label = (processes: number) => (processes === 1 ? '1 process' : `${processes} processes (clients split ${processes === 2 ? 'half/half' : 'evenly'})`);
  const cell = (fn: (row: FanoutRow) => string) => (row: CrossProcessRow) => (row.error || !row.fanout ? `failed: ${row.error ?? 'no result'}` : fn(row.fanout));
  const cols: [string, (row: CrossProcessRow) => string][] = [
    ['edit p50', cell((y) => ms(y.edit.p50))],
    ['edit p99', cell((y) => ms(y.edit.p99))],
    ['edit max', cell((y) => ms(y.edit.max))],
    ['undelivered', cell((y) => `${int(y.expected - y.received)} of ${int(y.expected)}`)],
    ['cursor p99', cell((y) => ms(y.cursor.p99))],
    ['server CPU per process', cell((y) => (y.serverCpus ?? [y.serverCpu]).map(cores).join(' + '))],
    ['waiting for a CPU (servers / generator)', cell((y) => `${waitMs(y.serverWait)} / ${waitMs(y.generatorWait)}`)],
    ['generator CPU', cell((y) => cores(y.generatorCpu))],
    ['other processes CPU', cell((y) => cores(y.otherCpu))],
    ['updates stored per room per second (per process)', (row) => (row.stored.length ? `${row.stored.reduce((sum, s) => sum + s.updatesPerSecond, 0).toFixed(1)} (${row.stored.map((s) => s.updatesPerSecond.toFixed(1)).join(' + ')})` : 'n/a')],
    ['storage write batches per second (per process)', (row) => (row.stored.length ? `${row.stored.reduce((sum, s) => sum + s.batchesPerSecond, 0).toFixed(1)} (${row.stored.map((s) => s.batchesPerSecond.toFixed(1)).join(' + ')})` : 'n/a')],
  ];
  const target = crossProcessTarget(r);
  const two = x.rows.find((row) => row.processes === 2)?.fanout;
  return [
    `## 4. One room across processes (PostgreSQL + Redis), N=${x.n}`,
    '',
    ...(separate
      ? [`Run separately from the rest of this report, on ${r.startedAt.toISOString()} (${Math.round(r.seconds)} s), with \`${separate.command}\`; the sections above come from the full run described at the top.`, '']
      : []),
    `The load of scenario 1 (${f.editsPerSecond} edits/s + ${f.cursorsPerSecond} cursor updates/s per client, ${f.warmupSeconds} s warm-up, ${f.seconds} s measured, up to ${f.drainSeconds} s drain) in one room of N=${x.n} clients, run twice in the same harness run: on **one** Warsztat process, then on **two** processes sharing one PostgreSQL schema and Redis. Each run starts its processes fresh with \`DATABASE_URL=${c.databaseUrl.replace(/\/\/[^@/]*@/, '//…@')} DATABASE_SCHEMA=<fresh schema> REDIS_URL=${c.redisUrl}\` (in addition to scenario 1's settings) and drops the schema afterwards (\`DROP SCHEMA … CASCADE\`). The board is created (POST /api/boards) on the first process; with two processes client i connects to process i mod 2, so the ${two?.receivers ?? Math.min(x.n, f.receivers)} measuring receivers sit on both processes and about half of the edits each receives crossed the Redis relay. Storage writes are the delta of each process's \`/metrics\` counters \`warsztat_updates_stored_total\` (updates) and \`warsztat_storage_write_seconds_count\` (write batches) over the window, divided by its length; there is one room, so these are per room. Server CPU and run-queue waits are per process / summed over the processes.`,
    '',
    table(['setup', ...cols.map(([head]) => head)], x.rows.map((row) => [label(row.processes), ...cols.map(([, fn]) => fn(row))])),
    '',
    ...(target ? [table(['target', 'measured', 'result', 'by how much'], [[target.name, target.measured, verdict(target.met), target.note || '—']]), ''] : []),
    ...(x.rows.some((row) => row.fanout && row.fanout.serverWait + row.fanout.generatorWait > 0.05)
      ? [`**Caution:** servers and generator waited for a CPU for a large part of the window (column "waiting for a CPU"; ${r.machine.cpus} cores shared by ${x.rows.length > 1 ? 'up to two servers' : 'the server'}, the generator and other work), so these p99 figures measure CPU contention more than the relay, and the verdict above is not conclusive; compare p50 and the waits.`, '']
      : []),
  ].join('\n');
}

function fanoutSection(r: Results): string {
  const f = r.config.fanout;
  const ns = [...new Set(r.fanout.map((x) => x.n))].sort((a, b) => a - b);
  const get = (n: number, kind: ServerKind) => r.fanout.find((x) => x.n === n && x.server === kind);
  const cell = (row: FanoutRow | undefined, fn: (row: FanoutRow) => string) => (!row ? 'not run' : row.error ? `failed: ${row.error}` : fn(row));
  const pair = (n: number, fn: (row: FanoutRow) => string) => [cell(get(n, 'warsztat'), fn), cell(get(n, 'stock'), fn)];

  const latency = table(
    ['N', 'edit p50 ours', 'edit p50 stock', 'edit p99 ours', 'edit p99 stock', 'p99 ours/stock', 'edit max ours', 'edit max stock', 'undelivered ours', 'undelivered stock'],
    ns.map((n) => {
      const ours = get(n, 'warsztat');
      const stock = get(n, 'stock');
      const q = ours && stock && !ours.error && !stock.error ? p99Ratio(ours, stock).text : 'n/a';
      return [
        String(n),
        ...pair(n, (x) => ms(x.edit.p50)),
        ...pair(n, (x) => ms(x.edit.p99)),
        q,
        ...pair(n, (x) => ms(x.edit.max)),
        ...pair(n, (x) => `${int(x.expected - x.received)} of ${int(x.expected)}`),
      ];
    }),
  );
  const cursors = table(
    ['N', 'cursor p50 ours', 'cursor p50 stock', 'cursor p99 ours', 'cursor p99 stock', 'presence frames/s per client ours', 'presence frames/s per client stock', 'update frames/s per client ours', 'update frames/s per client stock'],
    ns.map((n) => [
      String(n),
      ...pair(n, (x) => ms(x.cursor.p50)),
      ...pair(n, (x) => ms(x.cursor.p99)),
      ...pair(n, (x) => int(x.framesPerClient.awareness)),
      ...pair(n, (x) => int(x.framesPerClient.sync)),
    ]),
  );
  const resources = table(
    ['N', 'server CPU ours', 'server CPU stock', 'server RSS ours (before the load → max in the window)', 'server RSS stock (before the load → max in the window)', 'generator CPU ours', 'generator CPU stock', 'other processes CPU ours', 'other processes CPU stock', 'waiting for a CPU ours (server / generator)', 'waiting for a CPU stock (server / generator)', 'generator loop delay p99 ours', 'generator loop delay p99 stock', 'sockets dropped ours', 'sockets dropped stock'],
    ns.map((n) => [
      String(n),
      ...pair(n, (x) => cores(x.serverCpu)),
      ...pair(n, (x) => `${mib(x.serverRssStartMiB)} → ${mib(x.serverRssMaxMiB)}`),
      ...pair(n, (x) => cores(x.generatorCpu)),
      ...pair(n, (x) => cores(x.otherCpu)),
      ...pair(n, (x) => `${waitMs(x.serverWait)} / ${waitMs(x.generatorWait)}`),
      ...pair(n, (x) => ms(x.loopDelay.p99)),
      ...pair(n, (x) => String(x.dropped)),
    ]),
  );

  const notes: string[] = [];
  for (const n of ns) {
    for (const kind of ['warsztat', 'stock'] as ServerKind[]) {
      const row = get(n, kind);
      if (!row || row.error) continue;
      const total = row.serverCpu + row.generatorCpu;
      const who = kind === 'warsztat' ? 'ours' : 'stock';
      if (row.discarded.length > 0) notes.push(`N=${n}, ${who}: measured twice; the first attempt was discarded because other processes used ${row.discarded.map(cores).join(', ')} of a core during it.`);
      if (row.otherCpu >= 0.15) notes.push(`N=${n}, ${who}: other processes on this shared machine used ${cores(row.otherCpu)} of a core during the window${Number.isFinite(row.quiet.busyCores) && row.quiet.busyCores >= 0.25 ? ` (it was still ${cores(row.quiet.busyCores)} busy after waiting ${(row.quiet.waitedMs / 1000).toFixed(0)} s for quiet)` : ''}, while the server's threads waited ${waitMs(row.serverWait)} and the generator's ${waitMs(row.generatorWait)} for a CPU.`);
      if (row.serverCpu >= 0.9) notes.push(`N=${n}, ${who}: the server used ${cores(row.serverCpu)} of a core — a Node process runs its JavaScript on one core, so it was saturated and queued work (latency grows with the backlog).`);
      if (total >= 1.7) notes.push(`N=${n}, ${who}: server + generator used ${cores(total)} of the ${r.machine.cpus} cores (${cores(row.serverCpu)} + ${cores(row.generatorCpu)}); the two compete for CPU, so part of the latency is the machine, not the server alone.`);
      if (row.loopDelay.p99 >= 20) notes.push(`N=${n}, ${who}: the generator's own event loop was delayed by up to ${ms(row.loopDelay.p99)} (p99), which is added to the measured latency.`);
      if (row.expected > row.received) notes.push(`N=${n}, ${who}: ${int(row.expected - row.received)} of ${int(row.expected)} deliveries had not arrived ${(r.config.fanout.drainSeconds).toFixed(0)} s after the load stopped; they count as infinitely late.`);
      if (row.dropped > 0) notes.push(`N=${n}, ${who}: ${row.dropped} client sockets were closed during the run.`);
    }
  }

  const prof = r.profile?.profile;
  const profileParts: string[] = [];
  if (r.profile && prof) {
    const busy = prof.totalMs - prof.idleMs;
    const pct = (x: number) => `${((100 * x) / busy).toFixed(0)} %`;
    profileParts.push(
      `**Where our server's CPU goes at N=${r.profile.n}** — a separate run of the same load with the server started with \`--inspect=127.0.0.1:0\` and V8's sampling profiler running (DevTools \`Profiler.start/stop\`) during the ${Math.min(f.seconds, 10)} s window only; the profiler slows the server, so this run's latencies are not used above. Main thread busy ${(busy / 1000).toFixed(1)} s of ${(prof.totalMs / 1000).toFixed(1)} s sampled; during this run server CPU was ${cores(r.profile.serverCpu)} and edit p99 ${ms(r.profile.edit.p99)}.`,
      '',
      table(
        ['function (inclusive: itself and what it calls)', 'CPU', 'share of busy time'],
        prof.inclusive.filter((x) => x.ms > 0).map((x) => [`\`${x.name}\``, `${(x.ms / 1000).toFixed(2)} s`, pct(x.ms)]),
      ),
      '',
      ...(prof.inclusive.some((x) => x.ms === 0)
        ? [`Not seen in this profile (renamed, or no time spent): ${prof.inclusive.filter((x) => x.ms === 0).map((x) => `\`${x.name}\``).join(', ')}. \`writev\` is the system call that writes a socket's pending frames; \`send@sync/connection.ts\` is everything done per connection per outgoing message.`, '']
        : []),
      table(
        ['top functions by self time', 'CPU', 'share of busy time'],
        prof.top.map((x) => [`\`${x.name}\``, `${(x.selfMs / 1000).toFixed(2)} s`, pct(x.selfMs)]),
      ),
      '',
    );
  }

  return [
    `## 1. One room, N clients (${f.editsPerSecond} edits/s + ${f.cursorsPerSecond} cursor updates/s each)`,
    '',
    `Each N: a fresh server, all clients connected and synced, ${f.warmupSeconds} s of warm-up under full load, then ${f.seconds} s measured; load stops, and up to ${f.drainSeconds} s more are allowed for the last deliveries.`,
    '',
    '**Edit propagation** (send → applied in another client\'s Y.Doc, measured by the stock-provider receivers, every edit × every receiver):',
    '',
    latency,
    '',
    '**Cursor (awareness) propagation** and what each light client received per second:',
    '',
    cursors,
    '',
    '**Resources** (server CPU: its /proc/<pid>/stat CPU time over the window ÷ wall time; 100 % = one core; generator = this harness process, all threads):',
    '',
    resources,
    '',
    ...(notes.length > 0 ? ['Observations computed from the figures above:', '', ...notes.map((n) => `- ${n}`), ''] : []),
    ...profileParts,
  ].join('\n');
}

function roomsSection(r: Results): string {
  if (r.rooms.length === 0) return '';
  const o = r.config.rooms;
  const ours = r.rooms.find((x) => x.server === 'warsztat');
  const stock = r.rooms.find((x) => x.server === 'stock');
  const cols = [ours, stock].filter((x): x is RoomsRow => x !== undefined);
  const cell = (row: RoomsRow, fn: (row: RoomsRow) => string) => (row.error && Number.isNaN(row.rssEditedMiB) ? `failed: ${row.error}` : fn(row));
  const line = (label: string, fn: (row: RoomsRow) => string) => [label, ...cols.map((c) => cell(c, fn))];
  const afterLabels = (ours ?? stock)?.rssAfterLeave.map((a) => a.afterMs) ?? [];
  const perClient = (growthMiB: number, x: RoomsRow) => `${((growthMiB * 1024) / Math.max(1, x.connected)).toFixed(1)} KiB`;
  const gc = (m: NodeMemory | undefined) => (m ? `${mib(m.rss)} / ${mib(m.heapUsed)}` : 'n/a');
  return [
    `## 2. ${int(o.rooms)} rooms × ${o.perRoom} clients in one server process`,
    '',
    `Boards are created through the REST API (ours); then every client connects and syncs, each adds a sticky note and moves it (${o.edits} edits per client, through shared/ops like the app), and shows a cursor; RSS is read once every replica shows every peer's final edit. Then all clients leave at once. Our server runs with ROOM_UNLOAD_DELAY_MS=0; "unloaded" means the update log is back to one compacted row per board, which the server writes when it unloads a board.`,
    '',
    table(
      ['', ...cols.map((c) => SERVER_LABEL[c.server])],
      [
        line('boards created via REST', (x) => (x.server === 'warsztat' ? `${int(x.rooms)} in ${(x.createMs / 1000).toFixed(1)} s (${int(x.rooms / (x.createMs / 1000))}/s)` : 'n/a (rooms are ad hoc)')),
        line('RSS at start', (x) => mib(x.rssStartMiB)),
        line('RSS with boards created, nobody connected (baseline)', (x) => mib(x.rssBoardsMiB)),
        line('clients connected and synced', (x) => `${int(x.connected)} of ${int(x.clients)} in ${(x.connectMs / 1000).toFixed(1)} s${x.failed ? ` (${x.failed} failed)` : ''}`),
        line('RSS all connected and synced', (x) => mib(x.rssSyncedMiB)),
        line('edits converged', (x) => `${int(x.converged)} of ${int(x.connected)} replicas in ${(x.editMs / 1000).toFixed(1)} s`),
        line('RSS all connected, after the edits', (x) => mib(x.rssEditedMiB)),
        line('per client: RSS growth ÷ clients (no GC / after forced GC)', (x) => `${perClient(x.rssEditedMiB - x.rssBoardsMiB, x)} / ${x.gcEdited && x.gcBoards ? perClient(x.gcEdited.rss - x.gcBoards.rss, x) : 'n/a'}`),
        line('per client: V8 heap growth ÷ clients (after forced GC)', (x) => (x.gcEdited && x.gcBoards ? perClient(x.gcEdited.heapUsed - x.gcBoards.heapUsed, x) : 'n/a')),
        line('peak RSS (VmHWM)', (x) => mib(x.peakMiB)),
        line('boards unloaded after everyone left', (x) => (x.server === 'warsztat' ? (x.unloaded ? `yes, in ${(x.unloadMs / 1000).toFixed(1)} s` : 'NO') : 'never (keeps every document)')),
        ...afterLabels.map((at, i) => line(`RSS ${at / 1000} s after everyone left (no intervention)`, (x) => mib(x.rssAfterLeave[i]?.rssMiB ?? NaN))),
        line('after a forced full GC: baseline — RSS / V8 heap used', (x) => gc(x.gcBoards)),
        line('after a forced full GC: everyone connected — RSS / V8 heap used', (x) => gc(x.gcEdited)),
        line('after a forced full GC: everyone left — RSS / V8 heap used', (x) => gc(x.gcAfterLeave)),
        line('server CPU time, whole scenario', (x) => `${x.cpuSeconds.toFixed(1)} s`),
      ],
    ),
    '',
    'Both servers run with `--inspect=127.0.0.1:0` in this scenario only, so that the harness can force a full garbage collection (DevTools `HeapProfiler.collectGarbage`, twice) and read `process.memoryUsage()` inside the server. An idle Node process runs no GC, so memory freed when boards unload is only returned once something triggers a collection; the forced-GC rows show what is really still in use. The forced GCs happen after the plain RSS readings at the same step. Criterion for "near baseline": at most 25 % of the growth still resident.',
    '',
  ].join('\n');
}

function durableSection(r: Results): string {
  if (r.durable.length === 0 && r.append.length === 0) return '';
  const d = r.config.durable;
  const label = (x: DurableRow) => (x.server === 'warsztat' ? `Warsztat, SQLITE_SYNCHRONOUS=${x.synchronous}` : `${SERVER_LABEL.stock} (in memory, NOT durable; reference only)`);
  const cell = (row: DurableRow, fn: (row: DurableRow) => string) => (row.error ? `failed: ${row.error}` : fn(row));
  const line = (name: string, fn: (row: DurableRow) => string) => [name, ...r.durable.map((x) => cell(x, fn))];
  const parts = [
    '## 3. Durable edits per second',
    '',
    `End to end: ${d.rooms} rooms × ${d.perRoom} light clients (${d.rooms * d.perRoom} writers). Each writer keeps ${d.inflight} edits in flight (one Y.Map field set per edit, one update frame each) and sends the next as soon as one is acknowledged. The server sends nothing back to the writer, but it relays an update to peers only after the SQLite transaction holding it has committed, so the first peer that receives edit s of a writer proves edits 1..s durable. Counted: edits first relayed inside a ${d.seconds} s window after ${d.warmupSeconds} s of warm-up.`,
    '',
    table(
      ['', ...r.durable.map(label)],
      [
        line('edits/s relayed (durable on ours)', (x) => int(x.editsPerSecond)),
        line('send → first peer p50', (x) => ms(x.latency.p50)),
        line('send → first peer p99', (x) => ms(x.latency.p99)),
        line('rows inserted into the update log (whole run) / edits sent', (x) => (x.rowsInserted === undefined ? 'n/a' : `${int(x.rowsInserted)} / ${int(x.sent)}`)),
        line('server CPU', (x) => cores(x.serverCpu)),
        line('server RSS at the end', (x) => mib(x.serverRssMiB)),
        line('generator CPU', (x) => cores(x.generatorCpu)),
        line('waiting for a CPU (server / generator)', (x) => `${waitMs(x.serverWait)} / ${waitMs(x.generatorWait)}`),
        line('other processes CPU (shared machine)', (x) => cores(x.otherCpu) + (x.discarded.length ? ` (an earlier attempt with ${x.discarded.map(cores).join(', ')} was discarded)` : '')),
        line('generator loop delay p99', (x) => ms(x.loopDelayP99)),
      ],
    ),
    '',
  ];
  if (r.append.length > 0) {
    parts.push(
      '**Micro-benchmark: `SqliteStore.append` (server/storage/sqlite.ts) called directly**, in the harness process, no server. One call = one transaction, as the persist queue writes once per event-loop turn; a batch is spread over up to 5 boards; each update is a real ~40-byte Y.Map update. ' +
        `Each row ran for ${d.microSeconds} s.`,
      '',
      table(
        ['synchronous', 'updates per call', 'updates/s', 'commits/s', 'call p50', 'call p99'],
        r.append.map((a) => [a.synchronous, String(a.batch), int(a.updatesPerSecond), int(a.commitsPerSecond), ms(a.call.p50), ms(a.call.p99)]),
      ),
      '',
    );
  }
  if (r.compact) {
    parts.push(
      `Compaction (what the server does synchronously, on its event loop, every COMPACT_AFTER_UPDATES = 1000 updates of a board and on unload): ${r.compact.updates} updates (${int(r.compact.bytesBefore)} bytes) merged to ${int(r.compact.bytesAfter)} bytes in ${ms(r.compact.ms)}.`,
      '',
    );
  }
  return parts.join('\n');
}

function methodSection(r: Results): string {
  const f = r.config.fanout;
  return [
    '## How it was measured',
    '',
    '- **Servers.** Both run as child processes of the harness, on 127.0.0.1, started fresh for every row:',
    '  - *ours*: `node --import tsx server/main.ts` with `PORT=0 HOST=127.0.0.1 DATA_DIR=<temp dir> LOG_LEVEL=warn BOARD_CREATE_LIMIT=1000000` (the harness makes hundreds of boards from one address) — token auth and durable SQLite storage on, everything else at its defaults (scenario 2 adds `ROOM_UNLOAD_DELAY_MS=0`, scenario 3 sets `SQLITE_SYNCHRONOUS`);',
    '  - *stock*: `node node_modules/@y/websocket-server/src/server.js` (its `bin`) with `HOST=127.0.0.1 PORT=<free port>` and no `YPERSISTENCE`, i.e. in memory. It ignores the token.',
    '  - Ours is TypeScript compiled at start-up by tsx (as `npm start` runs it), which accounts for part of its higher baseline RSS; the stock server is plain JavaScript. Ours also carries express, the REST API, socket.io and SQLite.',
    `- **Load generator.** ${r.config.workers} worker threads in the harness process; client i belongs to worker i mod ${r.config.workers} (scenario 3: a whole room per worker). The machine has ${r.machine.cpus} cores, so generator and server share them; both CPU figures are reported.`,
    `- **Clients.** In scenario 1 the first ${f.receivers} clients (fewer if N is smaller) are **stock \`WebsocketProvider\`s from \`y-websocket\`** (with \`ws\` as WebSocket, BroadcastChannel off) — only they measure latency. All other clients are **light clients** (bench/lib/light-client.ts): a raw \`ws\` socket speaking the y-websocket protocol with y-protocols' sync encoding — the sync step 1/2 handshake into the client's own Y.Doc (so it starts with the whole board), its own edits made on that Y.Doc and sent as update frames — and presence hand-encoded exactly as y-protocols' \`encodeAwarenessUpdate\`. They do not decode other people's presence (awareness frames are counted and dropped), do not reconnect and run no resync timer. ${f.lightReplicas ? `In scenario 1 (BENCH_LIGHT_REPLICAS=1) they apply incoming updates in one Y.Doc transaction every ${f.lightApplyMs} ms instead of one per frame, staying full replicas.` : 'In scenario 1 (BENCH_LIGHT_REPLICAS=0, the default) they are pure protocol speakers after the initial sync: incoming update frames are counted, not applied. The server cannot tell the difference; applying them would mean about 80,000 update integrations per second at N=200 (199 senders × 2 edits/s × 200 replicas), more than a core of this 2-core machine, taken from the server and delaying the measuring receivers. `BENCH_LIGHT_REPLICAS=1` turns them into full replicas (batched, one transaction every `BENCH_LIGHT_APPLY_MS` ms).'} Scenarios 2 and 3 use light clients only, applying each update at once.`,
    f.lightEcho
      ? '- **Presence echo: on** (BENCH_LIGHT_ECHO=1). Light clients send every awareness frame they receive straight back, as stock providers do (below).'
      : "- **Presence echo: off.** A stock `WebsocketProvider` (y-websocket 3.1.0) re-broadcasts every awareness change it receives, remote ones included (its awareness `update` handler does not look at the origin), so each real client sends the server back every cursor it gets; the server must parse those states to find they are not new. The stock receivers here do that; the light clients do not, so with N real browser clients the server would get far more presence traffic than in this benchmark (about N × what it sends). `BENCH_LIGHT_ECHO=1` makes light clients echo too.",
    `- **Edits.** Every edit is \`doc.getMap('bench').set('c<i>', { t, s, x, y })\`: one Yjs transaction, one update frame. \`t\` is the send time on the machine's monotonic clock (\`process.hrtime\`, shared by all threads), so a receiver computes latency as its own clock minus \`t\` when the Y.Map observer fires — that is, after the update was decoded and applied. Cursors: \`awareness.setLocalStateField('cursor', { x, y, t })\` on stock clients, the equivalent frame on light ones; cursor latency is taken from the receivers' awareness \`change\` events.`,
    `- **Rates.** Each client edits ${f.editsPerSecond}×/s and moves its cursor ${f.cursorsPerSecond}×/s, on timers with random phases.`,
    '- **Latency accounting.** Only edits sent inside the measured window count. Every (edit, receiver) pair that has not arrived by the end of the drain period counts as undelivered and is sorted as infinitely late, so an overloaded server cannot look fast by dropping or delaying work past the end of the run.',
    `- **Shared machine.** Other work may run on this machine (here: other sessions' test runs). Before each measured window the harness waits up to ${r.config.fanout.quietWaitSeconds} s for the machine to be quiet (under 25 % of a core busy over one second), and it reports the CPU used by every other process during the window (from /proc/stat, minus server and generator), so a disturbed row can be recognised. A row of scenario 1 or 3 during which other processes used more than ${cores(r.config.retryAboveOtherCpu)} of a core while our threads had to wait for a CPU is run once more (while the run is under ${r.config.retryBudgetSeconds} s) and the quieter attempt is kept; the report says when.`,
    '- **Waiting for a CPU.** For the server and for the generator, the time their threads were runnable but not running (second field of `/proc/<pid>/task/*/schedstat`), per second of the window. Near 0 means they got a CPU whenever they needed one; a high figure means the CPU, not the code, set the pace.',
    '- **CPU and memory.** Server CPU = (utime + stime) delta from `/proc/<pid>/stat` ÷ wall time of the window; RSS from `/proc/<pid>/status` (VmRSS, sampled every 250 ms; VmHWM for peaks). Generator CPU = `process.cpuUsage()` of the harness (all threads) over the same window; generator event-loop delay from `perf_hooks.monitorEventLoopDelay` in each worker.',
    '',
  ].join('\n');
}

/** Which server code each of our rows ran; more than one means the tree changed mid-run. */
function codeConsistency(r: Results): { line: string; problem?: string } {
  const rows: [string, string][] = [
    ...r.fanout.filter((x) => x.server === 'warsztat').map((x): [string, string] => [`scenario 1 N=${x.n}`, x.code]),
    ...(r.profile ? [[`profiled N=${r.profile.n}`, r.profile.code] as [string, string]] : []),
    ...r.rooms.filter((x) => x.server === 'warsztat').map((x): [string, string] => ['scenario 2', x.code]),
    ...r.durable.filter((x) => x.server === 'warsztat').map((x): [string, string] => [`scenario 3 ${x.synchronous}`, x.code]),
  ];
  const codes = [...new Set(rows.map(([, code]) => code))];
  if (codes.length <= 1) return { line: codes[0] ? `the same server/ + shared/ fingerprint (${codes[0]}) in every row` : 'n/a' };
  const detail = codes.map((code) => `${code}: ${rows.filter(([, c]) => c === code).map(([name]) => name).join(', ')}`).join('; ');
  return { line: `**changed during the run** — ${detail}`, problem: `the server code changed while the benchmark ran (${detail}); rows are not all comparable` };
}

export function renderReport(r: Results): string {
  const m = r.machine;
  const code = codeConsistency(r);
  const errors = code.problem ? [...r.errors, code.problem] : r.errors;
  const command = r.env ? `${r.env} npm run bench` : 'npm run bench';
  const t = targets(r);
  return [
    '# Benchmarks',
    '',
    `Generated by \`bench/run.ts\` on ${r.startedAt.toISOString()}; the run took ${Math.round(r.seconds)} s. Re-run with \`npm run bench\`; every figure below comes from that run.`,
    '',
    '| | |',
    '| --- | --- |',
    `| command | \`${command}\` |`,
    `| CPUs (\`nproc\`) | ${m.cpus} |`,
    `| CPU model | ${m.cpuModel} |`,
    `| memory | ${m.memoryGiB.toFixed(1)} GiB |`,
    `| node | ${m.node} |`,
    `| OS | ${m.os} |`,
    `| load average at start | ${r.loadAverage} |`,
    `| code at start | ${r.git} |`,
    `| server code per row | ${code.line} |`,
    `| scheduling priority | ${r.priority} |`,
    '',
    'Settings can be overridden for a quick run, e.g. `BENCH_N=10,50 BENCH_SECONDS=5 BENCH_ROOMS=100 npm run bench` (all variables: bench/config.ts).',
    '',
    '## Targets',
    '',
    table(
      ['target', 'measured', 'result', 'by how much'],
      t.map((x) => [x.name, x.measured, verdict(x.met), x.note || '—']),
    ),
    '',
    ...(errors.length > 0 ? ['**Problems during this run:**', '', ...errors.map((e) => `- ${e.split('\n')[0]}`), ''] : []),
    methodSection(r),
    r.fanout.length > 0 ? fanoutSection(r) : '',
    roomsSection(r),
    durableSection(r),
    crossProcessSection(r),
  ].join('\n');
}

/** Results as JSON; infinities (undelivered latencies) survive as strings. */
export function serializeResults(results: Results): string {
  return JSON.stringify(results, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? String(value) : value), 2);
}

export function deserializeResults(text: string): Results {
  const revived = JSON.parse(text, (_key, value: unknown) => {
    if (value === 'Infinity') return Infinity;
    if (value === '-Infinity') return -Infinity;
    if (value === 'NaN') return NaN;
    return value;
  }) as Results & { startedAt: string | Date };
  revived.startedAt = new Date(revived.startedAt);
  return revived;
}
