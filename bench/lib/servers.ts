import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const HOST = '127.0.0.1';

export type ServerKind = 'warsztat' | 'stock';

export const SERVER_LABEL: Record<ServerKind, string> = {
  warsztat: 'Warsztat',
  stock: 'stock @y/websocket-server 0.1.1',
};

/** A sync server running as a child process of the harness. */
export interface BenchServer {
  kind: ServerKind;
  pid: number;
  port: number;
  httpUrl: string;
  /** Base for WebsocketProvider: the room name (board id) is appended. */
  wsBase: string;
  /** Warsztat only: its data directory (removed on stop). */
  dataDir?: string;
  /** Fingerprint of server/ and shared/ when it started (others may edit the tree meanwhile). */
  code: string;
  /** DevTools endpoint when started with `inspect` (127.0.0.1 only). */
  inspectorUrl?: string;
  /** The last bytes it printed, for error messages. */
  output(): string;
  /** Asks it to stop (SIGTERM), kills it after `graceMs`, removes its temp dir. */
  stop(graceMs?: number): Promise<void>;
}

const running = new Set<ChildProcess>();
const tempDirs = new Set<string>();

export function makeTempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

export function removeTempDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  tempDirs.delete(dir);
}

/** Kills every server still running and removes every temp dir; synchronous, for exit paths. */
export function killEverything(): void {
  for (const child of running) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
  running.clear();
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

/** A short hash of every file under server/ and shared/: which code a server ran. */
export function codeFingerprint(): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) hash.update(path.relative(ROOT, full)).update('\0').update(fs.readFileSync(full)).update('\0');
    }
  };
  for (const dir of ['server', 'shared']) if (fs.existsSync(path.join(ROOT, dir))) walk(path.join(ROOT, dir));
  return hash.digest('hex').slice(0, 10);
}

function launch(
  kind: ServerKind,
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
  portOf: (match: RegExpMatchArray) => number,
  dataDir?: string,
  root = ROOT,
  logFile?: string,
): Promise<BenchServer> {
  const fullEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  // The stock server persists to LevelDB whenever YPERSISTENCE is set at all, even empty.
  if (kind === 'stock') delete fullEnv.YPERSISTENCE;
  const code = kind === 'warsztat' ? (root === ROOT ? codeFingerprint() : `checkout at ${root}`) : 'stock';
  const child = spawn(process.execPath, args, { cwd: root, env: fullEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-16_384);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let logWritten = Promise.resolve();
  if (logFile) {
    // Everything it prints, whole, for scanning after the run (the buffer above is a tail).
    const file = fs.createWriteStream(logFile, { flags: 'a' });
    child.stdout!.pipe(file, { end: false });
    child.stderr!.pipe(file, { end: false });
    logWritten = new Promise((resolve) => file.once('close', () => resolve()));
    child.once('close', () => file.end());
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => running.delete(child));

  const stop = async (graceMs = 5000) => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    }
    // The log file is complete once stop() returns (its stream ends when the pipes close).
    await Promise.race([logWritten, new Promise((resolve) => setTimeout(resolve, 2000))]);
    if (dataDir) removeTempDir(dataDir);
  };

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop(0);
      reject(new Error(`${kind} server did not start within 30 s:\n${output}`));
    }, 30_000);
    const onData = () => {
      const match = output.match(ready);
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      const port = portOf(match);
      const inspectorUrl = output.match(/Debugger listening on (ws:\/\/127\.0\.0\.1:\d+\/[\w-]+)/)?.[1];
      resolve({
        code,
        inspectorUrl,
        kind,
        pid: child.pid!,
        port,
        httpUrl: `http://${HOST}:${port}`,
        wsBase: `ws://${HOST}:${port}/yjs`,
        dataDir,
        output: () => output,
        stop,
      });
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${kind} server exited (${code ?? signal}) before it was ready:\n${output}`));
    });
  });
}

export interface StartOptions {
  /** Start node with --inspect=127.0.0.1:0: the harness can force a GC, read its heap, profile it. */
  inspect?: boolean;
  /** Another checkout's server (a comparison run of older code); this one by default. */
  root?: string;
  /** Also write everything the server prints (its log) to this file. */
  logFile?: string;
}

const nodeFlags = (options: StartOptions) => (options.inspect ? ['--inspect=127.0.0.1:0'] : []);

/** Our server, exactly as `npm start` runs it (auth and durable SQLite storage on). */
export function startWarsztat(env: Record<string, string> = {}, options: StartOptions = {}): Promise<BenchServer> {
  const dataDir = makeTempDir('warsztat-bench-');
  return launch(
    'warsztat',
    [...nodeFlags(options), '--import', 'tsx', path.join(options.root ?? ROOT, 'server/main.ts')],
    // The harness makes hundreds of boards from one address; the per-address limit is not what it measures.
    { PORT: '0', HOST, DATA_DIR: dataDir, LOG_LEVEL: 'warn', BOARD_CREATE_LIMIT: '1000000', ...env },
    /Warsztat: http:\/\/[^:\s]+:(\d+)/,
    (m) => Number(m[1]),
    dataDir,
    options.root,
    options.logFile,
  );
}

/** The stock y-websocket server (no persistence: YPERSISTENCE unset), via its own bin script. */
export async function startStock(options: StartOptions = {}): Promise<BenchServer> {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/@y/websocket-server/package.json'), 'utf8')) as { bin: Record<string, string> };
  const bin = path.join(ROOT, 'node_modules/@y/websocket-server', pkg.bin['y-websocket-server'] ?? 'src/server.js');
  // It prints the port it was given, so PORT=0 would not tell us the real one.
  const port = await freePort();
  return launch('stock', [...nodeFlags(options), bin], { HOST, PORT: String(port) }, /running at/, () => port);
}

export function startServer(kind: ServerKind, env: Record<string, string> = {}, options: StartOptions = {}): Promise<BenchServer> {
  return kind === 'warsztat' ? startWarsztat(env, options) : startStock(options);
}
