/**
 * CPU profile of the canvas page (a tool for finding what to optimise, not a benchmark):
 *   npx tsx bench/canvas/profile.ts <load|drag|dragFit|panFit|burst|burstFit> [size] [clientDir]
 * Serves `clientDir` (build one without minification for readable names:
 * `NODE_ENV=production npx vite build --minify false --outDir /tmp/client-nomin`), opens a
 * board of `size` elements and records V8's sampling profiler (CDP Profiler domain) during
 * the page load (navigation → every element drawn) or during a scenario. Prints the
 * functions with the most self time and the source files they are in.
 */
import path from 'node:path';
import { chromium, type CDPSession } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, ROOT, connectStockClient, createFilledBoard, startBenchServer } from './env';
import { buildFixture } from './fixture';
import { PROBE_SCRIPT } from './probe';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [scenario = 'load', sizeArg = '10000', clientArg] = process.argv.slice(2);
/** TRACE=1: a Chrome trace instead of the JavaScript profile, summed by event name (inclusive times). */
const tracing = process.env.TRACE === '1';
const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'blink', 'cc', 'blink.user_timing', '__metadata'];
const size = Number(sizeArg);
const clientDir = path.resolve(clientArg ?? path.join(ROOT, 'dist/client'));

function summariseProfile(profile: Profile, top = 40): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const files = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    const node = byId.get(id)!;
    const f = node.callFrame;
    const file = f.url ? f.url.replace(/^.*\/assets\//, '') : '(native)';
    const key = `${f.functionName || '(anonymous)'}  ${file}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + dt);
    if (f.functionName !== '(idle)') {
      files.set(file, (files.get(file) ?? 0) + dt);
      total += dt;
    }
  });
  const lines = [`busy ${total.toFixed(0)} ms (excluding idle)`, '', 'self time by function:'];
  for (const [key, t] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`${t.toFixed(1).padStart(8)} ms  ${key}`);
  return lines.join('\n');
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  args?: { name?: string };
}

/** Inclusive time by event name on the renderer's main thread (CrRendererMain). */
function summariseTrace(json: Buffer, top = 40): string {
  const events = (JSON.parse(json.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const byName = new Map<string, { total: number; count: number }>();
  for (const e of events) {
    if (!main || e.pid !== main.pid || e.tid !== main.tid || e.ph !== 'X' || typeof e.dur !== 'number') continue;
    const entry = byName.get(e.name) ?? { total: 0, count: 0 };
    entry.total += e.dur / 1000;
    entry.count++;
    byName.set(e.name, entry);
  }
  const lines = ['inclusive time on the renderer main thread by event name:'];
  for (const [name, { total, count }] of [...byName].sort((a, b) => b[1].total - a[1].total).slice(0, top)) lines.push(`${total.toFixed(1).padStart(8)} ms  ${String(count).padStart(6)}×  ${name}`);
  return lines.join('\n');
}

async function startProfile(cdp: CDPSession): Promise<void> {
  if (tracing) return browser.startTracing(undefined, { categories: TRACE_CATEGORIES });
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
}

const server = await startBenchServer(clientDir);
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  const board = await createFilledBoard(server, `Profil ${size}`, buildFixture(size).inputs);
  const stock = await connectStockClient(server, board);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  await context.addInitScript({ content: PROBE_SCRIPT });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const loaded = `(() => { const b = window.__canvasBench; return !!b && b.events.some((e) => e.visible > 0 && e.count >= ${size} && e.painted !== null); })()`;
  if (scenario === 'load') await startProfile(cdp);
  await page.goto(board.links.participant, { waitUntil: 'commit' });
  await page.waitForFunction(loaded, undefined, { timeout: 90_000, polling: 50 });
  await page.waitForTimeout(1500);
  if (scenario !== 'load') {
    const fit = scenario.endsWith('Fit');
    if (!fit) await page.evaluate(`(() => { const e = window.__warsztat.editor; const n = e.store.ordered().find((x) => x.type === 'note'); e.setViewport({ scale: 1, x: 640 - n.x - 100, y: 400 - n.y - 100 }); })()`);
    await page.waitForTimeout(500);
    await startProfile(cdp);
    if (scenario.startsWith('burst')) {
      const elements = stock.doc.getMap('elements');
      const ids = buildFixture(size).notes.slice(0, 50).map((n) => n.id);
      for (let tick = 0; tick < 30; tick++) {
        stock.doc.transact(() => {
          for (const id of ids) {
            const element = elements.get(id) as Map<string, unknown> & { set(k: string, v: unknown): void };
            const x = element.get('x');
            if (typeof x === 'number') element.set('x', x + (tick % 2 ? -6 : 6));
          }
        });
        await new Promise((r) => setTimeout(r, 100));
      }
    } else if (scenario.startsWith('pan')) {
      await page.evaluate(`window.__canvasBench.run({ durationMs: 3000, motion: { kind: 'orbit', scale: window.__warsztat.editor.state.viewport.scale, x: window.__warsztat.editor.state.viewport.x, y: window.__warsztat.editor.state.viewport.y, radius: 150, periodMs: 1500 } })`);
    } else {
      const at = await page.evaluate(`(() => { const e = window.__warsztat.editor; const v = e.state.viewport; const cx = (640 - v.x) / v.scale, cy = (400 - v.y) / v.scale; let best = null, d = Infinity; for (const n of e.store.ordered()) { if (n.type !== 'note') continue; const dd = Math.hypot(n.x + 100 - cx, n.y + 100 - cy); if (dd < d) { d = dd; best = n; } } return { x: (best.x + 100) * v.scale + v.x, y: (best.y + 100) * v.scale + v.y }; })()`) as { x: number; y: number };
      await page.mouse.move(at.x, at.y);
      await page.mouse.down();
      const started = Date.now();
      while (Date.now() - started < 2000) {
        const a = (2 * Math.PI * (Date.now() - started)) / 1000;
        void cdp.send('Input.dispatchMouseEvent', { type: 'mouseMoved', x: at.x + 6 + 60 * Math.sin(a), y: at.y + 6 + 60 * (1 - Math.cos(a)), button: 'left', buttons: 1, modifiers: 0, pointerType: 'mouse' }).catch(() => {});
        await new Promise((r) => setTimeout(r, 8));
      }
      await page.mouse.up();
    }
  }
  if (tracing) {
    process.stdout.write(`${scenario}, ${size} elements\n${summariseTrace(await browser.stopTracing())}\n`);
  } else {
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
    process.stdout.write(`${scenario}, ${size} elements\n${summariseProfile(profile)}\n`);
  }
  stock.destroy();
} finally {
  await browser.close();
  await server.stop();
}
