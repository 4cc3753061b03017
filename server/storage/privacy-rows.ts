import type { PrivacyAuditRecord } from './types';

/** Rows of the privacy tables (migration `privacy`) as both stores read them; numbers arrive as strings from pg. */
export interface ContactRow {
  board_id: string;
  idea_id: string;
  contact: string;
  consent_text: string;
  consent_at: number | string;
  retention_days: number | string | null;
}

export const toContact = (row: ContactRow) => ({
  boardId: row.board_id,
  ideaId: row.idea_id,
  contact: row.contact,
  consentText: row.consent_text,
  consentAt: Number(row.consent_at),
  retentionDays: row.retention_days === null ? null : Number(row.retention_days),
});

export interface AuditRow {
  seq: number | string;
  board_id: string;
  at: number | string;
  actor: string;
  action: string;
  detail: string;
}

export const toAudit = (row: AuditRow): PrivacyAuditRecord => ({ seq: Number(row.seq), boardId: row.board_id, at: Number(row.at), actor: row.actor, action: row.action, detail: row.detail });

/** Contacts with their board's retention (shared by both stores' queries). */
export const CONTACTS_QUERY = `SELECT c.board_id, c.idea_id, c.contact, c.consent_text, c.consent_at, p.contact_retention_days AS retention_days
  FROM idea_contacts c LEFT JOIN board_privacy p ON p.board_id = c.board_id`;

