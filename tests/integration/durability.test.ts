import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createElement } from '../../shared/ops/elements';
import { elementsOf, readMeta } from '../../shared/schema/doc';
import { keepWriting, stockClient, synced, waitFor } from '../helpers/clients';
import { startServer, startServerProcess, tempDir } from '../helpers/server';

describe('durability', () => {
  it('edits survive a graceful restart', async () => {
    const dataDir = tempDir();
    const first = await startServer({}, dataDir);
    const board = await first.createBoard('Analiza SWOT');
    const a = stockClient(first.wsUrl, board.id, board.tokens.participant);
    await synced(a);
    const ids = Array.from({ length: 20 }, (_, i) => createElement(a.doc, { type: 'note', text: `mocna strona ${i}` }));
    await waitFor(() => first.warsztat.rooms.peek(board.id) !== undefined && elementsOf(first.warsztat.rooms.peek(board.id)!.doc).size === 20);
    a.destroy();
    await first.stop();

    const second = await startServer({}, dataDir);
    const b = stockClient(second.wsUrl, board.id, board.tokens.observer);
    await synced(b);
    expect(readMeta(b.doc).title).toBe('Analiza SWOT');
    for (const id of ids) expect(elementsOf(b.doc).has(id)).toBe(true);
  });

  it('after SIGKILL, every edit that had been relayed to another client is still there', { timeout: 180_000 }, async () => {
    const dataDir = tempDir();
    const first = await startServerProcess(dataDir);
    const board = await first.createBoard('Zabity serwer');
    const writer = stockClient(first.wsUrl, board.id, board.tokens.participant);
    const reader = stockClient(first.wsUrl, board.id, board.tokens.participant);
    await Promise.all([synced(writer), synced(reader)]);

    // The writer edits without pause; the server is killed while edits are in flight.
    const writing = keepWriting(writer.doc, (doc, i) => createElement(doc, { type: 'note', text: `edycja ${i}` }));
    await waitFor(() => elementsOf(reader.doc).size >= 150, 15_000, 'reader to receive 150 edits');
    await first.kill('SIGKILL');
    await writing.stop();
    const relayed = [...elementsOf(reader.doc).keys()];
    reader.provider.disconnect();
    writer.provider.disconnect();

    const second = await startServerProcess(dataDir);
    const check = stockClient(second.wsUrl, board.id, board.tokens.observer);
    await synced(check);
    const missing = relayed.filter((id) => !elementsOf(check.doc).has(id));
    expect(missing).toEqual([]);
    expect(relayed.length).toBeGreaterThanOrEqual(150);
  });

  it('an emptied board is unloaded, and compaction keeps its content', async () => {
    const server = await startServer({ COMPACT_AFTER_UPDATES: 10 });
    const board = await server.createBoard();
    const a = stockClient(server.wsUrl, board.id, board.tokens.participant);
    await synced(a);
    for (let i = 0; i < 40; i++) createElement(a.doc, { type: 'note', text: `k${i}` });
    const expected = Y.encodeStateVector(a.doc);
    await waitFor(() => {
      const room = server.warsztat.rooms.peek(board.id);
      return room !== undefined && elementsOf(room.doc).size === 40;
    });
    a.destroy();
    await waitFor(() => server.warsztat.rooms.size === 0, 5000, 'room to unload');
    const stored = await server.warsztat.store.loadUpdates(board.id);
    expect(stored.length).toBeLessThan(10);

    const b = stockClient(server.wsUrl, board.id, board.tokens.participant);
    await synced(b);
    expect(elementsOf(b.doc).size).toBe(40);
    expect(Y.encodeStateVector(b.doc)).toEqual(expected);
  });
});
