/** The two databases a Warsztat store runs on (server/storage/sqlite.ts, postgres.ts). */
export const DIALECTS = ['sqlite', 'postgres'] as const;
export type Dialect = (typeof DIALECTS)[number];

/**
 * One schema step: a name recorded once it has been applied, and its SQL in each dialect
 * (one or more statements; no parameters). A step never changes once released: a change of
 * schema is a new step at the end of the list.
 */
export interface MigrationStep {
  name: string;
  /** Why the step exists, for whoever reads the list (and docs/schema.md). */
  why: string;
  sql: Record<Dialect, string>;
}

/** The table both stores record applied steps in: one row per step name. */
export const MIGRATION_TABLE = 'schema_migrations';

/**
 * Every schema step, in the order they are applied (server/storage/migrate.ts runs them).
 * Both dialects build the same tables: BLOB/INTEGER in SQLite are BYTEA/BIGINT in PostgreSQL,
 * and where SQLite orders rows by its implicit rowid PostgreSQL has a `seq BIGSERIAL` column.
 */
export const MIGRATIONS: readonly MigrationStep[] = [
  {
    name: 'boards',
    why: 'the board catalogue, its update log and its role tokens',
    sql: {
      sqlite: `CREATE TABLE boards (
     id TEXT PRIMARY KEY,
     title TEXT NOT NULL,
     locale TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL
   );
   CREATE TABLE updates (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
     data BLOB NOT NULL
   );
   CREATE INDEX updates_board ON updates(board_id, seq);
   CREATE TABLE tokens (
     hash TEXT PRIMARY KEY,
     board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
     role TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     UNIQUE (board_id, role)
   );`,
      postgres: `CREATE TABLE boards (
     id TEXT PRIMARY KEY,
     title TEXT NOT NULL,
     locale TEXT NOT NULL,
     created_at BIGINT NOT NULL,
     updated_at BIGINT NOT NULL
   );
   CREATE TABLE updates (
     seq BIGSERIAL PRIMARY KEY,
     board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
     data BYTEA NOT NULL
   );
   CREATE INDEX updates_board ON updates(board_id, seq);
   CREATE TABLE tokens (
     hash TEXT PRIMARY KEY,
     board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
     role TEXT NOT NULL,
     created_at BIGINT NOT NULL,
     UNIQUE (board_id, role)
   );`,
    },
  },
  {
    name: 'control-state',
    why: 'the facilitation state (agenda, timer, rounds, roster) kept beside each board, as JSON',
    sql: {
      sqlite: `CREATE TABLE control_state (
     board_id TEXT PRIMARY KEY REFERENCES boards(id) ON DELETE CASCADE,
     json TEXT NOT NULL
   );`,
      postgres: `CREATE TABLE control_state (
     board_id TEXT PRIMARY KEY REFERENCES boards(id) ON DELETE CASCADE,
     json TEXT NOT NULL
   );`,
    },
  },
  {
    name: 'snapshots',
    why: 'named versions of a board (version history), each with its Yjs state',
    sql: {
      sqlite: `CREATE TABLE snapshots (
     id TEXT PRIMARY KEY,
     board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
     name TEXT NOT NULL,
     author TEXT NOT NULL,
     kind TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     state BLOB NOT NULL
   );
   CREATE INDEX snapshots_board ON snapshots(board_id, created_at);`,
      postgres: `CREATE TABLE snapshots (
     seq BIGSERIAL,
     id TEXT PRIMARY KEY,
     board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
     name TEXT NOT NULL,
     author TEXT NOT NULL,
     kind TEXT NOT NULL,
     created_at BIGINT NOT NULL,
     state BYTEA NOT NULL
   );
   CREATE INDEX snapshots_board ON snapshots(board_id, created_at);`,
    },
  },
  {
    name: 'personal-links',
    why: 'personal links, one per named person, revocable alone (only the token hash is kept)',
    sql: {
      sqlite: `CREATE TABLE personal_links (
     id TEXT PRIMARY KEY,
     board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
     hash TEXT NOT NULL UNIQUE,
     name TEXT NOT NULL,
     role TEXT NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE INDEX personal_links_board ON personal_links(board_id, created_at);`,
      postgres: `CREATE TABLE personal_links (
     id TEXT PRIMARY KEY,
     board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
     hash TEXT NOT NULL UNIQUE,
     name TEXT NOT NULL,
     role TEXT NOT NULL,
     created_at BIGINT NOT NULL
   );
   CREATE INDEX personal_links_board ON personal_links(board_id, created_at);`,
    },
  },
  {
    name: 'control-drafts',
    // Writing one note then costs one row, not the whole facilitation state (#14).
    why: 'hidden notes (private brainstorming) in rows of their own, moved out of the facilitation JSON with the notes already stored',
    sql: {
      sqlite: `CREATE TABLE control_drafts (
     board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
     author TEXT NOT NULL,
     id TEXT NOT NULL,
     json TEXT NOT NULL,
     PRIMARY KEY (board_id, author, id)
   );
   INSERT OR IGNORE INTO control_drafts (board_id, author, id, json)
     SELECT c.board_id, a.key, json_extract(d.value, '$.id'), d.value
     FROM (SELECT board_id, json FROM control_state WHERE json_valid(json) AND json_type(json, '$.drafts') = 'object') c,
       json_each(c.json, '$.drafts') a,
       json_each(CASE WHEN a.type = 'array' THEN a.value ELSE '[]' END) d
     WHERE d.type = 'object' AND json_type(d.value, '$.id') = 'text'
     ORDER BY c.board_id, a.key, d.key;
   UPDATE control_state SET json = json_remove(json, '$.drafts') WHERE json_valid(json) AND json_type(json, '$.drafts') IS NOT NULL;`,
      postgres: `CREATE TABLE control_drafts (
     seq BIGSERIAL,
     board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
     author TEXT NOT NULL,
     id TEXT NOT NULL,
     json TEXT NOT NULL,
     PRIMARY KEY (board_id, author, id)
   );
   INSERT INTO control_drafts (board_id, author, id, json)
     SELECT c.board_id, a.key, d.value->>'id', d.value::text
     FROM control_state c
       CROSS JOIN LATERAL jsonb_each(CASE WHEN jsonb_typeof(c.json::jsonb->'drafts') = 'object' THEN c.json::jsonb->'drafts' ELSE '{}'::jsonb END) a
       CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(a.value) = 'array' THEN a.value ELSE '[]'::jsonb END) WITH ORDINALITY d(value, n)
     WHERE jsonb_typeof(d.value) = 'object' AND jsonb_typeof(d.value->'id') = 'string'
     ORDER BY c.board_id, a.key, d.n
     ON CONFLICT DO NOTHING;
   UPDATE control_state SET json = (json::jsonb - 'drafts')::text WHERE json::jsonb ? 'drafts';`,
    },
  },
  {
    name: 'privacy',
    // RODO (#20): contacts leave the facilitation JSON for rows a retention sweep and an erasure can delete one by one.
    why: "residents' contacts with the consent they gave (wording and time), each board's contact retention, and the audit log of privacy actions",
    sql: {
      sqlite: `CREATE TABLE idea_contacts (
     board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
     idea_id TEXT NOT NULL,
     contact TEXT NOT NULL,
     consent_text TEXT NOT NULL,
     consent_at INTEGER NOT NULL,
     PRIMARY KEY (board_id, idea_id)
   );
   CREATE TABLE board_privacy (
     board_id TEXT PRIMARY KEY REFERENCES boards(id) ON DELETE CASCADE,
     contact_retention_days INTEGER NOT NULL
   );
   CREATE TABLE privacy_audit (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
     at INTEGER NOT NULL,
     actor TEXT NOT NULL,
     action TEXT NOT NULL,
     detail TEXT NOT NULL
   );
   CREATE INDEX privacy_audit_board ON privacy_audit(board_id, seq);`,
      postgres: `CREATE TABLE idea_contacts (
     seq BIGSERIAL,
     board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
     idea_id TEXT NOT NULL,
     contact TEXT NOT NULL,
     consent_text TEXT NOT NULL,
     consent_at BIGINT NOT NULL,
     PRIMARY KEY (board_id, idea_id)
   );
   CREATE TABLE board_privacy (
     board_id TEXT PRIMARY KEY REFERENCES boards(id) ON DELETE CASCADE,
     contact_retention_days INTEGER NOT NULL
   );
   CREATE TABLE privacy_audit (
     seq BIGSERIAL PRIMARY KEY,
     board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
     at BIGINT NOT NULL,
     actor TEXT NOT NULL,
     action TEXT NOT NULL,
     detail TEXT NOT NULL
   );
   CREATE INDEX privacy_audit_board ON privacy_audit(board_id, seq);`,
    },
  },
];

/**
 * Databases made before this list (release a117858 and earlier) recorded a bare step number:
 * SQLite in `PRAGMA user_version`, PostgreSQL as max(version) of `warsztat_migrations`. Their
 * numbering differed: PostgreSQL's step 1 also made control_state, and its step 3 did nothing.
 * `LEGACY_STEPS[dialect][n]` names the steps a database at old version n already has. Those
 * old markers are read once, when the step table is first made, and then left as they were.
 */
export const LEGACY_STEPS: Record<Dialect, readonly (readonly string[])[]> = {
  sqlite: [
    [],
    ['boards'],
    ['boards', 'control-state'],
    ['boards', 'control-state', 'snapshots'],
    ['boards', 'control-state', 'snapshots', 'personal-links'],
    ['boards', 'control-state', 'snapshots', 'personal-links', 'control-drafts'],
  ],
  postgres: [
    [],
    ['boards', 'control-state'],
    ['boards', 'control-state', 'snapshots'],
    ['boards', 'control-state', 'snapshots'],
    ['boards', 'control-state', 'snapshots', 'personal-links'],
    ['boards', 'control-state', 'snapshots', 'personal-links', 'control-drafts'],
  ],
};
