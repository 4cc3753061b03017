import type { BoardSummary, RestoreReport } from '../../../shared/history';
import type { BoardMeta } from '../../../shared/schema/doc';
import type { Element } from '../../../shared/schema/elements';
import type { TreeRepair } from '../../../shared/backup/repair-trees';
import { downloadName, saveBlob } from '../panels/download';
import type { Role } from '../../../shared/protocol/state';

/** A saved version as the server lists it (server/storage/types.ts SnapshotRecord). */
export interface Version {
  id: string;
  name: string;
  author: string;
  kind: 'manual' | 'phase' | 'restore';
  createdAt: number;
  bytes: number;
}

export interface VersionPreviewData {
  version: Version;
  meta: BoardMeta;
  summary: BoardSummary;
  elements: Element[];
}

export interface RestoreAnswer {
  restored: Version;
  before: Version;
  changes: RestoreReport;
}

export interface ImportedBoard {
  id: string;
  title: string;
  links: Record<Role, string>;
  /** Tree links the import cut (shared/backup/repair-trees.ts). */
  repairs: TreeRepair[];
}

/** A failed request; `message` is the server's `{ error }` when there was one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(url: string, token: string | null, init: RequestInit = {}): Promise<T> {
  const headers: Record<string, string> = { ...(init.body ? { 'content-type': 'application/json' } : {}) };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(url, { ...init, headers });
  const body = (await res.json().catch(() => ({}))) as T & { error?: string };
  if (!res.ok) throw new ApiError(res.status, body.error ?? String(res.status));
  return body;
}

const versionsUrl = (boardId: string) => `/api/boards/${encodeURIComponent(boardId)}/versions`;

/** Version history and backups of one board, with the token of the link it was opened with. */
export function historyApi(boardId: string, token: string) {
  return {
    list: () => call<{ versions: Version[] }>(versionsUrl(boardId), token).then((r) => r.versions),
    create: (name: string, author: string) => call<{ version: Version }>(versionsUrl(boardId), token, { method: 'POST', body: JSON.stringify({ name, author }) }).then((r) => r.version),
    preview: (id: string) => call<VersionPreviewData>(`${versionsUrl(boardId)}/${encodeURIComponent(id)}`, token),
    restore: (id: string, author: string) => call<RestoreAnswer>(`${versionsUrl(boardId)}/${encodeURIComponent(id)}/restore`, token, { method: 'POST', body: JSON.stringify({ author }) }),
    /** Fetches the JSON backup and hands it to the browser as a download. */
    async downloadBackup(): Promise<void> {
      const res = await fetch(`/api/boards/${encodeURIComponent(boardId)}/backup`, { headers: { authorization: `Bearer ${token}` } });
      if (!res.ok) {
        const body = (await res.json().catch(() => ({}))) as { error?: string };
        throw new ApiError(res.status, body.error ?? String(res.status));
      }
      saveBlob(await res.blob(), downloadName(res.headers.get('content-disposition'), 'tablica.json'));
    },
  };
}

/** Sends a backup file's text to be imported as a new board. */
export function importBackup(text: string): Promise<ImportedBoard> {
  return call<ImportedBoard>('/api/boards/import', null, { method: 'POST', body: text });
}
