import type { Point, Rect } from '../../../../shared/geometry/rect';
import type { ElementOf } from '../../../../shared/schema/elements';
import type { TreeSide } from '../../../../shared/methods/problem-tree';
import type { Editor } from '../../editor/editor';
import { toggleFold } from './tree-actions';
import { treeIndex } from './tree-index';

/** Size of the "+N" pill on a folded node. */
export const FOLD_BADGE = { w: 48, h: 22 } as const;

/** Where a folded node's pill sits (board coordinates): on its far edge from the core. */
export function foldBadgeRect(node: Pick<ElementOf<'treeNode'>, 'x' | 'y' | 'w' | 'h'>, side: TreeSide): Rect {
  return { x: node.x + node.w / 2 - FOLD_BADGE.w / 2, y: side === 'effect' ? node.y - 12 : node.y + node.h - 10, ...FOLD_BADGE };
}

/**
 * A click on a folded node's pill unfolds it (the pill is the toggle on the canvas; the
 * toolbar and the '/' key do the same). Returns whether the click was taken.
 */
export function clickFoldBadge(editor: Editor, p: Point): boolean {
  if (editor.state.readOnly) return false;
  const index = treeIndex(editor.store);
  for (const e of editor.store.ordered()) {
    if (e.type !== 'treeNode' || !e.collapsed || index.hidden.has(e.id) || !(index.below.get(e.id) ?? 0)) continue;
    const r = foldBadgeRect(e, index.side.get(e.id) ?? e.role);
    if (p.x >= r.x && p.x <= r.x + r.w && p.y >= r.y && p.y <= r.y + r.h) {
      toggleFold(editor, e);
      return true;
    }
  }
  return false;
}
