import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrateSync, migration, type MigrationCommand, type MigrationReport, type Rows } from '../../server/storage/migrate';
import { DIALECTS, LEGACY_STEPS, MIGRATIONS, MIGRATION_TABLE, type Dialect } from '../../server/storage/migrations';

const names = MIGRATIONS.map((step) => step.name);

describe('the storage migration list', () => {
  it('has unique, readable names', () => {
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z][a-z0-9-]*$/);
  });

  it.each(MIGRATIONS.map((step) => [step.name, step] as const))('%s: has SQL in both dialects and says why', (_name, step) => {
    expect(Object.keys(step.sql).sort()).toEqual([...DIALECTS].sort());
    for (const dialect of DIALECTS) expect(step.sql[dialect].trim(), dialect).not.toBe('');
    expect(step.why.length).toBeGreaterThan(10);
  });

  it.each(DIALECTS)('%s: every old step number maps to steps of the list, in its order', (dialect) => {
    const legacy = LEGACY_STEPS[dialect];
    expect(legacy[0]).toEqual([]);
    for (const [version, steps] of legacy.entries()) {
      // A prefix of the list: an old database has a beginning of the steps, never a gap.
      expect(steps, `${dialect} version ${version}`).toEqual(names.slice(0, steps.length));
      if (version > 0) expect(steps.length).toBeGreaterThanOrEqual(legacy[version - 1]!.length);
    }
    // The last release before the list had every step up to the hidden notes.
    expect(legacy.at(-1)).toEqual(names.slice(0, 5));
  });

  it('SQLite: every step applies in order on a new database', () => {
    const db = new Database(':memory:');
    for (const step of MIGRATIONS) db.exec(step.sql.sqlite);
    const tables = db.prepare<[], { name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all();
    expect(tables.map((t) => t.name)).toEqual(['board_privacy', 'boards', 'control_drafts', 'control_state', 'idea_contacts', 'personal_links', 'privacy_audit', 'snapshots', 'tokens', 'updates']);
    db.close();
  });
});

/**
 * Drives the runner against a scripted database: the step table is absent, the old marker
 * says `legacyVersion`, and whatever the runner records is what it reads back.
 */
function runScripted(dialect: Dialect, legacyVersion: number, recorded: string[] | null = null): { report: MigrationReport; commands: MigrationCommand[] } {
  const inserted: string[] = recorded ?? [];
  const commands: MigrationCommand[] = [];
  const answer = (command: MigrationCommand): Rows => {
    commands.push(command);
    if (command.kind === 'exec') return [];
    const { sql, params } = command;
    if (sql.includes('sqlite_master') || sql.includes('to_regclass')) {
      const table = params[0];
      return [{ present: table === MIGRATION_TABLE ? recorded !== null : legacyVersion > 0 }];
    }
    if (sql.startsWith('PRAGMA user_version')) return [{ user_version: legacyVersion }];
    if (sql.includes('max(version)')) return [{ v: legacyVersion }];
    if (sql.startsWith(`INSERT INTO ${MIGRATION_TABLE}`)) {
      inserted.push(String(params[0]));
      return [];
    }
    if (sql.startsWith('SELECT name')) return inserted.map((name) => ({ name }));
    return [];
  };
  const run = migration(dialect, { now: 1 });
  let step = run.next();
  while (!step.done) step = run.next(answer(step.value));
  return { report: step.value, commands };
}

describe('the migration runner', () => {
  it.each(DIALECTS.flatMap((dialect) => LEGACY_STEPS[dialect].map((steps, version) => [dialect, version, steps] as const)))(
    '%s at old step %i: records what it had, applies the rest, in one transaction',
    (dialect, version, had) => {
      const { report, commands } = runScripted(dialect, version);
      expect(report).toEqual({ applied: names.filter((n) => !had.includes(n)), adoptedLegacyVersion: version > 0 ? version : null, unknown: [] });
      const sql = commands.map((c) => c.sql);
      expect(sql[0]).toBe(dialect === 'sqlite' ? 'BEGIN IMMEDIATE' : 'BEGIN');
      if (dialect === 'postgres') expect(sql[1]).toMatch(/^SELECT pg_advisory_xact_lock\(\d+\)$/);
      expect(sql.at(-1)).toBe('COMMIT');
      expect(sql.filter((s) => s === 'COMMIT' || s.startsWith('BEGIN'))).toHaveLength(2);
      // Each step's SQL is the dialect's own.
      for (const name of report.applied) expect(sql).toContain(MIGRATIONS.find((s) => s.name === name)!.sql[dialect]);
    },
  );

  it.each(DIALECTS)('%s: a database with its step table ignores old markers and applies only missing steps', (dialect) => {
    const { report } = runScripted(dialect, 2, ['boards', 'control-state', 'a-step-of-a-newer-release']);
    expect(report).toEqual({ applied: names.slice(2), adoptedLegacyVersion: null, unknown: ['a-step-of-a-newer-release'] });
  });

  it.each(DIALECTS)('%s: an old marker past what this release knows is refused', (dialect) => {
    expect(() => runScripted(dialect, LEGACY_STEPS[dialect].length)).toThrow(/newer than this release knows/);
  });

  it('a failing step rolls the whole run back (SQLite)', () => {
    const db = new Database(':memory:');
    const connection = {
      exec: (sql: string) => db.exec(sql),
      all: (sql: string, params: readonly unknown[]) => {
        const statement = db.prepare(sql);
        if (statement.reader) return statement.all(...params) as Record<string, unknown>[];
        statement.run(...params);
        return [];
      },
    };
    const broken = [...MIGRATIONS.slice(0, 2), { name: 'broken', why: 'a step that fails half-way', sql: { sqlite: 'CREATE TABLE extra (x); SELECT * FROM nowhere;', postgres: 'SELECT 1' } }];
    expect(() => migrateSync(connection, 'sqlite', { steps: broken })).toThrow(/no such table: nowhere/);
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all()).toEqual([]);
    expect(migrateSync(connection, 'sqlite')).toEqual({ applied: names, adoptedLegacyVersion: null, unknown: [] });
    db.close();
  });
});
