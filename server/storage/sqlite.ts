import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrateSync } from './migrate';
import { CONTACTS_QUERY, toAudit, toContact, type AuditRow, type ContactRow } from './privacy-rows';
import type { AppendBatch, BoardRecord, BoardStore, DraftWrite, IdeaContactRecord, PersonalLinkRecord, PrivacyAuditRecord, Role, SnapshotRecord, StoredDraft, StoredUpdate, TokenGrant } from './types';

interface SnapshotRow {
  id: string;
  board_id: string;
  name: string;
  author: string;
  kind: SnapshotRecord['kind'];
  created_at: number;
  bytes: number;
}

function toSnapshot(row: SnapshotRow): SnapshotRecord {
  return { id: row.id, boardId: row.board_id, name: row.name, author: row.author, kind: row.kind, createdAt: row.created_at, bytes: row.bytes };
}

interface PersonalLinkRow {
  id: string;
  board_id: string;
  name: string;
  role: Role;
  created_at: number;
}

function toPersonalLink(row: PersonalLinkRow): PersonalLinkRecord {
  return { id: row.id, boardId: row.board_id, name: row.name, role: row.role, createdAt: row.created_at };
}

interface BoardRow {
  id: string;
  title: string;
  locale: string;
  created_at: number;
  updated_at: number;
}

function toRecord(row: BoardRow): BoardRecord {
  return { id: row.id, title: row.title, locale: row.locale === 'en' ? 'en' : 'pl', createdAt: row.created_at, updatedAt: row.updated_at };
}

const BUSY_WAIT_MS = 10_000;

/**
 * Runs a statement SQLite may refuse with SQLITE_BUSY without calling its busy handler: switching
 * a new file to WAL needs an exclusive lock, and when several processes open one file at once
 * SQLite answers "database is locked" at once to avoid a deadlock instead of waiting. Blocking
 * sleeps are fine here: this runs only while a store opens, before the server serves anything.
 */
function whileBusy<T>(run: () => T): T {
  const deadline = Date.now() + BUSY_WAIT_MS;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let attempt = 1; ; attempt++) {
    try {
      return run();
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (!(code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') || Date.now() > deadline) throw error;
      Atomics.wait(pause, 0, 0, Math.min(5 * attempt, 100));
    }
  }
}

/**
 * The embedded store: one SQLite file in WAL mode. better-sqlite3 is synchronous, so a
 * resolved append has already been committed to the WAL, which survives a killed process.
 */
export class SqliteStore implements BoardStore {
  private readonly db: Database.Database;
  private readonly statements;

  constructor(file: string, options: { synchronous?: 'NORMAL' | 'FULL' } = {}) {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    whileBusy(() => this.db.pragma('journal_mode = WAL'));
    this.db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
    this.db.pragma('foreign_keys = ON');
    // Deleted rows (an erased or expired contact) are overwritten, not left in free pages (docs/privacy.md).
    this.db.pragma('secure_delete = ON');
    whileBusy(() => this.migrate());
    const db = this.db;
    this.statements = {
      insertBoard: db.prepare('INSERT INTO boards (id, title, locale, created_at, updated_at) VALUES (?, ?, ?, ?, ?)'),
      getBoard: db.prepare<[string], BoardRow>('SELECT * FROM boards WHERE id = ?'),
      listBoards: db.prepare<[], BoardRow>('SELECT * FROM boards ORDER BY updated_at DESC'),
      setTitle: db.prepare('UPDATE boards SET title = ?, updated_at = ? WHERE id = ?'),
      touch: db.prepare('UPDATE boards SET updated_at = ? WHERE id = ?'),
      deleteBoard: db.prepare('DELETE FROM boards WHERE id = ?'),
      insertUpdate: db.prepare('INSERT INTO updates (board_id, data) VALUES (?, ?)'),
      // A board deleted while its last updates were queued must not fail the whole batch.
      appendUpdate: db.prepare('INSERT INTO updates (board_id, data) SELECT @boardId, @data WHERE EXISTS (SELECT 1 FROM boards WHERE id = @boardId)'),
      loadUpdates: db.prepare<[string], { seq: number; data: Buffer }>('SELECT seq, data FROM updates WHERE board_id = ? ORDER BY seq'),
      deleteUpTo: db.prepare('DELETE FROM updates WHERE board_id = ? AND seq <= ?'),
      insertToken: db.prepare('INSERT INTO tokens (hash, board_id, role, created_at) VALUES (?, ?, ?, ?)'),
      deleteRoleToken: db.prepare('DELETE FROM tokens WHERE board_id = ? AND role = ?'),
      loadControl: db.prepare<[string], { json: string }>('SELECT json FROM control_state WHERE board_id = ?'),
      saveControl: db.prepare(
        'INSERT INTO control_state (board_id, json) SELECT @boardId, @json WHERE EXISTS (SELECT 1 FROM boards WHERE id = @boardId) ON CONFLICT (board_id) DO UPDATE SET json = excluded.json',
      ),
      loadDrafts: db.prepare<[string], { author: string; json: string }>('SELECT author, json FROM control_drafts WHERE board_id = ? ORDER BY rowid'),
      // Keeps the row (and so its place in the order) when a note is rewritten.
      putDraft: db.prepare(
        'INSERT INTO control_drafts (board_id, author, id, json) SELECT @boardId, @author, @id, @json WHERE EXISTS (SELECT 1 FROM boards WHERE id = @boardId) ON CONFLICT (board_id, author, id) DO UPDATE SET json = excluded.json',
      ),
      deleteDraft: db.prepare('DELETE FROM control_drafts WHERE board_id = ? AND author = ? AND id = ?'),
      findToken: db.prepare<[string], { board_id: string; role: Role }>('SELECT board_id, role FROM tokens WHERE hash = ?'),
      findPersonalLink: db.prepare<[string], PersonalLinkRow>('SELECT id, board_id, name, role, created_at FROM personal_links WHERE hash = ?'),
      countPersonalLinks: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM personal_links WHERE board_id = ?'),
      insertPersonalLink: db.prepare('INSERT INTO personal_links (id, board_id, hash, name, role, created_at) VALUES (@id, @boardId, @hash, @name, @role, @createdAt)'),
      listPersonalLinks: db.prepare<[string], PersonalLinkRow>('SELECT id, board_id, name, role, created_at FROM personal_links WHERE board_id = ? ORDER BY created_at, rowid'),
      deletePersonalLink: db.prepare<[string, string], { hash: string }>('DELETE FROM personal_links WHERE board_id = ? AND id = ? RETURNING hash'),
      setPersonalLinkRole: db.prepare('UPDATE personal_links SET role = ? WHERE board_id = ? AND id = ?'),
      insertSnapshot: db.prepare(
        'INSERT INTO snapshots (id, board_id, name, author, kind, created_at, state) SELECT @id, @boardId, @name, @author, @kind, @createdAt, @state WHERE EXISTS (SELECT 1 FROM boards WHERE id = @boardId)',
      ),
      listSnapshots: db.prepare<[string], SnapshotRow>(
        'SELECT id, board_id, name, author, kind, created_at, length(state) AS bytes FROM snapshots WHERE board_id = ? ORDER BY created_at DESC, rowid DESC',
      ),
      deleteSnapshot: db.prepare<[string, string]>('DELETE FROM snapshots WHERE board_id = ? AND id = ?'),
      putContact: db.prepare(
        'INSERT INTO idea_contacts (board_id, idea_id, contact, consent_text, consent_at) SELECT @boardId, @ideaId, @contact, @consentText, @consentAt WHERE EXISTS (SELECT 1 FROM boards WHERE id = @boardId) ON CONFLICT (board_id, idea_id) DO UPDATE SET contact = excluded.contact, consent_text = excluded.consent_text, consent_at = excluded.consent_at',
      ),
      listContacts: db.prepare<[string], ContactRow>(`${CONTACTS_QUERY} WHERE c.board_id = ? ORDER BY c.consent_at, c.rowid`),
      listAllContacts: db.prepare<[], ContactRow>(`${CONTACTS_QUERY} ORDER BY c.board_id, c.consent_at`),
      deleteContact: db.prepare('DELETE FROM idea_contacts WHERE board_id = ? AND idea_id = ?'),
      getRetention: db.prepare<[string], { days: number }>('SELECT contact_retention_days AS days FROM board_privacy WHERE board_id = ?'),
      setRetention: db.prepare(
        'INSERT INTO board_privacy (board_id, contact_retention_days) SELECT @boardId, @days WHERE EXISTS (SELECT 1 FROM boards WHERE id = @boardId) ON CONFLICT (board_id) DO UPDATE SET contact_retention_days = excluded.contact_retention_days',
      ),
      appendAudit: db.prepare(
        'INSERT INTO privacy_audit (board_id, at, actor, action, detail) SELECT @boardId, @at, @actor, @action, @detail WHERE EXISTS (SELECT 1 FROM boards WHERE id = @boardId)',
      ),
      listAudit: db.prepare<[string], AuditRow>('SELECT seq, board_id, at, actor, action, detail FROM privacy_audit WHERE board_id = ? ORDER BY seq'),
      getSnapshot: db.prepare<[string, string], SnapshotRow & { state: Buffer }>(
        'SELECT id, board_id, name, author, kind, created_at, length(state) AS bytes, state FROM snapshots WHERE board_id = ? AND id = ?',
      ),
    };
  }

  /** The schema steps of server/storage/migrations.ts, through the runner both stores share. */
  private migrate(): void {
    const db = this.db;
    migrateSync(
      {
        exec: (sql) => db.exec(sql),
        all: (sql, params) => {
          const statement = db.prepare(sql);
          if (statement.reader) return statement.all(...params) as Record<string, unknown>[];
          statement.run(...params);
          return [];
        },
      },
      'sqlite',
    );
  }

  async createBoard(board: BoardRecord, initialUpdate: Uint8Array, tokenHashes: Record<Role, string>, control?: string): Promise<void> {
    const s = this.statements;
    this.db.transaction(() => {
      s.insertBoard.run(board.id, board.title, board.locale, board.createdAt, board.updatedAt);
      s.insertUpdate.run(board.id, initialUpdate);
      for (const [role, hash] of Object.entries(tokenHashes)) s.insertToken.run(hash, board.id, role, board.createdAt);
      if (control !== undefined) s.saveControl.run({ boardId: board.id, json: control });
    })();
  }

  async getBoard(id: string): Promise<BoardRecord | undefined> {
    const row = this.statements.getBoard.get(id);
    return row ? toRecord(row) : undefined;
  }

  async listBoards(): Promise<BoardRecord[]> {
    return this.statements.listBoards.all().map(toRecord);
  }

  async setTitle(id: string, title: string): Promise<void> {
    this.statements.setTitle.run(title, Date.now(), id);
  }

  async deleteBoard(id: string): Promise<boolean> {
    const deleted = this.statements.deleteBoard.run(id).changes > 0;
    // A deleted board takes its contacts with it, out of the write-ahead log too (deleteIdeaContacts).
    if (deleted) this.db.pragma('wal_checkpoint(TRUNCATE)');
    return deleted;
  }

  async loadUpdates(boardId: string): Promise<StoredUpdate[]> {
    return this.statements.loadUpdates.all(boardId).map((row) => ({ seq: row.seq, data: new Uint8Array(row.data) }));
  }

  /** Synchronous core of append, also used where the caller cannot wait (shutdown). */
  appendNow(batches: readonly AppendBatch[]): void {
    const s = this.statements;
    const now = Date.now();
    this.db.transaction(() => {
      for (const batch of batches) {
        for (const update of batch.updates) s.appendUpdate.run({ boardId: batch.boardId, data: update });
        s.touch.run(now, batch.boardId);
      }
    })();
  }

  async append(batches: readonly AppendBatch[]): Promise<void> {
    this.appendNow(batches);
  }

  async compact(boardId: string, merge: (updates: Uint8Array[]) => Uint8Array): Promise<void> {
    const s = this.statements;
    this.db.transaction(() => {
      const rows = s.loadUpdates.all(boardId);
      if (rows.length < 2) return;
      const merged = merge(rows.map((row) => new Uint8Array(row.data)));
      s.deleteUpTo.run(boardId, rows[rows.length - 1]!.seq);
      s.insertUpdate.run(boardId, merged);
    })();
  }

  async findToken(hash: string): Promise<TokenGrant | undefined> {
    const row = this.statements.findToken.get(hash);
    if (row) return { boardId: row.board_id, role: row.role };
    const link = this.statements.findPersonalLink.get(hash);
    return link ? { boardId: link.board_id, role: link.role, personalLink: { id: link.id, name: link.name } } : undefined;
  }

  async createPersonalLink(link: PersonalLinkRecord, hash: string, max: number): Promise<'created' | 'full' | 'noBoard'> {
    const s = this.statements;
    return this.db.transaction(() => {
      if (!s.getBoard.get(link.boardId)) return 'noBoard' as const;
      if (s.countPersonalLinks.get(link.boardId)!.n >= max) return 'full' as const;
      s.insertPersonalLink.run({ ...link, hash });
      return 'created' as const;
    })();
  }

  async listPersonalLinks(boardId: string): Promise<PersonalLinkRecord[]> {
    return this.statements.listPersonalLinks.all(boardId).map(toPersonalLink);
  }

  async deletePersonalLink(boardId: string, id: string): Promise<string | undefined> {
    return this.statements.deletePersonalLink.get(boardId, id)?.hash;
  }

  async setPersonalLinkRole(boardId: string, id: string, role: Role): Promise<boolean> {
    return this.statements.setPersonalLinkRole.run(role, boardId, id).changes > 0;
  }

  async replaceToken(boardId: string, role: Role, hash: string): Promise<void> {
    const s = this.statements;
    this.db.transaction(() => {
      s.deleteRoleToken.run(boardId, role);
      s.insertToken.run(hash, boardId, role, Date.now());
    })();
  }

  async loadControl(boardId: string): Promise<string | undefined> {
    return this.statements.loadControl.get(boardId)?.json;
  }

  async saveControl(boardId: string, json: string): Promise<void> {
    this.statements.saveControl.run({ boardId, json });
  }

  async loadDrafts(boardId: string): Promise<StoredDraft[]> {
    return this.statements.loadDrafts.all(boardId);
  }

  async saveDrafts(boardId: string, writes: readonly DraftWrite[]): Promise<void> {
    const s = this.statements;
    this.db.transaction(() => {
      for (const { author, id, json } of writes) {
        if (json === null) s.deleteDraft.run(boardId, author, id);
        else s.putDraft.run({ boardId, author, id, json });
      }
    })();
  }

  async createSnapshot(snapshot: Omit<SnapshotRecord, 'bytes'>, state: Uint8Array): Promise<boolean> {
    return this.statements.insertSnapshot.run({ ...snapshot, state }).changes > 0;
  }

  async listSnapshots(boardId: string): Promise<SnapshotRecord[]> {
    return this.statements.listSnapshots.all(boardId).map(toSnapshot);
  }

  async deleteSnapshots(boardId: string, ids: readonly string[]): Promise<number> {
    const remove = this.db.transaction(() => ids.reduce((count, id) => count + this.statements.deleteSnapshot.run(boardId, id).changes, 0));
    return remove();
  }

  async getSnapshot(boardId: string, id: string): Promise<{ snapshot: SnapshotRecord; state: Uint8Array } | undefined> {
    const row = this.statements.getSnapshot.get(boardId, id);
    return row ? { snapshot: toSnapshot(row), state: new Uint8Array(row.state) } : undefined;
  }

  async putIdeaContact(record: IdeaContactRecord): Promise<boolean> {
    return this.statements.putContact.run(record).changes > 0;
  }

  async listIdeaContacts(boardId?: string): Promise<(IdeaContactRecord & { retentionDays: number | null })[]> {
    return (boardId === undefined ? this.statements.listAllContacts.all() : this.statements.listContacts.all(boardId)).map(toContact);
  }

  async deleteIdeaContacts(boardId: string, ideaIds: readonly string[]): Promise<number> {
    const remove = this.db.transaction(() => ideaIds.reduce((count, id) => count + this.statements.deleteContact.run(boardId, id).changes, 0));
    const removed = remove();
    // secure_delete zeroes the row in the database file, but the write-ahead log still holds the
    // pages as they were before: an erased contact must not outlive its erasure there either.
    if (removed > 0) this.db.pragma('wal_checkpoint(TRUNCATE)');
    return removed;
  }

  async getContactRetention(boardId: string): Promise<number | undefined> {
    return this.statements.getRetention.get(boardId)?.days;
  }

  async setContactRetention(boardId: string, days: number): Promise<void> {
    this.statements.setRetention.run({ boardId, days });
  }

  async appendPrivacyAudit(entry: Omit<PrivacyAuditRecord, 'seq'>): Promise<void> {
    this.statements.appendAudit.run(entry);
  }

  async listPrivacyAudit(boardId: string): Promise<PrivacyAuditRecord[]> {
    return this.statements.listAudit.all(boardId).map(toAudit);
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
