import type { Element, ElementOf } from '../schema/elements';
import { buildForest, type TreeBranch } from './problem-tree';
import { readingOrder } from './reading-order';

/** One entry of the board's outline: an element and what it holds. */
export interface OutlineItem {
  element: Element;
  children: OutlineItem[];
}

/** Elements the outline leaves out: lines and drawings have no words to read. */
const UNREADABLE = new Set<Element['type']>(['connector', 'stroke']);

/** A tree read top to bottom: the effects (drawn above) before the causes, each left to right. */
const fromBranch = (branch: TreeBranch<ElementOf<'treeNode'>>): OutlineItem => ({
  element: branch.node,
  children: [...branch.children.filter((c) => c.side === 'effect'), ...branch.children.filter((c) => c.side !== 'effect')].map(fromBranch),
});

/**
 * The board as a tree to read aloud: frames (nested as they are nested) holding their
 * elements in reading order; a problem or objectives tree nested by its links, each tree at
 * the place of its root. Elements outside any frame sit at the top level among the frames.
 */
/** How deep frames nest in the outline before the rest is listed at the top. */
const MAX_FRAME_NESTING = 32;

export function buildOutline(elements: readonly Element[]): OutlineItem[] {
  const frames = new Set(elements.filter((e) => e.type === 'frame').map((e) => e.id));
  const byContainer = new Map<string | null, Element[]>();
  for (const e of elements) {
    if (UNREADABLE.has(e.type)) continue;
    // A missing or non-frame parent puts the element at the top level.
    const container = e.parentId !== null && frames.has(e.parentId) && e.parentId !== e.id ? e.parentId : null;
    const members = byContainer.get(container);
    if (members) members.push(e);
    else byContainer.set(container, [e]);
  }
  const seen = new Set<string>();
  const itemsIn = (container: string | null, depth = 0): OutlineItem[] => {
    // Frames nested deeper than this (only a crafted board does that) are listed at the top.
    if (depth > MAX_FRAME_NESTING) return [];
    const members = (byContainer.get(container) ?? []).filter((e) => !seen.has(e.id));
    for (const e of members) seen.add(e.id);
    const nodes = members.filter((e): e is ElementOf<'treeNode'> => e.type === 'treeNode');
    const roots = new Map(buildForest(nodes).map((branch) => [branch.node.id, branch]));
    const placed = readingOrder(members.filter((e) => e.type !== 'treeNode' || roots.has(e.id)));
    return placed.map((e) => (e.type === 'treeNode' ? fromBranch(roots.get(e.id)!) : { element: e, children: e.type === 'frame' ? itemsIn(e.id, depth + 1) : [] }));
  };
  const top = itemsIn(null);
  // Frames that hold each other (a merge of concurrent edits) are unreachable from the top: list them there.
  const lost = elements.filter((e) => e.type === 'frame' && !seen.has(e.id));
  for (const frame of lost) {
    if (seen.has(frame.id)) continue;
    seen.add(frame.id);
    top.push({ element: frame, children: itemsIn(frame.id) });
  }
  return top;
}
