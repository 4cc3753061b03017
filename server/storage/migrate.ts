import { LEGACY_STEPS, MIGRATIONS, MIGRATION_TABLE, type Dialect, type MigrationStep } from './migrations';

/**
 * The one migration runner of both stores. It is written once, as a sequence of commands
 * (a generator), and driven by a synchronous driver for better-sqlite3 and an asynchronous
 * one for pg: the decisions (what is applied, what an old marker means, when to commit) are
 * the same code for both databases.
 */

/** Something the runner asks of the database: statements without a result, or one query whose rows come back. */
export type MigrationCommand = { kind: 'exec'; sql: string } | { kind: 'query'; sql: string; params: readonly unknown[] };

export type Rows = readonly Record<string, unknown>[];

/** What a run did. */
export interface MigrationReport {
  /** Steps applied by this run, in order. */
  applied: string[];
  /** The old step number this database carried when its step table was made, if it had one. */
  adoptedLegacyVersion: number | null;
  /** Recorded steps this code does not know (a newer release ran here); left alone. */
  unknown: string[];
}

export interface MigrationOptions {
  /** Statements run once the lock is held, before anything else (PostgreSQL: make the schema). */
  afterLock?: readonly string[];
  /** The steps to apply; the real list unless a test says otherwise. */
  steps?: readonly MigrationStep[];
  now?: number;
}

/** An arbitrary constant: the PostgreSQL advisory lock that serialises migrations across processes. */
export const MIGRATION_LOCK = 727_001;

const exec = (sql: string): MigrationCommand => ({ kind: 'exec', sql });
const query = (sql: string, params: readonly unknown[] = []): MigrationCommand => ({ kind: 'query', sql, params });

/** `?` for SQLite, `$n` for PostgreSQL. */
const param = (dialect: Dialect, n: number) => (dialect === 'sqlite' ? '?' : `$${n}`);

function* tableExists(dialect: Dialect, table: string): Generator<MigrationCommand, boolean, Rows> {
  const rows =
    dialect === 'sqlite'
      ? yield query(`SELECT count(*) AS present FROM sqlite_master WHERE type = 'table' AND name = ?`, [table])
      : yield query('SELECT to_regclass($1) IS NOT NULL AS present', [table]);
  return Boolean(rows[0]?.present);
}

/** The step number the code before the step table left in this database (0 when none). */
function* legacyVersion(dialect: Dialect): Generator<MigrationCommand, number, Rows> {
  if (dialect === 'sqlite') {
    const rows = yield query('PRAGMA user_version');
    return Number(rows[0]?.user_version ?? 0);
  }
  if (!(yield* tableExists(dialect, 'warsztat_migrations'))) return 0;
  const rows = yield query('SELECT max(version) AS v FROM warsztat_migrations');
  return Number(rows[0]?.v ?? 0);
}

/**
 * Brings a database up to the step list in one transaction: SQLite's BEGIN IMMEDIATE takes
 * the write lock before anything is read, PostgreSQL's transaction-level advisory lock makes a
 * second process wait until the first has committed, then find every step recorded.
 */
export function* migration(dialect: Dialect, options: MigrationOptions = {}): Generator<MigrationCommand, MigrationReport, Rows> {
  const steps = options.steps ?? MIGRATIONS;
  const now = options.now ?? Date.now();
  if (dialect === 'sqlite') yield exec('BEGIN IMMEDIATE');
  else {
    yield exec('BEGIN');
    yield query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
  }
  for (const sql of options.afterLock ?? []) yield exec(sql);

  let adoptedLegacyVersion: number | null = null;
  const record = (name: string) => query(`INSERT INTO ${MIGRATION_TABLE} (name, applied_at) VALUES (${param(dialect, 1)}, ${param(dialect, 2)})`, [name, now]);
  if (!(yield* tableExists(dialect, MIGRATION_TABLE))) {
    const version = yield* legacyVersion(dialect);
    const legacy = LEGACY_STEPS[dialect][version];
    if (!legacy) throw new Error(`storage schema version ${version} is newer than this release knows (${LEGACY_STEPS[dialect].length - 1}); upgrade Warsztat`);
    yield exec(`CREATE TABLE ${MIGRATION_TABLE} (name TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)`);
    for (const name of legacy) yield record(name);
    if (version > 0) adoptedLegacyVersion = version;
  }

  const done = new Set((yield query(`SELECT name FROM ${MIGRATION_TABLE}`)).map((row) => String(row.name)));
  const known = new Set(steps.map((step) => step.name));
  const applied: string[] = [];
  for (const step of steps) {
    if (done.has(step.name)) continue;
    yield exec(step.sql[dialect]);
    yield record(step.name);
    applied.push(step.name);
  }
  yield exec('COMMIT');
  return { applied, adoptedLegacyVersion, unknown: [...done].filter((name) => !known.has(name)) };
}

/** better-sqlite3, reduced to what the runner needs. */
export interface SyncConnection {
  exec(sql: string): void;
  all(sql: string, params: readonly unknown[]): Rows;
}

/** A pg client (one connection, so that the transaction holds), reduced to what the runner needs. */
export interface AsyncConnection {
  query(sql: string, params?: unknown[]): Promise<{ rows: Rows }>;
}

/** Runs the migration on a synchronous connection; rolls back and rethrows on any failure. */
export function migrateSync(db: SyncConnection, dialect: Dialect, options?: MigrationOptions): MigrationReport {
  const run = migration(dialect, options);
  try {
    let step = run.next();
    while (!step.done) {
      const command = step.value;
      step = run.next(command.kind === 'exec' ? (db.exec(command.sql), []) : db.all(command.sql, command.params));
    }
    return step.value;
  } catch (error) {
    try {
      db.exec('ROLLBACK');
    } catch {
      // No transaction was open (BEGIN itself failed).
    }
    throw error;
  }
}

/** Runs the migration on an asynchronous connection; rolls back and rethrows on any failure. */
export async function migrateAsync(db: AsyncConnection, dialect: Dialect, options?: MigrationOptions): Promise<MigrationReport> {
  const run = migration(dialect, options);
  try {
    let step = run.next();
    while (!step.done) {
      const command = step.value;
      const result = command.kind === 'exec' ? await db.query(command.sql) : await db.query(command.sql, [...command.params]);
      step = run.next(command.kind === 'exec' ? [] : result.rows);
    }
    return step.value;
  } catch (error) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
