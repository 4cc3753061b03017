import * as Y from 'yjs';
import type { BoardStore } from '../../storage/types';
import { FacilitatorFieldGuard } from '../facilitator-fields';
import { applyGuarded } from '../lock-guard';
import { MetaGuard, writesForeignRoot } from '../meta-guard';
import type { RoomConnection } from '../room-connection';
import { GUARD_ORIGIN, type RoomCore, type RoomExtension } from '../room-hooks';

/**
 * A board whose stored document could not be migrated takes no edit (server/sync/read-only.ts);
 * it runs first, so nothing else looks at such an update.
 */
export function readOnlyGuard(room: RoomCore): RoomExtension {
  return { name: 'read-only', beforeHandleMessage: () => (room.readOnly ? 'read-only' : undefined) };
}

/**
 * What a client may write: only the `meta` and `elements` roots (refused before applying),
 * nothing locked or public in a private frame for participants (lock-guard.ts applies it),
 * and neither facilitator-only fields nor the server's metadata (put back after applying,
 * in the same outgoing update).
 */
export function documentGuards(room: RoomCore, store: BoardStore): RoomExtension {
  const isConnection = (origin: unknown): origin is RoomConnection => room.connections.has(origin as RoomConnection);
  const fieldGuard = new FacilitatorFieldGuard(room.doc, (origin) => isConnection(origin) && origin.role !== 'facilitator');
  let metaGuard: MetaGuard | undefined;
  return {
    name: 'document-guards',
    afterLoadDocument() {
      metaGuard = new MetaGuard(
        room.doc,
        (origin) => (isConnection(origin) ? origin.role : undefined),
        (title) => void store.setTitle(room.boardId, title).catch((err) => room.log.error({ err, boardId: room.boardId }, 'title not saved')),
      );
    },
    beforeHandleMessage: (update) => (writesForeignRoot(update) ? 'foreign-type' : undefined),
    applyUpdate(update, from) {
      const { locks, privateFrames } = room.facilitation.state;
      const guarded = from.role !== 'facilitator' && (locks.board || locks.frames.length > 0 || privateFrames.length > 0);
      return guarded ? applyGuarded(room.doc, update, from, { role: from.role, locks, privateFrames }) : undefined;
    },
    afterApply() {
      const fields = fieldGuard.restore(GUARD_ORIGIN);
      const meta = metaGuard?.restore(GUARD_ORIGIN) ?? false;
      return fields || meta;
    },
    onDestroy() {
      fieldGuard.destroy();
      metaGuard?.destroy();
    },
  };
}

/** Yjs itself, when no extension applies the update its own way. */
export function applyPlain(doc: Y.Doc, update: Uint8Array, from: RoomConnection): { reverted: boolean } {
  Y.applyUpdate(doc, update, from);
  return { reverted: false };
}
