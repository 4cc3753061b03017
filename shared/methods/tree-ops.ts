import type * as Y from 'yjs';
import { createElement, deleteElements, updateElement } from '../ops/elements';
import { OpError } from '../ops/errors';
import { elementsOf } from '../schema/doc';
import type { ElementOf, TreeKind } from '../schema/elements';
import { parseElement } from '../schema/plain';
import { buildForest, childRole, layoutForest, walk, wouldCreateCycle, type TreeBranch, type TreeSide } from './problem-tree';

export type TreeNode = ElementOf<'treeNode'>;

/** Who edits and with which transaction origin (undo tracks the origin). */
export interface TreeOpOptions {
  createdBy?: string;
  origin?: unknown;
  /**
   * Nodes other people are dragging or editing right now: a layout leaves them and their
   * subtrees where they are (nothing jumps from under a pointer or a caret) and reports the
   * node it laid out through `onHeldBack`, so that it can be laid out again once they let go.
   */
  held?: ReadonlySet<string>;
  onHeldBack?: (nodeId: string) => void;
}

/** The held nodes among `nodes` and everything that hangs from them. */
export function heldSubtrees(nodes: readonly TreeNode[], held: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  if (held.size === 0) return out;
  const children = new Map<string, string[]>();
  for (const n of nodes) {
    if (!n.parentNode) continue;
    const list = children.get(n.parentNode);
    if (list) list.push(n.id);
    else children.set(n.parentNode, [n.id]);
  }
  const queue = nodes.filter((n) => held.has(n.id)).map((n) => n.id);
  while (queue.length) {
    const id = queue.pop()!;
    if (out.has(id)) continue;
    out.add(id);
    queue.push(...(children.get(id) ?? []));
  }
  return out;
}

/** Room kept between a tree and its frame's border. */
export const FRAME_PADDING = { x: 60, y: 100 } as const;

/** Every valid tree node whose frame is `frameId` (null: outside any frame). */
export function treeNodesIn(doc: Y.Doc, frameId: string | null): TreeNode[] {
  const out: TreeNode[] = [];
  elementsOf(doc).forEach((element) => {
    if (element.get('type') !== 'treeNode' || element.get('parentId') !== frameId) return;
    const parsed = parseElement(element);
    if (parsed.ok && parsed.element.type === 'treeNode') out.push(parsed.element);
  });
  return out;
}

export function readTreeNode(doc: Y.Doc, id: string): TreeNode {
  const element = elementsOf(doc).get(id);
  const parsed = element ? parseElement(element) : null;
  if (!parsed?.ok || parsed.element.type !== 'treeNode') throw new OpError(`${id} is not a tree node`, 'tree.errors.notNode');
  return parsed.element;
}

function readFrame(doc: Y.Doc, id: string): ElementOf<'frame'> | null {
  const element = elementsOf(doc).get(id);
  const parsed = element ? parseElement(element) : null;
  return parsed?.ok && parsed.element.type === 'frame' ? parsed.element : null;
}

/** The branch of `id` in the forest of `nodes`. */
function branchOf(nodes: readonly TreeNode[], id: string): TreeBranch<TreeNode> | undefined {
  for (const branch of walk(buildForest(nodes))) if (branch.node.id === id) return branch;
  return undefined;
}

/** The root branch of the tree holding `id`. */
function rootOf(nodes: readonly TreeNode[], id: string): TreeBranch<TreeNode> | undefined {
  for (const root of buildForest(nodes)) for (const branch of walk([root])) if (branch.node.id === id) return root;
  return undefined;
}

/**
 * Writes the tidy layout of the tree holding `nodeId`, in one transaction. In a frame, every
 * tree of the frame is laid out inside it (centred, the frame grown when too small); outside
 * a frame, only that tree moves and its root stays where it is.
 */
export function applyTreeLayout(doc: Y.Doc, nodeId: string, options: TreeOpOptions = {}): void {
  const node = readTreeNode(doc, nodeId);
  const frame = node.parentId ? readFrame(doc, node.parentId) : null;
  // A parentId naming no frame (deleted meanwhile by someone else): laid out loose, with the
  // nodes that share it, as buildForest groups them.
  const all = treeNodesIn(doc, frame ? frame.id : node.parentId);
  const forest = frame ? buildForest(all) : [rootOf(all, nodeId)!];
  const layout = layoutForest(forest);
  let origin: { x: number; y: number };
  const framePatch: Record<string, number> = {};
  if (frame) {
    const needW = layout.width + 2 * FRAME_PADDING.x;
    const needH = layout.height + 2 * FRAME_PADDING.y;
    if (needW > frame.w) framePatch.w = Math.ceil(needW);
    if (needH > frame.h) framePatch.h = Math.ceil(needH);
    const w = framePatch.w ?? frame.w;
    const h = framePatch.h ?? frame.h;
    origin = { x: frame.x + Math.round((w - layout.width) / 2), y: frame.y + Math.round((h - layout.height) / 2) };
  } else {
    const root = forest[0]!.node;
    const at = layout.positions.get(root.id)!;
    origin = { x: root.x - at.x, y: root.y - at.y };
  }
  const byId = new Map(all.map((n) => [n.id, n]));
  const keep = heldSubtrees(all, options.held ?? new Set());
  doc.transact(() => {
    if (frame && Object.keys(framePatch).length) updateElement(doc, frame.id, framePatch, options.origin);
    for (const [id, p] of layout.positions) {
      const current = byId.get(id)!;
      if (keep.has(id)) continue;
      const x = origin.x + p.x;
      const y = origin.y + p.y;
      if (current.x !== x || current.y !== y) updateElement(doc, id, { x, y }, options.origin);
    }
  }, options.origin);
  if (keep.size > 0) options.onHeldBack?.(nodeId);
}

/** Size of a new node: objectives are taller, to show the problem they come from. */
export function nodeSize(tree: TreeKind): { w: number; h: number } {
  return tree === 'objective' ? { w: 240, h: 140 } : { w: 220, h: 100 };
}

/** How a new node relates to the selected one. */
export type NewNodePlace = 'child' | 'sibling' | 'effect';

/**
 * Adds a node next to `anchorId` and lays the tree out again: a child (a cause under a cause
 * or the core, an effect above an effect), a sibling (same parent and side), or an effect
 * directly above the core of the anchor's tree. Returns the new node's id.
 */
export function addTreeNode(doc: Y.Doc, anchorId: string, place: NewNodePlace, options: TreeOpOptions = {}, text = ''): string {
  const anchor = readTreeNode(doc, anchorId);
  const nodes = treeNodesIn(doc, anchor.parentId);
  const branch = branchOf(nodes, anchorId)!;
  let parent: TreeNode;
  let side: TreeSide;
  if (place === 'child') {
    parent = anchor;
    side = branch.side;
  } else if (place === 'effect') {
    const root = rootOf(nodes, anchorId)!;
    if (root.node.role !== 'core') throw new OpError('this tree has no core to hang an effect from', 'tree.errors.noCore');
    parent = root.node;
    side = 'effect';
  } else {
    if (branch.depth === 0) throw new OpError('the core has no siblings: add a child instead', 'tree.errors.coreSibling');
    parent = readTreeNode(doc, anchor.parentNode!);
    side = branch.side === 'core' ? 'cause' : branch.side;
  }
  const role = place === 'effect' ? 'effect' : place === 'sibling' ? (side === 'effect' ? 'effect' : 'cause') : childRole(side);
  const size = nodeSize(anchor.tree);
  let id = '';
  doc.transact(() => {
    if (parent.collapsed) updateElement(doc, parent.id, { collapsed: false }, options.origin);
    // Placed just right of the anchor (siblings) or of the parent's other children, so the
    // layout, which orders siblings by x, puts it where the person expects.
    const right = Math.max(parent.x, ...nodes.filter((n) => n.parentNode === parent.id).map((n) => n.x));
    const x = place === 'sibling' ? anchor.x + 1 : right + 1;
    const y = role === 'effect' ? parent.y - size.h - 70 : parent.y + parent.h + 70;
    id = createElement(doc, { type: 'treeNode', tree: anchor.tree, role, parentNode: parent.id, text, x, y, ...size, parentId: anchor.parentId }, options.createdBy ?? '', options.origin);
    applyTreeLayout(doc, id, options);
  }, options.origin);
  return id;
}

/** Starts a tree: its core node in a frame (or loose), at a point. */
export function createTreeCore(doc: Y.Doc, frameId: string | null, tree: TreeKind, text: string, at: { x: number; y: number }, options: TreeOpOptions = {}): string {
  return createElement(doc, { type: 'treeNode', tree, role: 'core', parentNode: null, text, ...at, ...nodeSize(tree), parentId: frameId }, options.createdBy ?? '', options.origin);
}

/**
 * Hangs a node (with its branch) from another node. Refused when the new parent is the node
 * itself or lies in its branch (a cycle), or belongs to the other kind of tree. The branch
 * takes the side of its new place (under an effect it becomes effects) and its frame.
 */
export function reparentTreeNode(doc: Y.Doc, nodeId: string, newParentId: string, options: TreeOpOptions = {}): void {
  const node = readTreeNode(doc, nodeId);
  const parent = readTreeNode(doc, newParentId);
  if (node.tree !== parent.tree) throw new OpError('a node can only move within its own kind of tree', 'tree.errors.otherTree');
  const here = treeNodesIn(doc, node.parentId);
  if (wouldCreateCycle(here, nodeId, newParentId)) {
    throw new OpError('a node cannot hang from itself or from its own branch', 'tree.errors.cycle');
  }
  const there = node.parentId === parent.parentId ? here : treeNodesIn(doc, parent.parentId);
  const parentSide = branchOf(there, newParentId)!.side;
  const side = parentSide === 'core' ? (node.role === 'effect' ? 'effect' : 'cause') : parentSide;
  const branch = [...walk([branchOf(here, nodeId)!])].map((b) => b.node);
  doc.transact(() => {
    updateElement(doc, nodeId, { parentNode: newParentId }, options.origin);
    for (const n of branch) {
      const patch: Record<string, unknown> = {};
      if (n.role !== side) patch.role = side;
      if (n.parentId !== parent.parentId) patch.parentId = parent.parentId;
      if (Object.keys(patch).length) updateElement(doc, n.id, patch, options.origin);
    }
    applyTreeLayout(doc, nodeId, options);
    const stayed = here.find((n) => !branch.some((b) => b.id === n.id));
    if (node.parentId !== parent.parentId && stayed) applyTreeLayout(doc, stayed.id, options);
  }, options.origin);
}

/**
 * Deletes tree nodes without losing anyone's work below them: the children of a deleted node
 * move up to its nearest surviving ancestor. Children of a deleted core have none, so they
 * stay as trees of their own. Connectors attached to deleted nodes go too (see deleteElements).
 */
export function deleteTreeNodes(doc: Y.Doc, ids: readonly string[], options: TreeOpOptions = {}): string[] {
  const doomed = new Set(ids);
  const nodes = ids.map((id) => elementsOf(doc).get(id)).filter((e) => e?.get('type') === 'treeNode');
  const frames = new Set(nodes.map((e) => (e!.get('parentId') as string | null) ?? null));
  const affected = [...frames].flatMap((frame) => treeNodesIn(doc, frame));
  const byId = new Map(affected.map((n) => [n.id, n]));
  const survivorAbove = (id: string | null): string | null => {
    const seen = new Set<string>();
    while (id !== null && doomed.has(id) && !seen.has(id)) {
      seen.add(id);
      id = byId.get(id)?.parentNode ?? null;
    }
    return id !== null && doomed.has(id) ? null : id;
  };
  let deleted: string[] = [];
  doc.transact(() => {
    for (const n of affected) {
      if (doomed.has(n.id) || n.parentNode === null || !doomed.has(n.parentNode)) continue;
      updateElement(doc, n.id, { parentNode: survivorAbove(n.parentNode) }, options.origin);
    }
    deleted = deleteElements(doc, ids, options.origin);
    const anchors = new Map<string | null, string>();
    for (const n of affected) if (!doomed.has(n.id) && !anchors.has(n.parentId)) anchors.set(n.parentId, n.id);
    for (const [frame, anchor] of anchors) if (frame !== null) applyTreeLayout(doc, anchor, options);
  }, options.origin);
  return deleted;
}

/** Folds or unfolds a node's branch and lays the tree out again. */
export function setTreeCollapsed(doc: Y.Doc, nodeId: string, collapsed: boolean, options: TreeOpOptions = {}): void {
  doc.transact(() => {
    updateElement(doc, nodeId, { collapsed }, options.origin);
    applyTreeLayout(doc, nodeId, options);
  }, options.origin);
}
