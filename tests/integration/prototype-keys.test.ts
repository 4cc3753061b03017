import { describe, expect, it } from 'vitest';
import { createElement } from '../../shared/ops/elements';
import type { ControlState } from '../../shared/protocol/state';
import { elementsOf } from '../../shared/schema/doc';
import { toPlain } from '../../shared/schema/plain';
import { stockClient, synced, waitFor } from '../helpers/clients';
import { controlClient, type ControlClient } from '../helpers/control';
import { startServer, type CreatedBoard, type TestServer } from '../helpers/server';

/** Session ids a client may choose that are also names on Object.prototype. */
const SESSIONS = ['__proto__', 'constructor', 'hasOwnProperty', 'toString'] as const;

/** Board content whose ids are prototype names too: the frame, the voted note and the scored card. */
const FRAME = 'constructor';
const NOTE = '__proto__';
const CARD = 'hasOwnProperty';

async function boardWithPrototypeIds(server: TestServer): Promise<CreatedBoard> {
  const board = await server.createBoard('Klucze prototypu');
  const writer = stockClient(server.wsUrl, board.id, board.tokens.facilitator);
  await synced(writer);
  createElement(writer.doc, { type: 'frame', id: FRAME, title: 'Burza mózgów', x: 0, y: 0, w: 2000, h: 1500 });
  createElement(writer.doc, { type: 'note', id: NOTE, text: 'Ścieżka rowerowa', x: 100, y: 100, parentId: FRAME });
  createElement(writer.doc, { type: 'stakeholder', id: CARD, name: 'Rada Osiedla', x: 400, y: 100, parentId: FRAME });
  await waitFor(() => elementsOf(server.warsztat.rooms.peek(board.id)!.doc).has(CARD));
  writer.provider.destroy();
  return board;
}

const join = (server: TestServer, board: CreatedBoard, sessionId: string) =>
  controlClient(server.url, { boardId: board.id, token: board.tokens.participant, sessionId, name: `Osoba ${sessionId}` });

/** Own entries only, sorted: comparing objects keyed `__proto__` with toEqual would not see them. */
const entriesOf = (record: object | null | undefined) => Object.entries(record ?? {}).sort(([a], [b]) => a.localeCompare(b));

describe('session and element ids named like Object.prototype members', () => {
  it('put hidden notes, cast votes and score cards, and everything is kept after the board reloads', async () => {
    const server = await startServer();
    const board = await boardWithPrototypeIds(server);
    const facilitator = await controlClient(server.url, { boardId: board.id, token: board.tokens.facilitator, sessionId: 'f1', name: 'Prowadząca' });
    expect(await facilitator.send({ type: 'private.set', frameId: FRAME, on: true })).toEqual({ ok: true });
    expect(await facilitator.send({ type: 'vote.start', title: 'Priorytety', frameId: FRAME, itemIds: null, votesPerPerson: 2 })).toEqual({ ok: true });

    const people: ControlClient[] = [];
    for (const [i, sessionId] of SESSIONS.entries()) {
      const person = await join(server, board, sessionId);
      people.push(person);
      const drafts = person.next<{ put: { id: string }[] }>('my-drafts.changed');
      expect(await person.send({ type: 'draft.put', id: `valueOf-${i}`, frameId: FRAME, text: `Pomysł ${sessionId}`, x: 50, y: 50 + i * 10, color: '#fde68a' })).toEqual({ ok: true });
      expect((await drafts).put.map((d) => d.id)).toEqual([`valueOf-${i}`]);
      const votes = person.next<{ itemIds: string[] }>('my-votes');
      expect(await person.send({ type: 'vote.cast', itemId: NOTE })).toEqual({ ok: true });
      expect((await votes).itemIds).toEqual([NOTE]);
      const ratings = person.next<{ ratings: Record<string, unknown> }>('my-ratings');
      expect(await person.send({ type: 'rating.submit', elementId: CARD, values: { influence: i + 1, engagement: 5 } })).toEqual({ ok: true });
      expect(entriesOf((await ratings).ratings)).toEqual([[CARD, { influence: i + 1, engagement: 5 }]]);
    }
    const state = server.warsztat.rooms.peek(board.id)!.facilitation.state;
    expect(entriesOf(state.draftCounts)).toEqual([[FRAME, 4]]);
    expect(entriesOf(state.ratingCounts)).toEqual([[CARD, 4]]);
    for (const person of people) person.socket.disconnect();
    facilitator.socket.disconnect();
    await server.stop();

    // The same data directory, a new process: every session finds what it left.
    const again = await startServer({}, server.dataDir);
    for (const [i, sessionId] of SESSIONS.entries()) {
      const person = await join(again, board, sessionId);
      await waitFor(() => person.last('my-ratings') !== undefined && person.last('my-drafts') !== undefined && person.last('my-votes') !== undefined, 5000, `${sessionId}'s own state`);
      expect(person.last<{ drafts: { id: string }[] }>('my-drafts')!.drafts.map((d) => d.id)).toEqual([`valueOf-${i}`]);
      expect(person.last<{ itemIds: string[] }>('my-votes')!.itemIds).toEqual([NOTE]);
      expect(entriesOf(person.last<{ ratings: object }>('my-ratings')!.ratings)).toEqual([[CARD, { influence: i + 1, engagement: 5 }]]);
      // A second vote still counts against the same ballot.
      expect(await person.send({ type: 'vote.cast', itemId: NOTE })).toEqual({ ok: true });
      expect(await person.send({ type: 'vote.cast', itemId: NOTE })).toEqual({ ok: false, error: 'no votes left (2 per person)' });
    }
    const control = again.warsztat.rooms.peek(board.id)!.facilitation;
    expect(control.participants().map((p) => p.name).sort()).toEqual([...SESSIONS.map((s) => `Osoba ${s}`), 'Prowadząca'].sort());

    const lead = await controlClient(again.url, { boardId: board.id, token: board.tokens.facilitator, sessionId: 'f1' });
    const closed = lead.next<{ state: ControlState }>('state');
    expect(await lead.send({ type: 'vote.close' })).toEqual({ ok: true });
    const round = (await closed).state.rounds.at(-1)!;
    expect(entriesOf(round.results)).toEqual([[NOTE, 8]]);
    expect(round.voters).toBe(4);
    expect(await lead.send({ type: 'private.reveal', frameId: FRAME })).toEqual({ ok: true });
    expect(await lead.send({ type: 'rating.reveal', frameId: FRAME })).toEqual({ ok: true });
    const doc = again.warsztat.rooms.peek(board.id)!.doc;
    const revealed = SESSIONS.map((_, i) => elementsOf(doc).get(`valueOf-${i}`));
    expect(revealed.map((note) => note && toPlain(note).createdBy)).toEqual(SESSIONS.map((s) => `Osoba ${s}`));
    const card = toPlain(elementsOf(doc).get(CARD)!) as { ratings: { by: string }[]; influence: number };
    expect(card.ratings.map((r) => r.by).sort()).toEqual(SESSIONS.map((s) => `Osoba ${s}`).sort());
    expect(card.influence).toBe(2.5);
  });
});
