import { Router } from 'express';
import { importBoard } from '../backup/import';
import type { BoardStore, Role } from '../storage/types';
import { ROLES } from '../storage/types';
import { requireAdmin } from './auth';
import { baseUrl, boardLink } from './boards';
import { HttpError } from './errors';

export interface BackupRoutesDeps {
  store: BoardStore;
  adminToken: string | undefined;
  publicUrl: string | undefined;
  maxDocBytes: number;
}

/**
 * Import of a lossless JSON backup as a new board (docs/api.md); the backup itself is the
 * `json` export format, also served at `GET /api/boards/:id/backup` (server/http/export.ts).
 * The import's body limit (MAX_IMPORT_BYTES) is applied where the app mounts its JSON parser.
 */
export function backupRoutes({ store, adminToken, publicUrl, maxDocBytes }: BackupRoutesDeps): Router {
  const router = Router();

  router.post('/boards/import', async (req, res) => {
    requireAdmin(req, adminToken);
    if (!req.is('application/json')) throw new HttpError(400, 'send the backup as JSON (Content-Type: application/json)');
    const { board, tokens, repairs } = await importBoard(store, req.body, { maxDocBytes });
    const base = baseUrl(req, publicUrl);
    const links = Object.fromEntries(ROLES.map((role) => [role, boardLink(base, board.id, tokens[role])])) as Record<Role, string>;
    // Tree links the import had to cut are named, so nobody wonders why a branch moved.
    res.status(201).json({ id: board.id, title: board.title, locale: board.locale, links, tokens, repairs });
  });

  return router;
}
