import { z } from 'zod';
import { phaseSchema } from '../protocol/state';
import { boardTitleSchema, localeSchema } from '../schema/doc';
import { LIMITS } from '../schema/limits';
import { keyedRecord } from '../schema/records';

/** The `format` field of every Warsztat board backup. */
export const BACKUP_FORMAT = 'warsztat-board';

/** Bounds of what an import accepts, besides the request's byte limit. */
export const BACKUP_LIMITS = {
  /** Most elements in one backup. */
  maxElements: 50_000,
  /** Deepest nesting of any element field (ratings are arrays of objects: depth 2). */
  maxFieldDepth: 4,
  /** Most entries in any array or object of an element field. */
  maxFieldEntries: LIMITS.maxPoints * 2,
  /** Most closed vote rounds kept. */
  maxRounds: 500,
  /** Deepest nesting anywhere in a backup, checked before anything else reads it (elements are at 2, their fields at most 4 below). */
  maxDepth: 32,
  /** Most entries in any array or object of a backup (the elements array is the longest). */
  maxEntries: 50_000,
  /** Longest string anywhere in a backup (the longest field is a text). */
  maxStringLength: LIMITS.maxTextLength,
  /** Longest key of any object in a backup (field names and element ids). */
  maxKeyLength: LIMITS.maxIdLength,
} as const;

const id = z.string().min(1).max(LIMITS.maxIdLength);

/** A closed dot-voting round: its per-item totals are a workshop outcome, so backups keep them. */
export const closedRoundSchema = z.strictObject({
  id,
  title: z.string().max(120),
  frameId: id.nullable(),
  itemIds: z.array(id).max(500).nullable(),
  votesPerPerson: z.number().int().min(1).max(20),
  open: z.literal(false),
  openedAt: z.number().int().min(0),
  closedAt: z.number().int().min(0).nullable(),
  /** Votes per item id; ids are the board's, whatever they are (records.ts). */
  results: keyedRecord(z.number().int().min(0).max(1_000_000), id).nullable(),
  voters: z.number().int().min(0).nullable(),
});

/**
 * What of the facilitation state a backup keeps: the agenda and the results of closed
 * vote rounds. Left out on purpose: the timer, locks, follow mode and current phase (they
 * describe a live session), the ballots of an open round (secret until it closes) and
 * hidden private-brainstorming notes (their authors have not shared them).
 */
export const backupFacilitationSchema = z.strictObject({
  agenda: z.array(phaseSchema.strict()).max(50),
  rounds: z.array(closedRoundSchema).max(BACKUP_LIMITS.maxRounds),
});
export type BackupFacilitation = z.infer<typeof backupFacilitationSchema>;

/** The board's metadata as a backup holds it. */
export const backupMetaSchema = z.strictObject({
  title: boardTitleSchema,
  locale: localeSchema,
  /** When the original board was created (ms since the epoch); kept in the document. */
  createdAt: z.number().int().min(0).optional(),
});

/** Read first, alone, so that a backup from a newer Warsztat is refused with that reason. */
export const backupHeaderSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  /** The document layout version (SCHEMA_VERSION) of the Warsztat that wrote it. */
  version: z.number().int().min(0),
});

/**
 * A whole backup; unknown fields are refused everywhere but inside elements, which are
 * checked one by one afterwards, by the element schemas, after migration (an older
 * element's obsolete fields are migrated away or dropped).
 */
export const backupSchema = backupHeaderSchema.extend({
  /** ISO 8601 time of the export; informational. */
  exportedAt: z.string().max(64).optional(),
  meta: backupMetaSchema,
  /** Every element in plain form (text fields as strings), in drawing order. */
  elements: z.array(z.record(z.string(), z.unknown())).max(BACKUP_LIMITS.maxElements),
  facilitation: backupFacilitationSchema.optional(),
  /** Elements the exporting board left out as invalid; informational. */
  skipped: z.array(z.strictObject({ id: z.string(), reason: z.string() })) /* strings bounded by maxStringLength */.max(BACKUP_LIMITS.maxElements).optional(),
}).strict();

/** A board backup as written by boardToBackup (docs/api.md, "Backup format"). */
export interface BoardBackup {
  format: typeof BACKUP_FORMAT;
  version: number;
  exportedAt: string;
  meta: { title: string; locale: 'pl' | 'en'; createdAt: number };
  elements: Record<string, unknown>[];
  facilitation: BackupFacilitation;
  /** Elements of the live board that failed validation and were left out, with the reason. */
  skipped?: { id: string; reason: string }[];
}
