import { describe, expect, it } from 'vitest';
import { createElement } from '../../shared/ops/elements';
import { elementsOf } from '../../shared/schema/doc';
import { closeOf, connectionEnded, rawSocket, roundTrip, stockClient, synced, waitFor } from '../helpers/clients';
import { startServer } from '../helpers/server';
import { controlClient } from '../helpers/control';

describe('tokens at the upgrade', () => {
  it.each([
    ['missing', (_id: string, _t: string) => '', 401, 'token required'],
    ['wrong', (_id: string, _t: string) => '?token=not-a-real-token', 401, 'invalid token'],
  ])('a %s token is refused', async (_name, query, status, error) => {
    const server = await startServer();
    const board = await server.createBoard();
    const result = await rawSocket(`${server.wsUrl}/${board.id}${query(board.id, board.tokens.participant)}`);
    expect(result.opened).toBe(false);
    expect(result.status).toBe(status);
    expect(JSON.parse(result.body!)).toEqual({ error });
  });

  it('a token of another board is refused', async () => {
    const server = await startServer();
    const [one, two] = await Promise.all([server.createBoard('A'), server.createBoard('B')]);
    const result = await rawSocket(`${server.wsUrl}/${one.id}?token=${two.tokens.facilitator}`);
    expect(result.opened).toBe(false);
    expect(result.status).toBe(403);
  });

  it('an unknown board and a path outside /yjs are refused', async () => {
    const server = await startServer();
    const board = await server.createBoard();
    expect((await rawSocket(`${server.wsUrl}/no-such-board?token=${board.tokens.participant}`)).status).toBe(403);
    expect((await rawSocket(`${server.wsUrl}/bad%20id?token=x`)).status).toBe(404);
    expect((await rawSocket(`ws://127.0.0.1:${server.port}/elsewhere`)).status).toBe(404);
  });

  it('a stock provider with a bad token never syncs', async () => {
    const server = await startServer();
    const board = await server.createBoard();
    const client = stockClient(server.wsUrl, board.id, 'wrong');
    await connectionEnded(client);
    expect(client.provider.synced).toBe(false);
  });
});

describe('observer is read-only', () => {
  it('an observer’s edits are never applied, stored or relayed, but it receives everything', async () => {
    const server = await startServer();
    const board = await server.createBoard();
    const observer = stockClient(server.wsUrl, board.id, board.tokens.observer);
    const participant = stockClient(server.wsUrl, board.id, board.tokens.participant);
    await Promise.all([synced(observer), synced(participant)]);

    const sneaky = createElement(observer.doc, { type: 'note', text: 'nie powinno trafić' });
    const legit = createElement(participant.doc, { type: 'note', text: 'widoczne dla wszystkich' });
    await waitFor(() => elementsOf(observer.doc).has(legit), 3000, 'observer to receive the participant’s note');
    // The server has handled the observer's edit once it answers; then the participant asks.
    await roundTrip(observer);
    await roundTrip(participant);
    expect(elementsOf(participant.doc).has(sneaky)).toBe(false);

    // A fresh client (and therefore the server and storage) has only the legitimate note.
    const late = stockClient(server.wsUrl, board.id, board.tokens.participant);
    await synced(late);
    expect(elementsOf(late.doc).has(legit)).toBe(true);
    expect(elementsOf(late.doc).has(sneaky)).toBe(false);
  });
});

describe('rotating a link', () => {
  it('the old token stops working and its open connections close; the new one works', async () => {
    const server = await startServer();
    const board = await server.createBoard();
    const old = await rawSocket(`${server.wsUrl}/${board.id}?token=${board.tokens.participant}`);
    expect(old.opened).toBe(true);
    const closed = closeOf(old.ws);
    const oldControl = await controlClient(server.url, { boardId: board.id, token: board.tokens.participant, sessionId: 'p' });
    const keptControl = await controlClient(server.url, { boardId: board.id, token: board.tokens.observer, sessionId: 'o' });
    const removed = oldControl.next<{ reason: string }>('removed');
    const res = await fetch(`${server.url}/api/boards/${board.id}/links/participant/rotate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${board.tokens.facilitator}` },
    });
    expect(res.status).toBe(200);
    const { token, link } = (await res.json()) as { token: string; link: string };
    expect(link).toContain(`/b/${board.id}#token=${token}`);
    expect(await closed).toEqual({ code: 4401, reason: 'link was replaced' });
    expect(await removed).toEqual({ reason: 'link was replaced' });
    await waitFor(() => !oldControl.socket.connected, 3000, 'facilitation socket of the old link closed');
    expect(keptControl.socket.connected).toBe(true);
    expect((await rawSocket(`${server.wsUrl}/${board.id}?token=${board.tokens.participant}`)).status).toBe(401);
    expect((await rawSocket(`${server.wsUrl}/${board.id}?token=${token}`)).opened).toBe(true);
  });
});
