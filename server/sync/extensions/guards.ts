import * as Y from 'yjs';
import { policyFor, writesDecisions } from '../../../shared/rules/policy';
import type { BoardStore } from '../../storage/types';
import { FacilitatorFieldGuard } from '../facilitator-fields';
import { applyGuarded } from '../lock-guard';
import { MetaGuard, writesForeignRoot } from '../meta-guard';
import type { RoomConnection } from '../room-connection';
import { GUARD_ORIGIN, type RoomCore, type RoomExtension } from '../room-hooks';

/** For questions about the role and the state alone, which read no element. */
const NO_LOOKUP = () => undefined;

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
  const fieldGuard = new FacilitatorFieldGuard(room.doc, (origin) => isConnection(origin) && !writesDecisions(origin.role));
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
      const state = room.facilitation.state;
      // Judging the update costs a scan of the board; the policy says when it is needed.
      const guarded = policyFor(state, from.role, NO_LOOKUP).guardsDocument;
      return guarded ? applyGuarded(room.doc, update, from, { role: from.role, state }) : undefined;
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
