import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createElement, putIntoFrame } from '../../shared/ops/elements';
import type { ControlState } from '../../shared/protocol/state';
import { elementsOf } from '../../shared/schema/doc';
import { eventually, keepWriting, roundTrip, stockClient, synced, waitFor } from '../helpers/clients';
import { controlClient } from '../helpers/control';
import { onCleanup, startServerProcess, tempDir, type ServerProcess } from '../helpers/server';
import { POSTGRES_URL, REDIS_URL, servicesUnavailable, freshSchema } from '../helpers/services';

const skipReason = await servicesUnavailable();

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A Redis of the test's own, so that restarting it disturbs nothing else. */
async function privateRedis(port: number): Promise<{ stop(): Promise<void> }> {
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  onCleanup(stop);
  const deadline = Date.now() + 5000;
  for (;;) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (up) break;
    if (Date.now() > deadline) throw new Error('private redis did not start');
    await new Promise((r) => setTimeout(r, 50));
  }
  return { stop };
}

async function cluster(redisUrl = REDIS_URL) {
  const schema = freshSchema();
  const env = { DATABASE_URL: POSTGRES_URL, DATABASE_SCHEMA: schema, REDIS_URL: redisUrl, RESYNC_MS: '500' };
  const start = () => startServerProcess(tempDir(), env);
  const [a, b] = await Promise.all([start(), start()]);
  return { a, b, start, schema };
}

/** For a failed durability check: how many of the missing edits PostgreSQL holds, and what each process logged. */
async function lossReport(schema: string, boardId: string, missing: string[], processes: Record<string, ServerProcess>): Promise<string> {
  const db = new pg.Client({ connectionString: POSTGRES_URL });
  await db.connect();
  try {
    const { rows } = await db.query<{ data: Buffer }>(`SELECT data FROM "${schema}".updates WHERE board_id = $1 ORDER BY seq`, [boardId]);
    const stored = new Y.Doc();
    for (const row of rows) Y.applyUpdate(stored, new Uint8Array(row.data));
    const inStore = missing.filter((id) => elementsOf(stored).has(id)).length;
    const logs = Object.entries(processes).map(([name, p]) => `--- ${name} ---\n${p.output().slice(-4000)}`).join('\n');
    return `${missing.length} relayed edits missing; ${inStore} of them are in PostgreSQL (${rows.length} rows)\n${logs}`;
  } finally {
    await db.end();
  }
}

const client = (server: ServerProcess, boardId: string, token: string) => stockClient(server.wsUrl, boardId, token);
const sameState = (x: Y.Doc, y: Y.Doc) => Buffer.from(Y.encodeStateVector(x)).equals(Buffer.from(Y.encodeStateVector(y)));

describe.skipIf(skipReason !== null)('two processes on PostgreSQL and Redis', () => {
  it('clients on different processes converge both ways, also under 200 concurrent edits', { timeout: 180_000 }, async () => {
    const { a, b } = await cluster();
    const board = await a.createBoard('Dwa procesy');
    const onA = client(a, board.id, board.tokens.participant);
    const onB = client(b, board.id, board.tokens.participant);
    const onA2 = client(a, board.id, board.tokens.participant);
    const onB2 = client(b, board.id, board.tokens.participant);
    await Promise.all([synced(onA), synced(onB), synced(onA2), synced(onB2)]);
    const fromA = createElement(onA.doc, { type: 'note', text: 'z procesu A' });
    await waitFor(() => elementsOf(onB.doc).has(fromA), 5000, 'A → B');
    const fromB = createElement(onB.doc, { type: 'note', text: 'z procesu B' });
    await waitFor(() => elementsOf(onA.doc).has(fromB), 5000, 'B → A');

    const writers = [onA, onB, onA2, onB2];
    await Promise.all(writers.map(async (w, i) => {
      for (let k = 0; k < 50; k++) {
        createElement(w.doc, { type: 'note', text: `${i}-${k}`, x: k * 10 });
        if (k % 10 === 0) await new Promise((r) => setTimeout(r, 1));
      }
    }));
    await waitFor(() => writers.every((w) => elementsOf(w.doc).size === 202) && writers.every((w) => sameState(w.doc, onA.doc)), 15_000, 'all 200 edits everywhere');
  });

  it('after SIGKILL of one process, a new process has every edit that had been relayed', { timeout: 180_000 }, async () => {
    const { a, b, start, schema } = await cluster();
    const board = await a.createBoard('SIGKILL');
    const writer = client(a, board.id, board.tokens.participant);
    const reader = client(b, board.id, board.tokens.participant);
    await Promise.all([synced(writer), synced(reader)]);
    const writing = keepWriting(writer.doc, (doc, i) => createElement(doc, { type: 'note', text: `edycja ${i}` }));
    await waitFor(() => elementsOf(reader.doc).size >= 100, 15_000, 'reader on B to receive 100 edits');
    await a.kill('SIGKILL');
    await writing.stop();
    const relayed = [...elementsOf(reader.doc).keys()];
    writer.provider.disconnect();
    reader.provider.disconnect();
    const c = await start();
    const check = client(c, board.id, board.tokens.observer);
    await synced(check);
    const missing = relayed.filter((id) => !elementsOf(check.doc).has(id));
    // A miss must say where the edits went: stored but not served, or never stored.
    const report = missing.length === 0 ? '' : await lossReport(schema, board.id, missing, { a, b, c });
    expect(missing, report).toEqual([]);
  });

  it('after a Redis restart mid-session, everyone converges within 10 s', { timeout: 180_000 }, async () => {
    const port = await freePort();
    const redis = await privateRedis(port);
    const { a, b } = await cluster(`redis://127.0.0.1:${port}`);
    const board = await a.createBoard('Restart Redisa');
    const onA = client(a, board.id, board.tokens.participant);
    const onB = client(b, board.id, board.tokens.participant);
    await Promise.all([synced(onA), synced(onB)]);
    await redis.stop();
    const duringA = createElement(onA.doc, { type: 'note', text: 'podczas awarii (A)' });
    const duringB = createElement(onB.doc, { type: 'note', text: 'podczas awarii (B)' });
    // Both processes hold their side's note while Redis is down.
    await Promise.all([roundTrip(onA), roundTrip(onB)]);
    await privateRedis(port);
    const restarted = Date.now();
    await waitFor(() => elementsOf(onA.doc).has(duringB) && elementsOf(onB.doc).has(duringA) && sameState(onA.doc, onB.doc), 10_000, 'convergence after the restart');
    expect(Date.now() - restarted).toBeLessThan(10_000);
  });

  it('facilitation reaches clients on the other process, and locks hold there too', { timeout: 180_000 }, async () => {
    const { a, b } = await cluster();
    const board = await a.createBoard('Prowadzenie');
    const setup = client(a, board.id, board.tokens.facilitator);
    await synced(setup);
    const frame = createElement(setup.doc, { type: 'frame', title: 'Zablokowana', w: 800, h: 600 });
    const note = createElement(setup.doc, { type: 'note', text: 'w ramce', x: 50, y: 50 });
    putIntoFrame(setup.doc, [note], frame);
    const facilitator = await controlClient(a.url, { boardId: board.id, token: board.tokens.facilitator, sessionId: 'f' });
    const participant = await controlClient(b.url, { boardId: board.id, token: board.tokens.participant, sessionId: 'p' });
    const participantDoc = client(b, board.id, board.tokens.participant);
    await synced(participantDoc);
    await waitFor(() => elementsOf(participantDoc.doc).has(note), 5000, 'note on B');

    const timer = participant.next<{ state: ControlState }>('state');
    expect(await facilitator.send({ type: 'timer.start', seconds: 120 })).toEqual({ ok: true });
    expect((await timer).state.timer.running).toBe(true);
    expect(await facilitator.send({ type: 'lock.frame', frameId: frame, locked: true })).toEqual({ ok: true });
    // Process B knows of the lock once its own client is told.
    await waitFor(() => participant.last<{ state: ControlState }>('state')!.state.locks.frames.includes(frame), 5000, 'the lock on process B');
    const x = elementsOf(participantDoc.doc).get(note)!.get('x');
    elementsOf(participantDoc.doc).get(note)!.set('x', 4321);
    await waitFor(() => elementsOf(participantDoc.doc).get(note)!.get('x') === x, 5000, 'locked edit undone on process B');
    // The late joiner on B sees the state that was set on A.
    const late = await controlClient(b.url, { boardId: board.id, token: board.tokens.observer, sessionId: 'o' });
    expect(late.last<{ state: ControlState }>('state')!.state.locks.frames).toEqual([frame]);
  });

  it('hidden notes travel between processes as changes, and both hold the same list', { timeout: 180_000 }, async () => {
    const { a, b } = await cluster();
    const board = await a.createBoard('Ukryte karteczki');
    const facilitator = await controlClient(a.url, { boardId: board.id, token: board.tokens.facilitator, sessionId: 'f' });
    const watcher = await controlClient(b.url, { boardId: board.id, token: board.tokens.observer, sessionId: 'o' });
    expect(await facilitator.send({ type: 'private.set', frameId: 'ramka', on: true })).toEqual({ ok: true });
    await waitFor(() => watcher.last<{ state: ControlState }>('state')!.state.privateFrames.includes('ramka'), 5000, 'private frame on B');
    const onA = await controlClient(a.url, { boardId: board.id, token: board.tokens.participant, sessionId: 'autorka' });
    const onB = await controlClient(b.url, { boardId: board.id, token: board.tokens.participant, sessionId: 'autorka' });
    const draft = { id: 'u1', frameId: 'ramka', text: 'Ławki przy szkole', x: 5, y: 5, color: '#fde68a' };

    const seenOnB = onB.next<{ put: unknown[] }>('my-drafts.changed');
    expect(await onA.send({ type: 'draft.put', ...draft })).toEqual({ ok: true });
    expect((await seenOnB).put).toEqual([draft]);
    await waitFor(() => watcher.last<{ state: ControlState }>('state')!.state.draftCounts.ramka === 1, 5000, 'the count on B');
    // Process B holds the note too: it can change it.
    expect(await onB.send({ type: 'draft.put', ...draft, text: 'Ławki i kosze' })).toEqual({ ok: true });
    const listOn = async (server: ServerProcess) => {
      const tab = await controlClient(server.url, { boardId: board.id, token: board.tokens.participant, sessionId: 'autorka' });
      await waitFor(() => tab.last('my-drafts') !== undefined, 5000, 'the list of hidden notes');
      return tab.last<{ drafts: { text: string }[] }>('my-drafts')!.drafts.map((d) => d.text);
    };
    // A learns of it through the relay, not through the author's socket: a new tab on A shows it.
    const deadline = Date.now() + 5000;
    while ((await listOn(a)).join() !== 'Ławki i kosze') if (Date.now() > deadline) throw new Error('the change did not reach A');
    expect(await listOn(b)).toEqual(['Ławki i kosze']);
  });
});

it('GET /api/ready checks storage; /metrics speaks Prometheus', { timeout: 180_000 }, async () => {
  const server = await startServerProcess(tempDir());
  const ready = await fetch(`${server.url}/api/ready`);
  expect(ready.status).toBe(200);
  expect(await ready.json()).toEqual({ status: 'ready' });
  const board = await server.createBoard();
  const c = stockClient(server.wsUrl, board.id, board.tokens.participant);
  await synced(c);
  createElement(c.doc, { type: 'note', text: 'licz mnie' });
  let text = '';
  await eventually(async () => /warsztat_updates_stored_total [1-9]/.test((text = await (await fetch(`${server.url}/metrics`)).text())), 5000, 'the stored update in /metrics');
  expect(text).toMatch(/warsztat_sync_connections 1/);
  expect(text).toMatch(/warsztat_updates_stored_total [1-9]/);
  expect(text).toMatch(/warsztat_storage_write_seconds_bucket/);
});
