import * as Y from 'yjs';
import { boardToBackup } from '../../shared/backup';
import type { ControlState } from '../../shared/protocol/state';
import type { BoardRecord } from '../storage/types';
import type { Exporter } from './types';

/** An export ready to send: what the export registry (server/export/index.ts) expects of every format. */
export interface ExportFile {
  body: string | Uint8Array;
  contentType: string;
  filename: string;
}

/** A file name safe everywhere: the title without diacritics or punctuation, and the date. */
export function exportFilename(title: string, extension: string, now = new Date()): string {
  const slug = title
    .replace(/[łŁ]/g, 'l')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${slug || 'tablica'}-${now.toISOString().slice(0, 10)}.${extension}`;
}

/** The lossless JSON backup of a board (shared/backup), as a downloadable file. */
export function exportJson(input: { board: BoardRecord; doc: Y.Doc; control?: Pick<ControlState, 'agenda' | 'rounds'> | null; now?: Date }): ExportFile {
  const backup = boardToBackup(input.doc, { control: input.control, now: input.now });
  return {
    body: JSON.stringify(backup, null, 2),
    contentType: 'application/json; charset=utf-8',
    filename: exportFilename(input.board.title, 'json', input.now),
  };
}

/** The `json` format of the export registry: the same backup, from the export context. */
export const jsonExporter: Exporter = (context) => ({
  body: JSON.stringify(boardToBackup(context.doc, { control: context.input.control }), null, 2),
  contentType: 'application/json; charset=utf-8',
  extension: 'json',
});
