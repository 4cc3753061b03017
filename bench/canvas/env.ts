import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { createWarsztat, type Warsztat } from '../../server/app';
import { loadConfig } from '../../server/config';
import { createElements, type NewElement } from '../../shared/ops/elements';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export { CHROMIUM_ARGS } from '../../tests/helpers/chromium-args';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
}

/** The CPU model as the kernel names it (os.cpus() may be empty in some containers). */
export function machine(): Machine {
  let cpu = os.cpus()[0]?.model?.trim() ?? '';
  try {
    const line = fs.readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('model name'));
    if (line) cpu = line.split(':')[1]!.trim();
  } catch {
    // not Linux
  }
  return {
    cpu: cpu || 'unknown',
    cores: os.availableParallelism(),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    node: process.version,
  };
}

export interface ClientBuild {
  /** The directory the server serves. */
  dir: string;
  /** What was done to get it, for the report. */
  note: string;
  /** Removes a temporary build. */
  cleanup(): void;
}

function viteBuild(outDir: string | null): void {
  const args = ['vite', 'build', '--logLevel', 'warn', ...(outDir ? ['--outDir', outDir, '--emptyOutDir'] : [])];
  // NODE_ENV=test (as under vitest) or development would make Vite bundle React's development build.
  const result = spawnSync('npx', args, { cwd: ROOT, stdio: ['ignore', process.stderr, process.stderr], timeout: 180_000, env: { ...process.env, NODE_ENV: 'production' } });
  if (result.status !== 0) throw new Error(`vite build failed (status ${result.status}${result.error ? `, ${result.error.message}` : ''})`);
}

/** Whether the built bundle carries React's development build (it prints the DevTools hint). */
export function isDevelopmentBuild(clientDir: string): boolean {
  const html = fs.readFileSync(path.join(clientDir, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => path.join(clientDir, m[1]!.replace(/^\//, '')));
  return scripts.some((file) => fs.existsSync(file) && fs.readFileSync(file, 'utf8').includes('Download the React DevTools'));
}

/** Newest modification time of the client's sources (client/ and shared/). */
function newestSource(): number {
  let newest = 0;
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else newest = Math.max(newest, fs.statSync(file).mtimeMs);
    }
  };
  for (const dir of ['client', 'shared']) if (fs.existsSync(path.join(ROOT, dir))) walk(path.join(ROOT, dir));
  return newest;
}

/**
 * The client to serve. Built with Vite when index.html is missing. A development build (what
 * `vite build` makes when NODE_ENV is test) would measure React's development mode, and a
 * build older than the sources would measure old code: then a production build of the
 * current sources is made in a temporary directory, leaving dist/client to whoever uses it.
 */
export function prepareClient(clientDir: string): ClientBuild {
  const none = () => {};
  const isDefault = path.resolve(clientDir) === path.join(ROOT, 'dist/client');
  if (!fs.existsSync(path.join(clientDir, 'index.html'))) {
    console.error(`[canvas bench] ${clientDir} has no index.html: running npx vite build`);
    viteBuild(isDefault ? null : clientDir);
    if (!fs.existsSync(path.join(clientDir, 'index.html'))) throw new Error('vite build produced no index.html');
    return { dir: clientDir, note: 'built by this run (`npx vite build`)', cleanup: none };
  }
  const development = isDevelopmentBuild(clientDir);
  const stale = newestSource() > fs.statSync(path.join(clientDir, 'index.html')).mtimeMs;
  if (!development && !stale) return { dir: clientDir, note: 'production build already present', cleanup: none };
  const why = development
    ? `${path.relative(ROOT, clientDir) || clientDir} held a React *development* build (what vite build makes under NODE_ENV=test)`
    : `${path.relative(ROOT, clientDir) || clientDir} was older than the client's sources`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warsztat-canvas-bench-client-'));
  console.error(`[canvas bench] ${why}: building a production copy in ${dir}`);
  try {
    viteBuild(dir);
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return { dir, note: `${why}, so this run built a production copy of the current sources in a temporary directory`, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export interface BenchServer {
  warsztat: Warsztat;
  url: string;
  wsUrl: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** An in-process Warsztat on 127.0.0.1 with a free port and a temporary data directory. */
export async function startBenchServer(clientDir: string): Promise<BenchServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'warsztat-canvas-bench-'));
  let warsztat: Warsztat | undefined;
  try {
    const config = loadConfig({}, { PORT: 0, HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', CLIENT_DIR: clientDir, BOARD_CREATE_LIMIT: 1_000_000 });
    warsztat = createWarsztat(config);
    const port = await warsztat.listen();
    const running = warsztat;
    let stopped = false;
    return {
      warsztat: running,
      url: `http://127.0.0.1:${port}`,
      wsUrl: `ws://127.0.0.1:${port}/yjs`,
      dataDir,
      stop: async () => {
        if (stopped) return;
        stopped = true;
        try {
          await running.close();
        } finally {
          fs.rmSync(dataDir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    await warsztat?.close().catch(() => {});
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

export interface BenchBoard {
  id: string;
  links: Record<'facilitator' | 'participant' | 'observer', string>;
  tokens: Record<'facilitator' | 'participant' | 'observer', string>;
}

/** Creates a board over REST and fills it on the server side in one transaction. */
export async function createFilledBoard(server: BenchServer, title: string, inputs: readonly NewElement[]): Promise<BenchBoard> {
  const res = await fetch(`${server.url}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title }),
    signal: AbortSignal.timeout(10_000),
  });
  if (res.status !== 201) throw new Error(`create board: ${res.status} ${await res.text()}`);
  const board = (await res.json()) as BenchBoard;
  await server.warsztat.rooms.withRoom(board.id, async (room) => {
    createElements(room.doc, inputs, 'Ławka testowa');
    await room.whenDurable();
  });
  return board;
}

export interface StockClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  destroy(): void;
}

/** A stock y-websocket client in Node, as another participant's program would be. */
export async function connectStockClient(server: BenchServer, board: BenchBoard, timeoutMs = 20_000): Promise<StockClient> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(server.wsUrl, board.id, doc, {
    params: { token: board.tokens.participant },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  provider.awareness.setLocalStateField('user', { name: 'Zdalny uczestnik', colour: '#0ea5e9', role: 'participant' });
  const destroy = () => {
    provider.destroy();
    doc.destroy();
  };
  const deadline = Date.now() + timeoutMs;
  while (!provider.synced) {
    if (Date.now() > deadline) {
      destroy();
      throw new Error('stock client did not sync');
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return { doc, provider, destroy };
}

/** The commit measured, and whether the client's sources differ from it (for the report). */
export function revision(): string {
  const git = (...args: string[]) => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8', timeout: 10_000 }).stdout?.trim() ?? '';
  const head = git('rev-parse', '--short', 'HEAD');
  if (!head) return 'unknown revision';
  const dirty = git('status', '--porcelain', '--', 'client', 'shared').split('\n').filter(Boolean).length;
  return dirty ? `commit ${head} with ${dirty} uncommitted file(s) under client/ and shared/` : `commit ${head}`;
}
