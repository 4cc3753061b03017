import { hierarchy, tree as tidyTree, type HierarchyPointNode } from 'd3-hierarchy';
import type { ElementOf, TreeNodeRole } from '../schema/elements';

/** The fields of a tree node that structure and layout read. */
export type TreeNodeData = Pick<ElementOf<'treeNode'>, 'id' | 'x' | 'y' | 'w' | 'h' | 'text' | 'role' | 'parentNode' | 'collapsed'>;

/** Which way a branch grows from the core: causes (means) below, effects (ends) above. */
export type TreeSide = 'core' | 'cause' | 'effect';

/** One node in the built tree, with its children in left-to-right order. */
export interface TreeBranch<N extends TreeNodeData = TreeNodeData> {
  node: N;
  side: TreeSide;
  depth: number;
  children: TreeBranch<N>[];
}

/**
 * Deepest level a tree is built to; a longer chain continues as a tree of its own. No real
 * problem tree is this deep, and it bounds every walk over a tree (a board crafted with a
 * chain of thousands of nodes must not overflow the stack for everyone).
 */
export const MAX_TREE_DEPTH = 64;

/** Spacing between boxes in a laid-out tree (board units). */
export const TREE_GAP = { x: 40, y: 70, between: 120 } as const;

/** The parent a node really hangs from: its link when that node exists among `byId`, else none. */
function linkedParent<N extends TreeNodeData>(node: N, byId: ReadonlyMap<string, N>): string | null {
  return node.parentNode !== null && node.parentNode !== node.id && byId.has(node.parentNode) ? node.parentNode : null;
}

const byPosition = (a: TreeNodeData, b: TreeNodeData) => a.x - b.x || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Builds the forest of a frame's nodes. A node whose parent is missing (deleted, or in another
 * frame) is a root of its own. Two people re-parenting at once can merge into a cycle; each
 * cycle is broken at its smallest id, so every peer draws the same tree.
 */
export function buildForest<N extends TreeNodeData>(nodes: readonly N[]): TreeBranch<N>[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const children = new Map<string, N[]>();
  const rootIds: string[] = [];
  for (const node of nodes) {
    const parent = linkedParent(node, byId);
    if (parent === null) rootIds.push(node.id);
    else {
      const siblings = children.get(parent);
      if (siblings) siblings.push(node);
      else children.set(parent, [node]);
    }
  }
  const visited = new Set<string>();
  /** Nodes below MAX_TREE_DEPTH start trees of their own, so no walk over a tree runs deeper. */
  const tooDeep: { node: N; side: TreeSide }[] = [];
  const grow = (node: N, side: TreeSide, depth: number): TreeBranch<N> => {
    visited.add(node.id);
    const kids = (children.get(node.id) ?? []).filter((c) => !visited.has(c.id)).sort(byPosition);
    const branch: TreeBranch<N> = { node, side, depth, children: [] };
    for (const kid of kids) {
      if (visited.has(kid.id)) continue;
      const kidSide: TreeSide = side === 'core' ? (kid.role === 'effect' ? 'effect' : 'cause') : side;
      if (depth + 1 >= MAX_TREE_DEPTH) {
        visited.add(kid.id);
        tooDeep.push({ node: kid, side: kidSide });
      } else branch.children.push(grow(kid, kidSide, depth + 1));
    }
    return branch;
  };
  const rootSide = (n: N): TreeSide => (n.role === 'core' ? 'core' : n.role);
  const roots = rootIds.map((id) => byId.get(id)!).sort(byPosition).map((n) => grow(n, rootSide(n), 0));
  for (let next = tooDeep.shift(); next; next = tooDeep.shift()) {
    visited.delete(next.node.id);
    roots.push(grow(next.node, next.side, 0));
  }
  // Whatever is left hangs from a cycle.
  for (;;) {
    const left = nodes.filter((n) => !visited.has(n.id));
    if (left.length === 0) break;
    const cycle = cycleFrom(left[0]!, byId);
    const root = cycle.reduce((a, b) => (a.id < b.id ? a : b));
    roots.push(grow(root, rootSide(root), 0));
    for (let next = tooDeep.shift(); next; next = tooDeep.shift()) {
      visited.delete(next.node.id);
      roots.push(grow(next.node, next.side, 0));
    }
  }
  return roots;
}

/** The nodes of the cycle reached by climbing from `start` (which hangs from a cycle). */
function cycleFrom<N extends TreeNodeData>(start: N, byId: ReadonlyMap<string, N>): N[] {
  const path: N[] = [];
  const seen = new Map<string, number>();
  for (let node: N | undefined = start; node && !seen.has(node.id); node = byId.get(linkedParent(node, byId) ?? '')) {
    seen.set(node.id, path.length);
    path.push(node);
  }
  const last = path[path.length - 1]!;
  const again = seen.get(linkedParent(last, byId) ?? '') ?? 0;
  return path.slice(again);
}

/** Every branch of the forest, depth first. */
export function* walk<N extends TreeNodeData>(forest: readonly TreeBranch<N>[]): Generator<TreeBranch<N>> {
  for (const branch of forest) {
    yield branch;
    yield* walk(branch.children);
  }
}

/** Ids of nodes inside a folded branch (the folded node itself stays visible). */
export function hiddenNodes(forest: readonly TreeBranch[]): Set<string> {
  const hidden = new Set<string>();
  const hide = (branch: TreeBranch) => {
    for (const child of branch.children) {
      hidden.add(child.node.id);
      hide(child);
    }
  };
  for (const branch of walk(forest)) if (branch.node.collapsed && !hidden.has(branch.node.id)) hide(branch);
  return hidden;
}

/** How many nodes a folded node hides. */
export function descendantCount(branch: TreeBranch): number {
  return branch.children.reduce((sum, c) => sum + 1 + descendantCount(c), 0);
}

/** Whether hanging `nodeId` from `newParentId` would make a node its own ancestor. */
export function wouldCreateCycle(nodes: readonly TreeNodeData[], nodeId: string, newParentId: string): boolean {
  if (nodeId === newParentId) return true;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const seen = new Set<string>();
  for (let at: string | null = newParentId; at !== null && !seen.has(at); ) {
    if (at === nodeId) return true;
    seen.add(at);
    const node = byId.get(at);
    at = node ? linkedParent(node, byId) : null;
  }
  return false;
}

/** Text as compared for duplicates: case, spacing, Unicode form and final punctuation ignored. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKC')
    .toLocaleLowerCase('pl')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\s.!?,;:…]+$/u, '');
}

/** For each node whose text repeats another's (normalised, non-empty), the ids of the others. */
export function duplicateTexts(nodes: readonly Pick<TreeNodeData, 'id' | 'text'>[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const node of nodes) {
    const key = normaliseText(node.text);
    if (key) groups.set(key, [...(groups.get(key) ?? []), node.id]);
  }
  const out = new Map<string, string[]>();
  for (const ids of groups.values()) {
    if (ids.length < 2) continue;
    for (const id of ids) out.set(id, ids.filter((other) => other !== id));
  }
  return out;
}

/** Where each visible node goes (top-left corner), relative to the forest's top-left, and its size. */
export interface TreeLayout {
  positions: Map<string, { x: number; y: number }>;
  width: number;
  height: number;
}

type LaidOut<N extends TreeNodeData> = HierarchyPointNode<TreeBranch<N>>;

/**
 * Lays out one half of a tree (the causes or the effects of its root) with d3-hierarchy's
 * tidy tree (Reingold–Tilford): parents centred over their children, no two boxes overlapping.
 */
function layoutHalf<N extends TreeNodeData>(root: TreeBranch<N>, side: 'cause' | 'effect', cell: { w: number; h: number }): LaidOut<N>[] {
  const tree = hierarchy(root, (b) => (b.node.collapsed ? [] : b.children.filter((c) => b.side !== 'core' || c.side === side)));
  const laid = tidyTree<TreeBranch<N>>()
    .nodeSize([cell.w + TREE_GAP.x, cell.h + TREE_GAP.y])
    .separation((a, b) => (a.parent === b.parent ? 1 : 1.25))(tree);
  return laid.descendants();
}

/**
 * The tidy layout of a forest: causes below their core, effects above it, folded branches
 * left out, trees side by side. Every box gets the size of the largest, so levels line up.
 */
export function layoutForest<N extends TreeNodeData>(forest: readonly TreeBranch<N>[]): TreeLayout {
  const positions = new Map<string, { x: number; y: number }>();
  let offsetX = 0;
  let minY = Infinity;
  let maxY = -Infinity;
  const centres: { id: string; cx: number; cy: number; w: number; h: number; tree: number }[] = [];
  forest.forEach((root, index) => {
    const all = [...walk([root])];
    const nodeById = new Map(all.map((b) => [b.node.id, b.node]));
    const cell = { w: Math.max(...all.map((b) => b.node.w)), h: Math.max(...all.map((b) => b.node.h)) };
    const down = root.side === 'effect' ? [] : layoutHalf(root, 'cause', cell);
    const up = root.side === 'core' ? layoutHalf(root, 'effect', cell) : root.side === 'effect' ? layoutHalf(root, 'effect', cell) : [];
    const placed = new Map<string, { cx: number; cy: number }>();
    for (const p of down) placed.set(p.data.node.id, { cx: p.x, cy: p.y });
    for (const p of up) if (!placed.has(p.data.node.id) || p.depth > 0) placed.set(p.data.node.id, { cx: p.x, cy: -p.y });
    let left = Infinity;
    let right = -Infinity;
    for (const [id, { cx, cy }] of placed) {
      const node = nodeById.get(id)!;
      left = Math.min(left, cx - node.w / 2);
      right = Math.max(right, cx + node.w / 2);
      minY = Math.min(minY, cy - node.h / 2);
      maxY = Math.max(maxY, cy + node.h / 2);
      centres.push({ id, cx, cy, w: node.w, h: node.h, tree: index });
    }
    for (const c of centres) if (c.tree === index) c.cx += offsetX - left;
    offsetX += right - left + TREE_GAP.between;
  });
  if (centres.length === 0) return { positions, width: 0, height: 0 };
  for (const c of centres) positions.set(c.id, { x: Math.round(c.cx - c.w / 2), y: Math.round(c.cy - c.h / 2 - minY) });
  return { positions, width: Math.ceil(offsetX - TREE_GAP.between), height: Math.ceil(maxY - minY) };
}

/** The side a node's new child takes: under the core a cause, otherwise the parent's own side. */
export function childRole(parentSide: TreeSide): Exclude<TreeNodeRole, 'core'> {
  return parentSide === 'effect' ? 'effect' : 'cause';
}
