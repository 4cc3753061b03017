/**
 * Scenario 6: report export on a big board (500 stakeholders, a 300-node problem tree, 400
 * SWOT notes). Runs in a child process of its own so its memory figures start from a clean
 * process; the DOCX and the PDF must each take ≤ 3 s.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import * as Y from 'yjs';
import { initBoard } from '../../shared/ops/board';
import { createElements, putIntoFrame, type NewElement } from '../../shared/ops/elements';
import { initialControlState, type ControlState } from '../../shared/protocol/state';
import { loadExporter } from '../../server/export/index';
import { clearPngCache } from '../../server/export/png';
import { realisticBoard } from '../../tests/helpers/realistic-board';
import { exportContext } from '../../server/export/source';
import { loadAverage, machineInfo, type MachineInfo } from '../lib/proc';
import { spliceSectionByHeading } from '../lib/splice';

const TARGET_MS = 3000;
const TARGET_CPU_MS = 1500;
const RUNS = 3;
const MiB = 1024 * 1024;

export interface ReportBenchRow {
  /** Which board: the big one, or the realistic workshop board (tests/helpers/realistic-board.ts). */
  board: 'big' | 'small';
  format: 'docx' | 'pdf';
  /** Each run's time, ms; the first includes parsing the fonts once per process. */
  runsMs: number[];
  /** CPU time (user + system) of each run, ms: the code's own cost, whatever else the machine runs. */
  cpuMs: number[];
  bytes: number;
  /** Resident memory after the runs, and its peak over the process so far, MiB. */
  rssAfterMiB: number;
  peakRssMiB: number;
  heapUsedAfterMiB: number;
}

export interface ReportBenchResult {
  startedAt: string;
  machine: MachineInfo;
  loadAverage: string;
  /** Load average when the child finished: the machine is shared, so the figures are noisy. */
  loadAverageAfter: string;
  git: string;
  elements: number;
  /** Elements of the realistic board. */
  smallElements: number;
  /** The big board's PDF made straight after its DOCX, pictures taken from the cache. */
  cachedPdf: { wallMs: number; cpuMs: number; docxWallMs: number };
  buildMs: number;
  baselineRssMiB: number;
  rows: ReportBenchRow[];
}

/** The big board: everything made with shared/ops, as the method UIs would leave it. */
export function bigBoard(): { doc: Y.Doc; control: ControlState } {
  const doc = new Y.Doc();
  initBoard(doc, 'Benchmark – duża tablica', 'pl', Date.UTC(2026, 10, 22));
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const frame = (method: string, title: string, x: number, w: number, h: number) => createElements(doc, [{ type: 'frame', method, title, x, y: 0, w, h }])[0]!;
  const fill = (frameId: string, items: NewElement[]) => {
    const ids = createElements(doc, items, 'Benchmark');
    putIntoFrame(doc, ids, frameId);
    return ids;
  };

  const map = frame('stakeholders', 'Mapa interesariuszy', 0, 25 * 240 + 40, 20 * 130 + 40);
  fill(
    map,
    Array.from({ length: 500 }, (_, i) => ({
      type: 'stakeholder',
      name: `Interesariusz nr ${i + 1} – stowarzyszenie „Źródło”`,
      group: i % 2 ? 'użytkownicy miasta' : 'dostawcy usług',
      x: 20 + (i % 25) * 240,
      y: 20 + Math.floor(i / 25) * 130,
      influence: Math.round(random() * 10),
      engagement: Math.round(random() * 10),
      ratings: Array.from({ length: 8 }, (_, r) => ({ by: `Uczestnik ${r + 1}`, influence: Math.round(random() * 10), engagement: Math.round(random() * 10) })),
    })),
  );

  const treeX = 7000;
  const tree = frame('problemTree', 'Drzewo problemów', treeX, 30 * 240 + 40, 12 * 140 + 40);
  const [core] = fill(tree, [{ type: 'treeNode', tree: 'problem', role: 'core', text: 'Odpływ młodych mieszkańców z gminy', x: treeX + 3600, y: 700 }]);
  const nodes = [core!];
  for (let i = 1; i < 300; i++) {
    // Each node hangs from an earlier one, giving a bushy tree several levels deep.
    const parent = nodes[Math.floor(random() * Math.min(nodes.length, 60))]!;
    const role = i % 4 === 0 ? 'effect' : 'cause';
    nodes.push(fill(tree, [{ type: 'treeNode', tree: 'problem', role, parentNode: parent, text: `Przyczyna ${i}: niewystarczająca oferta zajęć dla młodzieży`, x: treeX + 20 + (i % 30) * 240, y: 20 + Math.floor(i / 30) * 140 }])[0]!);
  }

  const swotX = 15_000;
  const swot = frame('swot', 'Analiza SWOT', swotX, 2 * 2600 + 120, 2 * 1400 + 160);
  const quadrants = (['swot-s', 'swot-w', 'swot-o', 'swot-t'] as const).map((method, q) => {
    const id = frame(method, ['Mocne strony', 'Słabe strony', 'Szanse', 'Zagrożenia'][q]!, swotX + 40 + (q % 2) * 2640, 2600, 1400);
    putIntoFrame(doc, [id], swot);
    return id;
  });
  const noteIds: string[] = [];
  quadrants.forEach((quadrant, q) => {
    noteIds.push(
      ...fill(
        quadrant,
        Array.from({ length: 100 }, (_, i) => ({ type: 'note', text: `Karteczka ${q * 100 + i + 1}: zażółć gęślą jaźń`, x: swotX + 60 + (q % 2) * 2640 + (i % 10) * 250, y: 80 + Math.floor(q / 2) * 1480 + Math.floor(i / 10) * 130, w: 220, h: 110 })),
      ),
    );
  });
  const control: ControlState = {
    ...initialControlState(),
    rounds: [{ id: 'r1', title: 'Mocne strony', frameId: quadrants[0]!, itemIds: null, votesPerPerson: 5, open: false, openedAt: 0, closedAt: Date.now(), results: Object.fromEntries(noteIds.slice(0, 100).map((id, i) => [id, i % 7])), voters: 20 }],
  };
  return { doc, control };
}

const mib = (bytes: number) => bytes / MiB;
let cachedPdf = { wallMs: 0, cpuMs: 0, docxWallMs: 0 };

/** In the child: builds the board, exports DOCX and PDF RUNS times each, prints JSON. */
async function measure(): Promise<ReportBenchResult> {
  const started = performance.now();
  const { doc, control } = bigBoard();
  const buildMs = performance.now() - started;
  global.gc?.();
  const baselineRssMiB = mib(process.memoryUsage().rss);
  const rows: ReportBenchRow[] = [];
  const small = realisticBoard();
  for (const [board, built] of [['small', small], ['big', { doc, control }]] as const) {
    for (const format of ['docx', 'pdf'] as const) {
      const runsMs: number[] = [];
      const cpuMs: number[] = [];
      let bytes = 0;
      for (let i = 0; i < RUNS; i++) {
        // Every run renders its pictures anew (as for a board that changed since its last export);
        // the picture cache's effect is measured on its own below.
        clearPngCache();
        const t = performance.now();
        const cpu = process.cpuUsage();
        // The whole path an HTTP export takes after loading: read the document, model, pictures, file.
        const file = await (await loadExporter(format))(exportContext('bench', built.doc, built.control, [], {}));
        runsMs.push(performance.now() - t);
        const used = process.cpuUsage(cpu);
        cpuMs.push((used.user + used.system) / 1000);
        bytes = Buffer.byteLength(file.body);
      }
      const memory = process.memoryUsage();
      rows.push({ board, format, runsMs, cpuMs, bytes, rssAfterMiB: mib(memory.rss), peakRssMiB: process.resourceUsage().maxRSS / 1024, heapUsedAfterMiB: mib(memory.heapUsed) });
    }
  }
  // The PDF straight after the DOCX of the same big board: its pictures come from the cache.
  const t = performance.now();
  const cpu = process.cpuUsage();
  await (await loadExporter('docx'))(exportContext('bench', doc, control, [], {}));
  const afterDocx = performance.now();
  const cpuDocx = process.cpuUsage(cpu);
  await (await loadExporter('pdf'))(exportContext('bench', doc, control, [], {}));
  const cpuPdf = process.cpuUsage(cpu);
  cachedPdf = { wallMs: performance.now() - afterDocx, cpuMs: (cpuPdf.user + cpuPdf.system - cpuDocx.user - cpuDocx.system) / 1000, docxWallMs: afterDocx - t };
  return { startedAt: new Date().toISOString(), machine: machineInfo(), loadAverage: loadAverage(), loadAverageAfter: '', git: '', elements: doc.getMap('elements').size, smallElements: small.doc.getMap('elements').size, buildMs, baselineRssMiB, rows, cachedPdf };
}

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Runs the scenario in a fresh child process and returns its figures. */
export function runReportBench(log: (line: string) => void): ReportBenchResult {
  log('\n[6] report export: the realistic board, then 500 stakeholders, 300-node problem tree, 400 notes (DOCX and PDF, ≤ 3 s and ≤ 1.5 s CPU each)');
  const stdout = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(ROOT, 'bench/scenarios/report.ts')], { cwd: ROOT, env: { ...process.env, BENCH_REPORT_CHILD: '1' }, encoding: 'utf8', maxBuffer: 16 * MiB });
  const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as ReportBenchResult;
  result.loadAverageAfter = loadAverage();
  try {
    result.git = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    result.git = 'unknown';
  }
  for (const row of result.rows) log(`  ${row.board} ${row.format}: ${row.runsMs.map((ms, i) => `${ms.toFixed(0)} ms (CPU ${row.cpuMs[i]!.toFixed(0)} ms)`).join(', ')}; ${(row.bytes / 1024).toFixed(0)} KiB; RSS ${row.rssAfterMiB.toFixed(0)} MiB (peak ${row.peakRssMiB.toFixed(0)} MiB)`);
  return result;
}

/** The `## 6.` section of docs/benchmarks.md. */
export function reportSection(r: ReportBenchResult, priority: string): string {
  const worst = (row: ReportBenchRow) => Math.max(...row.runsMs);
  const worstCpu = (row: ReportBenchRow) => Math.max(...row.cpuMs);
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const lines = [
    '## 6. Report export (DOCX, PDF) of a big board',
    '',
    `Run on ${r.startedAt} (commit ${r.git}); ${r.machine.cpus} CPU (${r.machine.cpuModel}), ${r.machine.memoryGiB.toFixed(1)} GiB, node ${r.machine.node}; load average at start ${r.loadAverage}, at the end ${r.loadAverageAfter} (the machine is shared with other engineers' test runs: wall-clock times are noisy, CPU times less so); scheduling: ${priority}. Re-run alone with \`BENCH_ONLY=report npm run bench\`.`,
    '',
    `Boards: the realistic workshop board of tests/helpers/realistic-board.ts (40 stakeholders rated by 3 people, a 32-node tree and its objectives, SWOT, TOWS, factors, ideas, votes; ${r.smallElements} elements), and the big one: 500 stakeholder cards with 8 ratings each, a 300-node problem tree, a SWOT with 400 notes and one closed vote (${r.elements} elements, built in ${r.buildMs.toFixed(0)} ms). Each export runs the whole path an HTTP export takes once the board is loaded — reading the document, the report model, a PNG picture of every method frame (resvg), the file itself — ${RUNS} times in one fresh process (bench/scenarios/report.ts), the small board first; the server runs the same code on its export thread, so these seconds do not block live editing. Before every run the picture cache is emptied, so each run renders its pictures (as for a board edited since its last export). The small board's first run of each format also loads that format's libraries and parses DejaVu Sans. Memory: process RSS after the runs, its peak (getrusage maxRSS) and V8 heap in use; the process held ${r.baselineRssMiB.toFixed(0)} MiB with the big board built, before any export.`,
    '',
    'Each run: wall-clock time, and in brackets the CPU time the process used during it (the code\'s own cost; on a busy machine the wall clock also counts waiting for a CPU). Targets (#17): the slowest run ≤ 3 s wall clock and ≤ 1.5 s CPU.',
    '',
    '| board | format | run 1 | run 2 | run 3 | ≤ 3 s wall (slowest run) | ≤ 1.5 s CPU (slowest run) | file | RSS after | peak RSS | heap used |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...r.rows.map(
      (row) =>
        `| ${row.board} | ${row.format.toUpperCase()} | ${row.runsMs.map((ms, i) => `${s(ms)} (CPU ${s(row.cpuMs[i]!)})`).join(' | ')} | **${worst(row) <= TARGET_MS ? 'met' : 'missed'}** (${s(worst(row))}) | **${worstCpu(row) <= TARGET_CPU_MS ? 'met' : 'missed'}** (${s(worstCpu(row))}) | ${(row.bytes / 1024).toFixed(0)} KiB | ${row.rssAfterMiB.toFixed(0)} MiB | ${row.peakRssMiB.toFixed(0)} MiB | ${row.heapUsedAfterMiB.toFixed(0)} MiB |`,
    ),
    '',
    `The PDF of the big board made straight after its DOCX, its pictures taken from the export thread's picture cache (server/export/png.ts), as when someone downloads both: ${s(r.cachedPdf.wallMs)} (CPU ${s(r.cachedPdf.cpuMs)}).`,
    '',
  ];
  return lines.join('\n');
}

/** Replaces the report's `## 6.` section, or appends it. */
export function spliceReportSection(file: string, section: string): void {
  spliceSectionByHeading(file, /^## 6\. /m, section);
}

if (process.env.BENCH_REPORT_CHILD === '1') {
  void measure().then((result) => console.log(JSON.stringify(result)));
}
