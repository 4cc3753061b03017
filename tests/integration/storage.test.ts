import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PostgresStore } from '../../server/storage/postgres';
import { SqliteStore } from '../../server/storage/sqlite';
import type { BoardStore } from '../../server/storage/types';
import { mergeToSnapshot } from '../../server/sync/snapshot';
import { onCleanup, tempDir } from '../helpers/server';
import { POSTGRES_URL, dropSchema, servicesUnavailable, uniqueSchema } from '../helpers/services';

const skipReason = await servicesUnavailable();

async function makeSqlite(): Promise<BoardStore> {
  const store = new SqliteStore(path.join(tempDir(), 'test.sqlite'));
  onCleanup(() => store.close());
  return store;
}

async function makePostgres(): Promise<BoardStore> {
  const schema = uniqueSchema();
  const store = new PostgresStore({ connectionString: POSTGRES_URL, schema });
  onCleanup(async () => {
    await store.close();
    await dropSchema(schema);
  });
  return store;
}

function update(key: string, value: number): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('m').set(key, value);
  return Y.encodeStateAsUpdate(doc);
}

const board = (id: string) => ({ id, title: `Tablica ${id}`, locale: 'pl' as const, createdAt: 1, updatedAt: 1 });
const hashes = (id: string) => ({ facilitator: `${id}-f`, participant: `${id}-p`, observer: `${id}-o` });

const stores: [string, () => Promise<BoardStore>, boolean][] = [
  ['SQLite', makeSqlite, true],
  ['PostgreSQL', makePostgres, skipReason === null],
];

describe.each(stores)('%s store contract', (_name, make, available) => {
  it.skipIf(!available)('creates, lists, renames and deletes boards with their tokens', async () => {
    const store = await make();
    await store.createBoard(board('b1'), update('a', 1), hashes('b1'));
    expect(await store.getBoard('b1')).toMatchObject({ id: 'b1', title: 'Tablica b1', locale: 'pl' });
    expect(await store.findToken('b1-p')).toEqual({ boardId: 'b1', role: 'participant' });
    await store.setTitle('b1', 'Nowa');
    expect((await store.listBoards()).map((b) => b.title)).toEqual(['Nowa']);
    await store.replaceToken('b1', 'participant', 'b1-p2');
    expect(await store.findToken('b1-p')).toBeUndefined();
    expect(await store.findToken('b1-p2')).toEqual({ boardId: 'b1', role: 'participant' });
    expect(await store.deleteBoard('b1')).toBe(true);
    expect(await store.deleteBoard('b1')).toBe(false);
    expect(await store.findToken('b1-f')).toBeUndefined();
    expect(await store.loadUpdates('b1')).toEqual([]);
  });

  it.skipIf(!available)('appends batches in order and skips boards deleted meanwhile', async () => {
    const store = await make();
    await store.createBoard(board('b1'), update('a', 0), hashes('b1'));
    await store.append([
      { boardId: 'b1', updates: [update('a', 1), update('b', 2)] },
      { boardId: 'gone', updates: [update('x', 9)] },
    ]);
    const stored = await store.loadUpdates('b1');
    expect(stored).toHaveLength(3);
    const doc = new Y.Doc();
    for (const u of stored) Y.applyUpdate(doc, u.data);
    expect(doc.getMap('m').toJSON()).toMatchObject({ b: 2 });
    expect(await store.loadUpdates('gone')).toEqual([]);
  });

  it.skipIf(!available)('compaction keeps every update, including ones appended while it runs', async () => {
    const store = await make();
    await store.createBoard(board('b1'), update('k0', 0), hashes('b1'));
    for (let i = 1; i < 20; i++) await store.append([{ boardId: 'b1', updates: [update(`k${i}`, i)] }]);
    await Promise.all([store.compact('b1', mergeToSnapshot), store.append([{ boardId: 'b1', updates: [update('late', 99)] }])]);
    const stored = await store.loadUpdates('b1');
    expect(stored.length).toBeLessThanOrEqual(2);
    const doc = new Y.Doc();
    for (const u of stored) Y.applyUpdate(doc, u.data);
    expect(Object.keys(doc.getMap('m').toJSON()).sort()).toEqual([...Array.from({ length: 20 }, (_, i) => `k${i}`), 'late'].sort());
  });

  it.skipIf(!available)('keeps facilitation state per board', async () => {
    const store = await make();
    await store.createBoard(board('b1'), update('a', 0), hashes('b1'));
    expect(await store.loadControl('b1')).toBeUndefined();
    await store.saveControl('b1', '{"a":1}');
    await store.saveControl('b1', '{"a":2}');
    expect(await store.loadControl('b1')).toBe('{"a":2}');
    await store.ping();
  });

  it.skipIf(!available)('creates a board with its facilitation state in one transaction, or not at all', async () => {
    const store = await make();
    await store.createBoard(board('b1'), update('a', 0), hashes('b1'), '{"state":{}}');
    expect(await store.loadControl('b1')).toBe('{"state":{}}');
    // A clashing token hash fails the whole creation: no board, no control state.
    await expect(store.createBoard(board('b2'), update('a', 0), hashes('b1'), '{"x":1}')).rejects.toThrow();
    expect(await store.getBoard('b2')).toBeUndefined();
    expect(await store.loadControl('b2')).toBeUndefined();
    expect(await store.loadUpdates('b2')).toEqual([]);
  });

  it.skipIf(!available)('keeps named versions per board, newest first, with their state; gone with the board', async () => {
    const store = await make();
    await store.createBoard(board('b1'), update('a', 0), hashes('b1'));
    await store.createBoard(board('b2'), update('a', 0), hashes('b2'));
    const state = update('wersja', 1);
    expect(await store.createSnapshot({ id: 's1', boardId: 'b1', name: 'Przed głosowaniem', author: 'Łucja', kind: 'manual', createdAt: 100 }, state)).toBe(true);
    expect(await store.createSnapshot({ id: 's2', boardId: 'b1', name: 'Analiza SWOT', author: 'Łucja', kind: 'phase', createdAt: 200 }, update('b', 2))).toBe(true);
    expect(await store.createSnapshot({ id: 's3', boardId: 'b1', name: 'Przed głosowaniem', author: 'Jan', kind: 'restore', createdAt: 200 }, update('c', 3))).toBe(true);
    expect(await store.createSnapshot({ id: 's4', boardId: 'b2', name: 'inna', author: '', kind: 'manual', createdAt: 50 }, state)).toBe(true);
    // A board deleted meanwhile: nothing stored, no error.
    expect(await store.createSnapshot({ id: 's5', boardId: 'gone', name: 'x', author: '', kind: 'manual', createdAt: 1 }, state)).toBe(false);

    const list = await store.listSnapshots('b1');
    expect(list.map((s) => s.id)).toEqual(['s3', 's2', 's1']);
    expect(list[2]).toEqual({ id: 's1', boardId: 'b1', name: 'Przed głosowaniem', author: 'Łucja', kind: 'manual', createdAt: 100, bytes: state.byteLength });
    const one = await store.getSnapshot('b1', 's1');
    expect(one?.snapshot.name).toBe('Przed głosowaniem');
    expect(Buffer.from(one!.state).equals(Buffer.from(state))).toBe(true);
    // A version is only found through its own board.
    expect(await store.getSnapshot('b2', 's1')).toBeUndefined();
    expect(await store.getSnapshot('b1', 'nope')).toBeUndefined();

    await store.deleteBoard('b1');
    expect(await store.listSnapshots('b1')).toEqual([]);
    expect(await store.getSnapshot('b1', 's1')).toBeUndefined();
    expect((await store.listSnapshots('b2')).map((s) => s.id)).toEqual(['s4']);
  });
});

it('the SQLite file is created where DATA_DIR points', async () => {
  const dir = tempDir();
  const store = new SqliteStore(path.join(dir, 'nested', 'warsztat.sqlite'));
  onCleanup(() => store.close());
  expect(fs.existsSync(path.join(dir, 'nested', 'warsztat.sqlite'))).toBe(true);
});
