import * as Y from 'yjs';
import { elementsOf } from '../../shared/schema/doc';
import { createElement, deleteElements, moveElements } from '../../shared/ops/elements';
import { LightClient } from '../lib/light-client';
import { until } from '../lib/stats';
import { LoopMonitor, lightUrl, nowMs } from './common';
import type { LoopDelay, RoomAccess } from './types';

/** The soak's load in one worker thread: a population of light clients that join, edit and leave. */
export interface SoakStartArgs {
  wsBase: string;
  /** Every board of the soak; each worker's clients pick among all of them. */
  rooms: RoomAccess[];
  /** Clients this worker keeps connected (a leaving one is replaced). */
  population: number;
  /** The first `population` clients join spread over this long. */
  rampMs: number;
  /** A session lasts a uniformly random time in [min, max]. */
  sessionMs: [number, number];
  /** Pause between two edits of one client, uniformly random in [min, max]. */
  editEveryMs: [number, number];
  /** Mean pause between two cursor updates of one client (± 50 %). */
  cursorEveryMs: number;
  /** Period of a board's popularity: each board is chosen only during half of it. */
  boardCycleMs: number;
  /** Notes per board above which clients delete a note instead of creating one. */
  notesPerBoard: number;
  /** Share of leaves that cut the connection instead of closing it properly. */
  abruptShare: number;
  /** Worker index: spreads popularity phases and names. */
  worker: number;
  timeoutMs: number;
}

export interface SoakStatus {
  /** Clients connected and synced now. */
  active: number;
  /** Sessions started (connect attempted), synced, and ended by leaving as planned. */
  joins: number;
  synced: number;
  leaves: number;
  editsSent: number;
  /** Edits covered by the server's answer to the leaving client's sync step 1 (durable). */
  editsAcked: number;
  /** Edits of sessions that ended without that answer (error or no reply). */
  editsUnacked: number;
  cursorsSent: number;
  /** Client-side failures by kind (connect, dropped by server, no ack, op error). */
  errors: Record<string, number>;
  /** The first few error messages, for the report. */
  firstErrors: string[];
  loopDelay: LoopDelay;
  /** Each session's board (index into rooms) and when it synced and left (nowMs clock); filled by stop(). */
  visits: [number, number, number][];
}

interface Session {
  client: LightClient;
  room: number;
  syncedAt: number;
  name: string;
  edits: number;
  leaving: boolean;
  timers: NodeJS.Timeout[];
}

let args: SoakStartArgs | undefined;
let running = false;
let startedAt = 0;
let serial = 0;
const sessions = new Set<Session>();
const spawnTimers = new Set<NodeJS.Timeout>();
const loop = new LoopMonitor();
let status: SoakStatus = emptyStatus();
let visits: [number, number, number][] = [];

function emptyStatus(): SoakStatus {
  return { active: 0, joins: 0, synced: 0, leaves: 0, editsSent: 0, editsAcked: 0, editsUnacked: 0, cursorsSent: 0, errors: {}, firstErrors: [], loopDelay: { p50: NaN, p99: NaN, max: NaN }, visits: [] };
}

const between = ([min, max]: [number, number]) => min + Math.random() * (max - min);

function fail(kind: string, message: string): void {
  status.errors[kind] = (status.errors[kind] ?? 0) + 1;
  if (status.firstErrors.length < 10) status.firstErrors.push(`${kind}: ${message}`);
}

/**
 * A board's weight now: a sine with a phase of its own, cut at zero, so that at any moment
 * about half the boards draw clients and the others empty out, unload and later reload.
 */
function pickRoom(a: SoakStartArgs): number {
  const t = (nowMs() - startedAt) / a.boardCycleMs;
  const weights = a.rooms.map((_, i) => Math.max(0, Math.sin(2 * Math.PI * (t + i / a.rooms.length))));
  const total = weights.reduce((sum, w) => sum + w, 0);
  let r = Math.random() * total;
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i]!;
    if (r <= 0 && weights[i]! > 0) return i;
  }
  return Math.floor(Math.random() * a.rooms.length);
}

function notesOf(doc: Y.Doc): string[] {
  const ids: string[] = [];
  elementsOf(doc).forEach((element, id) => {
    if (element instanceof Y.Map && element.get('type') === 'note') ids.push(id);
  });
  return ids;
}

const pick = <T>(items: T[]): T | undefined => items[Math.floor(Math.random() * items.length)];

/** One small edit, as a person at a workshop makes: a new note, a move, a few letters, a deletion. */
function editOnce(session: Session, a: SoakStartArgs): void {
  const { client } = session;
  const doc = client.doc;
  const notes = notesOf(doc);
  const roll = Math.random();
  client.edit(() => {
    if (notes.length === 0 || (roll < 0.2 && notes.length < a.notesPerBoard)) {
      createElement(doc, { type: 'note', x: Math.round(Math.random() * 1600), y: Math.round(Math.random() * 900), text: `note of ${session.name}` }, session.name);
    } else if (roll < 0.2) {
      deleteElements(doc, [pick(notes)!]);
    } else if (roll < 0.35) {
      const text = elementsOf(doc).get(pick(notes)!)?.get('text');
      if (text instanceof Y.Text) {
        if (text.length > 200) text.delete(0, 20);
        text.insert(text.length, ' idea');
      }
    } else {
      const id = pick(notes)!;
      const element = elementsOf(doc).get(id)!;
      const x = element.get('x') as number;
      const y = element.get('y') as number;
      // A small drag, pulled back toward the middle so notes stay on the board.
      const dx = Math.round(Math.random() * 80 - 40 - (x - 800) / 20);
      const dy = Math.round(Math.random() * 80 - 40 - (y - 450) / 20);
      moveElements(doc, [id], dx, dy);
    }
  });
  session.edits++;
  status.editsSent++;
}

function schedule(session: Session, delay: number, fn: () => void): void {
  const timer = setTimeout(() => {
    session.timers = session.timers.filter((t) => t !== timer);
    if (session.leaving || session.client.closed) return;
    fn();
  }, delay);
  session.timers.push(timer);
}

function editLoop(session: Session, a: SoakStartArgs): void {
  schedule(session, between(a.editEveryMs), () => {
    try {
      editOnce(session, a);
    } catch (error) {
      fail('op', (error as Error).message);
    }
    editLoop(session, a);
  });
}

function cursorLoop(session: Session, a: SoakStartArgs, tick = 0): void {
  schedule(session, a.cursorEveryMs * (0.5 + Math.random()), () => {
    session.client.setPresence({ user: { name: session.name, color: '#93c5fd' }, cursor: { x: Math.round(800 + 600 * Math.cos(tick / 7)), y: Math.round(450 + 350 * Math.sin(tick / 5)) } });
    status.cursorsSent++;
    cursorLoop(session, a, tick + 1);
  });
}

/** Leaves: asks for the server's state (the answer acknowledges every edit), says goodbye, closes. */
async function leave(session: Session, a: SoakStartArgs): Promise<void> {
  if (session.leaving) return;
  session.leaving = true;
  for (const timer of session.timers) clearTimeout(timer);
  const { client } = session;
  if (client.closed) return;
  const acked = await client.requestState(a.timeoutMs);
  if (acked) status.editsAcked += session.edits;
  else {
    status.editsUnacked += session.edits;
    fail(client.closed ? 'dropped' : 'no ack', client.closed ? `closed ${client.closeCode ?? ''} ${client.closeReason}` : `no sync step 2 within ${a.timeoutMs} ms`);
  }
  client.setPresence(null);
  client.close(Math.random() < a.abruptShare);
  visits.push([session.room, session.syncedAt, nowMs()]);
  sessions.delete(session);
  status.active--;
  status.leaves++;
}

/** One person's visit: join a board, edit and move the cursor, leave, and be replaced. */
async function visit(a: SoakStartArgs): Promise<void> {
  const room = pickRoom(a);
  const session: Session = { client: new LightClient(), room, syncedAt: NaN, name: `w${a.worker}-${++serial}`, edits: 0, leaving: false, timers: [] };
  status.joins++;
  sessions.add(session);
  try {
    await session.client.connect(lightUrl(a.wsBase, a.rooms[room]!), a.timeoutMs);
  } catch (error) {
    sessions.delete(session);
    session.client.close();
    fail('connect', (error as Error).message);
    if (running) replace(a);
    return;
  }
  status.synced++;
  status.active++;
  session.syncedAt = nowMs();
  session.client.ws!.once('close', () => {
    if (session.leaving) return;
    // The server closed a client that was not leaving: a failure, whatever the code.
    session.leaving = true;
    for (const timer of session.timers) clearTimeout(timer);
    sessions.delete(session);
    visits.push([session.room, session.syncedAt, nowMs()]);
    status.active--;
    status.editsUnacked += session.edits;
    fail('dropped', `closed by server ${session.client.closeCode ?? ''} ${session.client.closeReason}`);
    if (running) replace(a);
  });
  session.client.setPresence({ user: { name: session.name, color: '#93c5fd' }, cursor: { x: 800, y: 450 } });
  editLoop(session, a);
  cursorLoop(session, a);
  schedule(session, between(a.sessionMs), () => {
    void leave(session, a).then(() => {
      if (running) replace(a);
    });
  });
}

/** A new person arrives shortly after one leaves, so the population stays about the same. */
function replace(a: SoakStartArgs, delay = Math.random() * 1000): void {
  const timer = setTimeout(() => {
    spawnTimers.delete(timer);
    if (running) void visit(a);
  }, delay);
  spawnTimers.add(timer);
}

export function start(startArgs: SoakStartArgs): { started: number } {
  args = startArgs;
  running = true;
  startedAt = nowMs();
  status = emptyStatus();
  visits = [];
  loop.start();
  for (let i = 0; i < startArgs.population; i++) replace(startArgs, (i / startArgs.population) * startArgs.rampMs);
  return { started: startedAt };
}

export function poll(): SoakStatus {
  return { ...status, errors: { ...status.errors }, firstErrors: [...status.firstErrors] };
}

/** Everyone leaves as planned (acknowledged, then closed); waits until every socket is closed. */
export async function stop(): Promise<SoakStatus> {
  running = false;
  for (const timer of spawnTimers) clearTimeout(timer);
  spawnTimers.clear();
  const a = args!;
  // Clients still connecting finish connecting first (or fail), then leave like the rest.
  await until(() => [...sessions].every((s) => s.client.synced || s.client.closed), a.timeoutMs, 50);
  const all = [...sessions];
  await Promise.all(all.map((session) => leave(session, a)));
  await until(() => all.every((s) => s.client.ws?.readyState === 3 /* CLOSED */), 10_000, 50);
  sessions.clear();
  status.loopDelay = loop.stop();
  return { ...poll(), visits };
}
