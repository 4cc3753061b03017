/**
 * Problem and objectives trees hang together by `parentNode` links, which a backup carries as
 * plain ids. A hand-edited or damaged backup can link a node to nothing, to itself, to an
 * element that is not a node of the same tree, or round in a circle. The board already
 * draws such a node as a root (problem-tree.ts buildForest: a missing parent makes a root,
 * a cycle is broken at its smallest id); an import writes that same reading into the
 * document, so every view, report and later edit sees one tree, and says what it changed.
 */

/** What was wrong with a node's link, and so cut: it now starts a tree of its own. */
export type TreeRepairKind = 'missing-parent' | 'cycle';

/** One repaired node: `parentNode` was `was` and is now null; `text` (cut short) says which node it is to a person. */
export interface TreeRepair {
  element: string;
  what: TreeRepairKind;
  was: string;
  text: string;
}

/** How much of a node's text a repair repeats. */
const TEXT_SHOWN = 80;

interface TreeNodeLink {
  id: string;
  type: string;
  tree?: unknown;
  parentNode?: unknown;
  text?: unknown;
}

/**
 * Cuts the bad `parentNode` links of tree nodes among `elements` (validated plain elements,
 * changed in place) and names each cut. A link is bad when it points to no tree node of the
 * same tree (missing, itself, another type or the other tree), or closes a cycle; a cycle is
 * cut at its smallest id, as the board draws it.
 */
export function repairTreeLinks(elements: readonly TreeNodeLink[]): TreeRepair[] {
  const nodes = elements.filter((e) => e.type === 'treeNode');
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const repairs: TreeRepair[] = [];
  const cut = (node: TreeNodeLink, what: TreeRepairKind) => {
    const text = typeof node.text === 'string' ? node.text.trim() : '';
    repairs.push({ element: node.id, what, was: String(node.parentNode), text: text.length > TEXT_SHOWN ? `${text.slice(0, TEXT_SHOWN - 1)}…` : text });
    node.parentNode = null;
  };
  for (const node of nodes) {
    if (node.parentNode === null || node.parentNode === undefined) continue;
    const parent = typeof node.parentNode === 'string' ? byId.get(node.parentNode) : undefined;
    if (!parent || parent === node || parent.tree !== node.tree) cut(node, 'missing-parent');
  }
  // Every node has at most one parent, so the links form chains ending at a root or in one
  // cycle; climbing from each node once finds every cycle (done: known to end at a root).
  const done = new Set<string>();
  for (const start of nodes) {
    const path: TreeNodeLink[] = [];
    const onPath = new Map<string, number>();
    let at: TreeNodeLink | undefined = start;
    while (at && !done.has(at.id) && !onPath.has(at.id)) {
      onPath.set(at.id, path.length);
      path.push(at);
      at = typeof at.parentNode === 'string' ? byId.get(at.parentNode) : undefined;
    }
    if (at && onPath.has(at.id)) {
      const cycle = path.slice(onPath.get(at.id));
      cut(cycle.reduce((a, b) => (a.id < b.id ? a : b)), 'cycle');
    }
    for (const node of path) done.add(node.id);
  }
  return repairs;
}
