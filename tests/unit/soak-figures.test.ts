import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { countReloads, scanLog } from '../../bench/scenarios/soak';

describe('soak: boards emptied and joined again', () => {
  const cases: { name: string; visits: [number, number, number][]; gapMs: number; reloads: number; boards: number }[] = [
    { name: 'no visits', visits: [], gapMs: 1000, reloads: 0, boards: 0 },
    { name: 'overlapping visits keep the board loaded', visits: [[0, 0, 10_000], [0, 5000, 20_000], [0, 19_000, 30_000]], gapMs: 1000, reloads: 0, boards: 1 },
    { name: 'a gap shorter than the unload delay is no reload', visits: [[0, 0, 10_000], [0, 10_500, 20_000]], gapMs: 1000, reloads: 0, boards: 1 },
    { name: 'a long gap is one reload', visits: [[0, 0, 10_000], [0, 12_000, 20_000]], gapMs: 1000, reloads: 1, boards: 1 },
    { name: 'a short visit inside a long one does not end it', visits: [[0, 0, 30_000], [0, 1000, 2000], [0, 25_000, 40_000]], gapMs: 1000, reloads: 0, boards: 1 },
    { name: 'boards counted apart, in any order', visits: [[1, 50_000, 60_000], [0, 0, 1000], [1, 0, 1000], [0, 5000, 6000]], gapMs: 1000, reloads: 2, boards: 2 },
    { name: 'sessions that never synced are ignored', visits: [[0, Number.NaN, 5000], [0, 0, 1000], [0, 1500, 2000]], gapMs: 1000, reloads: 0, boards: 1 },
  ];
  for (const c of cases) {
    it(c.name, () => expect(countReloads(c.visits, c.gapMs)).toEqual({ reloads: c.reloads, boards: c.boards }));
  }
});

describe('soak: server log scan', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soak-log-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const scan = (text: string) => {
    const file = path.join(dir, `${Math.random()}.log`);
    fs.writeFileSync(file, text);
    return scanLog(file);
  };

  it('counts errors, fatals and warnings; info and the start-up banner are fine', () => {
    const result = scan(
      [
        '{"level":30,"msg":"Warsztat is listening"}',
        'Warsztat: http://127.0.0.1:4000',
        '{"level":40,"msg":"closing connection after bad message"}',
        '{"level":50,"msg":"unload flush failed"}',
        '{"level":60,"msg":"fatal"}',
        '',
      ].join('\n'),
    );
    expect(result).toMatchObject({ lines: 5, errors: 2, warnings: 1 });
    expect(result.firstProblems).toHaveLength(3);
  });

  it('counts anything that is not a JSON log line (a stack trace) as an error', () => {
    expect(scan('TypeError: x is undefined\n    at foo (server/sync/room.ts:1:1)\n')).toMatchObject({ lines: 2, errors: 2 });
  });

  it('reads a missing file as an empty log', () => {
    expect(scanLog(path.join(dir, 'none.log'))).toEqual({ lines: 0, errors: 0, warnings: 0, firstProblems: [] });
  });
});
