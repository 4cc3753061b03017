import type { Editor } from '../../editor/editor';
import { addNode, deleteWithTree, selectedTreeNode, toggleFold, typeInto } from './tree-actions';

/** A key that acts on the selected tree node (listed in the help panel). */
export interface TreeShortcut {
  /** i18n key under `tree.keys.` */
  action: string;
  keys: string;
}

/** Keys while a tree node is selected; the help panel lists exactly these. */
export const TREE_SHORTCUTS: TreeShortcut[] = [
  { action: 'addChild', keys: 'Tab / Insert' },
  { action: 'addSibling', keys: 'Enter' },
  { action: 'addEffect', keys: 'Shift+Tab' },
  { action: 'fold', keys: '/' },
  { action: 'edit', keys: 'F2' },
  { action: 'type', keys: 'A–Z' },
  { action: 'finish', keys: 'Enter / Tab' },
  { action: 'delete', keys: 'Delete' },
];

const plain = (e: KeyboardEvent) => !e.ctrlKey && !e.metaKey && !e.altKey;

/**
 * Handles a key for the selected tree node; returns whether it did (then the board's own
 * shortcuts stay out of it). Delete keeps the branches below deleted nodes.
 */
export function handleTreeKey(editor: Editor, e: KeyboardEvent, onEdit: (id: string) => void): boolean {
  // An observer's keys stay the board's own (a tool letter must not be swallowed as typing).
  if (editor.state.readOnly) return false;
  const selection = [...editor.state.selection];
  if (plain(e) && (e.key === 'Delete' || e.key === 'Backspace') && selection.some((id) => editor.store.get(id)?.type === 'treeNode')) {
    deleteWithTree(editor, selection);
    return true;
  }
  const node = selectedTreeNode(editor);
  if (!node || !plain(e)) return false;
  if (e.key === 'Tab') addNode(editor, node.id, e.shiftKey ? 'effect' : 'child');
  // Insert adds a child too: on a node reached with Tab, Tab walks on to the next element.
  else if (e.key === 'Insert' && !e.shiftKey) addNode(editor, node.id, 'child');
  else if (e.key === 'Enter' && !e.shiftKey) addNode(editor, node.id, node.parentNode === null ? 'child' : 'sibling');
  else if (e.key === '/') toggleFold(editor, node);
  else if (e.key === 'F2') onEdit(node.id);
  else if (e.key.length === 1 && e.key !== ' ' && !e.repeat) typeInto(editor, node.id, e.key, onEdit);
  else return false;
  return true;
}
