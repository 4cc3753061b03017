import type * as Y from 'yjs';
import { createElements, deleteElements, reorderElements, updateElement } from '../ops/elements';
import { elementsOf } from '../schema/doc';
import type { ElementOf } from '../schema/elements';
import { GROUP_LAYOUT, layoutGroups, type GroupingLayout } from './layout';

/** A grouping the facilitator has accepted: labelled groups of element ids. */
export interface GroupingPlan {
  groups: { label: string; itemIds: string[] }[];
}

interface Sized {
  id: string;
  w: number;
  h: number;
}

/** Where the groups start: inside the frame below its title, or at the items' top-left corner. */
export function layoutArea(container: ElementOf<'frame'> | null, items: readonly { x: number; y: number; w: number; h: number }[]): { x: number; y: number; w: number } {
  const { margin } = GROUP_LAYOUT;
  // Wide enough for a roughly square layout: a narrow inbox would stack every group in one column.
  const square = 2 * Math.sqrt(items.reduce((sum, i) => sum + i.w * i.h, 0));
  if (container) return { x: container.x + margin, y: container.y + margin, w: Math.max(container.w - 2 * margin, square, 1) };
  const x = Math.min(...items.map((i) => i.x));
  const y = Math.min(...items.map((i) => i.y));
  return { x, y, w: Math.max(square, 1) };
}

/** The layout a plan gets, given the items' sizes (the overlay shows it before applying). */
export function planLayout(plan: GroupingPlan, sizes: ReadonlyMap<string, Sized>, area: { x: number; y: number; w: number }): GroupingLayout {
  return layoutGroups(plan.groups.map((g) => g.itemIds.map((id) => sizes.get(id)).filter((s): s is Sized => s !== undefined)), area);
}

/**
 * Applies a grouping in one transaction (one undo step): a plain frame per group, titled
 * with its label, inside the container (which grows to hold them); each item moved into its
 * group's frame and drawn above it; plain frames inside the container that the move left
 * empty (an earlier grouping's) removed. Returns the new frames' ids.
 */
export function applyGrouping(doc: Y.Doc, plan: GroupingPlan, container: ElementOf<'frame'> | null, origin?: unknown, createdBy = ''): string[] {
  const elements = elementsOf(doc);
  const sizes = new Map<string, Sized & { x: number; y: number; parentId: unknown }>();
  for (const group of plan.groups) {
    for (const id of group.itemIds) {
      const e = elements.get(id);
      if (e) sizes.set(id, { id, x: Number(e.get('x')), y: Number(e.get('y')), w: Number(e.get('w')), h: Number(e.get('h')), parentId: e.get('parentId') });
    }
  }
  const groups = plan.groups.filter((g) => g.itemIds.some((id) => sizes.has(id)));
  if (groups.length === 0) return [];
  const layout = planLayout({ groups }, sizes, layoutArea(container, [...sizes.values()]));
  const oldParents = new Set([...sizes.values()].map((s) => s.parentId).filter((p): p is string => typeof p === 'string' && p !== container?.id));
  let frameIds: string[] = [];
  doc.transact(() => {
    frameIds = createElements(
      doc,
      layout.groups.map((g, k) => ({ type: 'frame', title: groups[k]!.label, method: null, fill: '#ffffff', ...g.frame, parentId: container?.id ?? null })),
      createdBy,
      origin,
    );
    layout.groups.forEach((g, k) => {
      for (const item of g.items) updateElement(doc, item.id, { x: item.x, y: item.y, parentId: frameIds[k]! }, origin);
    });
    reorderElements(doc, [...sizes.keys()], 'front', origin);
    if (container) {
      const { margin } = GROUP_LAYOUT;
      const bottom = layout.bounds.y + layout.bounds.h + margin;
      const right = layout.bounds.x + layout.bounds.w + margin;
      const grow: Record<string, number> = {};
      if (bottom > container.y + container.h) grow.h = bottom - container.y;
      if (right > container.x + container.w) grow.w = right - container.x;
      if (Object.keys(grow).length) updateElement(doc, container.id, grow, origin);
    }
    // An earlier grouping's frames, now empty, go; frames that still hold anything stay.
    const empty = [...oldParents].filter((id) => {
      const frame = elements.get(id);
      if (!frame || frame.get('type') !== 'frame' || frame.get('method') !== null || (container && frame.get('parentId') !== container.id)) return false;
      for (const e of elements.values()) if (e.get('parentId') === id) return false;
      return true;
    });
    if (empty.length) deleteElements(doc, empty, origin);
  }, origin);
  return frameIds;
}
