import { describe, expect, it } from 'vitest';
import { elementsOf } from '../../shared/schema/doc';
import { readElements } from '../../shared/schema';
import * as Y from 'yjs';
import { runConvergenceFuzz, storedJson, type ConvergenceResult } from '../helpers/convergence-fuzz';
import { startServer, tempDir } from '../helpers/server';

/**
 * A short run of the server-level convergence fuzz (tests/helpers/convergence-fuzz.ts): 8 stock
 * clients, random edits of every element type and random disconnects through a real server; all
 * clients end equal to the server, and to what a restarted server loads from the store. The long
 * run (500 seeds × 2,000 ops) is in `npm run bench` (BENCH_ONLY=convergence). Replay a seed with
 * WARSZTAT_FUZZ_SEED=<n>.
 */

const SEEDS = process.env.WARSZTAT_FUZZ_SEED ? [Number(process.env.WARSZTAT_FUZZ_SEED)] : [0xc0ffee, 0xc0ffee + 7919, 0xc0ffee + 2 * 7919];
const OPS = Number(process.env.WARSZTAT_FUZZ_OPS ?? 300);

describe('server-level convergence fuzz', () => {
  it(`${SEEDS.length} seeds × ${OPS} ops by 8 stock clients converge, and equal the stored board after a restart`, async () => {
    const dataDir = tempDir();
    const server = await startServer({}, dataDir);
    const runs: { id: string; result: ConvergenceResult }[] = [];
    for (const seed of SEEDS) {
      const board = await server.createBoard(`Fuzz ${seed}`);
      const result = await runConvergenceFuzz({ wsUrl: server.wsUrl, board, seed, ops: OPS, serverDoc: () => server.warsztat.rooms.peek(board.id)?.doc });
      if (result.problem) throw new Error(result.problem);
      expect(result.converged).toBe(true);
      runs.push({ id: board.id, result });
    }
    const kinds = new Set(runs.flatMap((r) => r.result.log.map((line) => line.split(' ').find((word, i) => i > 1 && /^[a-z]/.test(word)))));
    console.log(
      `convergence fuzz: ${runs.map((r) => `seed ${r.result.seed}: ${r.result.elements} elements, ${r.result.refused} ops refused, ${r.result.reconnects} reconnects`).join('; ')}`,
    );
    expect([...kinds].sort()).toEqual(expect.arrayContaining(['create', 'delete', 'erase', 'move', 'putIntoFrame', 'reorder', 'tree', 'type', 'update', 'disconnects', 'reconnects']));

    await server.stop();
    const restarted = await startServer({}, dataDir);
    for (const { id, result } of runs) {
      const stored = await restarted.warsztat.store.loadUpdates(id);
      expect(storedJson(stored), `seed ${result.seed}: the stored board differs from what the clients agreed on`).toBe(result.json);
      const doc = new Y.Doc();
      for (const { data } of stored) Y.applyUpdate(doc, data);
      expect(elementsOf(doc).size).toBeGreaterThan(0);
      expect(readElements(doc).invalid, `seed ${result.seed}: invalid elements`).toEqual([]);
      doc.destroy();
    }
  }, 120_000);
});
