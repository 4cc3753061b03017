import { randomBytes } from 'node:crypto';
import type { RoomAccess } from '../load/types';
import { nowMs } from './proc';
import type { BenchServer } from './servers';
import { mapLimit, sleep } from './stats';

interface Created {
  id: string;
  tokens: { facilitator: string; participant: string; observer: string };
}

/** Creates boards through the REST API (POST /api/boards); participant tokens are used to sync. */
export async function createBoards(server: BenchServer, count: number, concurrency = 8): Promise<{ rooms: RoomAccess[]; ms: number }> {
  const started = nowMs();
  const rooms = await mapLimit(Array.from({ length: count }, (_, i) => i), concurrency, async (i) => {
    let res: Response;
    for (let attempt = 0; ; attempt++) {
      res = await fetch(`${server.httpUrl}/api/boards`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: `Bench board ${i + 1}` }),
        signal: AbortSignal.timeout(30_000),
      });
      // Board creation is rate-limited per address: wait as told and try again.
      if (res.status !== 429 || attempt >= 100) break;
      await res.body?.cancel();
      await sleep(Math.max(100, Number(res.headers.get('retry-after') ?? 1) * 1000));
    }
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
