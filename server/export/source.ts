import * as Y from 'yjs';
import type { ControlState, Role } from '../../shared/protocol/state';
import { readMeta } from '../../shared/schema/doc';
import { migrateDoc } from '../../shared/schema/migrate';
import { readElements } from '../../shared/schema/plain';
import { BoardFacilitation } from '../facilitation/state';
import type { Logger } from '../log';
import type { BoardStore } from '../storage/types';
import type { ExportContext, ExportOptions } from './types';

/** An export's view of a board: plain data read from the document at this moment. */
export function exportContext(boardId: string, doc: Y.Doc, control: ControlState | null, people: readonly { name: string; role: Role }[], options: ExportOptions, now = Date.now()): ExportContext {
  return { boardId, doc, input: { meta: readMeta(doc), elements: readElements(doc).elements, control, people, generatedAt: now }, options };
}

/**
 * Loads a board straight from storage, without a server (`npm run export`): its stored
 * updates into a fresh document, migrated as a room would, and its facilitation state.
 */
export async function loadStoredBoard(store: BoardStore, boardId: string, log: Logger): Promise<{ doc: Y.Doc; control: ControlState; participants: { name: string; role: Role }[] }> {
  const doc = new Y.Doc();
  for (const { data } of await store.loadUpdates(boardId)) Y.applyUpdate(doc, data);
  migrateDoc(doc);
  const control = await BoardFacilitation.load(boardId, store, log);
  return { doc, control: control.state, participants: control.participants() };
}
