import pg from 'pg';
import { migrateAsync } from './migrate';
import type { AppendBatch, BoardRecord, BoardStore, DraftWrite, IdeaContactRecord, PersonalLinkRecord, PrivacyAuditRecord, Role, SnapshotRecord, StoredDraft, StoredUpdate, TokenGrant } from './types';
import { CONTACTS_QUERY, toAudit, toContact, type AuditRow, type ContactRow } from './privacy-rows';

interface SnapshotRow {
  id: string;
  board_id: string;
  name: string;
  author: string;
  kind: SnapshotRecord['kind'];
  created_at: string;
  bytes: number;
}

function toSnapshot(row: SnapshotRow): SnapshotRecord {
  return { id: row.id, boardId: row.board_id, name: row.name, author: row.author, kind: row.kind, createdAt: Number(row.created_at), bytes: Number(row.bytes) };
}

interface PersonalLinkRow {
  id: string;
  board_id: string;
  name: string;
  role: Role;
  created_at: string;
}

function toPersonalLink(row: PersonalLinkRow): PersonalLinkRecord {
  return { id: row.id, boardId: row.board_id, name: row.name, role: row.role, createdAt: Number(row.created_at) };
}

interface BoardRow {
  id: string;
  title: string;
  locale: string;
  created_at: string;
  updated_at: string;
}

function toRecord(row: BoardRow): BoardRecord {
  return { id: row.id, title: row.title, locale: row.locale === 'en' ? 'en' : 'pl', createdAt: Number(row.created_at), updatedAt: Number(row.updated_at) };
}

/**
 * PostgreSQL behind the same interface as SQLite, for several processes sharing one
 * database. Appends are one statement (atomic); compaction locks the board's rows so an
 * update appended meanwhile by another process is kept.
 */
export class PostgresStore implements BoardStore {
  private readonly pool: pg.Pool;
  private ready: Promise<void>;

  constructor(options: { connectionString: string; schema?: string; max?: number }) {
    this.pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.max ?? 10,
      options: options.schema ? `-c search_path=${options.schema}` : undefined,
    });
    // An idle client losing its connection must not take the process down.
    this.pool.on('error', () => {});
    this.ready = this.migrate(options.schema);
  }

  /** The schema steps of server/storage/migrations.ts, through the runner both stores share. */
  private async migrate(schema?: string): Promise<void> {
    const client = await this.pool.connect();
    try {
      // The schema is made under the runner's lock: two processes making it at once would collide.
      const afterLock = schema ? [`CREATE SCHEMA IF NOT EXISTS "${schema.replace(/"/g, '')}"`] : [];
      await migrateAsync(client, 'postgres', { afterLock });
    } finally {
      client.release();
    }
  }

  private async query<R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<pg.QueryResult<R>> {
    await this.ready;
    return this.pool.query<R>(text, values);
  }

  private async transaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    await this.ready;
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** Resolves when the database answers (readiness). */
  async ping(): Promise<void> {
    await this.query('SELECT 1');
  }

  async createBoard(board: BoardRecord, initialUpdate: Uint8Array, tokenHashes: Record<Role, string>, control?: string): Promise<void> {
    await this.transaction(async (client) => {
      await client.query('INSERT INTO boards (id, title, locale, created_at, updated_at) VALUES ($1, $2, $3, $4, $5)', [board.id, board.title, board.locale, board.createdAt, board.updatedAt]);
      await client.query('INSERT INTO updates (board_id, data) VALUES ($1, $2)', [board.id, Buffer.from(initialUpdate)]);
      for (const [role, hash] of Object.entries(tokenHashes)) {
        await client.query('INSERT INTO tokens (hash, board_id, role, created_at) VALUES ($1, $2, $3, $4)', [hash, board.id, role, board.createdAt]);
      }
      if (control !== undefined) await client.query('INSERT INTO control_state (board_id, json) VALUES ($1, $2)', [board.id, control]);
    });
  }

  async getBoard(id: string): Promise<BoardRecord | undefined> {
    const { rows } = await this.query<BoardRow>('SELECT * FROM boards WHERE id = $1', [id]);
    return rows[0] ? toRecord(rows[0]) : undefined;
  }

  async listBoards(): Promise<BoardRecord[]> {
    const { rows } = await this.query<BoardRow>('SELECT * FROM boards ORDER BY updated_at DESC');
    return rows.map(toRecord);
  }

  async setTitle(id: string, title: string): Promise<void> {
    await this.query('UPDATE boards SET title = $1, updated_at = $2 WHERE id = $3', [title, Date.now(), id]);
  }

  async deleteBoard(id: string): Promise<boolean> {
    const { rowCount } = await this.query('DELETE FROM boards WHERE id = $1', [id]);
    return (rowCount ?? 0) > 0;
  }

  async loadUpdates(boardId: string): Promise<StoredUpdate[]> {
    const { rows } = await this.query<{ seq: string; data: Buffer }>('SELECT seq, data FROM updates WHERE board_id = $1 ORDER BY seq', [boardId]);
    return rows.map((row) => ({ seq: Number(row.seq), data: new Uint8Array(row.data) }));
  }

  async append(batches: readonly AppendBatch[]): Promise<void> {
    const boardIds: string[] = [];
    const data: Buffer[] = [];
    for (const batch of batches) {
      for (const update of batch.updates) {
        boardIds.push(batch.boardId);
        data.push(Buffer.from(update.buffer, update.byteOffset, update.byteLength));
      }
    }
    if (boardIds.length === 0) return;
    // One statement: all of the batch is durable, or none of it. Boards deleted meanwhile are skipped.
    await this.query(
      `WITH incoming AS (SELECT * FROM unnest($1::text[], $2::bytea[]) WITH ORDINALITY AS t(board_id, data, n)),
            inserted AS (INSERT INTO updates (board_id, data) SELECT i.board_id, i.data FROM incoming i JOIN boards b ON b.id = i.board_id ORDER BY i.n RETURNING board_id)
       UPDATE boards SET updated_at = $3 WHERE id IN (SELECT DISTINCT board_id FROM inserted)`,
      [boardIds, data, Date.now()],
    );
  }

  async compact(boardId: string, merge: (updates: Uint8Array[]) => Uint8Array): Promise<void> {
    await this.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [boardId]);
      const { rows } = await client.query<{ seq: string; data: Buffer }>('SELECT seq, data FROM updates WHERE board_id = $1 ORDER BY seq', [boardId]);
      if (rows.length < 2) return;
      const merged = merge(rows.map((row) => new Uint8Array(row.data)));
      // Exactly the rows merged: an append from another process may commit a lower seq after the
      // read above (sequence values are handed out before commit), and "seq <= last" would delete it.
      await client.query('DELETE FROM updates WHERE board_id = $1 AND seq = ANY($2::bigint[])', [boardId, rows.map((row) => row.seq)]);
      await client.query('INSERT INTO updates (board_id, data) VALUES ($1, $2)', [boardId, Buffer.from(merged)]);
    });
  }

  async findToken(hash: string): Promise<TokenGrant | undefined> {
    const { rows } = await this.query<{ board_id: string; role: Role; link_id: string | null; name: string | null }>(
      `SELECT board_id, role, NULL AS link_id, NULL AS name FROM tokens WHERE hash = $1
       UNION ALL SELECT board_id, role, id, name FROM personal_links WHERE hash = $1 LIMIT 1`,
      [hash],
    );
    const row = rows[0];
    if (!row) return undefined;
    return row.link_id === null ? { boardId: row.board_id, role: row.role } : { boardId: row.board_id, role: row.role, personalLink: { id: row.link_id, name: row.name ?? '' } };
  }

  async createPersonalLink(link: PersonalLinkRecord, hash: string, max: number): Promise<'created' | 'full' | 'noBoard'> {
    return this.transaction(async (client) => {
      // One creation per board at a time, so that concurrent ones cannot pass the cap together.
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`personal-links:${link.boardId}`]);
      const { rows: board } = await client.query('SELECT 1 FROM boards WHERE id = $1', [link.boardId]);
      if (board.length === 0) return 'noBoard' as const;
      const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM personal_links WHERE board_id = $1', [link.boardId]);
      if (Number(rows[0]?.n ?? 0) >= max) return 'full' as const;
      await client.query('INSERT INTO personal_links (id, board_id, hash, name, role, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [link.id, link.boardId, hash, link.name, link.role, link.createdAt]);
      return 'created' as const;
    });
  }

  async listPersonalLinks(boardId: string): Promise<PersonalLinkRecord[]> {
    const { rows } = await this.query<PersonalLinkRow>('SELECT id, board_id, name, role, created_at FROM personal_links WHERE board_id = $1 ORDER BY created_at, id', [boardId]);
    return rows.map(toPersonalLink);
  }

  async deletePersonalLink(boardId: string, id: string): Promise<string | undefined> {
    const { rows } = await this.query<{ hash: string }>('DELETE FROM personal_links WHERE board_id = $1 AND id = $2 RETURNING hash', [boardId, id]);
    return rows[0]?.hash;
  }

  async setPersonalLinkRole(boardId: string, id: string, role: Role): Promise<boolean> {
    const { rowCount } = await this.query('UPDATE personal_links SET role = $1 WHERE board_id = $2 AND id = $3', [role, boardId, id]);
    return (rowCount ?? 0) > 0;
  }

  async replaceToken(boardId: string, role: Role, hash: string): Promise<void> {
    await this.transaction(async (client) => {
      await client.query('DELETE FROM tokens WHERE board_id = $1 AND role = $2', [boardId, role]);
      await client.query('INSERT INTO tokens (hash, board_id, role, created_at) VALUES ($1, $2, $3, $4)', [hash, boardId, role, Date.now()]);
    });
  }

  async loadControl(boardId: string): Promise<string | undefined> {
    const { rows } = await this.query<{ json: string }>('SELECT json FROM control_state WHERE board_id = $1', [boardId]);
    return rows[0]?.json;
  }

  async saveControl(boardId: string, json: string): Promise<void> {
    await this.query(
      'INSERT INTO control_state (board_id, json) SELECT $1, $2 WHERE EXISTS (SELECT 1 FROM boards WHERE id = $1) ON CONFLICT (board_id) DO UPDATE SET json = excluded.json',
      [boardId, json],
    );
  }

  async loadDrafts(boardId: string): Promise<StoredDraft[]> {
    const { rows } = await this.query<StoredDraft>('SELECT author, json FROM control_drafts WHERE board_id = $1 ORDER BY seq', [boardId]);
    return rows;
  }

  async saveDrafts(boardId: string, writes: readonly DraftWrite[]): Promise<void> {
    if (writes.length === 0) return;
    await this.transaction(async (client) => {
      for (const { author, id, json } of writes) {
        if (json === null) await client.query('DELETE FROM control_drafts WHERE board_id = $1 AND author = $2 AND id = $3', [boardId, author, id]);
        else
          await client.query(
            'INSERT INTO control_drafts (board_id, author, id, json) SELECT $1, $2, $3, $4 WHERE EXISTS (SELECT 1 FROM boards WHERE id = $1) ON CONFLICT (board_id, author, id) DO UPDATE SET json = excluded.json',
            [boardId, author, id, json],
          );
      }
    });
  }

  async createSnapshot(snapshot: Omit<SnapshotRecord, 'bytes'>, state: Uint8Array): Promise<boolean> {
    const { rowCount } = await this.query(
      'INSERT INTO snapshots (id, board_id, name, author, kind, created_at, state) SELECT $1, $2, $3, $4, $5, $6, $7 WHERE EXISTS (SELECT 1 FROM boards WHERE id = $2)',
      [snapshot.id, snapshot.boardId, snapshot.name, snapshot.author, snapshot.kind, snapshot.createdAt, Buffer.from(state)],
    );
    return (rowCount ?? 0) > 0;
  }

  async listSnapshots(boardId: string): Promise<SnapshotRecord[]> {
    const { rows } = await this.query<SnapshotRow>(
      'SELECT id, board_id, name, author, kind, created_at, octet_length(state) AS bytes FROM snapshots WHERE board_id = $1 ORDER BY created_at DESC, seq DESC',
      [boardId],
    );
    return rows.map(toSnapshot);
  }

  async deleteSnapshots(boardId: string, ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const { rowCount } = await this.query('DELETE FROM snapshots WHERE board_id = $1 AND id = ANY($2::text[])', [boardId, [...ids]]);
    return rowCount ?? 0;
  }

  async getSnapshot(boardId: string, id: string): Promise<{ snapshot: SnapshotRecord; state: Uint8Array } | undefined> {
    const { rows } = await this.query<SnapshotRow & { state: Buffer }>(
      'SELECT id, board_id, name, author, kind, created_at, octet_length(state) AS bytes, state FROM snapshots WHERE board_id = $1 AND id = $2',
      [boardId, id],
    );
    return rows[0] ? { snapshot: toSnapshot(rows[0]), state: new Uint8Array(rows[0].state) } : undefined;
  }

  async putIdeaContact(record: IdeaContactRecord): Promise<boolean> {
    const { rowCount } = await this.query(
      `INSERT INTO idea_contacts (board_id, idea_id, contact, consent_text, consent_at) SELECT $1, $2, $3, $4, $5 WHERE EXISTS (SELECT 1 FROM boards WHERE id = $1)
       ON CONFLICT (board_id, idea_id) DO UPDATE SET contact = excluded.contact, consent_text = excluded.consent_text, consent_at = excluded.consent_at`,
      [record.boardId, record.ideaId, record.contact, record.consentText, record.consentAt],
    );
    return (rowCount ?? 0) > 0;
  }

  async listIdeaContacts(boardId?: string): Promise<(IdeaContactRecord & { retentionDays: number | null })[]> {
    const { rows } =
      boardId === undefined
        ? await this.query<ContactRow>(`${CONTACTS_QUERY} ORDER BY c.board_id, c.consent_at`)
        : await this.query<ContactRow>(`${CONTACTS_QUERY} WHERE c.board_id = $1 ORDER BY c.consent_at, c.seq`, [boardId]);
    return rows.map(toContact);
  }

  async deleteIdeaContacts(boardId: string, ideaIds: readonly string[]): Promise<number> {
    if (ideaIds.length === 0) return 0;
    const { rowCount } = await this.query('DELETE FROM idea_contacts WHERE board_id = $1 AND idea_id = ANY($2::text[])', [boardId, [...ideaIds]]);
    // A deleted row stays in the table's pages until rewritten; the table is small, so it is
    // rewritten at once. The erasure itself is already committed: a failed rewrite only leaves
    // the bytes for autovacuum, so it does not fail the request.
    if (rowCount) await this.query('VACUUM FULL idea_contacts').catch(() => undefined);
    return rowCount ?? 0;
  }

  async getContactRetention(boardId: string): Promise<number | undefined> {
    const { rows } = await this.query<{ days: number }>('SELECT contact_retention_days AS days FROM board_privacy WHERE board_id = $1', [boardId]);
    return rows[0] ? Number(rows[0].days) : undefined;
  }

  async setContactRetention(boardId: string, days: number): Promise<void> {
    await this.query(
      'INSERT INTO board_privacy (board_id, contact_retention_days) SELECT $1, $2 WHERE EXISTS (SELECT 1 FROM boards WHERE id = $1) ON CONFLICT (board_id) DO UPDATE SET contact_retention_days = excluded.contact_retention_days',
      [boardId, days],
    );
  }

  async appendPrivacyAudit(entry: Omit<PrivacyAuditRecord, 'seq'>): Promise<void> {
    await this.query('INSERT INTO privacy_audit (board_id, at, actor, action, detail) SELECT $1, $2, $3, $4, $5 WHERE EXISTS (SELECT 1 FROM boards WHERE id = $1)', [
      entry.boardId,
      entry.at,
      entry.actor,
      entry.action,
      entry.detail,
    ]);
  }

  async listPrivacyAudit(boardId: string): Promise<PrivacyAuditRecord[]> {
    const { rows } = await this.query<AuditRow>('SELECT seq, board_id, at, actor, action, detail FROM privacy_audit WHERE board_id = $1 ORDER BY seq', [boardId]);
    return rows.map(toAudit);
  }

  async close(): Promise<void> {
    await this.ready.catch(() => undefined);
    await this.pool.end();
  }
}
