import { buildForest, descendantCount, duplicateTexts, hiddenNodes, walk, type TreeSide } from '../../../../shared/methods/problem-tree';
import type { ElementOf } from '../../../../shared/schema/elements';
import type { ElementStore } from '../../editor/element-store';

/** What the views need to know about every tree on the board, derived from the elements. */
export interface TreeIndex {
  /** Nodes inside folded branches: not drawn, not hit. */
  hidden: ReadonlySet<string>;
  /** For each node whose text repeats another's in the same frame: the others' ids. */
  duplicates: ReadonlyMap<string, string[]>;
  /** Which way each node grows from its core. */
  side: ReadonlyMap<string, TreeSide>;
  /** How many nodes hang below each node (shown on a folded node). */
  below: ReadonlyMap<string, number>;
  /** Child ids of each node, left to right. */
  children: ReadonlyMap<string, string[]>;
}

const cache = new WeakMap<ElementStore, { version: number; index: TreeIndex }>();

/** The tree index of a store, recomputed at most once per change of the board. */
export function treeIndex(store: ElementStore): TreeIndex {
  const cached = cache.get(store);
  if (cached && cached.version === store.version) return cached.index;
  const byFrame = new Map<string | null, ElementOf<'treeNode'>[]>();
  for (const e of store.ofType('treeNode')) byFrame.set(e.parentId, [...(byFrame.get(e.parentId) ?? []), e]);
  const hidden = new Set<string>();
  const duplicates = new Map<string, string[]>();
  const side = new Map<string, TreeSide>();
  const below = new Map<string, number>();
  const children = new Map<string, string[]>();
  for (const nodes of byFrame.values()) {
    const forest = buildForest(nodes);
    for (const id of hiddenNodes(forest)) hidden.add(id);
    for (const [id, others] of duplicateTexts(nodes)) duplicates.set(id, others);
    for (const branch of walk(forest)) {
      side.set(branch.node.id, branch.side);
      below.set(branch.node.id, descendantCount(branch));
      children.set(branch.node.id, branch.children.map((c) => c.node.id));
    }
  }
  const index = { hidden, duplicates, side, below, children };
  cache.set(store, { version: store.version, index });
  return index;
}

/** Whether an element is a tree node folded away inside its tree. */
export function isFoldedAway(store: ElementStore, id: string): boolean {
  return treeIndex(store).hidden.has(id);
}
