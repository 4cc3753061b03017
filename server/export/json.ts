import { boardToBackup } from '../../shared/backup';
import type { Exporter } from './types';

/**
 * The `json` format: the board's lossless backup (shared/backup), the file `POST
 * /api/boards/import` reads. `GET /api/boards/:id/backup` is this format under its old
 * address. The date in the name tells one backup of a board from the next.
 */
export const jsonExporter: Exporter = (context) => {
  const now = new Date(context.input.generatedAt);
  return {
    body: JSON.stringify(boardToBackup(context.doc, { control: context.input.control, now }), null, 2),
    contentType: 'application/json; charset=utf-8',
    extension: 'json',
    nameSuffix: now.toISOString().slice(0, 10),
  };
};
