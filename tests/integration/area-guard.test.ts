import { describe, expect, it } from 'vitest';
import { createElement } from '../../shared/ops/elements';
import { elementsOf } from '../../shared/schema/doc';
import { controlClient } from '../helpers/control';
import { stockClient, synced, waitFor } from '../helpers/clients';
import { startServer, type TestServer } from '../helpers/server';

/** A SWOT frame (0,0 1000×800) with a strengths quadrant and an elsewhere frame, written by the facilitator. */
async function swotBoard(server: TestServer) {
  const board = await server.createBoard('Analiza SWOT');
  const facilitator = stockClient(server.wsUrl, board.id, board.tokens.facilitator);
  const participant = stockClient(server.wsUrl, board.id, board.tokens.participant);
  const observer = stockClient(server.wsUrl, board.id, board.tokens.observer);
  await Promise.all([synced(facilitator), synced(participant), synced(observer)]);
  const swot = createElement(facilitator.doc, { type: 'frame', title: 'Analiza SWOT', x: 0, y: 0, w: 1000, h: 800 });
  const strengths = createElement(facilitator.doc, { type: 'frame', title: 'Mocne strony', x: 0, y: 0, w: 500, h: 400, parentId: swot });
  const nested = createElement(facilitator.doc, { type: 'note', text: 'Położenie przy autostradzie', x: 50, y: 50, parentId: strengths });
  await waitFor(() => elementsOf(participant.doc).has(nested) && elementsOf(observer.doc).has(nested), 5000, 'board to reach everyone');
  const control = await controlClient(server.url, { boardId: board.id, token: board.tokens.facilitator, sessionId: 'prowadzaca' });
  const serverDoc = () => server.warsztat.rooms.peek(board.id)!.doc;
  /** Writes a marker note far away: once it is on the server, everything sent before it was judged. */
  const marker = async () => {
    const id = createElement(participant.doc, { type: 'note', text: 'znacznik', x: 5000, y: 5000 });
    await waitFor(() => elementsOf(serverDoc()).has(id), 5000, 'marker note');
  };
  return { board, participant, observer, control, swot, strengths, nested, serverDoc, marker };
}

describe('a lock is judged by where an element lies', () => {
  it.each([
    ['drawn inside without naming the frame', { x: 100, y: 500 }],
    ['across the frame edge', { x: 950, y: 750 }],
    ['named as inside the frame', { x: 4000, y: 4000, parent: true }],
  ])('a participant’s new note %s is taken out again, for everyone', async (_name, at) => {
    const server = await startServer();
    const { participant, observer, control, swot, serverDoc, marker } = await swotBoard(server);
    expect(await control.send({ type: 'lock.frame', frameId: swot, locked: true })).toEqual({ ok: true });
    const id = createElement(participant.doc, { type: 'note', text: 'wpis do zablokowanej', x: at.x, y: at.y, parentId: 'parent' in at ? swot : null });
    await marker();
    expect(elementsOf(serverDoc()).has(id)).toBe(false);
    await waitFor(() => !elementsOf(participant.doc).has(id), 5000, 'the writer’s copy corrected');
    expect(elementsOf(observer.doc).has(id)).toBe(false);
  });

  it('moving a note into a locked frame is undone; outside the frame edits stand', async () => {
    const server = await startServer();
    const { participant, control, swot, serverDoc, marker } = await swotBoard(server);
    const outside = createElement(participant.doc, { type: 'note', text: 'poza ramką', x: 2000, y: 0 });
    await waitFor(() => elementsOf(serverDoc()).has(outside));
    expect(await control.send({ type: 'lock.frame', frameId: swot, locked: true })).toEqual({ ok: true });
    elementsOf(participant.doc).get(outside)!.set('x', 900);
    await marker();
    expect(elementsOf(serverDoc()).get(outside)!.get('x')).toBe(2000);
    // As a person would: the next move comes after the refused one was put back on screen
    // (a move made while the correction is still on its way is concurrent with it, and Yjs
    // picks between concurrent writes by client id).
    await waitFor(() => elementsOf(participant.doc).get(outside)!.get('x') === 2000, 5000, 'the refused move put back for its author');
    elementsOf(participant.doc).get(outside)!.set('x', 2100);
    await marker();
    expect(elementsOf(serverDoc()).get(outside)!.get('x')).toBe(2100);
  });
});

describe('a private round is judged by where a note lies', () => {
  it('a public note touching or across a private frame’s edge is refused; one outside stands', async () => {
    const server = await startServer();
    const { participant, control, strengths, serverDoc, marker } = await swotBoard(server);
    expect(await control.send({ type: 'private.set', frameId: strengths, on: true })).toEqual({ ok: true });
    const across = createElement(participant.doc, { type: 'note', text: 'na krawędzi', x: 450, y: 350 });
    const touching = createElement(participant.doc, { type: 'note', text: 'dotyka', x: 500, y: 100 });
    const outside = createElement(participant.doc, { type: 'note', text: 'obok', x: 600, y: 100 });
    await marker();
    expect(elementsOf(serverDoc()).has(across)).toBe(false);
    expect(elementsOf(serverDoc()).has(touching)).toBe(false);
    expect(elementsOf(serverDoc()).has(outside)).toBe(true);
  });
});

describe('a vote on a frame covers everything inside it at any depth', () => {
  it('a note in a SWOT quadrant takes a vote in a round on the whole SWOT frame, and is counted', async () => {
    const server = await startServer();
    const { board, control, swot, nested } = await swotBoard(server);
    expect(await control.send({ type: 'vote.start', title: 'Najważniejsze', frameId: swot, itemIds: null, votesPerPerson: 3 })).toEqual({ ok: true });
    const voter = await controlClient(server.url, { boardId: board.id, token: board.tokens.participant, sessionId: 'uczestnik' });
    expect(await voter.send({ type: 'vote.cast', itemId: nested })).toEqual({ ok: true });
    expect(await voter.send({ type: 'vote.cast', itemId: swot })).toMatchObject({ ok: false });
    const closed = control.next<{ state: { rounds: { results: Record<string, number> }[] } }>('state');
    expect(await control.send({ type: 'vote.close' })).toEqual({ ok: true });
    expect((await closed).state.rounds.at(-1)!.results).toEqual({ [nested]: 1 });
  });
});
