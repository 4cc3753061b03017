import type * as Y from 'yjs';
import { migrateDoc, SchemaTooNewError } from '../../shared/schema/migrate';
import type { Logger } from '../log';

/** Why a board is open for reading only: its stored document could not be brought up to date. */
export interface ReadOnlyReason {
  reason: 'newer-schema' | 'migration-failed';
  /** The layout version the stored document claims (-1 when a step failed). */
  schemaVersion: number;
}

/**
 * Brings a loaded document up to this build's layout; one that cannot be (saved by a newer
 * Warsztat, or a step that fails on it) is not an error to the room: it opens read-only.
 */
export function migrateOrReadOnly(doc: Y.Doc, boardId: string, log: Logger): ReadOnlyReason | null {
  try {
    const report = migrateDoc(doc);
    if (report.applied.length > 0) log.info({ boardId, ...report }, 'board migrated');
    return null;
  } catch (error) {
    log.error({ boardId, err: error }, 'board could not be migrated; opened read-only');
    return error instanceof SchemaTooNewError ? { reason: 'newer-schema', schemaVersion: error.found } : { reason: 'migration-failed', schemaVersion: -1 };
  }
}
