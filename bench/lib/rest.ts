import { randomBytes } from 'node:crypto';
import type { RoomAccess } from '../load/types';
import { nowMs } from './proc';
import type { BenchServer } from './servers';
import { mapLimit } from './stats';

interface Created {
  id: string;
  tokens: { facilitator: string; participant: string; observer: string };
}

/** Creates boards through the REST API (POST /api/boards); participant tokens are used to sync. */
export async function createBoards(server: BenchServer, count: number, concurrency = 8): Promise<{ rooms: RoomAccess[]; ms: number }> {
  const started = nowMs();
  const rooms = await mapLimit(Array.from({ length: count }, (_, i) => i), concurrency, async (i) => {
    const res = await fetch(`${server.httpUrl}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: `Bench board ${i + 1}` }),
      signal: AbortSignal.timeout(30_000),
    });
    if (res.status !== 201) throw new Error(`POST /api/boards: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as Created;
    return { id: body.id, token: body.tokens.participant };
  });
  return { rooms, ms: nowMs() - started };
}

/** Rooms for a server that has no boards API (the stock one): any name goes, tokens are ignored. */
export function adHocRooms(count: number): RoomAccess[] {
  return Array.from({ length: count }, () => ({ id: randomBytes(12).toString('base64url'), token: 'unused' }));
}

/** Rooms on either server: real boards on ours, ad-hoc names on the stock one. */
export async function roomsFor(server: BenchServer, count: number): Promise<RoomAccess[]> {
  return server.kind === 'warsztat' ? (await createBoards(server, count)).rooms : adHocRooms(count);
}
