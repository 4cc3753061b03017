import { z } from 'zod';
import { phaseSchema } from '../protocol/state';
import { boardTitleSchema, localeSchema } from '../schema/doc';
import { LIMITS } from '../schema/limits';

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
} as const;

const id = z.string().min(1).max(LIMITS.maxIdLength);

/** A closed dot-voting round: its per-item totals are a workshop outcome, so backups keep them. */
export const closedRoundSchema = z.object({
  id,
  title: z.string().max(120),
  frameId: id.nullable(),
  itemIds: z.array(id).max(500).nullable(),
  votesPerPerson: z.number().int().min(1).max(20),
  open: z.literal(false),
  openedAt: z.number().int().min(0),
  closedAt: z.number().int().min(0).nullable(),
  results: z.record(id, z.number().int().min(0).max(1_000_000)).nullable(),
  voters: z.number().int().min(0).nullable(),
});

/**
 * What of the facilitation state a backup keeps: the agenda and the results of closed
 * vote rounds. Left out on purpose: the timer, locks, follow mode and current phase (they
 * describe a live session), the ballots of an open round (secret until it closes) and
 * hidden private-brainstorming notes (their authors have not shared them).
 */
export const backupFacilitationSchema = z.object({
  agenda: z.array(phaseSchema).max(50),
  rounds: z.array(closedRoundSchema).max(BACKUP_LIMITS.maxRounds),
});
export type BackupFacilitation = z.infer<typeof backupFacilitationSchema>;

/** The board's metadata as a backup holds it. */
export const backupMetaSchema = z.object({
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

/** A whole backup. Elements are checked one by one afterwards, by the element schemas. */
export const backupSchema = backupHeaderSchema.extend({
  /** ISO 8601 time of the export; informational. */
  exportedAt: z.string().max(64).optional(),
  meta: backupMetaSchema,
  /** Every element in plain form (text fields as strings), in drawing order. */
  elements: z.array(z.record(z.string(), z.unknown())).max(BACKUP_LIMITS.maxElements),
  facilitation: backupFacilitationSchema.optional(),
});

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
