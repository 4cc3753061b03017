import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createElement, createElements } from '../../shared/ops/elements';
import { elementsOf, readMeta } from '../../shared/schema/doc';
import { roundTrip, stockClient, synced, waitFor } from '../helpers/clients';
import { startServer } from '../helpers/server';

describe('live sync with stock y-websocket clients', () => {
  it('two clients see each other’s edits, both ways', async () => {
    const server = await startServer();
    const board = await server.createBoard('Drzewo problemów');
    const a = stockClient(server.wsUrl, board.id, board.tokens.participant);
    const b = stockClient(server.wsUrl, board.id, board.tokens.facilitator);
    await Promise.all([synced(a), synced(b)]);
    expect(readMeta(a.doc).title).toBe('Drzewo problemów');

    const id = createElement(a.doc, { type: 'note', text: 'zażółć gęślą jaźń' });
    await waitFor(() => elementsOf(b.doc).has(id), 3000, 'B to see A’s note');
    expect(String(elementsOf(b.doc).get(id)!.get('text'))).toBe('zażółć gęślą jaźń');

    elementsOf(b.doc).get(id)!.set('x', 321);
    await waitFor(() => elementsOf(a.doc).get(id)!.get('x') === 321, 3000, 'A to see B’s move');
  });

  it('two people typing into one note merge character by character', async () => {
    const server = await startServer();
    const board = await server.createBoard();
    const a = stockClient(server.wsUrl, board.id, board.tokens.participant);
    const b = stockClient(server.wsUrl, board.id, board.tokens.participant);
    await Promise.all([synced(a), synced(b)]);
    const id = createElement(a.doc, { type: 'note', text: '' });
    await waitFor(() => elementsOf(b.doc).has(id));
    const textA = elementsOf(a.doc).get(id)!.get('text') as Y.Text;
    const textB = elementsOf(b.doc).get(id)!.get('text') as Y.Text;
    textA.insert(0, 'Ala ');
    textB.insert(0, 'Ola ');
    await waitFor(() => textA.toString() === textB.toString() && textA.length === 8, 3000, 'texts to converge');
    expect(textA.toString()).toMatch(/^(Ala Ola |Ola Ala )$/);
  });

  it('a client that reconnects gets what it missed and sends what it did offline', async () => {
    const server = await startServer();
    const board = await server.createBoard();
    const a = stockClient(server.wsUrl, board.id, board.tokens.participant);
    const b = stockClient(server.wsUrl, board.id, board.tokens.participant);
    await Promise.all([synced(a), synced(b)]);

    b.provider.disconnect();
    await waitFor(() => !b.provider.wsconnected);
    const fromA = createElement(a.doc, { type: 'note', text: 'podczas przerwy' });
    const fromB = createElement(b.doc, { type: 'rect', text: 'offline' });
    b.provider.connect();
    await waitFor(() => elementsOf(b.doc).has(fromA) && elementsOf(a.doc).has(fromB), 5000, 'both to converge after reconnect');
    expect(Y.encodeStateVector(a.doc)).toEqual(Y.encodeStateVector(b.doc));
  });

  it('newcomers to a big board get its kept encoding and every change made since', async () => {
    const server = await startServer();
    const board = await server.createBoard();
    const a = stockClient(server.wsUrl, board.id, board.tokens.facilitator);
    await synced(a);
    // Big enough (≈ 150 KB) for the server to keep the board encoded between newcomers.
    const ids = createElements(a.doc, Array.from({ length: 400 }, (_, i) => ({ type: 'note' as const, text: `Pomysł nr ${i}: ścieżka rowerowa`, x: i * 5 })));
    const b = stockClient(server.wsUrl, board.id, board.tokens.participant);
    await waitFor(() => elementsOf(b.doc).size === 400, 5000, 'B to receive the board');
    elementsOf(a.doc).get(ids[0]!)!.set('x', -50);
    elementsOf(a.doc).delete(ids[1]!);
    createElement(a.doc, { type: 'note', text: 'po zakodowaniu' });
    await waitFor(() => elementsOf(b.doc).size === 400 && elementsOf(b.doc).get(ids[0]!)?.get('x') === -50, 5000, 'B to see the changes');
    const c = stockClient(server.wsUrl, board.id, board.tokens.participant);
    await synced(c);
    await waitFor(() => elementsOf(c.doc).get(ids[0]!)?.get('x') === -50, 5000, 'C to get the changes made after the encoding');
    expect(elementsOf(c.doc).toJSON()).toEqual(elementsOf(a.doc).toJSON());
    expect(Y.encodeStateVector(c.doc)).toEqual(Y.encodeStateVector(a.doc));
  });

  it('awareness (cursors, names) reaches other clients and is removed when one leaves', async () => {
    const server = await startServer();
    const board = await server.createBoard();
    const a = stockClient(server.wsUrl, board.id, board.tokens.participant);
    const b = stockClient(server.wsUrl, board.id, board.tokens.observer);
    await Promise.all([synced(a), synced(b)]);
    a.provider.awareness.setLocalStateField('cursor', { x: 10, y: 20 });
    b.provider.awareness.setLocalStateField('user', { name: 'Obserwator' });
    await waitFor(() => (b.provider.awareness.getStates().get(a.doc.clientID) as { cursor?: unknown } | undefined)?.cursor !== undefined);
    await waitFor(() => a.provider.awareness.getStates().has(b.doc.clientID), 3000, 'observer awareness to be relayed');
    a.destroy();
    await waitFor(() => !b.provider.awareness.getStates().has(a.doc.clientID), 5000, 'A’s presence to disappear');
  });

  it('a busy room does not disturb another room', async () => {
    const server = await startServer();
    const [one, two] = await Promise.all([server.createBoard('Pokój 1'), server.createBoard('Pokój 2')]);
    const a1 = stockClient(server.wsUrl, one.id, one.tokens.participant);
    const b1 = stockClient(server.wsUrl, one.id, one.tokens.participant);
    const a2 = stockClient(server.wsUrl, two.id, two.tokens.participant);
    await Promise.all([synced(a1), synced(b1), synced(a2)]);
    const id = createElement(a1.doc, { type: 'note', text: 'tylko w pokoju 1' });
    await waitFor(() => elementsOf(b1.doc).has(id));
    // Sent to room 1 by now; a copy routed to room 2 would reach a2 before this answer.
    await roundTrip(a2);
    expect(elementsOf(a2.doc).has(id)).toBe(false);
    expect(readMeta(a2.doc).title).toBe('Pokój 2');
  });
});
