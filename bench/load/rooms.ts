import * as Y from 'yjs';
import { elementsOf } from '../../shared/schema/doc';
import { createElement, moveElements } from '../../shared/ops/elements';
import { LightClient } from '../lib/light-client';
import { mapLimit, until } from '../lib/stats';
import { lightUrl, nowMs } from './common';
import type { RoomsConnectArgs, RoomsConnectResult, RoomsEditArgs, RoomsEditResult } from './types';

interface Seat {
  client: LightClient;
  room: number;
  name: string;
  noteId?: string;
}

let seats: Seat[] = [];
let perRoom = 0;
const STEP = 10;

export async function connect(args: RoomsConnectArgs): Promise<RoomsConnectResult> {
  const started = nowMs();
  perRoom = args.perRoom;
  const planned: { room: number; url: string; name: string }[] = [];
  args.rooms.forEach((room, r) => {
    for (let i = 0; i < args.perRoom; i++) planned.push({ room: r, url: lightUrl(args.wsBase, room), name: `${room.id}-${i}` });
  });
  let failed = 0;
  let firstError: string | undefined;
  await mapLimit(planned, args.concurrency, async (plan) => {
    const client = new LightClient();
    try {
      await client.connect(plan.url, args.timeoutMs);
      seats.push({ client, room: plan.room, name: plan.name });
    } catch (error) {
      failed++;
      firstError ??= (error as Error).message;
      client.close();
    }
  });
  return { connected: seats.length, failed, firstError, ms: nowMs() - started };
}

/** Each client adds a sticky note, moves it, shows a cursor; waits for everyone to see it all. */
export async function edit(args: RoomsEditArgs): Promise<RoomsEditResult> {
  const started = nowMs();
  const moves = Math.max(0, args.edits - 1);
  for (const seat of seats) {
    seat.client.edit(() => {
      seat.noteId = createElement(seat.client.doc, { type: 'note', x: 0, y: 0, text: `note of ${seat.name}` }, seat.name);
    });
    seat.client.setPresence({ user: { name: seat.name, color: '#fde68a' }, cursor: { x: 10, y: 10 } });
  }
  for (let m = 0; m < moves; m++) {
    for (const seat of seats) seat.client.edit(() => moveElements(seat.client.doc, [seat.noteId!], STEP, STEP));
  }
  const target = moves * STEP;
  const converged = (seat: Seat) => {
    const elements = elementsOf(seat.client.doc);
    let mine = 0;
    for (const element of elements.values()) {
      if (!(element instanceof Y.Map) || element.get('type') !== 'note') continue;
      if (element.get('x') !== target || element.get('y') !== target) return false;
      mine++;
    }
    return mine >= perRoom;
  };
  await until(() => seats.every(converged), args.timeoutMs, 100);
  return { converged: seats.filter(converged).length, clients: seats.length, ms: nowMs() - started };
}

export async function close(): Promise<{ closed: number }> {
  const closing = seats;
  seats = [];
  for (const seat of closing) seat.client.close();
  await until(() => closing.every((s) => s.client.ws?.readyState === 3 /* CLOSED */), 10_000, 50);
  return { closed: closing.length };
}
