import { describe, expect, it } from 'vitest';
import { createElement } from '../../shared/ops/elements';
import type { ControlState } from '../../shared/protocol/state';
import { elementsOf } from '../../shared/schema/doc';
import { toPlain } from '../../shared/schema/plain';
import { stockClient, synced, waitFor } from '../helpers/clients';
import { controlClient } from '../helpers/control';
import { startServer } from '../helpers/server';
import { POSTGRES_URL, REDIS_URL, servicesUnavailable, freshSchema } from '../helpers/services';

const skipReason = await servicesUnavailable();

describe.skipIf(skipReason !== null)('blind scoring across two processes (PostgreSQL + Redis)', () => {
  it('scores given at the same moment on two processes are all counted and revealed from either', async () => {
    const schema = freshSchema();
    const config = { DATABASE_URL: POSTGRES_URL, DATABASE_SCHEMA: schema, REDIS_URL, RESYNC_MS: 500 };
    const a = await startServer(config);
    const b = await startServer(config);
    const board = await a.createBoard('Mapa', { template: 'stakeholder-map' });
    const writer = stockClient(a.wsUrl, board.id, board.tokens.facilitator);
    await synced(writer);
    const frame = [...elementsOf(writer.doc).values()].map((e) => toPlain(e)).find((e) => e.method === 'stakeholders')!;
    const stakeholder = createElement(writer.doc, { type: 'stakeholder', name: 'MPK', x: Number(frame.x) + 100, y: Number(frame.y) + 900, parentId: String(frame.id) });
    const reader = stockClient(b.wsUrl, board.id, board.tokens.observer);
    await synced(reader);
    await waitFor(() => elementsOf(reader.doc).has(stakeholder) && elementsOf(b.warsztat.rooms.peek(board.id)!.doc).has(stakeholder));

    const anna = await controlClient(a.url, { boardId: board.id, token: board.tokens.participant, sessionId: 'anna', name: 'Anna' });
    const bartek = await controlClient(b.url, { boardId: board.id, token: board.tokens.participant, sessionId: 'bartek', name: 'Bartek' });
    const facilitator = await controlClient(b.url, { boardId: board.id, token: board.tokens.facilitator, sessionId: 'ewa', name: 'Ewa' });
    // Both score at the same moment, on different processes: each process merges the other's
    // copy piece by piece (server/facilitation/hidden-merge.ts), so neither score is lost.
    expect(await Promise.all([
      anna.send({ type: 'rating.submit', elementId: stakeholder, values: { influence: 9, engagement: 1 } }),
      bartek.send({ type: 'rating.submit', elementId: stakeholder, values: { influence: 7, engagement: 3 } }),
    ])).toEqual([{ ok: true }, { ok: true }]);
    await waitFor(() => facilitator.last<{ state: ControlState }>('state')?.state.ratingCounts[stakeholder] === 2, 5000, 'both scores counted on the other process');

    const annaCleared = anna.next<{ ratings: Record<string, unknown> }>('my-ratings');
    expect(await facilitator.send({ type: 'rating.reveal', frameId: String(frame.id) })).toEqual({ ok: true });
    await waitFor(() => toPlain(elementsOf(writer.doc).get(stakeholder)!).influence === 8, 5000, 'revealed mean on the first process');
    const revealed = toPlain(elementsOf(writer.doc).get(stakeholder)!) as { influence: number; engagement: number; ratings: unknown[] };
    expect(revealed).toMatchObject({ influence: 8, engagement: 2 });
    expect(revealed.ratings).toHaveLength(2);
    expect(revealed.ratings).toEqual(expect.arrayContaining([{ by: 'Anna', influence: 9, engagement: 1 }, { by: 'Bartek', influence: 7, engagement: 3 }]));
    expect((await annaCleared).ratings).toEqual({});
    await waitFor(() => Object.keys(a.warsztat.rooms.peek(board.id)!.facilitation.ratings).length === 0, 5000, 'hidden scores gone on the first process');
  });
});
