import { LightClient } from '../lib/light-client';
import { LoopMonitor, lightUrl, nowMs, toFloat64 } from './common';
import type { DurableCollectResult, DurableRunArgs, DurableSetupArgs } from './types';

/** What every edit writes: doc.getMap('bench').set('<room>-<i>', Edit). */
interface Edit {
  t: number;
  s: number;
}

/**
 * One writer. The server acknowledges nothing, but it relays an update only after its
 * SQLite transaction has committed, so the first peer that receives edit s proves that
 * edits 1..s of this writer are durable.
 */
interface Writer {
  key: string;
  client: LightClient;
  sent: number;
  acked: number;
  /** Send time of edits not yet acknowledged, by sequence number. */
  sentAt: Map<number, number>;
}

let writers: Writer[] = [];
let byKey = new Map<string, Writer>();
let running = false;
let inflight = 1;
let window = { t0: Infinity, t1: -Infinity };
let ackedAtT0 = 0;
let ackedAtT1 = 0;
let latencies: number[] = [];
let stopTimers: NodeJS.Timeout[] = [];
const loop = new LoopMonitor();
let loopDelay = { p50: NaN, p99: NaN, max: NaN };

function pump(writer: Writer): void {
  if (!running || writer.client.closed) return;
  const map = writer.client.doc.getMap<Edit>('bench');
  while (writer.sent - writer.acked < inflight) {
    const t = nowMs();
    const s = ++writer.sent;
    writer.sentAt.set(s, t);
    writer.client.edit(() => map.set(writer.key, { t, s }));
  }
}

function onRelayed(key: string, s: number): void {
  const writer = byKey.get(key);
  if (!writer || s <= writer.acked) return;
  const now = nowMs();
  for (let k = writer.acked + 1; k <= s; k++) {
    const t = writer.sentAt.get(k);
    writer.sentAt.delete(k);
    if (t !== undefined && t >= window.t0 && t < window.t1) latencies.push(now - t);
  }
  writer.acked = s;
  pump(writer);
}

export async function setup(args: DurableSetupArgs): Promise<{ connected: number; ms: number }> {
  const started = nowMs();
  const planned: { key: string; url: string }[] = [];
  args.rooms.forEach((room) => {
    for (let i = 0; i < args.perRoom; i++) planned.push({ key: `${room.id}-${i}`, url: lightUrl(args.wsBase, room) });
  });
  writers = planned.map(({ key }) => ({ key, client: new LightClient(), sent: 0, acked: 0, sentAt: new Map() }));
  byKey = new Map(writers.map((w) => [w.key, w]));
  for (const writer of writers) {
    const map = writer.client.doc.getMap<Edit>('bench');
    map.observe((event) => {
      if (event.transaction.local) return;
      for (const key of event.keysChanged) {
        const edit = map.get(key);
        if (edit) onRelayed(key, edit.s);
      }
    });
  }
  await Promise.all(writers.map((w, i) => w.client.connect(planned[i]!.url, args.timeoutMs)));
  return { connected: writers.length, ms: nowMs() - started };
}

function totalAcked(): number {
  return writers.reduce((sum, w) => sum + w.acked, 0);
}

export function run(args: DurableRunArgs): { started: number } {
  window = { t0: args.t0, t1: args.t1 };
  inflight = Math.max(1, args.inflight);
  running = true;
  latencies = [];
  for (const writer of writers) pump(writer);
  const now = nowMs();
  stopTimers = [
    setTimeout(() => {
      ackedAtT0 = totalAcked();
      loop.start();
    }, Math.max(0, args.t0 - now)),
    setTimeout(() => {
      ackedAtT1 = totalAcked();
      loopDelay = loop.stop();
      running = false;
    }, Math.max(0, args.t1 - now)),
  ];
  return { started: now };
}

export function collect(): DurableCollectResult {
  return {
    durable: ackedAtT1 - ackedAtT0,
    sent: writers.reduce((sum, w) => sum + w.sent, 0),
    latencies: toFloat64(latencies),
    loopDelay,
    dropped: writers.filter((w) => w.client.closed).length,
  };
}

export function close(): { closed: number } {
  running = false;
  for (const timer of stopTimers) clearTimeout(timer);
  const closed = writers.length;
  for (const writer of writers) writer.client.close();
  writers = [];
  byKey = new Map();
  window = { t0: Infinity, t1: -Infinity };
  return { closed };
}
