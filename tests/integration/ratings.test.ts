import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { cardPosition } from '../../shared/methods/stakeholders';
import { summarise } from '../../shared/methods/scores';
import { createElement, deleteElements, moveElements, updateElement } from '../../shared/ops/elements';
import type { ControlState } from '../../shared/protocol/state';
import { elementsOf } from '../../shared/schema/doc';
import { toPlain } from '../../shared/schema/plain';
import { stockClient, synced, waitFor } from '../helpers/clients';
import { controlClient } from '../helpers/control';
import { startServer, type CreatedBoard, type TestServer } from '../helpers/server';

interface Setup {
  board: CreatedBoard;
  doc: Y.Doc;
  mapFrame: string;
  factorsFrame: string;
  stakeholder: string;
  factor: string;
}

/** The workshop template (it has a stakeholder map and a factors frame), one card in each. */
async function workshopBoard(server: TestServer): Promise<Setup> {
  const board = await server.createBoard('Plan Rozwoju Lokalnego', { template: 'workshop' });
  const writer = stockClient(server.wsUrl, board.id, board.tokens.facilitator);
  await synced(writer);
  const frames = [...elementsOf(writer.doc).values()].map((e) => toPlain(e)).filter((e) => e.type === 'frame');
  const mapFrame = frames.find((f) => f.method === 'stakeholders')!;
  const factorsFrame = frames.find((f) => f.method === 'factors')!;
  const stakeholder = createElement(writer.doc, { type: 'stakeholder', name: 'Przedsiębiorcy', group: 'dostawcy usług', x: Number(mapFrame.x) + 100, y: Number(mapFrame.y) + 900, parentId: mapFrame.id });
  const factor = createElement(writer.doc, { type: 'factor', text: 'Dostępność transportu publicznego', x: Number(factorsFrame.x) + 40, y: Number(factorsFrame.y) + 40, parentId: factorsFrame.id });
  await waitFor(() => elementsOf(server.warsztat.rooms.peek(board.id)!.doc).has(factor));
  return { board, doc: writer.doc, mapFrame: String(mapFrame.id), factorsFrame: String(factorsFrame.id), stakeholder, factor };
}

async function people(server: TestServer, board: CreatedBoard) {
  const join = (role: 'facilitator' | 'participant' | 'observer', sessionId: string, name: string) => controlClient(server.url, { boardId: board.id, token: board.tokens[role], sessionId, name });
  return {
    facilitator: await join('facilitator', 'f1', 'Doradca'),
    anna: await join('participant', 'p1', 'Anna'),
    bartek: await join('participant', 'p2', 'Bartek'),
    celina: await join('participant', 'p3', 'Celina'),
    observer: await join('observer', 'o1', 'Obserwator'),
  };
}

const card = (doc: Y.Doc, id: string) => toPlain(elementsOf(doc).get(id)!) as Record<string, unknown> & { x: number; y: number; w: number; h: number };

describe('blind scoring over real sockets', () => {
  it('refuses scores out of range with a clear message, and refuses observers', async () => {
    const server = await startServer();
    const { board, stakeholder, factor } = await workshopBoard(server);
    const { anna, observer } = await people(server, board);
    expect(await anna.send({ type: 'rating.submit', elementId: stakeholder, values: { influence: 11, engagement: 5 } })).toEqual({ ok: false, error: 'influence must be between 0 and 10 (got 11)' });
    expect(await anna.send({ type: 'rating.submit', elementId: stakeholder, values: { influence: 3, engagement: -1 } })).toEqual({ ok: false, error: 'engagement must be between 0 and 10 (got -1)' });
    expect(await anna.send({ type: 'rating.submit', elementId: stakeholder, values: { influence: 3 } })).toEqual({ ok: false, error: 'engagement is missing' });
    expect(await anna.send({ type: 'rating.submit', elementId: factor, values: { importance: 6, state: 3 } })).toEqual({ ok: false, error: 'importance must be between 1 and 5 (got 6)' });
    expect(await anna.send({ type: 'rating.submit', elementId: factor, values: { importance: 0, state: 3 } })).toEqual({ ok: false, error: 'importance must be between 1 and 5 (got 0)' });
    expect(await anna.send({ type: 'rating.submit', elementId: factor, values: { influence: 3, engagement: 3 } })).toMatchObject({ ok: false, error: expect.stringMatching(/scored on importance and state/) });
    expect(await anna.send({ type: 'rating.submit', elementId: 'no-such-card', values: { influence: 3, engagement: 3 } })).toEqual({ ok: false, error: 'no such stakeholder or factor on the board' });
    expect(await observer.send({ type: 'rating.submit', elementId: stakeholder, values: { influence: 3, engagement: 3 } })).toEqual({ ok: false, error: 'rating.submit is not allowed for the observer role' });
    expect(await anna.send({ type: 'rating.reveal', frameId: 'x' })).toEqual({ ok: false, error: 'rating.reveal is not allowed for the participant role' });
    // Nothing refused was counted.
    expect(server.warsztat.rooms.peek(board.id)!.facilitation.state.ratingCounts).toEqual({});
  });

  it('keeps scores hidden until the reveal, which writes mean, individual scores and the place at the mean', async () => {
    const server = await startServer();
    const { board, doc, mapFrame, stakeholder } = await workshopBoard(server);
    const { facilitator, anna, bartek, celina, observer } = await people(server, board);
    const scores = [
      [anna, { influence: 8, engagement: 2 }],
      [bartek, { influence: 6, engagement: 4 }],
      [celina, { influence: 9, engagement: 3 }],
    ] as const;
    for (const [person, values] of scores) {
      const mine = person.next<{ ratings: Record<string, unknown> }>('my-ratings');
      expect(await person.send({ type: 'rating.submit', elementId: stakeholder, values })).toEqual({ ok: true });
      // Each person gets back their own scores, and only those.
      expect((await mine).ratings).toEqual({ [stakeholder]: values });
    }
    // Everyone sees how many scored, nobody sees what: not in the state, not in the document.
    await waitFor(() => observer.last<{ state: ControlState }>('state')?.state.ratingCounts[stakeholder] === 3);
    for (const person of [facilitator, anna, bartek, celina, observer]) {
      const state = person.last<{ state: ControlState }>('state')!.state;
      expect(state.ratingCounts).toEqual({ [stakeholder]: 3 });
      expect(JSON.stringify(state)).not.toMatch(/influence|engagement|Bartek/);
    }
    expect(observer.last('my-ratings')).toEqual({ ratings: {} });
    const before = card(doc, stakeholder);
    expect(before).toMatchObject({ influence: null, engagement: null, ratings: [] });

    const annaCleared = anna.next<{ ratings: Record<string, unknown> }>('my-ratings');
    expect(await facilitator.send({ type: 'rating.reveal', frameId: mapFrame })).toEqual({ ok: true });
    await waitFor(() => card(doc, stakeholder).influence !== null, 5000, 'revealed scores in the document');
    const after = card(doc, stakeholder);
    const influence = summarise([8, 6, 9])!.mean;
    const engagement = summarise([2, 4, 3])!.mean;
    expect(after).toMatchObject({ influence, engagement });
    expect(after.ratings).toEqual([
      { by: 'Anna', influence: 8, engagement: 2 },
      { by: 'Bartek', influence: 6, engagement: 4 },
      { by: 'Celina', influence: 9, engagement: 3 },
    ]);
    const frame = card(doc, mapFrame);
    expect({ x: after.x, y: after.y }).toEqual(cardPosition(frame, { influence, engagement }, after));
    // The revealed scores left the server's hidden store.
    expect((await annaCleared).ratings).toEqual({});
    await waitFor(() => Object.keys(facilitator.last<{ state: ControlState }>('state')!.state.ratingCounts).length === 0);
    expect(await facilitator.send({ type: 'rating.reveal', frameId: mapFrame })).toEqual({ ok: false, error: 'nobody has scored the cards in this frame yet' });
  });

  it('factors: the reveal writes mean importance and state; hidden scores survive a restart; clear drops them', async () => {
    const server = await startServer();
    const { board, factorsFrame, factor } = await workshopBoard(server);
    const first = await people(server, board);
    let { facilitator, anna } = first;
    const { bartek } = first;
    expect(await anna.send({ type: 'rating.submit', elementId: factor, values: { importance: 5, state: 2 } })).toEqual({ ok: true });
    expect(await bartek.send({ type: 'rating.submit', elementId: factor, values: { importance: 4, state: 1 } })).toEqual({ ok: true });
    // A second score from the same person replaces the first.
    expect(await bartek.send({ type: 'rating.submit', elementId: factor, values: { importance: 4, state: 2 } })).toEqual({ ok: true });
    await server.warsztat.rooms.peek(board.id)!.facilitation.flush();
    for (const client of [facilitator, anna, bartek]) client.socket.disconnect();
    await server.stop();

    const again = await startServer({}, server.dataDir);
    ({ facilitator, anna } = await people(again, board));
    expect(facilitator.last<{ state: ControlState }>('state')!.state.ratingCounts).toEqual({ [factor]: 2 });
    expect(anna.last('my-ratings')).toEqual({ ratings: { [factor]: { importance: 5, state: 2 } } });
    expect(await facilitator.send({ type: 'rating.reveal', frameId: factorsFrame })).toEqual({ ok: true });
    const reader = stockClient(again.wsUrl, board.id, board.tokens.observer);
    await synced(reader);
    await waitFor(() => card(reader.doc, factor).importance !== null);
    expect(card(reader.doc, factor)).toMatchObject({ importance: 4.5, state: 2, ratings: [{ by: 'Anna', importance: 5, state: 2 }, { by: 'Bartek', importance: 4, state: 2 }] });

    expect(await anna.send({ type: 'rating.submit', elementId: factor, values: { importance: 1, state: 1 } })).toEqual({ ok: true });
    expect(await facilitator.send({ type: 'rating.clear', frameId: factorsFrame })).toEqual({ ok: true });
    expect(again.warsztat.rooms.peek(board.id)!.facilitation.ratings).toEqual({});
    expect(await facilitator.send({ type: 'rating.reveal', frameId: factorsFrame })).toEqual({ ok: false, error: 'nobody has scored the cards in this frame yet' });
    expect(card(reader.doc, factor)).toMatchObject({ importance: 4.5, state: 2 });
  });

  it('agreed scores are the facilitator\'s: the server undoes a participant moving or rescoring a card, not renaming it', async () => {
    const server = await startServer();
    const { board, doc: facilitatorDoc, stakeholder, factor } = await workshopBoard(server);
    const participant = stockClient(server.wsUrl, board.id, board.tokens.participant);
    await synced(participant);
    const serverDoc = server.warsztat.rooms.peek(board.id)!.doc;
    const original = card(serverDoc, stakeholder);

    moveElements(participant.doc, [stakeholder], 300, -300);
    updateElement(participant.doc, stakeholder, { influence: 10, engagement: 10 });
    updateElement(participant.doc, factor, { importance: 5 });
    // The sender's own copy is corrected too.
    await waitFor(() => card(participant.doc, stakeholder).x === original.x && card(participant.doc, stakeholder).influence === null && card(participant.doc, factor).importance === null, 5000, 'participant copy corrected');
    expect(card(serverDoc, stakeholder)).toMatchObject({ x: original.x, y: original.y, influence: null, engagement: null });
    expect(card(serverDoc, factor).importance).toBeNull();

    // Names, notes and new cards are anyone's.
    updateElement(participant.doc, stakeholder, { name: 'Rada Osiedla Centrum', notes: 'spotkania co miesiąc' });
    const added = createElement(participant.doc, { type: 'stakeholder', name: 'Seniorzy', x: 10, y: 10, influence: 3, engagement: 4 });
    await waitFor(() => card(serverDoc, stakeholder).name === 'Rada Osiedla Centrum' && elementsOf(serverDoc).has(added));
    expect(card(serverDoc, stakeholder).notes).toBe('spotkania co miesiąc');

    // The facilitator moves and scores freely.
    updateElement(facilitatorDoc, stakeholder, { influence: 6, engagement: 7, x: original.x + 50 });
    await waitFor(() => card(serverDoc, stakeholder).influence === 6);
    expect(card(serverDoc, stakeholder)).toMatchObject({ engagement: 7, x: original.x + 50 });
  });

  it('scores of a card deleted before the reveal are dropped, not kept forever', async () => {
    const server = await startServer();
    const { board, doc, mapFrame, stakeholder } = await workshopBoard(server);
    const { facilitator, anna } = await people(server, board);
    const other = createElement(doc, { type: 'stakeholder', name: 'Usunięty', x: 0, y: 0, parentId: mapFrame });
    const room = server.warsztat.rooms.peek(board.id)!;
    await waitFor(() => elementsOf(room.doc).has(other));
    expect(await anna.send({ type: 'rating.submit', elementId: other, values: { influence: 1, engagement: 1 } })).toEqual({ ok: true });
    expect(await anna.send({ type: 'rating.submit', elementId: stakeholder, values: { influence: 2, engagement: 2 } })).toEqual({ ok: true });
    deleteElements(doc, [other]);
    await waitFor(() => !elementsOf(room.doc).has(other));
    expect(await facilitator.send({ type: 'rating.reveal', frameId: mapFrame })).toEqual({ ok: true });
    expect(room.facilitation.ratings).toEqual({});
    expect(room.facilitation.state.ratingCounts).toEqual({});
  });
});
