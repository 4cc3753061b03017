import fs from 'node:fs';
import type { MachineInfo } from '../lib/proc';
import { cores, int, mib } from '../lib/stats';
import type { SoakResult } from './soak';
import { spliceSectionByHeading } from '../lib/splice';

/** The soak's section of docs/benchmarks.md, found by its title whatever its number. */
const HEADING = /^## \d+\. Soak\b/m;
const RUNS_START = '<!-- soak runs: one row per run, kept when the section is rewritten -->';
const RUNS_END = '<!-- /soak runs -->';

export const SOAK_RATIO_LIMIT = 1.1;

const met = (ok: boolean) => (ok ? '**met**' : '**missed**');
const pct = (value: number) => (Number.isFinite(value) ? `${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)} %` : 'n/a');

export function soakPassed(r: SoakResult): boolean {
  return !r.error && r.ratio <= SOAK_RATIO_LIMIT && r.roomsEnd === 0 && r.connectionsEnd === 0 && r.log.errors === 0 && Object.keys(r.clients.errors).length === 0;
}

function loadDuring(r: SoakResult): string {
  const loads = r.samples.map((s) => s.load1).filter(Number.isFinite);
  if (loads.length === 0) return 'n/a';
  const mean = loads.reduce((a, b) => a + b, 0) / loads.length;
  return `mean ${mean.toFixed(1)}, max ${Math.max(...loads).toFixed(1)} (1-minute load average, sampled with RSS)`;
}

/** One line of the history table. */
function runRow(r: SoakResult, git: string): string {
  const errors = Object.values(r.clients.errors).reduce((a, b) => a + b, 0);
  return `| ${r.startedAt.toISOString().slice(0, 16).replace('T', ' ')} | ${git} | ${r.options.minutes} min | ${r.options.clients} / ${r.options.boards} | ${mib(r.rssAfterWarmupMiB)} | ${mib(r.rssEndMiB)} | ${r.ratio.toFixed(3)} | ${mib(r.peakMiB)} | ${r.roomsEnd} | ${r.log.errors} | ${int(r.clients.editsSent)} / ${int(r.clients.editsAcked)} | ${errors} | ${r.reloads} | ${cores(r.generatorCpu)} | ${loadDuring(r).replace(/ \(.*\)$/, '')} | ${soakPassed(r) ? 'pass' : 'FAIL'} |`;
}

function previousRuns(file: string): string[] {
  if (!fs.existsSync(file)) return [];
  const text = fs.readFileSync(file, 'utf8');
  const from = text.indexOf(RUNS_START);
  const to = text.indexOf(RUNS_END);
  if (from < 0 || to < from) return [];
  return text
    .slice(from + RUNS_START.length, to)
    .split('\n')
    .filter((line) => /^\| \d{4}-/.test(line));
}

/** The boards' documents after warm-up and at the end: how much of the growth is board data. */
function docsRow(r: SoakResult): string {
  const d = (m: NonNullable<SoakResult['docsEnd']>) =>
    `${mib(m.heapMiB)} of V8 heap (${int(m.structs)} Yjs structs, ${int(m.deleted)} of them deleted; ${int(m.clientIds)} client ids; ${int(m.elements)} elements; ${m.encodedMiB.toFixed(1)} MiB encoded)`;
  return `| all ${r.docsEnd!.boards} boards' documents loaded in a separate process, after warm-up → at the end | ${d(r.docsAfterWarmup!)} → ${d(r.docsEnd!)} |`;
}

export function soakSection(r: SoakResult, machine: MachineInfo, git: string, priority: string, file: string): string {
  const o = r.options;
  const clientErrors = Object.entries(r.clients.errors).map(([kind, n]) => `${kind}: ${n}`).join(', ') || 'none';
  const runs = [...previousRuns(file), runRow(r, git)];
  const everyMinute = r.samples.filter((s, i) => i === 0 || Math.floor(s.t / 60) !== Math.floor(r.samples[i - 1]!.t / 60) || i === r.samples.length - 1);
  const lines = [
    `## 9. Soak: ${int(o.clients)} clients on ${o.boards} boards for ${o.minutes} minutes`,
    '',
    `Run on ${r.startedAt.toISOString()} (commit ${git}, server code ${r.code}); ${machine.cpus} CPU (\`nproc\`), ${machine.cpuModel} (\`lscpu\` model name), ${machine.memoryGiB.toFixed(1)} GiB, node ${machine.node}; load average at start ${r.loadAverageStart}, during the run ${loadDuring(r)} — other engineers share this machine; scheduling: ${priority}. Command: \`${r.env ? `${r.env} ` : ''}BENCH_ONLY=soak npm run bench\` (bench/scenarios/soak.ts, settings: \`SOAK_*\` variables, e.g. \`SOAK_MINUTES=3\` for a short run).`,
    '',
    `One Warsztat server in its own process (\`node --import tsx server/main.ts\`, SQLite in a temp dir, \`LOG_LEVEL=${o.logLevel}\`, \`ROOM_UNLOAD_DELAY_MS=${o.unloadDelayMs}\`, everything else at its defaults), ${o.boards} boards created through \`POST /api/boards\`. Two worker threads of the harness keep a population of ${int(o.clients)} light clients (bench/lib/light-client.ts: raw \`ws\`, the y-websocket protocol, a real Y.Doc replica that applies every incoming update) for ${o.minutes} minutes; the first ${int(o.clients)} join over ${o.rampSeconds} s. Each client joins a board, syncs, shows its cursor and then, every ${o.editSeconds[0]}–${o.editSeconds[1]} s, makes one small edit through shared/ops as the app does (65 % move a note by a few pixels, 15 % type a word into a note, 20 % create a note — or delete one once the board holds ${o.notesPerBoard}), and moves its cursor about every ${o.cursorMs} ms. After ${o.sessionSeconds[0]}–${o.sessionSeconds[1]} s it leaves and a new client takes its place within a second. Leaving: it sends sync step 1 and waits for the server's step 2 — our server handles a socket's frames in order and answers step 1 only once the document is on disk, so that answer acknowledges every edit the client sent — then announces its presence as gone and closes the socket (${(o.abruptShare * 100).toFixed(0)} % cut the TCP connection instead, as a lost network). Boards are not chosen uniformly: each board draws clients only during half of a ${o.boardCycleSeconds} s cycle (a sine with a phase of its own, cut at zero), so at any time about half the boards are busy and the others empty out, unload and are loaded again later.`,
    '',
    `Every ${o.sampleSeconds} s the harness reads the server's RSS (VmRSS in /proc/<pid>/status) and its \`/metrics\` (\`warsztat_rooms_loaded\`, \`warsztat_sync_connections\`, prom-client's heap figures). Warm-up: the first ${o.warmupMinutes} minutes. "RSS after warm-up" is the median of the samples in the ${r.levelWindowSeconds} s after warm-up, "RSS at the end" the median of the last ${r.levelWindowSeconds} s of load. Then every client leaves and the harness waits (up to 120 s) until rooms and connections read 0. Nothing is forced: no GC from outside, no inspector. The server's whole output goes to a file, scanned at the end for lines at level error or fatal (\`"level":50\`/\`60\`) and anything that is not a JSON log line.`,
    '',
    '| target | measured | result |',
    '| --- | ---: | ---: |',
    `| RSS at the end ≤ +10 % of RSS after warm-up | ${mib(r.rssAfterWarmupMiB)} → ${mib(r.rssEndMiB)} (${pct(r.ratio - 1)}, ratio ${r.ratio.toFixed(3)}) | ${met(r.ratio <= SOAK_RATIO_LIMIT)} |`,
    `| loaded rooms back to 0 after everyone left | ${r.roomsEnd} rooms, ${r.connectionsEnd} connections${Number.isFinite(r.drainMs) ? `, ${(r.drainMs / 1000).toFixed(1)} s after the last client left` : ', not within 120 s'} | ${met(r.roomsEnd === 0 && r.connectionsEnd === 0)} |`,
    `| no error in the server log | ${r.log.errors} error lines, ${r.log.warnings} warnings in ${r.log.lines} lines | ${met(r.log.errors === 0)} |`,
    `| every edit acknowledged, no client error | ${int(r.clients.editsAcked)} of ${int(r.clients.editsSent)} edits acknowledged; client errors: ${clientErrors} | ${met(r.clients.editsAcked === r.clients.editsSent && Object.keys(r.clients.errors).length === 0)} |`,
    '',
    '| figure | value |',
    '| --- | ---: |',
    `| boards created via REST | ${o.boards} in ${(r.createMs / 1000).toFixed(1)} s |`,
    `| RSS with the boards created, nobody connected | ${mib(r.rssBaselineMiB)} |`,
    `| RSS after warm-up / at the end of the load | ${mib(r.rssAfterWarmupMiB)} / ${mib(r.rssEndMiB)} |`,
    `| RSS trend after warm-up (least squares) | ${Number.isFinite(r.slopeMiBPerMinute) ? `${r.slopeMiBPerMinute >= 0 ? '+' : ''}${r.slopeMiBPerMinute.toFixed(2)} MiB/min` : 'n/a'} |`,
    `| peak RSS (VmHWM) | ${mib(r.peakMiB)} |`,
    ...(r.docsAfterWarmup && r.docsEnd ? [docsRow(r)] : []),
    `| RSS when rooms read 0 / 30 s later | ${mib(r.rssAfterLeaveMiB)} / ${mib(r.rssSettledMiB)} |`,
    `| sessions (joined and synced / left as planned) | ${int(r.clients.synced)} of ${int(r.clients.joins)} / ${int(r.clients.leaves)} |`,
    `| boards visited; times a board emptied for longer than the unload delay and was joined again | ${r.boardsVisited}; ${int(r.reloads)} |`,
    `| edits sent / acknowledged / of sessions that ended without acknowledgement | ${int(r.clients.editsSent)} / ${int(r.clients.editsAcked)} / ${int(r.clients.editsUnacked)} |`,
    `| cursor updates sent | ${int(r.clients.cursorsSent)} |`,
    `| server CPU during the load | ${cores(r.serverCpu)} of a core |`,
    `| generator CPU (harness and its workers) | ${cores(r.generatorCpu)} of a core |`,
    `| other processes' CPU meanwhile | ${cores(r.otherCpu)} of a core |`,
    `| generator event-loop delay p50 / p99 / max (worst worker) | ${r.clients.loopDelay.p50.toFixed(1)} / ${r.clients.loopDelay.p99.toFixed(1)} / ${r.clients.loopDelay.max.toFixed(0)} ms |`,
    ...(r.error ? [`| harness error | ${r.error} |`] : []),
    '',
    ...(r.log.firstProblems.length > 0 ? ['First problem lines of the server log:', '', '```', ...r.log.firstProblems, '```', ''] : []),
    ...(r.clients.firstErrors.length > 0 ? ['First client errors:', '', '```', ...r.clients.firstErrors, '```', ''] : []),
    'The run minute by minute (one sample each):',
    '',
    '| minute | RSS | V8 heap used | external | rooms loaded | connections | clients synced | load average (1 min) |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...everyMinute.map((s) => `| ${(s.t / 60).toFixed(1)} | ${mib(s.rssMiB)} | ${mib(s.heapUsedMiB)} | ${mib(s.externalMiB)} | ${s.rooms} | ${s.connections} | ${s.active} | ${s.load1.toFixed(2)} |`),
    '',
    'Every soak run so far (this table is kept when the section is rewritten; RSS levels as defined above):',
    '',
    RUNS_START,
    '| started (UTC) | commit | length | clients / boards | RSS after warm-up | RSS at end | ratio | peak | rooms at end | log errors | edits sent / acked | client errors | reloads | generator CPU | load average | result |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |',
    ...runs,
    RUNS_END,
    '',
  ];
  return lines.join('\n');
}

/** Replaces the soak section of the report (or appends it), leaving the rest as it is. */
export function spliceSoakSection(file: string, section: string): void {
  spliceSectionByHeading(file, HEADING, section);
}
