/**
 * BENCH_ONLY=transport (#21): should facilitation ride the board's own WebSocket as a message
 * type instead of socket.io? The same exchange (command → state to everyone → acknowledgement)
 * on both transports, servers in their own processes (bench/lib/transport-server.ts), started
 * fresh and interleaved over rounds. Measured: server RSS idle and per connection, command
 * round trip (p50/p99) and server CPU under a workshop's command rate.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { io as socketIo, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import net from 'node:net';
import { ROOT } from '../lib/servers';
import { machineInfo, loadAverage, procCpuSeconds, procMemory } from '../lib/proc';

type Kind = 'socketio' | 'ws';

export interface TransportRow {
  kind: Kind;
  round: number;
  clients: number;
  idleRssMiB: number;
  connectedRssMiB: number;
  perConnectionKiB: number;
  commands: number;
  p50: number;
  p99: number;
  serverCpuSeconds: number;
  statesReceived: number;
  error?: string;
}

interface Client {
  send(id: number, from: string): void;
  close(): void;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function startServer(kind: Kind): Promise<{ child: ChildProcess; port: number }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench/lib/transport-server.ts'), kind, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`transport server exited with ${code}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve();
    });
  });
  return { child, port };
}

function connect(kind: Kind, port: number, onAck: (id: number) => void, onState: () => void): Promise<Client> {
  if (kind === 'socketio') {
    const socket: Socket = socketIo(`http://127.0.0.1:${port}`, { transports: ['websocket'], reconnection: false, forceNew: true });
    socket.on('state', onState);
    return new Promise((resolve, reject) => {
      socket.once('connect_error', reject);
      socket.once('connect', () =>
        resolve({
          send: (id, from) => socket.emit('command', { from }, () => onAck(id)),
          close: () => socket.disconnect(),
        }),
      );
    });
  }
  const ws = new WebSocket(`ws://127.0.0.1:${port}`);
  ws.on('message', (data) => {
    const text = String(data);
    if (text.startsWith('{"t":"ack"')) onAck((JSON.parse(text) as { id: number }).id);
    else onState();
  });
  return new Promise((resolve, reject) => {
    ws.once('error', reject);
    ws.once('open', () => resolve({ send: (id, from) => ws.send(JSON.stringify({ id, command: { from } })), close: () => ws.close() }));
  });
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! : NaN);

/** One server, `clients` connections, each sending a command every `everyMs` for `seconds`. */
async function measure(kind: Kind, round: number, clients: number, everyMs: number, seconds: number): Promise<TransportRow> {
  // One node process (tsx as a loader, not a wrapper), so its pid is the server's own.
  const { child, port } = await startServer(kind);
  const pid = child.pid!;
  const row: TransportRow = { kind, round, clients, idleRssMiB: 0, connectedRssMiB: 0, perConnectionKiB: 0, commands: 0, p50: NaN, p99: NaN, serverCpuSeconds: 0, statesReceived: 0 };
  const open: Client[] = [];
  try {
    await settle(1000);
    row.idleRssMiB = procMemory(pid).rssMiB;
    const sentAt = new Map<number, number>();
    const latencies: number[] = [];
    const onAck = (id: number) => {
      const at = sentAt.get(id);
      if (at === undefined) return;
      sentAt.delete(id);
      latencies.push(performance.now() - at);
    };
    for (let i = 0; i < clients; i++) open.push(await connect(kind, port, onAck, () => row.statesReceived++));
    await settle(2000);
    row.connectedRssMiB = procMemory(pid).rssMiB;
    row.perConnectionKiB = ((row.connectedRssMiB - row.idleRssMiB) * 1024) / clients;
    row.statesReceived = 0;
    const cpuBefore = procCpuSeconds(pid);
    let next = 0;
    // Commands spread evenly over the window: one every everyMs / clients.
    const gap = everyMs / clients;
    const ends = performance.now() + seconds * 1000;
    const started = performance.now();
    while (performance.now() < ends) {
      const id = next++;
      const due = started + id * gap;
      const wait = due - performance.now();
      if (wait > 1) await settle(wait);
      sentAt.set(id, performance.now());
      open[id % clients]!.send(id, `c${id % clients}`);
    }
    const deadline = performance.now() + 5000;
    while (sentAt.size > 0 && performance.now() < deadline) await settle(20);
    row.serverCpuSeconds = procCpuSeconds(pid) - cpuBefore;
    row.commands = next;
    const sorted = latencies.sort((a, b) => a - b);
    row.p50 = percentile(sorted, 0.5);
    row.p99 = sentAt.size > 0 ? Infinity : percentile(sorted, 0.99);
    if (sentAt.size > 0) row.error = `${sentAt.size} commands unanswered`;
  } catch (error) {
    row.error = (error as Error).message;
  } finally {
    for (const client of open) client.close();
    child.kill('SIGKILL');
  }
  return row;
}

export const TRANSPORT_HEADING = '## Facilitation transport: socket.io or a message type on the board WebSocket (#21)';

export async function runTransportBench(out: string, priority: string, log: (line: string) => void): Promise<TransportRow[]> {
  const sizes = (process.env.BENCH_TRANSPORT_CLIENTS ?? '50,200').split(',').map(Number);
  const rounds = Number(process.env.BENCH_TRANSPORT_ROUNDS ?? 2);
  const seconds = Number(process.env.BENCH_TRANSPORT_SECONDS ?? 15);
  // A workshop's commands: each person about one every 5 s (votes, hands, scores, drafts).
  const everyMs = Number(process.env.BENCH_TRANSPORT_EVERY_MS ?? 5000);
  const started = new Date();
  const loadBefore = loadAverage();
  const rows: TransportRow[] = [];
  for (let round = 1; round <= rounds; round++) {
    for (const clients of sizes) {
      const order: Kind[] = round % 2 ? ['socketio', 'ws'] : ['ws', 'socketio'];
      for (const kind of order) {
        log(`  transport round ${round}: ${kind}, ${clients} clients`);
        rows.push(await measure(kind, round, clients, everyMs, seconds));
      }
    }
  }
  const machine = machineInfo();
  const fmt = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '∞');
  const lines = [
    TRANSPORT_HEADING,
    '',
    `Run on ${started.toISOString()}; ${machine.cpus} CPU (${machine.cpuModel}), ${machine.memoryGiB.toFixed(1)} GiB, node ${machine.node}; load average before ${loadBefore}, after ${loadAverage()}; priority ${priority}. Command: \`BENCH_ONLY=transport npm run bench\` (bench/scenarios/transport.ts, bench/lib/transport-server.ts; BENCH_TRANSPORT_CLIENTS=${sizes.join(',')}, ROUNDS=${rounds}, SECONDS=${seconds}, EVERY_MS=${everyMs}).`,
    '',
    'The same exchange on both: a command, the whole state (about 1.6 KB of JSON) to everyone in the room, an acknowledgement to the sender. Servers started fresh for each row, in their own process, interleaved.',
    '',
    '| transport | round | clients | idle RSS MiB | RSS with clients MiB | KiB per connection | commands | ack p50 ms | ack p99 ms | server CPU s | states received |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r.kind === 'ws' ? 'message type on a WebSocket' : 'socket.io'}${r.error ? ` (${r.error})` : ''} | ${r.round} | ${r.clients} | ${fmt(r.idleRssMiB)} | ${fmt(r.connectedRssMiB)} | ${fmt(r.perConnectionKiB, 0)} | ${r.commands} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${fmt(r.serverCpuSeconds, 2)} | ${r.statesReceived} |`),
    '',
  ];
  const section = `${lines.join('\n')}\n`;
  const old = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : '# Benchmarks\n';
  const start = old.indexOf(`${TRANSPORT_HEADING}\n`);
  let next = -1;
  if (start >= 0) {
    const rest = old.slice(start + TRANSPORT_HEADING.length);
    const at = rest.search(/^## /m);
    next = at < 0 ? -1 : start + TRANSPORT_HEADING.length + at;
  }
  const written = start < 0 ? `${old.trimEnd()}\n\n${section}` : `${old.slice(0, start)}${section}${next < 0 ? '' : `\n${old.slice(next)}`}`;
  fs.writeFileSync(out, written);
  return rows;
}
