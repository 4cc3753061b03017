/**
 * Browser benchmark of the canvas (npx tsx bench/canvas/cli.ts). For each board size it
 * starts nothing but what it closes again: an in-process server on 127.0.0.1 with a
 * temporary data directory, a board filled on the server side (fixture.ts), a stock
 * y-websocket client in Node, and headless Chromium at 1280×800. It measures:
 *  1. loading: navigation start → board content received → synced → first paint;
 *  2. frame times while the viewport pans at 100 %, pans at zoom-to-fit and zooms between;
 *  3. dragging one note with the mouse (frame times, JavaScript and main-thread work per frame);
 *  4. a remote burst: 50 notes changed every 100 ms by the Node client, the page idle.
 * The in-page instrumentation is probe.ts; the trace analysis is trace.ts.
 */
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { elementsOf } from '../../shared/schema/doc';
import { connectStockClient, createFilledBoard, machine, prepareClient, revision, startBenchServer, CHROMIUM_ARGS, CHROMIUM_PATH, ROOT, type BenchBoard, type BenchServer, type ClientBuild, type Machine, type StockClient } from './env';
import { buildFixture, type Fixture } from './fixture';
import { PROBE_SCRIPT } from './probe';
import { int, median, ms, summarise, type Summary } from './stats';
import { mainThreadWork, TRACE_CATEGORIES, type MainThreadWork } from './trace';

export interface CanvasBenchOptions {
  /** Board sizes in elements; the default is the 1,000-element baseline and the 10,000 board. */
  sizes?: number[];
  /** Fresh-context page loads per size for the load figures (default 3). */
  loads?: number;
  /** Built client to serve (default dist/client, built with Vite when missing). */
  clientDir?: string;
  /** Stops the run: the browser is closed and everything started is released. */
  signal?: AbortSignal;
  /** Safety net: the browser is closed after this long (default 5 minutes). */
  timeLimitMs?: number;
}

const VIEWPORT = { width: 1280, height: 800 };
const FRAME_BUDGET = 1000 / 60;
const DRAG_BUDGET = 4;
const FIRST_PAINT_TARGET = 1500;

type Motion =
  | { kind: 'pan'; scale: number; x: number; y: number; vx: number; vy: number }
  | { kind: 'orbit'; scale: number; x: number; y: number; radius: number; periodMs: number }
  | { kind: 'zoom'; from: number; to: number; cx: number; cy: number; periodMs: number };

interface Viewport {
  x: number;
  y: number;
  scale: number;
}

/** What the in-page recorder returns (see probe.ts). */
interface FrameRun {
  deltas: number[];
  work: number[];
  visible: number[];
  input: number[];
  messages: number[];
  draws: number[];
  elementLayerDraws: number[];
  /** Draws of the second layer: selection, cursors and what a gesture is moving. */
  interactiveLayerDraws: number[];
  scale: number;
}

interface LoadResult {
  domContentLoaded: number;
  /** Arrival of the largest WebSocket message (the board's content) and how long it took to handle. */
  dataArrived: number;
  dataHandled: number;
  dataBytes: number;
  synced: number;
  firstCommit: number;
  firstPaint: number;
  settledPaint: number;
  visibleAtFit: number;
  errors: string[];
}

const SCENARIOS = ['idle', 'pan1', 'panFit', 'zoom', 'drag1', 'dragFit', 'burst1', 'burstFit'] as const;
type ScenarioId = (typeof SCENARIOS)[number];

const SCENARIO_LABELS: Record<ScenarioId, string> = {
  idle: 'idle at zoom-to-fit (floor of the measurement)',
  pan1: 'pan at 100 % (1,500 px/s across the board)',
  panFit: 'pan at zoom-to-fit (150 px circle, 1.5 s a turn)',
  zoom: 'zoom sweep zoom-to-fit ↔ 100 % (3 s)',
  drag1: 'drag one note at 100 % (real mouse)',
  dragFit: 'drag one note at zoom-to-fit (real mouse)',
  burst1: 'remote burst at 100 % (50 elements / 100 ms)',
  burstFit: 'remote burst at zoom-to-fit (50 elements / 100 ms)',
};

interface SizeResult {
  size: number;
  fixture: Fixture;
  fitScale: number;
  loads: LoadResult[];
  runs: Partial<Record<ScenarioId, FrameRun & { extra?: string }>>;
  dragTrace: MainThreadWork | null;
  dragMoves: number;
  burstTicks: Partial<Record<ScenarioId, number>>;
  pageErrors: string[];
}

const sleep = (msec: number) => new Promise((r) => setTimeout(r, msec));

function log(message: string): void {
  console.error(`[canvas bench] ${message}`);
}

/** page.evaluate of an expression (a string, so nothing a TS loader adds is serialised), bounded in time. */
async function inPage<T>(page: Page, expression: string, timeoutMs = 30_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      page.evaluate(expression) as Promise<T>,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`page did not answer within ${timeoutMs} ms: ${expression.slice(0, 100)}`)), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

const EDITOR = 'window.__warsztat.editor';

async function settle(page: Page, extraMs = 300): Promise<void> {
  await inPage(page, `new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, ${extraMs}))))`, 60_000);
}

async function setViewport(page: Page, v: Viewport): Promise<void> {
  await inPage(page, `${EDITOR}.setViewport(${JSON.stringify(v)})`);
  await settle(page);
}

async function zoomToFit(page: Page): Promise<Viewport> {
  await inPage(page, `${EDITOR}.zoomToFit()`);
  await settle(page);
  return inPage<Viewport>(page, `${EDITOR}.state.viewport`);
}

function record(page: Page, durationMs: number, motion: Motion | null): Promise<FrameRun> {
  return inPage<FrameRun>(page, `window.__canvasBench.run(${JSON.stringify({ durationMs, motion })})`, durationMs + 90_000);
}

/** Ids of the `k` notes nearest the centre of the page's view, and where the nearest is on the page. */
async function notesNearCentre(page: Page, k: number): Promise<{ ids: string[]; screen: { x: number; y: number } }> {
  return inPage(
    page,
    `(() => {
      const e = ${EDITOR};
      const v = e.state.viewport;
      const cx = (e.screenSize.width / 2 - v.x) / v.scale, cy = (e.screenSize.height / 2 - v.y) / v.scale;
      const notes = e.store.ordered().filter((n) => n.type === 'note').map((n) => ({ id: n.id, d: Math.hypot(n.x + n.w / 2 - cx, n.y + n.h / 2 - cy), n }));
      notes.sort((a, b) => a.d - b.d);
      const first = notes[0].n;
      const r = document.querySelector('[data-testid="canvas"]').getBoundingClientRect();
      return { ids: notes.slice(0, ${k}).map((n) => n.id), screen: { x: r.left + (first.x + first.w / 2) * v.scale + v.x, y: r.top + (first.y + first.h / 2) * v.scale + v.y } };
    })()`,
  );
}

/** Opens the board in a fresh context (empty cache and IndexedDB) and times its loading. */
async function loadBoard(browser: Browser, board: BenchBoard, size: number): Promise<{ context: BrowserContext; page: Page; load: LoadResult }> {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'pl-PL', deviceScaleFactor: 1 });
  try {
    await context.addInitScript({ content: PROBE_SCRIPT });
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(board.links.participant, { waitUntil: 'commit', timeout: 30_000 });
    await page.waitForFunction(
      `(() => { const b = window.__canvasBench; return !!b && b.synced !== null && b.events.some((e) => e.visible > 0 && e.count >= ${size} && e.painted !== null); })()`,
      undefined,
      { timeout: 90_000, polling: 50 },
    );
    // Settled: zoom-to-fit applied and drawn, nothing changed for a second.
    const deadline = Date.now() + 30_000;
    let events: { t: number; visible: number; count: number; painted: number | null }[] = [];
    for (;;) {
      events = await inPage(page, 'window.__canvasBench.events');
      const last = events[events.length - 1]!;
      const now = await inPage<number>(page, 'performance.now()');
      if ((last.painted !== null && now - last.t > 1000) || Date.now() > deadline) break;
      await sleep(200);
    }
    const synced = await inPage<number>(page, 'window.__canvasBench.synced');
    const domContentLoaded = await inPage<number>(page, "performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd ?? NaN");
    const messages = await inPage<{ t: number; d: number; bytes: number }[]>(page, 'window.__canvasBench.loadMessages');
    const data = messages.reduce<{ t: number; d: number; bytes: number } | null>((a, m) => (!a || m.bytes > a.bytes ? m : a), null);
    const first = events.find((e) => e.visible > 0 && e.count >= size)!;
    const last = events[events.length - 1]!;
    return {
      context,
      page,
      load: { domContentLoaded, dataArrived: data?.t ?? NaN, dataHandled: data?.d ?? NaN, dataBytes: data?.bytes ?? NaN, synced, firstCommit: first.t, firstPaint: first.painted ?? NaN, settledPaint: last.painted ?? NaN, visibleAtFit: last.visible, errors },
    };
  } catch (error) {
    await context.close().catch(() => {});
    throw error;
  }
}

/**
 * Presses the mouse on the note nearest the view centre and drags it along a circle (one
 * turn a second) for `durationMs`. Down and up go through page.mouse; the moves go through
 * the same CDP call (Input.dispatchMouseEvent) without waiting for each acknowledgement,
 * at 125 Hz like a real mouse: page.mouse.move waits for a frame or two per call, which
 * would leave most frames without a move. Chromium may coalesce moves that queue up.
 */
async function drag(page: Page, browser: Browser, radius: number, durationMs: number, traced: boolean): Promise<{ run: FrameRun; moves: number; trace: MainThreadWork | null }> {
  const { screen } = await notesNearCentre(page, 1);
  const cdp = await page.context().newCDPSession(page);
  await page.mouse.move(screen.x, screen.y);
  await page.mouse.down();
  let tracing = false;
  let sent = 0;
  const pending: Promise<unknown>[] = [];
  try {
    if (traced) {
      await browser.startTracing(page, { categories: TRACE_CATEGORIES });
      tracing = true;
    }
    // Past the drag threshold first, so that every recorded frame is a dragging frame.
    await page.mouse.move(screen.x + 6, screen.y + 6);
    const recording = record(page, durationMs, null);
    const started = Date.now();
    while (Date.now() - started < durationMs + 100 && sent < 1000) {
      const a = (2 * Math.PI * (Date.now() - started)) / 1000;
      const x = screen.x + 6 + radius * Math.sin(a);
      const y = screen.y + 6 + radius * (1 - Math.cos(a));
      pending.push(cdp.send('Input.dispatchMouseEvent', { type: 'mouseMoved', x, y, button: 'left', buttons: 1, modifiers: 0, pointerType: 'mouse' }).catch(() => {}));
      sent++;
      await sleep(8);
    }
    const run = await recording;
    let trace: MainThreadWork | null = null;
    if (tracing) {
      tracing = false;
      trace = mainThreadWork(await browser.stopTracing());
    }
    return { run, moves: run.input.length, trace };
  } finally {
    await Promise.race([Promise.all(pending), sleep(30_000)]);
    if (tracing) await browser.stopTracing().catch(() => {});
    await page.mouse.up().catch(() => {});
    await cdp.detach().catch(() => {});
    await settle(page).catch(() => {});
  }
}

async function burst(page: Page, stock: StockClient, durationMs: number): Promise<{ run: FrameRun; ticks: number }> {
  const { ids } = await notesNearCentre(page, 50);
  const elements = elementsOf(stock.doc);
  const recording = record(page, durationMs + 300, null);
  await sleep(150);
  let ticks = 0;
  const total = Math.round(durationMs / 100);
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        try {
          const dx = ticks % 2 === 0 ? 6 : -6;
          stock.doc.transact(() => {
            for (const id of ids) {
              const element = elements.get(id);
              const x = element?.get('x');
              if (element && typeof x === 'number') element.set('x', x + dx);
            }
          });
          if (++ticks >= total) {
            clearInterval(timer);
            resolve();
          }
        } catch (error) {
          clearInterval(timer);
          reject(error);
        }
      }, 100);
    });
  } catch (error) {
    await recording.catch(() => {});
    throw error;
  }
  const run = await recording;
  await settle(page);
  return { run, ticks };
}

async function measureSize(browser: Browser, server: BenchServer, size: number, loads: number): Promise<SizeResult> {
  log(`${size} elements: building the board`);
  const fixture = buildFixture(size);
  const board = await createFilledBoard(server, `Ławka ${size}`, fixture.inputs);
  // Another participant is on the board all along: the room stays loaded, as in a live workshop.
  const stock = await connectStockClient(server, board);
  const contexts: BrowserContext[] = [];
  try {
    const results: LoadResult[] = [];
    let page: Page | undefined;
    for (let i = 0; i < loads; i++) {
      if (contexts.length) await contexts.pop()!.close();
      log(`${size} elements: page load ${i + 1}/${loads}`);
      const loaded = await loadBoard(browser, board, size);
      contexts.push(loaded.context);
      results.push(loaded.load);
      page = loaded.page;
    }
    page = page!;
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    if (!(await inPage<boolean>(page, 'window.__canvasBench.hookKonva()'))) log('window.Konva not found: Konva draw times will be missing');
    const screen = await inPage<{ width: number; height: number }>(page, `${EDITOR}.screenSize`);
    const { bounds } = fixture;
    const centre = { x: bounds.x + bounds.w / 2, y: bounds.y + bounds.h / 2 };
    const at1 = (p: { x: number; y: number }): Viewport => ({ scale: 1, x: screen.width / 2 - p.x, y: screen.height / 2 - p.y });
    const runs: SizeResult['runs'] = {};
    const burstTicks: SizeResult['burstTicks'] = {};

    log(`${size} elements: idle, pan and zoom`);
    const fit = await zoomToFit(page);
    runs.idle = await record(page, 1500, null);

    const startPan = { x: bounds.x + bounds.w * 0.2, y: bounds.y + bounds.h * 0.4 };
    await setViewport(page, { scale: 1, x: -startPan.x, y: -startPan.y });
    runs.pan1 = await record(page, 3000, { kind: 'pan', scale: 1, x: -startPan.x, y: -startPan.y, vx: 1500, vy: 250 });

    await zoomToFit(page);
    runs.panFit = await record(page, 3000, { kind: 'orbit', scale: fit.scale, x: fit.x, y: fit.y, radius: 150, periodMs: 1500 });

    await setViewport(page, { scale: fit.scale, x: screen.width / 2 - centre.x * fit.scale, y: screen.height / 2 - centre.y * fit.scale });
    runs.zoom = await record(page, 3000, { kind: 'zoom', from: fit.scale, to: 1, cx: centre.x, cy: centre.y, periodMs: 3000 });

    log(`${size} elements: dragging`);
    await setViewport(page, at1(centre));
    runs.drag1 = (await drag(page, browser, 120, 2000, false)).run;
    await setViewport(page, at1(centre));
    const traced = await drag(page, browser, 120, 2000, true);
    await zoomToFit(page);
    runs.dragFit = (await drag(page, browser, 60, 2000, false)).run;

    log(`${size} elements: remote burst`);
    await setViewport(page, at1(centre));
    const b1 = await burst(page, stock, 5000);
    runs.burst1 = b1.run;
    burstTicks.burst1 = b1.ticks;
    await zoomToFit(page);
    const bf = await burst(page, stock, 5000);
    runs.burstFit = bf.run;
    burstTicks.burstFit = bf.ticks;

    return { size, fixture, fitScale: fit.scale, loads: results, runs, dragTrace: traced.trace, dragMoves: traced.moves, burstTicks, pageErrors };
  } finally {
    for (const context of contexts) await context.close().catch(() => {});
    stock.destroy();
  }
}

/**
 * Runs the canvas benchmark in headless Chromium against an in-process server and returns
 * a Markdown section with the results.
 */
export async function runCanvasBench(options: CanvasBenchOptions = {}): Promise<string> {
  const sizes = options.sizes ?? [1000, 10_000];
  const loads = Math.max(1, options.loads ?? 3);
  const clientDir = path.resolve(options.clientDir ?? process.env.CANVAS_BENCH_CLIENT_DIR ?? path.join(ROOT, 'dist/client'));
  const started = Date.now();
  const loadBefore = os.loadavg()[0]!;
  const client = prepareClient(clientDir);
  let server: BenchServer | undefined;
  let browser: Browser | undefined;
  let stopReason: string | null = null;
  const stop = (reason: string) => {
    stopReason ??= reason;
    log(`stopping: ${reason}`);
    void browser?.close().catch(() => {});
  };
  const onAbort = () => stop('aborted');
  const watchdog = setTimeout(() => stop('time limit reached'), options.timeLimitMs ?? 5 * 60_000);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    if (options.signal?.aborted) throw new Error('aborted');
    server = await startBenchServer(client.dir);
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: 60_000 });
    if (stopReason) throw new Error(stopReason);
    const results: SizeResult[] = [];
    for (const size of sizes) {
      if (stopReason) throw new Error(stopReason);
      results.push(await measureSize(browser, server, size, loads));
    }
    return report(results, { machine: machine(), chromium: browser.version(), client, revision: revision(), load: [loadBefore, os.loadavg()[0]!], seconds: (Date.now() - started) / 1000, loads });
  } catch (error) {
    if (stopReason) throw new Error(`canvas bench stopped (${stopReason}): ${(error as Error).message}`);
    throw error;
  } finally {
    clearTimeout(watchdog);
    options.signal?.removeEventListener('abort', onAbort);
    await browser?.close().catch(() => {});
    await server?.stop().catch((error: unknown) => log(`server stop failed: ${String(error)}`));
    client.cleanup();
  }
}

// ---------------------------------------------------------------------------------------
// Report

interface ReportContext {
  machine: Machine;
  chromium: string;
  client: ClientBuild;
  revision: string;
  /** One-minute load average when the run started and when it ended. */
  load: [number, number];
  seconds: number;
  loads: number;
}

const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');

function triple(s: Summary): string {
  return `${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.max)}`;
}

function pair(s: Summary): string {
  return `${ms(s.p50)} / ${ms(s.p95)}`;
}

function visibleOf(run: FrameRun | undefined): string {
  if (!run || run.visible.length === 0) return 'n/a';
  const s = summarise(run.visible);
  const lo = Math.min(...run.visible);
  const hi = Math.max(...run.visible);
  return lo === hi ? int(s.p50) : `${int(lo)}–${int(hi)}`;
}

function report(results: SizeResult[], ctx: ReportContext): string {
  const m = ctx.machine;
  const big = results.reduce((a, b) => (b.size > a.size ? b : a), results[0]!);
  const heads = results.map((r) => `${int(r.size)} elements`);
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const header = (first: string, rest: string[]) => [row([first, ...rest]), row([first, ...rest].map(() => '---'))];
  const lines: string[] = [];
  lines.push('## Canvas in the browser');
  lines.push('');
  lines.push(
    `Headless Chromium ${ctx.chromium} at ${VIEWPORT.width}×${VIEWPORT.height} (device scale 1), started with \`--disable-gpu\`: ` +
      'the canvas and the page are rasterised **in software on the CPU**, with no GPU. A desktop browser with GPU ' +
      'rasterisation will usually draw faster; JavaScript costs (React, Yjs, culling) are the same.',
  );
  lines.push('');
  const busy = Math.max(...ctx.load) > m.cores;
  lines.push(
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB RAM, ${m.os}, Node ${m.node}. The server, the Node y-websocket client and Chromium share these cores. ` +
      `One-minute load average (it lags by about a minute) ${ctx.load[0].toFixed(1)} at the start, ${ctx.load[1].toFixed(1)} at the end${busy ? ': **other processes were probably competing for the CPU, so these figures may be pessimistic** (the idle row shows whether frames were lost with nothing to do)' : ''}.`,
  );
  lines.push('');
  for (const r of results) {
    const c = r.fixture.counts;
    const mix = Object.entries(c)
      .sort((a, b) => b[1] - a[1])
      .map(([type, n]) => `${int(n)} ${type}`)
      .join(', ');
    lines.push(`- Board of ${int(r.size)} elements: ${mix}; frames of 6 × 4 slots over ${int(r.fixture.bounds.w)} × ${int(r.fixture.bounds.h)} board px. Zoom-to-fit scale: ${r.fitScale.toFixed(3)}.`);
  }
  lines.push(`- Client: ${ctx.client.note}; sources at ${ctx.revision}. Whole run: ${ctx.seconds.toFixed(0)} s.`);
  lines.push('');

  // Loading
  lines.push(`### Loading (fresh browser context each time, median of ${ctx.loads})`);
  lines.push('');
  lines.push(...header('measured from navigation start', [...heads, 'target']));
  const loadRow = (label: string, pick: (l: LoadResult) => number, target: string) =>
    lines.push(row([label, ...results.map((r) => ms(median(r.loads.map(pick)))), target]));
  loadRow('DOMContentLoaded (client bundle parsed)', (l) => l.domContentLoaded, '–');
  loadRow('board content arrived (start of the largest sync message)', (l) => l.dataArrived, '–');
  lines.push(row(['… handling that message (Yjs apply, element store, React render and commit)', ...results.map((r) => `${ms(median(r.loads.map((l) => l.dataHandled)))} for ${(median(r.loads.map((l) => l.dataBytes)) / 2 ** 20).toFixed(1)} MiB`), '–']));
  loadRow('first sync done (\'synced\')', (l) => l.synced, '–');
  const fpOk = median(big.loads.map((l) => l.firstPaint)) <= FIRST_PAINT_TARGET;
  loadRow('first paint (elements drawn, all loaded)', (l) => l.firstPaint, `≤ 1.5 s at ${int(big.size)}: ${verdict(fpOk)}`);
  loadRow('zoom-to-fit view painted (what the person sees)', (l) => l.settledPaint, '–');
  lines.push(row(['first paint, each load', ...results.map((r) => r.loads.map((l) => ms(l.firstPaint)).join(', ')), '–']));
  lines.push(row(['elements drawn at zoom-to-fit', ...results.map((r) => `${int(median(r.loads.map((l) => l.visibleAtFit)))} of ${int(r.size)}`), '–']));
  if (results.some((r) => median(r.loads.map((l) => l.visibleAtFit)) < r.size)) {
    lines.push('');
    lines.push('Zoom-to-fit stops at the minimum scale (0.05), so the largest board does not fit whole: what it shows is drawn.');
  }
  lines.push('');

  // Frames
  lines.push('### Frame times (requestAnimationFrame deltas: p50 / p95 / max; target p95 ≤ 16.7 ms)');
  lines.push('');
  lines.push(...header('scenario', [...results.map((r) => `${int(r.size)}: frame p50 / p95 / max`), ...results.map((r) => `${int(r.size)}: drawn`), `target (${int(big.size)})`]));
  for (const id of SCENARIOS) {
    const cells = results.map((r) => (r.runs[id] ? triple(summarise(r.runs[id]!.deltas)) : 'n/a'));
    const drawn = results.map((r) => visibleOf(r.runs[id]));
    const bigRun = big.runs[id];
    const target = id === 'idle' ? '–' : bigRun ? verdict(summarise(bigRun.deltas).p95 <= FRAME_BUDGET + 0.5) : 'n/a';
    lines.push(row([SCENARIO_LABELS[id], ...cells, ...drawn, target]));
  }
  lines.push('');
  lines.push('JavaScript work per frame in the same runs (pointermove handling incl. React render and commit, sync-message handling incl. React, Konva layer draws; p50 / p95):');
  lines.push('');
  lines.push(...header('scenario', results.map((r) => `${int(r.size)}`)));
  for (const id of SCENARIOS) {
    lines.push(row([SCENARIO_LABELS[id], ...results.map((r) => (r.runs[id] ? pair(summarise(r.runs[id]!.work)) : 'n/a'))]));
  }
  lines.push(row(['of which one element-layer draw, pan at 100 %', ...results.map((r) => (r.runs.pan1 ? pair(summarise(r.runs.pan1.elementLayerDraws)) : 'n/a'))]));
  lines.push(row(['of which one element-layer draw, pan at zoom-to-fit', ...results.map((r) => (r.runs.panFit ? pair(summarise(r.runs.panFit.elementLayerDraws)) : 'n/a'))]));
  lines.push('');

  // Drag
  lines.push(`### Dragging one note at 100 % (target ≤ ${DRAG_BUDGET} ms of work per frame)`);
  lines.push('');
  lines.push(...header('per frame unless stated (p50 / p95)', [...heads, 'target']));
  const traceOk = big.dragTrace ? summarise(big.dragTrace.perFrame).p95 <= DRAG_BUDGET : false;
  lines.push(row(['main-thread busy time per frame (Chrome trace, separate drag)', ...results.map((r) => (r.dragTrace ? pair(summarise(r.dragTrace.perFrame)) : 'n/a')), `p95 ≤ ${DRAG_BUDGET} ms: ${verdict(traceOk)}`]));
  const jsOk = big.runs.drag1 ? summarise(big.runs.drag1.work).p95 <= DRAG_BUDGET : false;
  lines.push(row(['JavaScript per frame (moves + Konva draws)', ...results.map((r) => (r.runs.drag1 ? pair(summarise(r.runs.drag1.work)) : 'n/a')), `p95 ≤ ${DRAG_BUDGET} ms: ${verdict(jsOk)}`]));
  lines.push(row(['one pointermove handled (tool, Yjs, store, React)', ...results.map((r) => (r.runs.drag1 ? pair(summarise(r.runs.drag1.input)) : 'n/a')), '–']));
  lines.push(row(['one element-layer draw (Konva; none while the note is lifted onto the interactive layer)', ...results.map((r) => (r.runs.drag1 ? `${pair(summarise(r.runs.drag1.elementLayerDraws))} (${int(r.runs.drag1.elementLayerDraws.length)} draws)` : 'n/a')), '–']));
  lines.push(row(['one interactive-layer draw (Konva)', ...results.map((r) => (r.runs.drag1 ? `${pair(summarise(r.runs.drag1.interactiveLayerDraws))} (${int(r.runs.drag1.interactiveLayerDraws.length)} draws)` : 'n/a')), '–']));
  lines.push(row(['frame interval', ...results.map((r) => (r.runs.drag1 ? pair(summarise(r.runs.drag1.deltas)) : 'n/a')), `p95 ≤ 16.7 ms: ${verdict(big.runs.drag1 ? summarise(big.runs.drag1.deltas).p95 <= FRAME_BUDGET + 0.5 : false)}`]));
  lines.push(row(['pointermoves handled / frames', ...results.map((r) => `${int(r.runs.drag1?.input.length ?? NaN)} / ${int(r.runs.drag1?.deltas.length ?? NaN)}`), '–']));
  lines.push('');

  // Burst
  lines.push('### Remote burst (a Node y-websocket client moves the 50 notes nearest the view centre every 100 ms for 5 s)');
  lines.push('');
  lines.push(...header('p50 / p95 / max', [...heads, `target (${int(big.size)})`]));
  for (const id of ['burst1', 'burstFit'] as const) {
    const label = id === 'burst1' ? 'at 100 %' : 'at zoom-to-fit';
    lines.push(row([`${label}: frame interval`, ...results.map((r) => (r.runs[id] ? triple(summarise(r.runs[id]!.deltas)) : 'n/a')), `p95 ≤ 16.7 ms: ${verdict(big.runs[id] ? summarise(big.runs[id]!.deltas).p95 <= FRAME_BUDGET + 0.5 : false)}`]));
    lines.push(row([`${label}: one sync message handled (incl. React)`, ...results.map((r) => (r.runs[id] ? triple(summarise(r.runs[id]!.messages)) : 'n/a')), '–']));
    lines.push(row([`${label}: one element-layer draw`, ...results.map((r) => (r.runs[id] ? triple(summarise(r.runs[id]!.elementLayerDraws)) : 'n/a')), '–']));
    lines.push(row([`${label}: updates sent / messages handled`, ...results.map((r) => `${int(r.burstTicks[id] ?? NaN)} / ${int(r.runs[id]?.messages.length ?? NaN)}`), '–']));
  }
  lines.push('');

  const errors = results.flatMap((r) => [...r.pageErrors, ...r.loads.flatMap((l) => l.errors)]);
  lines.push('### How it was measured');
  lines.push('');
  lines.push(
    [
      '- The server (in process, 127.0.0.1, temporary SQLite) is filled on the server side; a stock y-websocket client in Node stays connected to the board throughout, so the room is loaded as in a live workshop. The page opens the participant link with the display name already set.',
      '- **First paint**: an init script watches the DOM; the time is taken at the start of the second animation frame after the commit in which the canvas reports `data-visible > 0` and `[data-testid="element-count"]` shows every element (by then the Konva layer that commit scheduled has drawn and its frame was produced). **Synced**: the loading overlay left the mounted board. Times are `performance.now()`, i.e. from navigation start. **Zoom-to-fit view painted**: the same for the last change of the drawn set, after the board zoomed to fit on sync.',
      '- **Frame times**: deltas of `requestAnimationFrame` timestamps in the page. Pan and zoom set `editor.setViewport` in that loop from elapsed time (time-based motion, so slow frames show as long deltas, not as slower motion). Idle at zoom-to-fit shows the floor: 16.7 ms at 60 Hz.',
      '- **Drag**: `page.mouse.down()` on the note nearest the centre, then mouse moves along a 120 px circle (one turn a second) at 125 Hz for 2 s, sent with CDP `Input.dispatchMouseEvent` (what `page.mouse.move` uses) without waiting for each acknowledgement (`page.mouse.move` takes 25–45 ms a call here, which would leave most frames without a move); Chromium may coalesce moves that queue up, so the page handles between one move every few frames and several per frame (see *pointermoves handled / frames*). *Main-thread busy time per frame* comes from a second, traced drag: a Chrome trace (`toplevel`, `blink.user_timing`) of the renderer main thread, its top-level tasks cut at a user-timing mark set in every animation frame; it counts everything the page does in a frame (input, React, Yjs, Konva, style, paint, canvas rasterisation, GC). *JavaScript per frame* sums, per animation frame, the pointermove handling (from a capture listener on window to a bubble listener on window; React flushes the renders a move causes in a microtask between the two) and the Konva `Layer.draw` calls (wrapped on `window.Konva.Layer.prototype`).',
      '- **Remote burst**: the Node client changes `x` of the 50 notes nearest the view centre (±6 px, one transaction) every 100 ms; the page idles and records animation frames. Sync-message handling is timed around y-websocket\'s `onmessage` up to the microtasks it queued (React\'s render and commit).',
      `- Targets: first paint ≤ 1.5 s for ${int(big.size)} elements; frame p95 ≤ 16.7 ms (half a millisecond of timer jitter allowed); drag work p95 ≤ ${DRAG_BUDGET} ms per frame.`,
    ].join('\n'),
  );
  if (errors.length) {
    lines.push('');
    lines.push(`Page errors during the run: ${[...new Set(errors)].slice(0, 5).map((e) => `\`${e.slice(0, 160)}\``).join('; ')}`);
  }
  lines.push('');
  return lines.join('\n');
}
