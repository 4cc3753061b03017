import { spawn } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, MIGRATION_TABLE, type Dialect } from '../../server/storage/migrations';
import { PostgresStore } from '../../server/storage/postgres';
import { SqliteStore } from '../../server/storage/sqlite';
import type { BoardStore } from '../../server/storage/types';
import { A117858_NOTES, A117858_VERSIONS, a117858Rows, buildPostgresA117858, buildSqliteA117858 } from '../fixtures/storage-a117858';
import { ROOT, onCleanup, tempDir } from '../helpers/server';
import { POSTGRES_URL, freshSchema, servicesUnavailable } from '../helpers/services';

const skipReason = await servicesUnavailable();

/** Each table's rows in a stable order (by primary key). */
const TABLE_ORDER: Record<string, string> = {
  boards: 'id',
  updates: 'seq',
  tokens: 'hash',
  control_state: 'board_id',
  snapshots: 'id',
  personal_links: 'id',
  control_drafts: 'board_id, author, id',
};

type Dump = Record<string, Record<string, unknown>[]>;

/** One database reached the way a test needs: raw, as the old release left it, and through the store. */
interface Target {
  /** Every table's rows (tables absent are left out). */
  dump(): Promise<Dump>;
  /** Tables, columns, indexes and constraints, to compare with a database made from scratch. */
  shape(): Promise<unknown>;
  steps(): Promise<{ name: string; applied_at: unknown }[]>;
  open(): BoardStore;
}

function sqliteTarget(file: string): Target {
  const raw = <T>(fn: (db: Database.Database) => T): T => {
    const db = new Database(file, { readonly: true });
    try {
      return fn(db);
    } finally {
      db.close();
    }
  };
  const tables = (db: Database.Database) => new Set(db.prepare<[], { name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table'`).all().map((r) => r.name));
  return {
    dump: async () =>
      raw((db) => {
        const present = tables(db);
        return Object.fromEntries(Object.entries(TABLE_ORDER).filter(([t]) => present.has(t)).map(([t, order]) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY ${order}`).all() as Record<string, unknown>[]]));
      }),
    shape: async () => raw((db) => db.prepare(`SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND tbl_name <> ? ORDER BY name`).all(MIGRATION_TABLE)),
    steps: async () => raw((db) => db.prepare(`SELECT name, applied_at FROM ${MIGRATION_TABLE} ORDER BY rowid`).all() as { name: string; applied_at: unknown }[]),
    open: () => {
      const store = new SqliteStore(file);
      onCleanup(() => store.close());
      return store;
    },
  };
}

async function postgresClient(schema: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, options: `-c search_path=${schema}` });
  await client.connect();
  onCleanup(() => client.end());
  return client;
}

async function postgresTarget(schema: string): Promise<Target> {
  const client = await postgresClient(schema);
  const present = async (table: string) => (await client.query<{ p: boolean }>('SELECT to_regclass($1) IS NOT NULL AS p', [table])).rows[0]!.p;
  const skip = [MIGRATION_TABLE, 'warsztat_migrations'];
  return {
    dump: async () => {
      const dump: Dump = {};
      for (const [table, order] of Object.entries(TABLE_ORDER)) if (await present(table)) dump[table] = (await client.query(`SELECT * FROM ${table} ORDER BY ${order}`)).rows;
      return dump;
    },
    shape: async () => ({
      columns: (
        await client.query(
          `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns
           WHERE table_schema = $1 AND NOT table_name = ANY($2) ORDER BY table_name, ordinal_position`,
          [schema, skip],
        )
      ).rows,
      indexes: (await client.query(`SELECT indexname, replace(indexdef, $1, 'S') AS def FROM pg_indexes WHERE schemaname = $1 AND NOT tablename = ANY($2) ORDER BY indexname`, [schema, skip])).rows,
      constraints: (
        await client.query(
          `SELECT c.conname, pg_get_constraintdef(c.oid) AS def FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
           WHERE c.connamespace = $1::regnamespace AND NOT t.relname = ANY($2) ORDER BY c.conname`,
          [schema, skip],
        )
      ).rows,
    }),
    steps: async () => (await client.query<{ name: string; applied_at: unknown }>(`SELECT name, applied_at FROM ${MIGRATION_TABLE} ORDER BY name`)).rows,
    open: () => {
      const store = new PostgresStore({ connectionString: POSTGRES_URL, schema });
      onCleanup(() => store.close());
      return store;
    },
  };
}

/** A database of the old release at `version`, with its rows; and one made from scratch by this code, to compare shapes with. */
async function legacyAndFresh(dialect: Dialect, version: number): Promise<{ legacy: Target; fresh: Target }> {
  if (dialect === 'sqlite') {
    const dir = tempDir();
    buildSqliteA117858(path.join(dir, 'old.sqlite'), version);
    const fresh = sqliteTarget(path.join(dir, 'fresh.sqlite'));
    await fresh.open().ping();
    return { legacy: sqliteTarget(path.join(dir, 'old.sqlite')), fresh };
  }
  const schema = freshSchema();
  await buildPostgresA117858(await postgresClient(schema), schema, version);
  const freshName = freshSchema();
  const fresh = await postgresTarget(freshName);
  await fresh.open().ping();
  return { legacy: await postgresTarget(schema), fresh };
}

const parse = (json: unknown) => JSON.parse(String(json)) as Record<string, unknown>;
const names = MIGRATIONS.map((step) => step.name);
const dialects: [Dialect, boolean][] = [
  ['sqlite', true],
  ['postgres', skipReason === null],
];

describe.each(dialects)('%s: a database made by release a117858 upgrades without loss', (dialect, available) => {
  it.skipIf(!available).each(A117858_VERSIONS)('from its step %i', async (version) => {
    const { legacy, fresh } = await legacyAndFresh(dialect, version);
    const before = await legacy.dump();
    const seeded = a117858Rows(version);
    for (const [table, rows] of Object.entries(before)) expect(rows, table).toHaveLength(seeded[table]!.length);

    const store = legacy.open();
    await store.ping();
    const after = await legacy.dump();
    // Before step 5 the notes lived in the facilitation JSON (which SQLite's step 1 did not have yet).
    const notesMoved = version < 5 && 'control_state' in before;
    for (const [table, rows] of Object.entries(before)) {
      if (notesMoved && table === 'control_state') continue;
      expect(after[table], `${table} at step ${version}`).toEqual(rows);
    }
    // The schema is the one this code makes from scratch, and every step is recorded once.
    expect(await legacy.shape()).toEqual(await fresh.shape());
    const steps = await legacy.steps();
    expect(steps.map((s) => s.name).sort()).toEqual([...names].sort());

    if (notesMoved) {
      // Notes kept in the facilitation JSON moved into rows; the rest of the JSON stayed.
      const control = after.control_state!.map((row) => [row.board_id, parse(row.json)]);
      const old = before.control_state!.map((row) => {
        const { drafts: _drafts, ...rest } = parse(row.json);
        return [row.board_id, rest];
      });
      expect(control).toEqual(old);
      expect(after.control_drafts!.map((row) => ({ boardId: row.board_id, author: row.author, note: parse(row.json) }))).toEqual(A117858_NOTES);
    }

    // And the store reads all of it.
    expect((await store.listBoards()).map((b) => b.title).sort()).toEqual(['Warsztat w Żorach: zieleń', 'Łódź — plan'].sort());
    expect((await store.loadUpdates('b1')).map((u) => [...u.data])).toEqual([
      [0, 1, 2, 255, 0],
      [1, 1, 170, 0],
    ]);
    expect(await store.findToken('hash-b2-o')).toEqual({ boardId: 'b2', role: 'observer' });
    if ('control_state' in before) expect(parse(await store.loadControl('b1')).agenda).toEqual([{ id: 'a1', title: 'Diagnoza — mocne strony', minutes: 20 }]);
    expect((await store.loadDrafts('b1')).map((d) => (parse(d.json) as { id: string }).id)).toEqual('control_state' in before ? ['n1', 'n2', 'n3'] : []);
    if ('snapshots' in before) expect((await store.listSnapshots('b1')).map((s) => [s.id, s.name, s.bytes])).toEqual([
      ['s2', 'Etap: pomysły', 1],
      ['s1', 'Przed głosowaniem', 4],
    ]);
    if ('personal_links' in before) expect(await store.findToken('hash-l1')).toEqual({ boardId: 'b1', role: 'participant', personalLink: { id: 'l1', name: 'Zofia Łęcka' } });

    // Opening it again applies nothing.
    await legacy.open().ping();
    expect(await legacy.steps()).toEqual(steps);
    expect(await legacy.dump()).toEqual(after);
  });
});

/** Starts `count` processes, each opening the same database once all of them are loaded. */
async function migrateAtOnce(count: number, args: string[]): Promise<{ code: number | null; output: string }[]> {
  const script = path.join(ROOT, 'tests/fixtures/migrate-process.ts');
  const children = Array.from({ length: count }, () => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    onCleanup(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    let output = '';
    const ready = new Promise<void>((resolve) =>
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('ready\n')) resolve();
      }),
    );
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    return { child, ready, exit, output: () => output };
  });
  await Promise.all(children.map((c) => c.ready));
  for (const c of children) c.child.stdin.end('go\n');
  return Promise.all(children.map(async (c) => ({ code: await c.exit, output: c.output() })));
}

describe('several processes migrating one database at once', () => {
  const cases: [string, Dialect, number, boolean][] = [
    ['SQLite, new file', 'sqlite', 0, true],
    ['SQLite, file of release a117858 at step 3', 'sqlite', 3, true],
    ['PostgreSQL, new schema', 'postgres', 0, skipReason === null],
    ['PostgreSQL, schema of release a117858 at step 3', 'postgres', 3, skipReason === null],
  ];
  it.each(cases)('%s: every process succeeds and each step is applied once', async (_name, dialect, version, available) => {
    if (!available) return;
    let target: Target;
    let args: string[];
    if (dialect === 'sqlite') {
      const file = path.join(tempDir(), 'shared.sqlite');
      if (version > 0) buildSqliteA117858(file, version);
      target = sqliteTarget(file);
      args = ['sqlite', file];
    } else {
      const schema = freshSchema();
      if (version > 0) await buildPostgresA117858(await postgresClient(schema), schema, version);
      target = await postgresTarget(schema);
      args = ['postgres', POSTGRES_URL, schema];
    }
    const results = await migrateAtOnce(3, args);
    for (const result of results) expect(result, result.output).toMatchObject({ code: 0, output: expect.stringContaining('migrated') });
    const steps = await target.steps();
    expect(steps.map((s) => s.name).sort()).toEqual([...names].sort());
    const dump = await target.dump();
    expect(Object.keys(dump).sort()).toEqual(Object.keys(TABLE_ORDER).sort());
    if (version > 0) expect(dump.boards).toHaveLength(2);
  });
});
