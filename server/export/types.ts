import type * as Y from 'yjs';
import type { ReportInput } from '../../shared/report/types';

/** What the caller asked for besides the format. */
export interface ExportOptions {
  /** Limit the export to this frame (and what is inside it). */
  frameId?: string;
  /** CSV: which method's table (shared/report/tables.ts TABLE_NAMES). */
  table?: string;
  /** CSV: `pl` (`;` and decimal commas, for Polish Excel) or `en` (`,` and dots); default the board's language. */
  csv?: string;
}

/** Everything an exporter may read about one board. */
export interface ExportContext {
  boardId: string;
  /** The live (or freshly loaded) document; read it, never change it. */
  doc: Y.Doc;
  /** The board as plain data: meta, valid elements, facilitation state, people present. */
  input: ReportInput;
  options: ExportOptions;
  /** Told the share of the work done so far (0–1) as an export goes on; the export dialog shows it. */
  progress?: (fraction: number) => void;
}

/** A finished file. */
export interface ExportFile {
  body: Buffer | string;
  contentType: string;
  /** File extension without the dot. */
  extension: string;
  /** Added to the board title in the file name (e.g. the CSV table's name). */
  nameSuffix?: string;
}

export type Exporter = (context: ExportContext) => ExportFile | Promise<ExportFile>;

/** A request the exporter cannot serve as asked (unknown frame or table): a 400 for HTTP, a message for the CLI. */
export class ExportRequestError extends Error {}
