import { clickFoldBadge } from '../../methods/tree/fold-badge';
import { useHeldLayout } from '../../methods/tree/held-layout';
import { handleTreeKey } from '../../methods/tree/tree-shortcuts';
import { moveUnder, selectedTreeNode } from '../../methods/tree/tree-actions';
import { isFoldedAway } from '../../methods/tree/tree-index';
import { TREE_COLOURS, TreeNodeView } from '../../methods/tree/TreeNodeView';
import { boxText, plainEnter } from '../card-text';
import { paintBox } from '../shared-views';
import type { CanvasPartProps, ElementUtil } from '../types';

/** Lays trees out again once others let go of the nodes they held (methods/tree/held-layout.ts). */
function HeldLayout({ editor, awareness }: CanvasPartProps) {
  useHeldLayout(editor, awareness);
  return null;
}

/** A box of a problem or objectives tree: folded branches are hidden, Enter and Tab grow the tree. */
export const treeNodeUtil: ElementUtil<'treeNode'> = {
  type: 'treeNode',
  View: TreeNodeView,
  paintOverview: (ctx, e) => paintBox(ctx, e, TREE_COLOURS[e.tree][e.role].fill),
  text: boxText({
    // In a tree, Enter finishes the box and Tab finishes it and adds the next one.
    key: (editor, _element, e, finish) => {
      if (!plainEnter(e) && e.key !== 'Tab') return false;
      e.preventDefault();
      finish();
      if (e.key === 'Tab') handleTreeKey(editor, e, () => {});
      return true;
    },
  }),
  keys: {
    // A selected tree node's keys: Tab adds a child, Enter a sibling, typing edits it… (methods/tree/tree-shortcuts.ts).
    handle: handleTreeKey,
    // On a node picked by pointer or just added, Tab keeps adding a child (as in mind-map tools); reached by Tab, it walks on.
    ownsTab: (editor) => selectedTreeNode(editor) !== null && editor.state.focused === null,
  },
  // Two tree nodes connect by the tree's own link: the first is hung under the second.
  connect: (editor, from, to) => {
    if (to.type !== 'treeNode') return false;
    moveUnder(editor, from.id, to.id);
    return true;
  },
  isHidden: (editor, e) => isFoldedAway(editor.store, e.id),
  // The "+N" pill on a folded tree box unfolds it.
  click: clickFoldBadge,
  Behaviour: HeldLayout,
};
