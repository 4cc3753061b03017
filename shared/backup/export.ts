import type * as Y from 'yjs';
import type { ControlState } from '../protocol/state';
import { readMeta } from '../schema/doc';
import { SCHEMA_VERSION } from '../schema/migrate';
import { byZOrder, readElements } from '../schema/plain';
import { BACKUP_FORMAT, type BackupFacilitation, type BoardBackup } from './format';

/** What a backup takes from beside the document. */
export interface BackupExtras {
  /** The board's facilitation state; its agenda and closed vote rounds are kept. */
  control?: Pick<ControlState, 'agenda' | 'rounds'> | null;
  /** Time of the export (tests pass a fixed one). */
  now?: Date;
}

/** The facilitation state a backup keeps (see backupFacilitationSchema for what it leaves out). */
export function facilitationOf(control: BackupExtras['control']): BackupFacilitation {
  return {
    agenda: control?.agenda.map((phase) => ({ ...phase })) ?? [],
    rounds: (control?.rounds ?? []).filter((round) => !round.open).map((round) => ({ ...round, open: false as const })),
  };
}

/**
 * A lossless JSON backup of a board: metadata, every valid element in drawing order (text
 * fields as strings) and the facilitation outcomes. backupToDoc turns it back into a board.
 */
export function boardToBackup(doc: Y.Doc, extras: BackupExtras = {}): BoardBackup {
  const meta = readMeta(doc);
  const { elements, invalid } = readElements(doc);
  elements.sort(byZOrder);
  const backup: BoardBackup = {
    format: BACKUP_FORMAT,
    version: SCHEMA_VERSION,
    exportedAt: (extras.now ?? new Date()).toISOString(),
    meta: { title: meta.title, locale: meta.locale, createdAt: meta.createdAt },
    elements: elements as unknown as Record<string, unknown>[],
    facilitation: facilitationOf(extras.control),
  };
  if (invalid.length > 0) backup.skipped = invalid;
  return backup;
}
