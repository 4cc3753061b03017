import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { LightClient } from '../lib/light-client';
import { LoopMonitor, destroyProvider, lightUrl, nowMs, stockProvider, toFloat64, whenProviderSynced } from './common';
import type { FanoutCollectResult, FanoutRunArgs, FanoutSetupArgs, FanoutSetupResult, FanoutStatus } from './types';

/** What every edit writes: doc.getMap('bench').set('c<index>', Edit). */
interface Edit {
  /** Send time, nowMs clock. */
  t: number;
  s: number;
  x: number;
  y: number;
}

interface Member {
  index: number;
  wsBase: string;
  key: string;
  doc: Y.Doc;
  light?: LightClient;
  provider?: WebsocketProvider;
  seq: number;
  sentInWindow: number;
  /** Stock clients only: latency samples (ms) of others' edits and cursors. */
  edits: number[];
  cursors: number[];
  received: number;
  disconnects: number;
}

let members: Member[] = [];
let timers: NodeJS.Timeout[] = [];
let window = { t0: Infinity, t1: -Infinity };
const loop = new LoopMonitor();
let loopDelay = { p50: NaN, p99: NaN, max: NaN };
let framesAtT0 = { sync: 0, awareness: 0 };
let framesAtT1 = { sync: 0, awareness: 0 };

function lightFrames(): { sync: number; awareness: number } {
  let sync = 0;
  let awareness = 0;
  for (const m of members) {
    if (!m.light) continue;
    sync += m.light.syncFrames;
    awareness += m.light.awarenessFrames;
  }
  return { sync, awareness };
}

function watch(member: Member): void {
  const map = member.doc.getMap<Edit>('bench');
  map.observe((event) => {
    if (event.transaction.local) return;
    const now = nowMs();
    for (const key of event.keysChanged) {
      if (key === member.key) continue;
      const edit = map.get(key);
      if (!edit || edit.t < window.t0 || edit.t >= window.t1) continue;
      member.edits.push(now - edit.t);
      member.received++;
    }
  });
  const awareness = member.provider!.awareness;
  awareness.on('change', ({ added, updated }: { added: number[]; updated: number[] }) => {
    const now = nowMs();
    for (const id of [...added, ...updated]) {
      if (id === awareness.clientID) continue;
      const t = (awareness.getStates().get(id) as { cursor?: { t?: number } } | undefined)?.cursor?.t;
      if (typeof t === 'number' && t >= window.t0 && t < window.t1) member.cursors.push(now - t);
    }
  });
}

export async function setup(args: FanoutSetupArgs): Promise<FanoutSetupResult> {
  const started = nowMs();
  const baseOf = (index: number) => (args.wsBases?.length ? args.wsBases[index % args.wsBases.length]! : args.wsBase);
  members = args.clients.map(({ index, stock }) => {
    const member: Member = { index, wsBase: baseOf(index), key: `c${index}`, doc: undefined as unknown as Y.Doc, seq: 0, sentInWindow: 0, edits: [], cursors: [], received: 0, disconnects: 0 };
    if (stock) {
      member.provider = stockProvider(baseOf(index), args.room);
      member.doc = member.provider.doc;
      member.provider.on('status', ({ status }: { status: string }) => {
        if (status === 'disconnected') member.disconnects++;
      });
      watch(member);
    } else {
      member.light = new LightClient({ applyEveryMs: args.applyEveryMs, replica: args.replicas, echoAwareness: args.echoAwareness });
      member.doc = member.light.doc;
    }
    return member;
  });
  // Connect a few at a time, as people arriving, not all in the same millisecond.
  const queue = [...members];
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      for (let m = queue.shift(); m; m = queue.shift()) {
        if (m.light) await m.light.connect(lightUrl(m.wsBase, args.room), args.timeoutMs);
        else await whenProviderSynced(m.provider!, args.timeoutMs);
      }
    }),
  );
  return { connected: members.length, ms: nowMs() - started };
}

function edit(member: Member): void {
  const t = nowMs();
  if (t >= window.t1) return;
  const s = ++member.seq;
  const set = () => member.doc.getMap<Edit>('bench').set(member.key, { t, s, x: (s * 37) % 1000, y: (s * 91) % 1000 });
  if (member.light) member.light.edit(set);
  else set();
  if (t >= window.t0) member.sentInWindow++;
}

function cursor(member: Member, tick: number): void {
  const t = nowMs();
  if (t >= window.t1) return;
  const position = { x: Math.round(500 + 400 * Math.cos(tick / 7)), y: Math.round(500 + 400 * Math.sin(tick / 5)), t };
  if (member.provider) member.provider.awareness.setLocalStateField('cursor', position);
  else member.light!.setPresence({ user: { name: member.key, color: '#93c5fd' }, cursor: position });
}

/** Starts the load at once (warm-up until t0) and stops it at t1. */
export function run(args: FanoutRunArgs): { started: number } {
  window = { t0: args.t0, t1: args.t1 };
  const editEvery = 1000 / args.editsPerSecond;
  const cursorEvery = 1000 / args.cursorsPerSecond;
  for (const member of members) {
    // Random phases: people do not all type in the same millisecond.
    timers.push(
      setTimeout(() => {
        edit(member);
        timers.push(setInterval(() => edit(member), editEvery));
      }, Math.random() * editEvery),
    );
    let tick = 0;
    timers.push(
      setTimeout(() => {
        cursor(member, tick++);
        timers.push(setInterval(() => cursor(member, tick++), cursorEvery));
      }, Math.random() * cursorEvery),
    );
  }
  const now = nowMs();
  timers.push(
    setTimeout(() => {
      loop.start();
      framesAtT0 = lightFrames();
    }, Math.max(0, args.t0 - now)),
  );
  timers.push(
    setTimeout(() => {
      loopDelay = loop.stop();
      framesAtT1 = lightFrames();
      for (const timer of timers) clearTimeout(timer);
      timers = [];
    }, Math.max(0, args.t1 - now) + 1),
  );
  return { started: now };
}

export function status(): FanoutStatus {
  return {
    sent: members.reduce((sum, m) => sum + m.sentInWindow, 0),
    receivers: members.filter((m) => m.provider).map((m) => ({ index: m.index, sent: m.sentInWindow, received: m.received })),
  };
}

export function collect(): FanoutCollectResult {
  const receivers = members.filter((m) => m.provider);
  let dropped = 0;
  for (const m of members) dropped += m.light?.closed ? 1 : m.disconnects > 0 ? 1 : 0;
  return {
    edits: receivers.map((m) => toFloat64(m.edits)),
    cursors: receivers.map((m) => toFloat64(m.cursors)),
    loopDelay,
    lightFrames: {
      sync: framesAtT1.sync - framesAtT0.sync,
      awareness: framesAtT1.awareness - framesAtT0.awareness,
      clients: members.filter((m) => m.light).length,
    },
    dropped,
  };
}

export function close(): { closed: number } {
  for (const timer of timers) clearTimeout(timer);
  timers = [];
  const closed = members.length;
  for (const m of members) {
    if (m.light) m.light.close();
    else destroyProvider(m.provider!);
  }
  members = [];
  window = { t0: Infinity, t1: -Infinity };
  return { closed };
}
