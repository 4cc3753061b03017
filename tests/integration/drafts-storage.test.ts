import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { PostgresStore } from '../../server/storage/postgres';
import { SqliteStore } from '../../server/storage/sqlite';
import type { BoardStore } from '../../server/storage/types';
import { onCleanup, tempDir } from '../helpers/server';
import { POSTGRES_URL, freshSchema, servicesUnavailable } from '../helpers/services';

const skipReason = await servicesUnavailable();

const board = { id: 'b1', title: 'Burza', locale: 'pl' as const, createdAt: 1, updatedAt: 1 };
const hashes = { facilitator: 'f', participant: 'p', observer: 'o' };
const note = (id: string, text: string) => ({ id, frameId: 'ramka', text, x: 1, y: 2, color: '#fde68a' });
/** Facilitation JSON as stored before hidden notes had rows of their own. */
const legacyJson = JSON.stringify({
  state: { privateFrames: ['ramka'] },
  ballots: {},
  drafts: { ala: [note('a1', 'pierwsza'), note('a2', 'druga')], ola: [note('o1', 'jej')] },
  at: 5,
});

async function expectMigrated(store: BoardStore): Promise<void> {
  const rows = await store.loadDrafts('b1');
  expect(rows.map((r) => [r.author, JSON.parse(r.json) as unknown])).toEqual([
    ['ala', note('a1', 'pierwsza')],
    ['ala', note('a2', 'druga')],
    ['ola', note('o1', 'jej')],
  ]);
  const json = JSON.parse((await store.loadControl('b1'))!) as Record<string, unknown>;
  expect(json.drafts).toBeUndefined();
  expect(json.state).toEqual({ privateFrames: ['ramka'] });
}

async function expectRowsByChange(store: BoardStore): Promise<void> {
  await store.saveDrafts('b1', [
    { author: 'ala', id: 'a1', json: JSON.stringify(note('a1', 'poprawiona')) },
    { author: 'ala', id: 'a2', json: null },
    { author: 'ala', id: 'a3', json: JSON.stringify(note('a3', 'nowa')) },
  ]);
  // A rewritten note keeps its place; a note of a deleted board is not written.
  await store.saveDrafts('gone', [{ author: 'ala', id: 'x', json: '{}' }]);
  expect((await store.loadDrafts('b1')).map((r) => (JSON.parse(r.json) as { text: string }).text)).toEqual(['poprawiona', 'jej', 'nowa']);
  await store.deleteBoard('b1');
  expect(await store.loadDrafts('b1')).toEqual([]);
}

describe('hidden notes in storage', () => {
  it('SQLite: an older file gets the notes moved out of the facilitation JSON into rows', async () => {
    const file = path.join(tempDir(), 'warsztat.sqlite');
    const fresh = new SqliteStore(file);
    await fresh.createBoard(board, new Uint8Array([0, 0]), hashes, legacyJson);
    await fresh.close();
    // Back to the schema before this step: the version that had no notes table.
    const db = new Database(file);
    db.exec('DROP TABLE control_drafts');
    db.prepare(`DELETE FROM schema_migrations WHERE name = 'control-drafts'`).run();
    db.close();

    const store = new SqliteStore(file);
    onCleanup(() => store.close());
    await expectMigrated(store);
    await expectRowsByChange(store);
  });

  it.skipIf(skipReason !== null)('PostgreSQL: an older schema gets the notes moved out of the facilitation JSON into rows', async () => {
    const schema = freshSchema();
    const fresh = new PostgresStore({ connectionString: POSTGRES_URL, schema });
    await fresh.createBoard(board, new Uint8Array([0, 0]), hashes, legacyJson);
    await fresh.close();
    const client = new pg.Client({ connectionString: POSTGRES_URL, options: `-c search_path=${schema}` });
    await client.connect();
    await client.query('DROP TABLE control_drafts');
    await client.query(`DELETE FROM schema_migrations WHERE name = 'control-drafts'`);
    await client.end();

    const store = new PostgresStore({ connectionString: POSTGRES_URL, schema });
    onCleanup(() => store.close());
    await expectMigrated(store);
    await expectRowsByChange(store);
  });
});
