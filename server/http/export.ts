import { Router, type Request, type Response } from 'express';
import { EXPORT_FORMATS, EXPORTERS, ExportRequestError, isExportFormat, type ExportFile, type ExportFormat, type ExportOptions } from '../export/index';
import { attachmentHeader, exportBaseName } from '../export/filename';
import { exportContext } from '../export/source';
import { ExportBusyError, type ExportThread } from '../export/thread';
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
  /** Where exports run, off the event loop; without it they run inline. */
  thread?: ExportThread;
}

/** One optional string query parameter; repeated or over-long ones are a 400. */
function queryString(value: unknown, name: string, max: number = LIMITS.maxIdLength): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw new HttpError(400, `${name} must be given once`);
  if (value.length > max) throw new HttpError(400, `${name} is too long`);
  return value;
}

/**
 * `GET /api/boards/:id/export?format=…[&frame=…][&table=…][&csv=pl|en]` for any token of the board, and
 * `GET /api/boards/:id/backup`, the `json` format under the address it had before (docs/api.md).
 */
export function exportRoutes({ store, rooms, adminToken, thread }: ExportRoutesDeps): Router {
  const router = Router();

  /**
   * Renders one format of a board and sends it as a download. The JSON backup runs inline, as
   * `/backup` always did: it is a plain serialisation, and the export thread's start (loading
   * the PDF and Office libraries) would only delay it.
   */
  async function sendExport(req: Request, res: Response, format: ExportFormat, options: ExportOptions): Promise<void> {
    const id = String(req.params.id);
    const exporter = EXPORTERS[format];
    if (!exporter) throw new HttpError(400, `format ${format} not available`);
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
        return thread && format !== 'json' ? thread.run(format, context) : exporter(context);
      });
    } catch (error) {
      if (error instanceof ExportRequestError) throw new HttpError(400, error.message);
      if (error instanceof ExportBusyError) {
        res.set('retry-after', '5');
        throw new HttpError(429, error.message);
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
    await sendExport(req, res, format, { frameId: queryString(req.query.frame, 'frame'), table: queryString(req.query.table, 'table'), csv: queryString(req.query.csv, 'csv', 8) });
  });

  router.get('/boards/:id/backup', downloadPolicy, async (req, res) => {
    await authorise(req);
    await sendExport(req, res, 'json', {});
  });

  return router;
}
