import type { Locale } from '../../shared/schema/doc';

export { ROLES, type Role } from '../../shared/protocol/state';
import type { Role } from '../../shared/protocol/state';

/** A board's row in the catalogue (its content lives in the update log). */
export interface BoardRecord {
  id: string;
  title: string;
  locale: Locale;
  createdAt: number;
  updatedAt: number;
}

/** One stored Yjs update of a board. */
export interface StoredUpdate {
  seq: number;
  data: Uint8Array;
}

/** One board's updates to append, in order. */
export interface AppendBatch {
  boardId: string;
  updates: Uint8Array[];
}

/** Why a version was saved: by hand, at a phase change, or just before a restore. */
export const SNAPSHOT_KINDS = ['manual', 'phase', 'restore'] as const;
export type SnapshotKind = (typeof SNAPSHOT_KINDS)[number];

/** A named version of a board (version history); its Yjs state is stored beside it. */
export interface SnapshotRecord {
  id: string;
  boardId: string;
  /** Given by the facilitator; for `phase` the phase's title, for `restore` the restored version's name. */
  name: string;
  /** Display name of whoever made it (or whose action made it). */
  author: string;
  kind: SnapshotKind;
  createdAt: number;
  /** Size of the stored state in bytes. */
  bytes: number;
}

/** A personal link as stored: only its token's hash is kept (docs/api.md, personal links). */
export interface PersonalLinkRecord {
  id: string;
  boardId: string;
  name: string;
  /** Issued as participant or observer; afterwards the facilitator's latest role change for its holder. */
  role: Role;
  createdAt: number;
}

/** What a token grants: a board and a role, and for a personal link which one it is. */
export interface TokenGrant {
  boardId: string;
  role: Role;
  personalLink?: { id: string; name: string };
}

/** One hidden note (private brainstorming) to write: its JSON, or null to delete it. */
export interface DraftWrite {
  /** The author's session id. */
  author: string;
  id: string;
  json: string | null;
}

/** One stored hidden note. */
export interface StoredDraft {
  author: string;
  json: string;
}

/** A resident's contact, kept only with the consent they gave: its wording and when (RODO, docs/privacy.md). */
export interface IdeaContactRecord {
  boardId: string;
  ideaId: string;
  contact: string;
  consentText: string;
  consentAt: number;
}

/** One privacy action, as the audit log keeps it: never the personal data itself. */
export interface PrivacyAuditRecord {
  seq: number;
  boardId: string;
  at: number;
  /** Who did it ('facilitator', 'admin', or 'retention' for the automatic sweep). */
  actor: string;
  action: string;
  /** What it touched, without the data itself (an idea id, a count, an alias). */
  detail: string;
}

/**
 * Where boards live. Narrow on purpose: SQLite is the embedded default, PostgreSQL
 * slots in behind the same methods (#7). Every method may be async.
 */
export interface BoardStore {
  /** Creates a board atomically; `control` (facilitation state JSON) is stored in the same transaction. */
  createBoard(board: BoardRecord, initialUpdate: Uint8Array, tokenHashes: Record<Role, string>, control?: string): Promise<void>;
  getBoard(id: string): Promise<BoardRecord | undefined>;
  listBoards(): Promise<BoardRecord[]>;
  /** Updates title (and updatedAt) in the catalogue. */
  setTitle(id: string, title: string): Promise<void>;
  /** Removes the board, its updates, its tokens and its personal links. Returns false when there was none. */
  deleteBoard(id: string): Promise<boolean>;
  /** Every update of a board, oldest first. */
  loadUpdates(boardId: string): Promise<StoredUpdate[]>;
  /** Appends the batches in one transaction: all are durable when it resolves. */
  append(batches: readonly AppendBatch[]): Promise<void>;
  /**
   * Replaces all of a board's updates with one, made by `merge` from them, atomically:
   * an update appended meanwhile (by another process) is either merged or kept.
   */
  compact(boardId: string, merge: (updates: Uint8Array[]) => Uint8Array): Promise<void>;
  /** The board and role a token hash grants (a shared role link's or a personal link's), if any. */
  findToken(hash: string): Promise<TokenGrant | undefined>;
  /** Replaces a role's token hash: the old one stops matching. */
  replaceToken(boardId: string, role: Role, hash: string): Promise<void>;
  /**
   * Stores a personal link unless its board already has `max` of them (checked in the same
   * transaction, so concurrent creations cannot pass the cap) or no longer exists.
   */
  createPersonalLink(link: PersonalLinkRecord, hash: string, max: number): Promise<'created' | 'full' | 'noBoard'>;
  /** A board's personal links, oldest first. */
  listPersonalLinks(boardId: string): Promise<PersonalLinkRecord[]>;
  /** Deletes a personal link; returns its token hash, or undefined when there was none. */
  deletePersonalLink(boardId: string, id: string): Promise<string | undefined>;
  /** Changes the role a personal link grants; false when there is no such link. */
  setPersonalLinkRole(boardId: string, id: string, role: Role): Promise<boolean>;
  /** The facilitation state kept beside a board (JSON), if any. */
  loadControl(boardId: string): Promise<string | undefined>;
  saveControl(boardId: string, json: string): Promise<void>;
  /**
   * A board's hidden notes, in the order they were first written. They are kept in rows of
   * their own (board, author, note), not in the facilitation JSON: a note costs one row.
   */
  loadDrafts(boardId: string): Promise<StoredDraft[]>;
  /** Writes or deletes hidden notes in one transaction: all are durable when it resolves. */
  saveDrafts(boardId: string, writes: readonly DraftWrite[]): Promise<void>;
  /** Stores a version of a board; false when the board no longer exists. */
  createSnapshot(snapshot: Omit<SnapshotRecord, 'bytes'>, state: Uint8Array): Promise<boolean>;
  /** A board's versions without their state, newest first. */
  listSnapshots(boardId: string): Promise<SnapshotRecord[]>;
  /** Deletes versions of a board; returns how many were deleted. */
  deleteSnapshots(boardId: string, ids: readonly string[]): Promise<number>;
  /** One version of a board with its Yjs state. */
  getSnapshot(boardId: string, id: string): Promise<{ snapshot: SnapshotRecord; state: Uint8Array } | undefined>;
  /** Stores a resident's contact for an idea; false when the board no longer exists. */
  putIdeaContact(record: IdeaContactRecord): Promise<boolean>;
  /** Contacts of one board (or of every board), each with its board's retention in days (null: the default). */
  listIdeaContacts(boardId?: string): Promise<(IdeaContactRecord & { retentionDays: number | null })[]>;
  /** Deletes contacts of a board by idea id; returns how many were deleted. */
  deleteIdeaContacts(boardId: string, ideaIds: readonly string[]): Promise<number>;
  /** A board's contact retention in days, if the facilitator set one. */
  getContactRetention(boardId: string): Promise<number | undefined>;
  setContactRetention(boardId: string, days: number): Promise<void>;
  /** Appends to the privacy audit log (skipped when the board no longer exists). */
  appendPrivacyAudit(entry: Omit<PrivacyAuditRecord, 'seq'>): Promise<void>;
  /** A board's privacy audit log, oldest first. */
  listPrivacyAudit(boardId: string): Promise<PrivacyAuditRecord[]>;
  /** Resolves when storage answers; for readiness checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
