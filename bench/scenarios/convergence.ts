import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createWarsztat, type Warsztat } from '../../server/app';
import { loadConfig } from '../../server/config';
import { runConvergenceFuzz, storedJson, type FuzzBoard } from '../../tests/helpers/convergence-fuzz';
import { machineInfo } from '../lib/proc';
import { spliceSectionByHeading } from '../lib/splice';

/**
 * Section 8: the server-level convergence fuzz at length (#14). Seeds × ops through one real
 * in-process server (SQLite); every seed's agreed board is then compared with what a restarted
 * server loads from the store. BENCH_CONVERGENCE_SEEDS / _OPS set the size (500 × 2,000 by
 * default), BENCH_CONVERGENCE_MINUTES stops starting new seeds after that long (0: no limit).
 */

export interface ConvergenceBenchResult {
  startedAt: Date;
  seconds: number;
  seedsPlanned: number;
  ops: number;
  ran: number;
  converged: number;
  storedEqual: number;
  /** Seed and what went wrong, for every seed that failed. */
  failures: string[];
  stoppedByBudget: boolean;
  firstSeed: number;
}

const num = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number`);
  return value;
};

async function start(dataDir: string): Promise<{ warsztat: Warsztat; url: string }> {
  const config = loadConfig({}, { PORT: 0, DATA_DIR: dataDir, LOG_LEVEL: 'silent', ROOM_UNLOAD_DELAY_MS: 0, BOARD_CREATE_LIMIT: 1_000_000 });
  const warsztat = createWarsztat(config);
  const port = await warsztat.listen();
  return { warsztat, url: `127.0.0.1:${port}` };
}

async function createBoard(url: string, title: string): Promise<FuzzBoard> {
  const res = await fetch(`http://${url}/api/boards`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title }) });
  if (res.status !== 201) throw new Error(`create board: ${res.status} ${await res.text()}`);
  return (await res.json()) as FuzzBoard;
}

export async function runConvergenceBench(log: (line: string) => void): Promise<ConvergenceBenchResult> {
  const seeds = Math.round(num('BENCH_CONVERGENCE_SEEDS', 500));
  const ops = Math.round(num('BENCH_CONVERGENCE_OPS', 2000));
  const budgetMs = num('BENCH_CONVERGENCE_MINUTES', 0) * 60_000;
  const firstSeed = Math.round(num('BENCH_CONVERGENCE_FIRST_SEED', 1));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'warsztat-convergence-'));
  const result: ConvergenceBenchResult = { startedAt: new Date(), seconds: 0, seedsPlanned: seeds, ops, ran: 0, converged: 0, storedEqual: 0, failures: [], stoppedByBudget: false, firstSeed };
  const startedMs = Date.now();
  const agreed: { seed: number; boardId: string; json: string }[] = [];
  try {
    let server = await start(dataDir);
    for (let seed = firstSeed; seed < firstSeed + seeds; seed++) {
      if (budgetMs > 0 && Date.now() - startedMs > budgetMs) {
        result.stoppedByBudget = true;
        break;
      }
      const board = await createBoard(server.url, `Fuzz ${seed}`);
      const run = await runConvergenceFuzz({ wsUrl: `ws://${server.url}/yjs`, board, seed, ops, serverDoc: () => server.warsztat.rooms.peek(board.id)?.doc });
      result.ran++;
      if (run.converged) {
        result.converged++;
        agreed.push({ seed, boardId: board.id, json: run.json });
      } else {
        result.failures.push(run.problem ?? `seed ${seed}: not converged`);
        log(`  seed ${seed} FAILED:\n${run.problem}`);
      }
      if (result.ran % 10 === 0) log(`  ${result.ran} seeds, ${result.converged} converged, ${((Date.now() - startedMs) / 1000).toFixed(0)} s`);
    }
    // A restart, then every agreed board as the store gives it back.
    await server.warsztat.close();
    server = await start(dataDir);
    for (const { seed, boardId, json } of agreed) {
      if (storedJson(await server.warsztat.store.loadUpdates(boardId)) === json) result.storedEqual++;
      else result.failures.push(`seed ${seed}: the board loaded from the store after a restart differs from what the clients agreed on`);
    }
    await server.warsztat.close();
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  result.seconds = (Date.now() - startedMs) / 1000;
  return result;
}

export function convergenceSection(r: ConvergenceBenchResult): string {
  const machine = machineInfo();
  const minutes = (r.seconds / 60).toFixed(1);
  const ranAll = r.ran === r.seedsPlanned;
  const verdict = r.failures.length === 0 && r.converged === r.ran && r.storedEqual === r.converged ? '**all converged**' : `**${r.failures.length} failed**`;
  const lines = [
    '## 8. Server-level convergence fuzz (#14)',
    '',
    `Run on ${r.startedAt.toISOString()}; ${machine.cpus} CPU (\`nproc\`), ${machine.cpuModel} (\`lscpu | grep 'Model name'\`), node ${machine.node}; load average at start ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}. Duration ${minutes} min.`,
    '',
    'Each seed: a new board on one in-process server (SQLite), 8 stock y-websocket clients (the first with the facilitator link, the others with the participant link) make seeded random edits of every element type through the project\'s own ops (create, move, edit fields and text, delete, reorder, put into frames, tree cores, children, reparenting, folding, deleting, renames; participants\' changes to facilitator fields are put back by the server), and drop and regain their connections at random. Once all are back, every client must hold the server\'s state vector and the same JSON; after the last seed the server is restarted and each board, rebuilt from the stored updates, must equal what the clients agreed on (tests/helpers/convergence-fuzz.ts, bench/scenarios/convergence.ts).',
    '',
    '| seeds planned × ops | seeds run | converged | equal to the stored board after a restart | verdict |',
    '| --- | ---: | ---: | ---: | --- |',
    `| ${r.seedsPlanned} × ${r.ops.toLocaleString('en')} (seeds ${r.firstSeed}–${r.firstSeed + r.seedsPlanned - 1}) | ${r.ran} | ${r.converged} | ${r.storedEqual} | ${verdict} |`,
    '',
  ];
  if (!ranAll) lines.push(`Only ${r.ran} of the ${r.seedsPlanned} seeds ran: ${r.stoppedByBudget ? 'the run was stopped by BENCH_CONVERGENCE_MINUTES' : 'the run ended early'}. The full run is the default of \`BENCH_ONLY=convergence npm run bench\`.`, '');
  for (const failure of r.failures.slice(0, 5)) lines.push('```', failure.split('\n').slice(0, 30).join('\n'), '```', '');
  lines.push('Re-run alone with `BENCH_ONLY=convergence npm run bench` (BENCH_CONVERGENCE_SEEDS, BENCH_CONVERGENCE_OPS, BENCH_CONVERGENCE_MINUTES, BENCH_CONVERGENCE_FIRST_SEED).', '');
  return lines.join('\n');
}

/** Replaces this section of the report (found by its title, whatever its number) or appends it. */
export function spliceConvergenceSection(file: string, section: string): void {
  spliceSectionByHeading(file, /^## \d+\. Server-level convergence fuzz/m, section);
}
