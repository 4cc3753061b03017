/**
 * Hidden notes under load (#14, item 5): participants write private-brainstorming notes of
 * 10 KB at a steady rate over socket.io against a real server process (SQLite), while a
 * prober times `/api/health`; then the server is killed with SIGKILL mid-load, started again
 * on the same data, and every acknowledged note is looked for. Run on this checkout and,
 * beside it in the same run, on an older one (BENCH_DRAFTS_BASELINE) for the comparison.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { io, type Socket } from 'socket.io-client';
import { makeTempDir, startWarsztat, type BenchServer } from '../lib/servers';
import { nowMs } from '../lib/proc';
import { distribution, ms, sleep, type Distribution } from '../lib/stats';

export interface DraftsOptions {
  seconds: number;
  clients: number;
  perSecond: number;
  /** Characters of each note's text (the limit is LIMITS.maxTextLength). */
  textLength: number;
  /** Distinct notes per participant: each put writes one of them anew. */
  notesPerClient: number;
  /** Seconds of load after the measurement, before the SIGKILL. */
  killAfterSeconds: number;
}

export interface DraftsRow {
  label: string;
  code: string;
  health: Distribution;
  ack: Distribution;
  sent: number;
  acked: number;
  refused: number;
  /** Refusals by their error message. */
  refusals: Record<string, number>;
  /** Acknowledged notes (latest acknowledged version of each id) and how many of them were missing after the restart. */
  durability: { notes: number; lost: number; ackedBeforeKill: number } | null;
  error?: string;
}

const FRAME = 'bench-private-frame';
const ACK_TIMEOUT_MS = 30_000;

interface Board {
  id: string;
  tokens: { facilitator: string; participant: string };
}

function connect(url: string, auth: Record<string, string>): Promise<Socket> {
  const socket = io(url, { auth: { name: '', ...auth }, transports: ['websocket'], reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once('state', () => resolve(socket));
    socket.once('connect_error', (err) => reject(err));
  });
}

/** The author's whole list, which the server sends once on joining. */
function listOnJoin(url: string, auth: Record<string, string>): Promise<{ id: string; text: string }[]> {
  const socket = io(url, { auth: { name: '', ...auth }, transports: ['websocket'], reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.disconnect();
      // Older servers sent nothing to an author without notes.
      resolve([]);
    }, 5_000);
    socket.once('my-drafts', ({ drafts }: { drafts: { id: string; text: string }[] }) => {
      clearTimeout(timer);
      socket.disconnect();
      resolve(drafts);
    });
    socket.once('connect_error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

async function createPrivateBoard(server: BenchServer): Promise<Board> {
  const res = await fetch(`${server.httpUrl}/api/boards`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'Bench: hidden notes' }) });
  if (res.status !== 201) throw new Error(`POST /api/boards: ${res.status} ${await res.text()}`);
  const board = (await res.json()) as Board;
  const facilitator = await connect(server.httpUrl, { boardId: board.id, token: board.tokens.facilitator, sessionId: 'bench-facilitator' });
  const ack = (await facilitator.timeout(ACK_TIMEOUT_MS).emitWithAck('command', { type: 'private.set', frameId: FRAME, on: true })) as { ok: boolean; error?: string };
  facilitator.disconnect();
  if (!ack.ok) throw new Error(`private.set: ${ack.error}`);
  return board;
}

/** The label of a checkout: its commit and whether server/ or shared/ differ from it. */
export function describeCheckout(root: string): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'server', 'shared'], { cwd: root, encoding: 'utf8' }).trim();
    return dirty ? `${head} + uncommitted changes` : head;
  } catch {
    return root;
  }
}

export async function runDrafts(label: string, root: string | undefined, options: DraftsOptions, log: (line: string) => void): Promise<DraftsRow> {
  const dataDir = makeTempDir('warsztat-bench-drafts-');
  // Inside the per-connection limit as in the report; the rate limit is not what is measured.
  const env = { DATA_DIR: dataDir, SQLITE_SYNCHRONOUS: 'NORMAL' };
  const row: DraftsRow = { label, code: describeCheckout(root ?? process.cwd()), health: distribution([]), ack: distribution([]), sent: 0, acked: 0, refused: 0, refusals: {}, durability: null };
  let server: BenchServer | undefined;
  const sockets: Socket[] = [];
  try {
    server = await startWarsztat(env, { root });
    const board = await createPrivateBoard(server);
    for (let i = 0; i < options.clients; i++) sockets.push(await connect(server.httpUrl, { boardId: board.id, token: board.tokens.participant, sessionId: `bench-author-${i}` }));

    const padding = 'x'.repeat(options.textLength);
    const ackMs: number[] = [];
    const healthMs: number[] = [];
    let measuring = true;
    let missingAcks = 0;
    /** Commands of the measured window still waiting for their acknowledgement. */
    let waiting = 0;
    /** Latest acknowledged sequence number of each note, by author and id. */
    const acked = new Map<string, number>();
    let seq = 0;
    const putsOf = sockets.map(() => 0);
    const put = (client: number, socket: Socket) => {
      const n = seq++;
      const id = `n${client}-${putsOf[client]!++ % options.notesPerClient}`;
      const text = `${n} ${padding}`.slice(0, options.textLength);
      const started = nowMs();
      const inWindow = measuring;
      if (inWindow) waiting++;
      row.sent++;
      socket
        .timeout(ACK_TIMEOUT_MS)
        .emitWithAck('command', { type: 'draft.put', id, frameId: FRAME, text, x: 10, y: 10, color: '#fde68a' })
        .then((ack: { ok: boolean; error?: string }) => {
          if (inWindow) {
            waiting--;
            ackMs.push(nowMs() - started);
          }
          if (!ack.ok) {
            row.refused++;
            row.refusals[ack.error ?? '?'] = (row.refusals[ack.error ?? '?'] ?? 0) + 1;
            return;
          }
          row.acked++;
          const key = `${client}:${id}`;
          acked.set(key, Math.max(acked.get(key) ?? -1, n));
        })
        .catch(() => {
          if (!inWindow) return;
          waiting--;
          missingAcks++;
        });
    };
    const timers = sockets.map((socket, client) => {
      // Spread over the interval, so the clients do not all send in the same millisecond.
      const interval = 1000 / options.perSecond;
      let timer: NodeJS.Timeout | undefined;
      const start = setTimeout(() => {
        put(client, socket);
        timer = setInterval(() => put(client, socket), interval);
      }, (interval * client) / options.clients);
      return () => {
        clearTimeout(start);
        clearInterval(timer);
      };
    });
    const url = server.httpUrl;
    const prober = (async () => {
      while (measuring) {
        const started = nowMs();
        try {
          const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(30_000) });
          await res.arrayBuffer();
          healthMs.push(nowMs() - started);
        } catch {
          healthMs.push(Infinity);
        }
        await sleep(50);
      }
    })();
    log(`    ${label}: ${options.clients} authors × ${options.perSecond} notes/s of ${options.textLength / 1000} KB for ${options.seconds} s…`);
    await sleep(options.seconds * 1000);
    measuring = false;
    await prober;
    row.health = distribution([healthMs]);
    // Acknowledgements of the window get 5 s more; those still missing then count as never answered.
    await sleep(5_000);
    row.ack = distribution([ackMs.slice()], missingAcks + waiting);
    log(`      /api/health p50 ${ms(row.health.p50)}, p99 ${ms(row.health.p99)}, max ${ms(row.health.max)}; ack p50 ${ms(row.ack.p50)}, p99 ${ms(row.ack.p99)}; ${row.acked} acked, ${row.refused} refused`);

    // Durability: load goes on, the server is killed mid-way, started again on the same data.
    await sleep(options.killAfterSeconds * 1000);
    const ackedBeforeKill = row.acked;
    process.kill(server.pid, 'SIGKILL');
    for (const stop of timers) stop();
    const snapshot = new Map(acked);
    for (const socket of sockets) socket.disconnect();
    await server.stop();
    server = await startWarsztat(env, { root });
    let lost = 0;
    for (let client = 0; client < options.clients; client++) {
      const drafts = await listOnJoin(server.httpUrl, { boardId: board.id, token: board.tokens.participant, sessionId: `bench-author-${client}` });
      const stored = new Map(drafts.map((d) => [d.id, Number(d.text.split(' ')[0])]));
      for (const [key, n] of snapshot) {
        const [owner, id] = key.split(':');
        if (Number(owner) === client && (stored.get(id!) ?? -1) < n) lost++;
      }
    }
    row.durability = { notes: snapshot.size, lost, ackedBeforeKill };
    log(`      SIGKILL after ${ackedBeforeKill} acks: ${lost} of ${snapshot.size} acknowledged notes missing after the restart`);
  } catch (error) {
    row.error = (error as Error).stack ?? String(error);
    log(`      error: ${(error as Error).message}`);
  } finally {
    for (const socket of sockets) socket.disconnect();
    await server?.stop();
  }
  return row;
}

/** The section of docs/benchmarks.md for this scenario. */
export function draftsSection(rows: DraftsRow[], options: DraftsOptions, context: { date: string; machine: string; load: string; priority: string }): string {
  const cell = (d: Distribution) => `${ms(d.p50)} / ${ms(d.p99)} / ${ms(d.max)}`;
  const lines = [
    DRAFTS_HEADING,
    '',
    `Measured ${context.date} on ${context.machine}; load average before the run ${context.load} (the machine is shared by other engineers). Priority: ${context.priority}. Command: \`BENCH_ONLY=drafts BENCH_DRAFTS_BASELINE=<older checkout> npm run bench\` (bench/scenarios/drafts.ts).`,
    '',
    `Load: ${options.clients} socket.io clients (participants) of one board, each sending \`draft.put\` of ${options.textLength.toLocaleString('en')} characters at ${options.perSecond}/s (inside the per-connection command limit) for ${options.seconds} s, rewriting ${options.notesPerClient} notes each in turn, against a real server process (SQLite, SQLITE_SYNCHRONOUS=NORMAL). A prober asks \`GET /api/health\` one at a time, every 50 ms. Ack latency: from emitting the command to its acknowledgement; one still missing 5 s after the window counts as never answered (∞). Then, after ${options.killAfterSeconds} s more of the same load, the server is killed with SIGKILL, started again on the same data, and each author's list (sent once on joining) is checked for the latest acknowledged version of every note. Target: /api/health p99 ≤ 50 ms, and no acknowledged note lost.`,
    '',
    '| Code | /api/health p50 / p99 / max (probes) | ack p50 / p99 / max | notes acked / refused / sent | acknowledged notes lost after SIGKILL |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map((r) =>
      r.error
        ? `| ${r.label} (${r.code}) | failed: ${r.error.split('\n')[0]} | | | |`
        : `| ${r.label} (${r.code}) | ${cell(r.health)} (${r.health.count}) | ${cell(r.ack)}${r.ack.missing ? ` (${r.ack.missing} never answered)` : ''} | ${r.acked} / ${r.refused}${r.refused ? ` (${Object.entries(r.refusals).map(([error, n]) => `${n}× “${error}”`).join(', ')})` : ''} / ${r.sent} | ${r.durability ? `${r.durability.lost} of ${r.durability.notes}` : '–'} |`,
    ),
    '',
    '∞ (undelivered): a probe not answered within its 30 s timeout, or an acknowledgement still missing 5 s after the window. Few probes mean each waited long for its answer.',
  ];
  return `${lines.join('\n')}\n`;
}

export const DRAFTS_HEADING = '## 7. Hidden notes under load (#14, item 5)';

/** Replaces this scenario's section of the report (or appends it), leaving the rest as it is. */
export function spliceDraftsSection(old: string, section: string): string {
  const start = old.indexOf(`${DRAFTS_HEADING}\n`);
  if (start < 0) return `${old.trimEnd()}\n\n${section}`;
  const rest = old.slice(start + DRAFTS_HEADING.length);
  const next = rest.search(/^## /m);
  return `${old.slice(0, start)}${section}${next < 0 ? '' : `\n${rest.slice(next)}`}`;
}

/** Settings from the environment (BENCH_DRAFTS_*), with the load of the report as defaults. */
export function loadDraftsOptions(): DraftsOptions & { baseline: string | undefined } {
  const num = (name: string, fallback: number) => {
    const raw = process.env[name];
    const value = raw === undefined || raw === '' ? fallback : Number(raw);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got ${raw}`);
    return value;
  };
  return {
    seconds: num('BENCH_DRAFTS_SECONDS', 40),
    clients: Math.round(num('BENCH_DRAFTS_CLIENTS', 8)),
    perSecond: num('BENCH_DRAFTS_PER_SECOND', 8),
    textLength: Math.round(num('BENCH_DRAFTS_TEXT', 10_000)),
    notesPerClient: Math.round(num('BENCH_DRAFTS_NOTES', 100)),
    killAfterSeconds: num('BENCH_DRAFTS_KILL_AFTER_SECONDS', 3),
    baseline: process.env.BENCH_DRAFTS_BASELINE || undefined,
  };
}

/** Runs the older checkout (if given) and this one, one after the other, and writes the section. */
export async function runDraftsBench(file: string, priority: string, log: (line: string) => void): Promise<DraftsRow[]> {
  const options = loadDraftsOptions();
  const load = fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  const cpu = execFileSync('sh', ['-c', "lscpu | grep 'Model name' | sed 's/Model name: *//'"], { encoding: 'utf8' }).trim();
  const machine = `${execFileSync('nproc', { encoding: 'utf8' }).trim()} CPUs (nproc), ${cpu}`;
  log(`\n[7] hidden notes: ${options.clients} authors × ${options.perSecond}/s of ${options.textLength} characters, ${options.seconds} s, then SIGKILL`);
  const rows: DraftsRow[] = [];
  if (options.baseline) rows.push(await runDrafts('before', options.baseline, options, log));
  rows.push(await runDrafts(options.baseline ? 'after' : 'this checkout', undefined, options, log));
  const date = `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const old = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
  fs.writeFileSync(file, spliceDraftsSection(old, draftsSection(rows, options, { date, machine, load, priority })));
  return rows;
}
