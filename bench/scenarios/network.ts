/**
 * Weak networks (#16): how long a participant waits for the board, and a resident for the idea
 * form, on Chromium's own "Fast 3G" and "Slow 3G" throttling profiles, with a cold cache.
 * `BENCH_ONLY=network npm run bench` writes its section of docs/benchmarks.md. The comparison
 * run beside it is the same server and build fetched without compression
 * (Accept-Encoding: identity), which is what every participant got before #16.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { boardToBackup } from '../../shared/backup/export';
import { realisticBoard } from '../../tests/helpers/realistic-board';
import { CHROMIUM_ARGS } from '../../tests/helpers/chromium-args';
import { spliceSectionByHeading } from '../lib/splice';
import { ROOT, startWarsztat, type BenchServer } from '../lib/servers';

const HEADING = '## Weak networks: the board and the idea form on throttled links (#16)';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RUNS = Number(process.env.BENCH_NETWORK_RUNS ?? 3);
const NAME_KEY = 'warsztat.displayName';

/** DevTools' presets (front_end/core/sdk/NetworkManager.ts): bytes per second, latency in ms. */
const PROFILES = [
  { name: 'Fast 3G', latency: 562.5, downloadThroughput: 180_000, uploadThroughput: 84_375, boardTarget: 4000 },
  { name: 'Slow 3G', latency: 2000, downloadThroughput: 50_000, uploadThroughput: 50_000, boardTarget: 12_000 },
] as const;
type Profile = (typeof PROFILES)[number];

const VARIANTS = [
  { name: 'compressed (as served)', headers: {} as Record<string, string> },
  { name: 'comparison: uncompressed', headers: { 'Accept-Encoding': 'identity' } as Record<string, string> },
] as const;

/** What a page load took, in ms from the start of navigation. */
interface Load {
  html: number;
  fcp: number | null;
  ready: number | null;
  /** Compressed bytes of JavaScript and CSS as they crossed the wire. */
  scriptBytes: number;
  styleBytes: number;
  error?: string;
}

/**
 * Installed before the page's own scripts: records when `selector` first matches, with a
 * MutationObserver, so that the figure is the page's own moment, not a poll's.
 */
function markWhen(selector: string): string {
  return `(() => {
    const mark = () => { if (!window.__ready && document.querySelector(${JSON.stringify(selector)})) { window.__ready = performance.now(); observer.disconnect(); } };
    const observer = new MutationObserver(mark);
    const start = () => { observer.observe(document, { subtree: true, childList: true, attributes: true }); mark(); };
    if (document.documentElement) start(); else document.addEventListener('readystatechange', start, { once: true });
  })();`;
}

async function measure(browser: Browser, url: string, profile: Profile, headers: Record<string, string>, readySelector: string, name: string | null): Promise<Load> {
  const context: BrowserContext = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, extraHTTPHeaders: headers });
  try {
    if (name !== null) await context.addInitScript(({ key, value }) => localStorage.setItem(key, value), { key: NAME_KEY, value: name });
    await context.addInitScript(markWhen(readySelector));
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: profile.latency, downloadThroughput: profile.downloadThroughput, uploadThroughput: profile.uploadThroughput });
    await page.goto(url, { waitUntil: 'commit', timeout: 120_000 });
    await page.waitForFunction(() => (window as unknown as { __ready?: number }).__ready !== undefined, undefined, { timeout: 120_000, polling: 100 });
    // A string, not a function: tsx would wrap a function's inner helpers in its own __name.
    return (await page.evaluate(`(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      const resources = performance.getEntriesByType('resource');
      const bytes = (pattern) => resources.filter((r) => pattern.test(r.name)).reduce((sum, r) => sum + r.encodedBodySize, 0);
      return { html: nav ? nav.responseEnd : 0, fcp: fcp ? fcp.startTime : null, ready: window.__ready ?? null, scriptBytes: bytes(/\\.m?js(\\?|$)/), styleBytes: bytes(/\\.css(\\?|$)/) };
    })()`)) as Load;
  } catch (error) {
    return { html: 0, fcp: null, ready: null, scriptBytes: 0, styleBytes: 0, error: (error as Error).message.split('\n')[0] };
  } finally {
    await context.close();
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[sorted.length >> 1]! : NaN;
};

interface Row {
  profile: Profile;
  variant: string;
  page: string;
  target: number | null;
  loads: Load[];
}

async function seededBoard(server: BenchServer): Promise<{ board: string; ideaForm: string }> {
  const { doc, control } = realisticBoard('pl');
  const res = await fetch(`${server.httpUrl}/api/boards/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(boardToBackup(doc, { control })) });
  if (res.status !== 201) throw new Error(`import: ${res.status} ${await res.text()}`);
  const made = (await res.json()) as { id: string; links: { participant: string }; tokens: { facilitator: string } };
  const form = await fetch(`${server.httpUrl}/api/boards/${made.id}/ideas/form`, { headers: { authorization: `Bearer ${made.tokens.facilitator}` } });
  if (!form.ok) throw new Error(`idea form link: ${form.status}`);
  return { board: made.links.participant, ideaForm: ((await form.json()) as { link: string }).link };
}

const seconds = (ms: number | null | undefined) => (ms === null || ms === undefined || Number.isNaN(ms) ? '–' : (ms / 1000).toFixed(2));
const kb = (bytes: number) => (bytes / 1024).toFixed(1);

function section(rows: Row[], started: Date): string {
  const line = (r: Row) => {
    const ok = r.loads.filter((l) => !l.error && l.ready !== null);
    const ready = median(ok.map((l) => l.ready!));
    const first = median(ok.filter((l) => l.fcp !== null).map((l) => l.fcp! - l.html));
    const verdict = r.target === null ? '' : ok.length < r.loads.length ? ' **failed runs**' : ready <= r.target ? ' (met)' : ' **missed**';
    const target = r.target === null ? '–' : `≤ ${seconds(r.target)} s`;
    const errors = r.loads.filter((l) => l.error).map((l) => l.error);
    return `| ${r.profile.name} | ${r.variant} | ${r.page} | ${seconds(median(ok.map((l) => l.html)))} | ${seconds(first)} | ${seconds(ready)}${verdict} | ${target} | ${kb(median(ok.map((l) => l.scriptBytes)))} | ${kb(median(ok.map((l) => l.styleBytes)))} | ${ok.map((l) => seconds(l.ready)).join(', ')}${errors.length ? `; errors: ${errors.join('; ')}` : ''} |`;
  };
  let head = 'unknown';
  try {
    head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    // Not a git checkout.
  }
  return [
    HEADING,
    '',
    `Run on ${started.toISOString()} at ${head}; ${os.cpus().length} CPU (${os.cpus()[0]?.model ?? '?'}), node ${process.version}, Chromium ${CHROMIUM}; load average at start ${os.loadavg().map((l) => l.toFixed(2)).join(', ')}. Re-run alone with \`BENCH_ONLY=network npm run bench\` (bench/scenarios/network.ts; BENCH_NETWORK_RUNS runs per line, median shown).`,
    '',
    "Each run is a new browser context (cold cache, cache disabled) at 390 × 844 with touch, throttled by Chromium's DevTools protocol (`Network.emulateNetworkConditions`) with DevTools' own presets: Fast 3G = 562.5 ms latency, 180 000 B/s down, 84 375 B/s up; Slow 3G = 2 000 ms, 50 000 B/s both ways. The board is a realistic Polish one (40 stakeholders rated by 3 people, a 32-node problem tree, SWOT, TOWS, factors, 15 ideas, tests/helpers/realistic-board.ts) imported from its backup; the participant link is opened as a returning participant (name already given, so \"usable\" needs no typing) and, for the name prompt, as a new one. Times are from the start of navigation: *HTML* = its last byte; *first text* = first contentful paint minus the HTML's last byte (the boot line \"Wczytuję tablicę…\" in the board's language, target ≤ 1 s); *usable* = the board is connected and fitted to its phase (`[data-view-opened=true]` with the connection `connected`), the name field shown, or the form's title field shown. Bytes are the encoded (as sent) bodies of scripts and style sheets the page loaded. The comparison rows fetch the same pages from the same server with `Accept-Encoding: identity`, i.e. what every participant downloaded before compression was added.",
    '',
    '| profile | variant | page | HTML (s) | first text after HTML (s) | usable (s) | target | JS (KB) | CSS (KB) | every run, usable (s) |',
    '| --- | --- | --- | ---: | ---: | ---: | --- | ---: | ---: | --- |',
    ...rows.map(line),
    '',
    'Targets (#16): board usable on Fast 3G ≤ 4 s and on Slow 3G ≤ 12 s; the idea form usable on Slow 3G ≤ 5 s with ≤ 40 KB of gzipped JavaScript; first text within 1 s of the HTML. Throttling by the protocol delays each response as a whole and does not slow the WebSocket as much as a real link would; the board\'s sync messages are small next to the bundle.',
    '',
  ].join('\n');
}

/** Runs every profile × variant × page, writes the section and returns the rows (a missed target is not an error; a failed load is). */
export async function runNetworkBench(out: string, log: (line: string) => void): Promise<Row[]> {
  if (!fs.existsSync(path.join(ROOT, 'dist/client/index.html'))) throw new Error('the client is not built: run `npm run build` first');
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
  const started = new Date();
  const server = await startWarsztat();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const rows: Row[] = [];
  try {
    const links = await seededBoard(server);
    const pages = [
      // Synced (so connected) and fitted to the current phase: BoardPage sets data-view-opened then.
      { page: 'board, returning participant', url: links.board, selector: '[data-testid="element-count"][data-view-opened="true"]', name: 'Uczestnik pomiaru', target: (p: Profile) => p.boardTarget },
      { page: 'board, name prompt', url: links.board, selector: '[data-testid="name-input"]', name: null, target: () => null },
      { page: 'idea form', url: links.ideaForm, selector: '[data-testid="idea-title"]', name: null, target: (p: Profile) => (p.name === 'Slow 3G' ? 5000 : null) },
    ];
    for (const profile of PROFILES) {
      for (const variant of VARIANTS) {
        for (const p of pages) {
          const loads: Load[] = [];
          for (let run = 0; run < RUNS; run++) {
            const load = await measure(browser, p.url, profile, variant.headers, p.selector, p.name);
            loads.push(load);
            log(`  ${profile.name}, ${variant.name}, ${p.page}: ${load.error ?? `usable at ${seconds(load.ready)} s, first text ${seconds(load.fcp)} s, JS ${kb(load.scriptBytes)} KB`}`);
          }
          rows.push({ profile, variant: variant.name, page: p.page, target: p.target(profile), loads });
        }
      }
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  spliceSectionByHeading(out, HEADING, section(rows, started));
  return rows;
}
