import { Router } from 'express';
import { exportJson } from '../export/json';
import { importBoard } from '../backup/import';
import type { BoardStore, Role } from '../storage/types';
import { ROLES } from '../storage/types';
import type { RoomRegistry } from '../sync/rooms';
import { requireAdmin, requireBoardRole } from './auth';
import { baseUrl, boardIdOf, boardLink } from './boards';
import { HttpError } from './errors';
import { downloadPolicy } from './security';

export interface BackupRoutesDeps {
  store: BoardStore;
  rooms: RoomRegistry;
  adminToken: string | undefined;
  publicUrl: string | undefined;
  maxDocBytes: number;
}

/**
 * Lossless JSON backup of a board and import of one as a new board (docs/api.md). The
 * import's body limit (MAX_IMPORT_BYTES) is applied where the app mounts its JSON parser.
 */
export function backupRoutes({ store, rooms, adminToken, publicUrl, maxDocBytes }: BackupRoutesDeps): Router {
  const router = Router();

  router.get('/boards/:id/backup', downloadPolicy, async (req, res) => {
    const id = boardIdOf(req);
    await requireBoardRole(req, store, id, ROLES, adminToken);
    const board = await store.getBoard(id);
    if (!board) throw new HttpError(404, 'no such board');
    const file = await rooms.withRoom(id, (room) => exportJson({ board, doc: room.doc, control: room.facilitation.state }));
    res.attachment(file.filename).type(file.contentType).send(file.body);
  });

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
