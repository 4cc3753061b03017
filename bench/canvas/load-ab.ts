/**
 * Page loads of two or more client builds, alternating, in the same conditions (a tool for
 * before/after comparisons, not part of the benchmark):
 *   ROUNDS=4 npx tsx bench/canvas/load-ab.ts <size> <clientDir> <clientDir>…
 * Each build gets its own in-process server and a board of `size` elements; each round
 * loads every build once in a fresh context. Prints medians of DOMContentLoaded, arrival
 * and handling of the board's content, synced and first paint (as the benchmark defines
 * them, bench/canvas/probe.ts), and every first paint.
 */
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, connectStockClient, createFilledBoard, startBenchServer } from './env';
import { buildFixture } from './fixture';
import { PROBE_SCRIPT } from './probe';
const size = Number(process.argv[2] ?? 10000);
const dirs = process.argv.slice(3);
const rounds = Number(process.env.ROUNDS ?? 4);
const servers = await Promise.all(dirs.map((d) => startBenchServer(d)));
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const inputs = buildFixture(size).inputs;
const boards = await Promise.all(servers.map((s) => createFilledBoard(s, 'x', inputs)));
const stocks = await Promise.all(servers.map((s, i) => connectStockClient(s, boards[i]!)));
const results: Record<string, number[][]> = {};
for (let r = 0; r < rounds; r++) {
  for (let i = 0; i < dirs.length; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
    await context.addInitScript({ content: PROBE_SCRIPT });
    const page = await context.newPage();
    await page.goto(boards[i]!.links.participant, { waitUntil: 'commit' });
    await page.waitForFunction(`(() => { const b = window.__canvasBench; return !!b && b.synced !== null && b.events.some((e) => e.visible > 0 && e.count >= ${size} && e.painted !== null); })()`, undefined, { timeout: 90_000, polling: 50 });
    const r2 = (await page.evaluate(`(() => { const B = window.__canvasBench; const first = B.events.find((e) => e.visible > 0 && e.count >= ${size}); const big = B.loadMessages.reduce((a, m) => (!a || m.bytes > a.bytes ? m : a), null); return [performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd, big.t, big.d, B.synced, first.painted]; })()`)) as number[];
    (results[dirs[i]!] ??= []).push(r2.map(Math.round));
    await context.close();
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
for (const d of dirs) {
  const rows = results[d]!;
  console.log(d, 'dcl, data arrived, handled, synced, first paint: medians', [0, 1, 2, 3, 4].map((k) => median(rows.map((x) => x[k]!))).join(' / '), ' all first paints', rows.map((x) => x[4]).join(', '));
}
for (const s of stocks) s.destroy();
await browser.close();
for (const s of servers) await s.stop();
