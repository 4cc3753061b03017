import path from 'node:path';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { elementsOf } from '../../shared/schema/doc';
import { createElement } from '../../shared/ops/elements';
import { SqliteStore } from '../../server/storage/sqlite';
import type { AppendBatch } from '../../server/storage/types';
import { stockClient, synced, waitFor } from '../helpers/clients';
import { onCleanup, startServer, tempDir } from '../helpers/server';

/** A real SQLite store whose appends, once held, each wait until the test lets that one through. */
class HeldAppendStore extends SqliteStore {
  readonly held: { release: () => void; done: boolean }[] = [];
  holding = false;

  override async append(batches: readonly AppendBatch[]): Promise<void> {
    if (!this.holding) return super.append(batches);
    const entry = { release: () => {}, done: false };
    const gate = new Promise<void>((resolve) => (entry.release = resolve));
    this.held.push(entry);
    await gate;
    await super.append(batches);
    entry.done = true;
  }
}

const idsIn = (update: Uint8Array) => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return new Set(elementsOf(doc).keys());
};

/** A server on a HeldAppendStore, a board and a synced participant; from now on every write is held. */
async function boardWithHeldWrites(title: string) {
  const dir = tempDir();
  const store = new HeldAppendStore(path.join(dir, 'warsztat.sqlite'));
  const server = await startServer({}, dir, { store });
  const board = await server.createBoard(title);
  const writer = stockClient(server.wsUrl, board.id, board.tokens.participant);
  await synced(writer);
  onCleanup(() => store.held.forEach((h) => h.release()));
  store.holding = true;
  return { store, server, board, writer };
}

describe('answers that relay the board carry only what is on disk', () => {
  it('an edit arriving while an earlier write is in flight is not in an answer read before it (the SIGKILL loss of scale.test.ts)', async () => {
    const { store, server, board, writer } = await boardWithHeldWrites('Zapis w toku');
    const room = server.warsztat.rooms.peek(board.id)!;
    const first = createElement(writer.doc, { type: 'note', text: 'pierwsza' });
    await waitFor(() => store.held.length === 1, 5000, 'the first write to be in flight');
    // As a client's sync step 1 or another process's state vector is answered: read, then wait.
    const answer = room.durableRead(() => Y.encodeStateAsUpdate(room.doc));
    const second = createElement(writer.doc, { type: 'note', text: 'druga' });
    await waitFor(() => elementsOf(room.doc).has(second), 5000, 'the second note to reach the server');
    // The queue takes the second note on the turn after it arrived (setImmediate): after this
    // one, it waits behind the first write, taken, not yet written.
    await new Promise((resolve) => setImmediate(resolve));
    store.held[0]!.release();
    const ids = idsIn(await answer);
    expect(ids.has(first)).toBe(true);
    expect(ids.has(second)).toBe(false);

    await waitFor(() => store.held.length === 2, 5000, 'the second write to start');
    store.held[1]!.release();
    await room.whenDurable();
    expect(store.held[1]!.done).toBe(true);
    const reader = stockClient(server.wsUrl, board.id, board.tokens.observer);
    await synced(reader);
    expect([...elementsOf(reader.doc).keys()]).toEqual(expect.arrayContaining([first, second]));
  });

  it('a client connecting while a write is held gets the held note only once it is written', async () => {
    const { store, server, board, writer } = await boardWithHeldWrites('Nowy uczestnik');
    const unwritten = createElement(writer.doc, { type: 'note', text: 'jeszcze nie na dysku' });
    await waitFor(() => store.held.length === 1, 5000, 'the write to be in flight');
    const reader = stockClient(server.wsUrl, board.id, board.tokens.observer);
    // The reader's sync step 1 is waiting for the write: nothing of the note reaches it.
    await waitFor(() => reader.provider.wsconnected, 5000, 'the reader to connect');
    expect(elementsOf(reader.doc).has(unwritten)).toBe(false);
    store.held[0]!.release();
    await synced(reader);
    await waitFor(() => elementsOf(reader.doc).has(unwritten), 5000, 'the note once written');
    expect(store.held[0]!.done).toBe(true);
  });
});
