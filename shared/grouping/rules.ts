import type { ElementLookup } from '../geometry/elements';
import type { Role } from '../protocol/state';
import { isLockedFor, type Locks } from '../rules/areas';
import { FACILITATOR_FIELDS, type Element } from '../schema/elements';

/** Why someone may not apply a grouping, or null when they may. */
export type GroupingRefusal = 'role' | 'locked' | 'facilitatorPlaces' | null;

/**
 * Who may apply a grouping: whoever may move every item (and the frame they go into) —
 * the facilitator always; a participant unless an item or the frame is locked, or an item's
 * place is the facilitator's to set (FACILITATOR_FIELDS); an observer never. The server
 * enforces the same through its guards: observers' updates are dropped, locked elements and
 * facilitator-only fields are put back (server/sync/lock-guard.ts, facilitator-fields.ts).
 */
export function groupingRefusal(role: Role | null, items: readonly Element[], container: Element | null, locks: Locks, lookup: ElementLookup): GroupingRefusal {
  if (role !== 'facilitator' && role !== 'participant') return 'role';
  if (role === 'facilitator') return null;
  const touched = container ? [...items, container] : items;
  if (touched.some((e) => isLockedFor(role, e, locks, lookup))) return 'locked';
  if (items.some((e) => (FACILITATOR_FIELDS[e.type] ?? []).includes('x'))) return 'facilitatorPlaces';
  return null;
}
