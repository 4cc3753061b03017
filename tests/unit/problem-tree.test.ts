import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { createElement, OpError } from '../../shared/ops';
import { initBoard } from '../../shared/ops/board';
import { elementsOf, readElements } from '../../shared/schema';
import type { ElementOf } from '../../shared/schema/elements';
import { buildForest, duplicateTexts, hiddenNodes, layoutForest, MAX_TREE_DEPTH, normaliseText, walk, wouldCreateCycle, type TreeNodeData } from '../../shared/methods/problem-tree';
import { addTreeNode, createTreeCore, heldSubtrees, deleteTreeNodes, readTreeNode, reparentTreeNode, setTreeCollapsed, treeNodesIn } from '../../shared/methods/tree-ops';
import { mulberry32 } from './support';

const node = (id: string, parentNode: string | null, role: TreeNodeData['role'] = 'cause', extra: Partial<TreeNodeData> = {}): TreeNodeData => ({
  id,
  parentNode,
  role,
  x: 0,
  y: 0,
  w: 220,
  h: 100,
  text: id,
  collapsed: false,
  ...extra,
});

type Box = { x: number; y: number; w: number; h: number };
const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** A random tree of `count` nodes: a core, then causes and effects hanging from earlier nodes. */
function randomTree(seed: number, count: number): TreeNodeData[] {
  const random = mulberry32(seed);
  const nodes = [node('n0', null, 'core')];
  for (let i = 1; i < count; i++) {
    const parent = nodes[Math.floor(random() * nodes.length)]!;
    const role = parent.role === 'core' ? (random() < 0.5 ? 'cause' : 'effect') : parent.role;
    nodes.push(node(`n${i}`, parent.id, role, { x: Math.floor(random() * 1000), w: 160 + Math.floor(random() * 120), h: 80 + Math.floor(random() * 60), collapsed: random() < 0.08 }));
  }
  return nodes;
}

function boardWithFrame(): { doc: Y.Doc; frameId: string; core: string } {
  const doc = new Y.Doc();
  initBoard(doc, 'Test', 'pl', 1);
  const frameId = createElement(doc, { type: 'frame', method: 'problemTree', title: 'Drzewo', x: 0, y: 0, w: 1400, h: 1000 });
  const core = createTreeCore(doc, frameId, 'problem', 'Odpływ młodych', { x: 600, y: 450 });
  return { doc, frameId, core };
}

describe('problem tree: structure', () => {
  it('builds causes and effects around the core, children ordered left to right', () => {
    const forest = buildForest([node('core', null, 'core'), node('c2', 'core', 'cause', { x: 50 }), node('c1', 'core', 'cause', { x: 10 }), node('e1', 'core', 'effect'), node('c1a', 'c1')]);
    expect(forest).toHaveLength(1);
    const [root] = forest;
    expect(root!.children.map((c) => [c.node.id, c.side])).toEqual([
      ['e1', 'effect'],
      ['c1', 'cause'],
      ['c2', 'cause'],
    ]);
    expect(root!.children[1]!.children.map((c) => [c.node.id, c.side, c.depth])).toEqual([['c1a', 'cause', 2]]);
  });

  it('treats a node whose parent is missing as a root, and breaks merged cycles at their smallest id', () => {
    const forest = buildForest([node('a', 'b'), node('b', 'c'), node('c', 'a'), node('d', 'a'), node('orphan', 'gone')]);
    expect(forest.map((r) => r.node.id).sort()).toEqual(['a', 'orphan']);
    expect([...walk(forest)]).toHaveLength(5);
  });

  it('hides what lies inside a folded branch, not the folded node', () => {
    const forest = buildForest([node('core', null, 'core'), node('c1', 'core', 'cause', { collapsed: true }), node('c1a', 'c1'), node('c1b', 'c1a'), node('c2', 'core')]);
    expect([...hiddenNodes(forest)].sort()).toEqual(['c1a', 'c1b']);
  });

  it('refuses a parent that is the node itself or one of its descendants', () => {
    const nodes = [node('core', null, 'core'), node('a', 'core'), node('b', 'a'), node('c', 'b'), node('x', 'core')];
    expect(wouldCreateCycle(nodes, 'a', 'a')).toBe(true);
    expect(wouldCreateCycle(nodes, 'a', 'c')).toBe(true);
    expect(wouldCreateCycle(nodes, 'a', 'b')).toBe(true);
    expect(wouldCreateCycle(nodes, 'a', 'x')).toBe(false);
    expect(wouldCreateCycle(nodes, 'c', 'core')).toBe(false);
  });

  it('finds duplicate texts ignoring case, spacing and final punctuation', () => {
    expect(normaliseText('  Brak   MIESZKAŃ. ')).toBe('brak mieszkań');
    const dup = duplicateTexts([
      { id: '1', text: 'Brak mieszkań' },
      { id: '2', text: 'brak  mieszkań!' },
      { id: '3', text: 'Brak pracy' },
      { id: '4', text: '' },
      { id: '5', text: ' ' },
    ]);
    expect(Object.fromEntries(dup)).toEqual({ '1': ['2'], '2': ['1'] });
  });
});

describe('problem tree: layout (d3-hierarchy tidy tree)', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('random tree, seed %i: no overlaps, causes below the core, effects above, folded branches left out', (seed) => {
    const nodes = randomTree(seed, 30);
    const forest = buildForest(nodes);
    const hidden = hiddenNodes(forest);
    const layout = layoutForest(forest);
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const boxes = [...layout.positions].map(([id, p]) => ({ id, ...p, w: byId.get(id)!.w, h: byId.get(id)!.h }));
    expect(boxes.map((b) => b.id).sort()).toEqual(nodes.filter((n) => !hidden.has(n.id)).map((n) => n.id).sort());
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i]!, boxes[j]!), `${boxes[i]!.id} × ${boxes[j]!.id}`).toBe(false);
    const core = layout.positions.get('n0')!;
    for (const branch of walk(forest)) {
      const p = layout.positions.get(branch.node.id);
      if (!p || branch.side === 'core') continue;
      if (branch.side === 'cause') expect(p.y, branch.node.id).toBeGreaterThanOrEqual(core.y + 100);
      else expect(p.y + branch.node.h, branch.node.id).toBeLessThanOrEqual(core.y);
      // A child lies further from the core than its parent.
      const parent = layout.positions.get(branch.node.parentNode!)!;
      if (branch.side === 'cause') expect(p.y).toBeGreaterThan(parent.y);
      else expect(p.y).toBeLessThan(parent.y);
    }
    for (const b of boxes) {
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.y).toBeGreaterThanOrEqual(0);
      expect(b.x + b.w).toBeLessThanOrEqual(layout.width + 1);
      expect(b.y + b.h).toBeLessThanOrEqual(layout.height + 1);
    }
  });

  it('centres a parent over its children and keeps separate trees apart', () => {
    const layout = layoutForest(buildForest([node('core', null, 'core'), node('a', 'core', 'cause', { x: 1 }), node('b', 'core', 'cause', { x: 2 }), node('other', null, 'core', { x: 5000 })]));
    const [core, a, b, other] = ['core', 'a', 'b', 'other'].map((id) => layout.positions.get(id)!);
    expect(core!.x).toBe(Math.round((a!.x + b!.x) / 2));
    expect(a!.x).toBeLessThan(b!.x);
    expect(other!.x).toBeGreaterThan(b!.x + 220);
  });
});

describe('problem tree: operations on the document', () => {
  it('adds causes below and effects above, lays out inside the frame, all valid', () => {
    const { doc, frameId, core } = boardWithFrame();
    const cause = addTreeNode(doc, core, 'child', {}, 'Brak pracy');
    const sub = addTreeNode(doc, cause, 'child', {}, 'Mało inwestorów');
    const sibling = addTreeNode(doc, cause, 'sibling', {}, 'Drogie mieszkania');
    const effect = addTreeNode(doc, core, 'effect', {}, 'Starzenie się');
    const effect2 = addTreeNode(doc, effect, 'child', {}, 'Mniej podatków');
    expect(readElements(doc).invalid).toEqual([]);
    const nodes = new Map(treeNodesIn(doc, frameId).map((n) => [n.id, n]));
    expect([cause, sub, sibling].map((id) => nodes.get(id)!.role)).toEqual(['cause', 'cause', 'cause']);
    expect([effect, effect2].map((id) => nodes.get(id)!.role)).toEqual(['effect', 'effect']);
    expect(nodes.get(sibling)!.parentNode).toBe(core);
    const c = nodes.get(core)!;
    expect(nodes.get(cause)!.y).toBeGreaterThan(c.y + c.h);
    expect(nodes.get(effect)!.y + 100).toBeLessThan(c.y);
    expect(nodes.get(effect2)!.y).toBeLessThan(nodes.get(effect)!.y);
    expect(nodes.get(cause)!.x).toBeLessThan(nodes.get(sibling)!.x);
    for (const n of nodes.values()) {
      expect(n.x).toBeGreaterThanOrEqual(0);
      expect(n.y).toBeGreaterThanOrEqual(0);
      expect(n.x + n.w).toBeLessThanOrEqual(1400);
      expect(n.y + n.h).toBeLessThanOrEqual(1000);
    }
  });

  it('refuses a sibling for the core and a cycle, with keys the interface translates', () => {
    const { doc, core } = boardWithFrame();
    const a = addTreeNode(doc, core, 'child');
    const b = addTreeNode(doc, a, 'child');
    expect(() => addTreeNode(doc, core, 'sibling')).toThrow(expect.objectContaining({ key: 'tree.errors.coreSibling' }));
    let error: unknown;
    try {
      reparentTreeNode(doc, a, b);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OpError);
    expect((error as OpError).key).toBe('tree.errors.cycle');
    expect(readTreeNode(doc, a).parentNode).toBe(core);
  });

  it('re-parenting a branch under an effect turns it into effects', () => {
    const { doc, core } = boardWithFrame();
    const cause = addTreeNode(doc, core, 'child');
    const below = addTreeNode(doc, cause, 'child');
    const effect = addTreeNode(doc, core, 'effect');
    reparentTreeNode(doc, cause, effect);
    expect(readTreeNode(doc, cause)).toMatchObject({ parentNode: effect, role: 'effect' });
    expect(readTreeNode(doc, below)).toMatchObject({ parentNode: cause, role: 'effect' });
    expect(readTreeNode(doc, below).y).toBeLessThan(readTreeNode(doc, effect).y);
  });

  it('deleting a node moves its children up to its parent; deleting the core leaves its branches as trees', () => {
    const { doc, core, frameId } = boardWithFrame();
    const a = addTreeNode(doc, core, 'child');
    const b = addTreeNode(doc, a, 'child');
    const c = addTreeNode(doc, b, 'child');
    deleteTreeNodes(doc, [a, b]);
    expect(readTreeNode(doc, c).parentNode).toBe(core);
    deleteTreeNodes(doc, [core]);
    expect(readTreeNode(doc, c).parentNode).toBeNull();
    expect(treeNodesIn(doc, frameId).map((n) => n.id)).toEqual([c]);
  });

  it('folding hides the branch from the layout and unfolding brings it back', () => {
    const { doc, core, frameId } = boardWithFrame();
    const a = addTreeNode(doc, core, 'child');
    addTreeNode(doc, a, 'child');
    setTreeCollapsed(doc, a, true);
    expect(hiddenNodes(buildForest(treeNodesIn(doc, frameId))).size).toBe(1);
    setTreeCollapsed(doc, a, false);
    expect(hiddenNodes(buildForest(treeNodesIn(doc, frameId))).size).toBe(0);
  });

  it('grows the frame when the tree no longer fits', () => {
    const { doc, core, frameId } = boardWithFrame();
    for (let i = 0; i < 8; i++) addTreeNode(doc, core, 'child');
    const frame = readElements(doc).elements.find((e) => e.id === frameId) as ElementOf<'frame'>;
    expect(frame.w).toBeGreaterThan(1400);
    for (const n of treeNodesIn(doc, frameId)) expect(n.x + n.w).toBeLessThanOrEqual(frame.x + frame.w);
  });
});

describe('crafted boards', () => {
  it('a chain of 5,000 nodes is cut into trees no deeper than MAX_TREE_DEPTH, every node kept once', () => {
    const chain = Array.from({ length: 5000 }, (_, i) => node(`n${i}`, i === 0 ? null : `n${i - 1}`, i === 0 ? 'core' : 'cause', { x: i }));
    const forest = buildForest(chain);
    const seen = [...walk(forest)];
    expect(seen).toHaveLength(5000);
    expect(new Set(seen.map((b) => b.node.id)).size).toBe(5000);
    expect(Math.max(...seen.map((b) => b.depth))).toBeLessThan(MAX_TREE_DEPTH);
    expect(() => layoutForest(forest)).not.toThrow();
    expect(() => hiddenNodes(forest)).not.toThrow();
  });
  it('a core with 20,000 causes keeps every one as its child', () => {
    const wide = [node('core', null, 'core'), ...Array.from({ length: 20_000 }, (_, i) => node(`c${i}`, 'core', 'cause', { x: i }))];
    const forest = buildForest(wide);
    expect(forest[0]!.children).toHaveLength(20_000);
  });
});

describe('a tree whose frame is gone', () => {
  // Found by the server-level convergence fuzz (tests/helpers/convergence-fuzz.ts): one person
  // deletes a frame while another puts tree nodes into it, and the nodes keep a parentId that
  // names no frame. Every tree op on them threw a TypeError instead of laying them out loose.
  it.each([
    ['fold', (doc: Y.Doc, id: string) => setTreeCollapsed(doc, id, true)],
    ['add a child', (doc: Y.Doc, id: string) => void addTreeNode(doc, id, 'child')],
    ['delete', (doc: Y.Doc, id: string) => void deleteTreeNodes(doc, [id])],
  ])('%s works on nodes whose parentId names a deleted frame', (_name, op) => {
    const doc = new Y.Doc();
    initBoard(doc, 'Drzewo', 'pl');
    const core = createTreeCore(doc, null, 'problem', 'Rdzeń', { x: 100, y: 100 });
    const cause = addTreeNode(doc, core, 'child', {}, 'Przyczyna');
    for (const id of [core, cause]) elementsOf(doc).get(id)!.set('parentId', 'deleted-frame');
    expect(() => op(doc, cause)).not.toThrow();
    expect(readTreeNode(doc, core).parentId).toBe('deleted-frame');
  });
});

describe('problem tree: layout leaves what others hold', () => {
  it('keeps a node someone is editing, and its subtree, where they are; says so; lays it out once let go', () => {
    const { doc, core } = boardWithFrame();
    const cause = addTreeNode(doc, core, 'child', {}, 'Brak pracy');
    const sub = addTreeNode(doc, cause, 'child', {}, 'Mało inwestorów');
    const before = { cause: readTreeNode(doc, cause), sub: readTreeNode(doc, sub) };
    const heldBack: string[] = [];
    // Someone else is typing in "Brak pracy" while a sibling is added: it would shift sideways.
    const sibling = addTreeNode(doc, core, 'child', { held: new Set([cause]), onHeldBack: (id) => heldBack.push(id) }, 'Drogie mieszkania');
    expect({ x: readTreeNode(doc, cause).x, y: readTreeNode(doc, cause).y }).toEqual({ x: before.cause.x, y: before.cause.y });
    expect({ x: readTreeNode(doc, sub).x, y: readTreeNode(doc, sub).y }).toEqual({ x: before.sub.x, y: before.sub.y });
    expect(heldBack).toEqual([sibling]);
    // Let go: the same layout without holds moves it to its place.
    addTreeNode(doc, core, 'child', {}, 'Słaba komunikacja');
    expect(readTreeNode(doc, cause).x).not.toBe(before.cause.x);
  });

  it.each([
    ['nothing held', [], []],
    ['a leaf', ['c'], ['c']],
    ['a branch with its subtree', ['b'], ['b', 'c']],
    ['an id not in the tree', ['zzz'], []],
  ])('held subtrees: %s', (_, held, expected) => {
    const nodes = [node('a', null, 'core'), node('b', 'a'), node('c', 'b'), node('d', 'a')] as never[];
    expect([...heldSubtrees(nodes, new Set(held))].sort()).toEqual(expected);
  });
});
