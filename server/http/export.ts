import { Router, type Request, type Response } from 'express';
import { EXPORT_TICKET_PATTERN, type ExportBusyBody } from '../../shared/protocol/export-queue';
import { EXPORT_FORMATS, ExportRequestError, isExportFormat, loadExporter, type ExportFile, type ExportFormat, type ExportOptions } from '../export/index';
import { attachmentHeader, exportBaseName } from '../export/filename';
import { ExportBusyError, type ExportQueue } from '../export/queue';
import { exportContext } from '../export/source';
import { LIMITS } from '../../shared/schema/limits';
import type { BoardStore } from '../storage/types';
import { ROLES } from '../storage/types';
import type { RoomRegistry } from '../sync/rooms';
import { BOARD_ID_PATTERN } from '../tokens';
import { requireBoardRole } from './auth';
import { HttpError } from './errors';
import { downloadPolicy } from './security';

export interface ExportRoutesDeps {
  store: BoardStore;
  rooms: RoomRegistry;
  adminToken: string | undefined;
  /** Where exports wait and run, off the event loop (server/export/queue.ts); without it they run inline. */
  queue?: ExportQueue;
}

/** One optional string query parameter; repeated or over-long ones are a 400. */
function queryString(value: unknown, name: string, max: number = LIMITS.maxIdLength): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw new HttpError(400, `${name} must be given once`);
  if (value.length > max) throw new HttpError(400, `${name} is too long`);
  return value;
}

/** The optional `ticket` (the export dialog's name for one export across its retries). */
function ticketOf(req: Request): string | undefined {
  const ticket = queryString(req.query.ticket, 'ticket');
  if (ticket !== undefined && !EXPORT_TICKET_PATTERN.test(ticket)) throw new HttpError(400, 'ticket must be 16–64 characters A–Z, a–z, 0–9, - or _');
  return ticket;
}

/**
 * `GET /api/boards/:id/export?format=…[&frame=…][&table=…][&csv=pl|en][&ticket=…]` for any token
 * of the board, `GET /api/boards/:id/export/status?ticket=…` (where that export stands), and
 * `GET /api/boards/:id/backup`, the `json` format under the address it had before (docs/api.md).
 */
export function exportRoutes({ store, rooms, adminToken, queue }: ExportRoutesDeps): Router {
  const router = Router();

  /**
   * Renders one format of a board and sends it as a download. The JSON backup runs inline, as
   * `/backup` always did: it is a plain serialisation, and the export thread's start (loading
   * the PDF and Office libraries) would only delay it.
   */
  async function sendExport(req: Request, res: Response, format: ExportFormat, options: ExportOptions, ticket?: string): Promise<void> {
    const id = String(req.params.id);
    const board = await store.getBoard(id);
    if (!board) throw new HttpError(404, 'no such board');
    let file: ExportFile;
    let frameTitle: string | undefined;
    try {
      file = await rooms.withRoom(id, async (room) => {
        // The board as it is now, live edits included: read once, then rendered from plain data.
        const context = exportContext(id, room.doc, room.facilitation.state, room.facilitation.participants(), options);
        const frame = context.input.elements.find((e) => e.id === options.frameId);
        frameTitle = frame?.type === 'frame' ? frame.title : undefined;
        return queue && format !== 'json' ? queue.submit(format, context, ticket) : (await loadExporter(format))(context);
      });
    } catch (error) {
      if (error instanceof ExportRequestError) throw new HttpError(400, error.message);
      if (error instanceof ExportBusyError) {
        res.set('retry-after', String(error.retryAfterSeconds));
        throw new HttpError(429, error.message, { ahead: error.ahead, retryAfter: error.retryAfterSeconds } satisfies Omit<ExportBusyBody, 'error'>);
      }
      throw error;
    }
    res.set('content-type', file.contentType);
    res.set('content-disposition', attachmentHeader(exportBaseName(board.title, frameTitle, file.nameSuffix), file.extension));
    res.set('cache-control', 'no-store');
    res.send(typeof file.body === 'string' ? Buffer.from(file.body, 'utf8') : file.body);
  }

  /** The board id of the address, checked, and the caller's token for it. */
  async function authorise(req: Request): Promise<void> {
    const id = String(req.params.id);
    if (!BOARD_ID_PATTERN.test(id)) throw new HttpError(404, 'no such board');
    await requireBoardRole(req, store, id, ROLES, adminToken);
  }

  router.get('/boards/:id/export', downloadPolicy, async (req, res) => {
    await authorise(req);
    const format = queryString(req.query.format, 'format', 16);
    if (!isExportFormat(format)) throw new HttpError(400, `unknown format ${format ?? '(none)'}; formats: ${EXPORT_FORMATS.join(', ')}`);
    const ticket = ticketOf(req);
    await sendExport(req, res, format, { frameId: queryString(req.query.frame, 'frame'), table: queryString(req.query.table, 'table'), csv: queryString(req.query.csv, 'csv', 8) }, ticket);
  });

  router.get('/boards/:id/export/status', async (req, res) => {
    await authorise(req);
    const ticket = ticketOf(req);
    if (!ticket) throw new HttpError(400, 'status needs ticket=<the ticket of the export>');
    res.set('cache-control', 'no-store');
    res.json(queue ? queue.status(String(req.params.id), ticket) : { state: 'unknown' });
  });

  router.get('/boards/:id/backup', downloadPolicy, async (req, res) => {
    await authorise(req);
    await sendExport(req, res, 'json', {});
  });

  return router;
}
