import * as Y from 'yjs';
import { backupToDoc, BackupError, type TreeRepair } from '../../shared/backup';
import { initialControlState } from '../../shared/protocol/state';
import type { RoleTokens } from '../boards';
import { HttpError } from '../http/errors';
import type { BoardRecord, BoardStore } from '../storage/types';
import { ROLES } from '../storage/types';
import { hashToken, newBoardId, newToken } from '../tokens';

/**
 * Creates a new board from a backup (parsed JSON, untrusted): validated and built by
 * backupToDoc, then stored with its tokens and facilitation state in one transaction, so
 * a failed import leaves nothing behind. Throws HttpError 400 (with the `path` at fault) or 413.
 */
export async function importBoard(store: BoardStore, json: unknown, limits: { maxDocBytes: number }): Promise<{ board: BoardRecord; tokens: RoleTokens; repairs: TreeRepair[] }> {
  let imported;
  try {
    imported = backupToDoc(json);
  } catch (error) {
    if (error instanceof BackupError) throw new HttpError(400, error.message, { path: error.path });
    throw error;
  }
  const initial = Y.encodeStateAsUpdate(imported.doc);
  imported.doc.destroy();
  if (initial.byteLength > limits.maxDocBytes) throw new HttpError(413, `board too large: ${initial.byteLength} bytes, the limit is ${limits.maxDocBytes}`);
  const now = Date.now();
  const board: BoardRecord = { id: newBoardId(), title: imported.meta.title, locale: imported.meta.locale, createdAt: now, updatedAt: now };
  const tokens = Object.fromEntries(ROLES.map((role) => [role, newToken()])) as RoleTokens;
  const hashes = Object.fromEntries(ROLES.map((role) => [role, hashToken(tokens[role])])) as RoleTokens;
  const { agenda, rounds } = imported.facilitation;
  const control = agenda.length || rounds.length ? JSON.stringify({ state: { ...initialControlState(), agenda, rounds }, ballots: {}, drafts: {} }) : undefined;
  await store.createBoard(board, initial, hashes, control);
  return { board, tokens, repairs: imported.repairs };
}
