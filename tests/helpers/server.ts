import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createWarsztat, type Warsztat, type WarsztatOptions } from '../../server/app';
import { loadConfig, type Config } from '../../server/config';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface CreatedBoard {
  id: string;
  title: string;
  links: Record<'facilitator' | 'participant' | 'observer', string>;
  tokens: Record<'facilitator' | 'participant' | 'observer', string>;
}

export interface TestServer {
  warsztat: Warsztat;
  port: number;
  url: string;
  /** Base for stock WebsocketProvider: ws://127.0.0.1:PORT/yjs */
  wsUrl: string;
  dataDir: string;
  createBoard(title?: string, body?: Record<string, unknown>): Promise<CreatedBoard>;
  stop(): Promise<void>;
}

const cleanups: (() => Promise<void> | void)[] = [];

/** Undoes what the test registered, newest first (tests/helpers/cleanup-setup.ts runs it after each test). */
export async function runCleanups(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
}

/** Registers something to undo after the current test. */
export function onCleanup(fn: () => Promise<void> | void): void {
  cleanups.push(fn);
}

export function tempDir(prefix = 'warsztat-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  onCleanup(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function createBoardAt(url: string, title: string, body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<CreatedBoard> {
  const res = await fetch(`${url}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ title, ...body }),
  });
  if (res.status !== 201) throw new Error(`create board: ${res.status} ${await res.text()}`);
  return (await res.json()) as CreatedBoard;
}

/** An in-process server on a free port with its own data directory, stopped after the test. */
export async function startServer(overrides: Partial<Config> = {}, dataDir = tempDir(), options: Pick<WarsztatOptions, 'store' | 'exportRunner'> = {}): Promise<TestServer> {
  // Tests create boards from one address far faster than people do; the ones about that
  // limit set their own BOARD_CREATE_LIMIT.
  const config = loadConfig({}, { PORT: 0, DATA_DIR: dataDir, LOG_LEVEL: 'silent', ROOM_UNLOAD_DELAY_MS: 0, CLIENT_DIR: path.join(ROOT, 'dist/client'), BOARD_CREATE_LIMIT: 100_000, ...overrides });
  const warsztat = createWarsztat(config, options);
  const port = await warsztat.listen();
  const url = `http://127.0.0.1:${port}`;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await warsztat.close();
  };
  onCleanup(stop);
  return {
    warsztat,
    port,
    url,
    wsUrl: `ws://127.0.0.1:${port}/yjs`,
    dataDir,
    createBoard: (title = 'Tablica testowa', body = {}) => createBoardAt(url, title, body),
    stop,
  };
}

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  url: string;
  wsUrl: string;
  createBoard(title?: string): Promise<CreatedBoard>;
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** What the process has printed so far (its warnings and errors), for failure messages. */
  output(): string;
}

/** The real entry point in a child process, for tests that kill it. */
export async function startServerProcess(dataDir: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/main.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ROOM_UNLOAD_DELAY_MS: '0', BOARD_CREATE_LIMIT: '100000', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/Warsztat: http:\/\/[^:]+:(\d+)/);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  const url = `http://127.0.0.1:${port}`;
  const kill = (signal: NodeJS.Signals = 'SIGKILL') =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  onCleanup(() => kill());
  return { child, port, url, wsUrl: `ws://127.0.0.1:${port}/yjs`, createBoard: (title = 'Tablica') => createBoardAt(url, title, {}), kill, output: () => output };
}
