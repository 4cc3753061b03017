import express, { Router, type Request } from 'express';
import * as Y from 'yjs';
import { importedCards, readStakeholderRows } from '../../shared/methods/stakeholder-import';
import { createElements } from '../../shared/ops/elements';
import { elementsOf } from '../../shared/schema/doc';
import { toPlain } from '../../shared/schema/plain';
import { SpreadsheetError } from '../import/spreadsheet';
import { spreadsheetProcess } from '../import/spreadsheet-process';
import type { BoardStore } from '../storage/types';
import type { RoomRegistry } from '../sync/rooms';
import type { Room } from '../sync/room';
import { BOARD_ID_PATTERN } from '../tokens';
import { requireBoardRole } from './auth';
import { HttpError } from './errors';

/** Largest stakeholder file accepted (a list of a few hundred rows is a few kilobytes). */
export const MAX_IMPORT_BYTES = 1024 * 1024;

export interface StakeholderImportDeps {
  store: BoardStore;
  rooms: RoomRegistry;
  adminToken: string | undefined;
  maxBytes?: number;
}

function boardIdOf(req: Request): string {
  const id = String(req.params.id);
  if (!BOARD_ID_PATTERN.test(id)) throw new HttpError(404, 'no such board');
  return id;
}

/** The board's stakeholder map frame (the first, in creation order), as plain data. */
function mapFrame(room: Room): { id: string; x: number; y: number; w: number; h: number } | null {
  let found: { id: string; x: number; y: number; w: number; h: number } | null = null;
  elementsOf(room.doc).forEach((element, id) => {
    if (found || !(element instanceof Y.Map) || element.get('type') !== 'frame' || element.get('method') !== 'stakeholders') return;
    const plain = toPlain(element) as { x: number; y: number; w: number; h: number };
    found = { id, x: plain.x, y: plain.y, w: plain.w, h: plain.h };
  });
  return found;
}

function unscoredIn(room: Room, frameId: string): number {
  let count = 0;
  elementsOf(room.doc).forEach((element) => {
    if (element instanceof Y.Map && element.get('type') === 'stakeholder' && element.get('parentId') === frameId && element.get('influence') === null) count++;
  });
  return count;
}

/**
 * POST /api/boards/:id/stakeholders/import: a CSV or XLSX list of stakeholders (the file is
 * the body) becomes cards in the board's stakeholder map, written by the server into the
 * live document, so everyone on the board sees them at once. All or nothing.
 */
export function stakeholderImportRoutes({ store, rooms, adminToken, maxBytes = MAX_IMPORT_BYTES }: StakeholderImportDeps): Router {
  const router = Router();
  // Any content type: browsers label CSV files inconsistently; the content decides.
  const rawBody = express.raw({ type: () => true, limit: maxBytes });

  router.post('/boards/:id/stakeholders/import', async (req, res, next) => {
    // Who may import is settled before the body is read.
    const id = boardIdOf(req);
    await requireBoardRole(req, store, id, ['facilitator'], adminToken);
    if (!(await store.getBoard(id))) throw new HttpError(404, 'no such board');
    rawBody(req, res, next);
  }, async (req, res) => {
    const id = boardIdOf(req);
    const data = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (data.length === 0) throw new HttpError(400, 'send the CSV or XLSX file as the request body');
    let rows: string[][];
    try {
      rows = await spreadsheetProcess.read(data);
    } catch (err) {
      if (err instanceof SpreadsheetError) throw new HttpError(400, err.message);
      throw err;
    }
    const read = readStakeholderRows(rows);
    if (!read.ok) throw new HttpError(400, read.error);
    const ids = await rooms.withRoom(id, async (room) => {
      const frame = mapFrame(room);
      if (!frame) throw new HttpError(409, 'this board has no stakeholder map; add one first');
      const cards = importedCards(frame, read.stakeholders, unscoredIn(room, frame.id));
      const created = room.doc.transact(() => createElements(room.doc, cards, '', 'server'), 'server');
      // Answer once the cards are on disk: a success must survive a crash right after.
      await room.whenDurable();
      return created;
    });
    res.status(201).json({ created: ids.length, ids });
  });

  return router;
}
