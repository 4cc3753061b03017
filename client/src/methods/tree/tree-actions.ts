import * as Y from 'yjs';
import { convertToObjectives } from '../../../../shared/methods/objectives-tree';
import { wouldCreateCycle } from '../../../../shared/methods/problem-tree';
import { addTreeNode, applyTreeLayout, createTreeCore, deleteTreeNodes, nodeSize, reparentTreeNode, setTreeCollapsed, type NewNodePlace } from '../../../../shared/methods/tree-ops';
import { elementsOf, readMeta } from '../../../../shared/schema/doc';
import type { ElementOf, TreeKind } from '../../../../shared/schema/elements';
import { isTemplatePlaceholder, TEMPLATE_LABELS } from '../../../../shared/templates/labels';
import type { Editor } from '../../editor/editor';

type Node = ElementOf<'treeNode'>;

/** The one selected tree node, if exactly one element is selected and it is a tree node. */
export function selectedTreeNode(editor: Editor): Node | null {
  if (editor.state.selection.size !== 1) return null;
  const element = editor.store.get([...editor.state.selection][0]!);
  return element?.type === 'treeNode' ? element : null;
}

/** Adds a node next to `anchorId` and selects it, ready for typing. */
export function addNode(editor: Editor, anchorId: string, place: NewNodePlace): string | undefined {
  const id = editor.perform((doc, options) => addTreeNode(doc, anchorId, place, options), [anchorId]);
  if (id) editor.select([id]);
  return id;
}

export function toggleFold(editor: Editor, node: Node): void {
  editor.perform((doc, options) => setTreeCollapsed(doc, node.id, !node.collapsed, options), [node.id]);
}

/** Deletes elements; tree nodes hand their children up to their parent (see deleteTreeNodes). */
export function deleteWithTree(editor: Editor, ids: readonly string[]): void {
  editor.perform((doc, options) => deleteTreeNodes(doc, ids, options), ids);
  editor.setState({ selection: new Set(), editing: null });
}

export function moveUnder(editor: Editor, nodeId: string, parentId: string): void {
  const nodes = editor.store.ordered().filter((e): e is Node => e.type === 'treeNode');
  // Said before trying, in the person's language; the operation refuses it anyway.
  if (wouldCreateCycle(nodes, nodeId, parentId)) return editor.notify('tree.errors.cycle');
  editor.perform((doc, options) => reparentTreeNode(doc, nodeId, parentId, options), [nodeId]);
}

export function arrange(editor: Editor, nodeId: string): void {
  editor.perform((doc, options) => applyTreeLayout(doc, nodeId, options), [nodeId]);
}

/** Starts a tree in an empty frame: its core in the middle, selected. */
export function startTree(editor: Editor, frame: ElementOf<'frame'>, tree: TreeKind): void {
  const size = nodeSize(tree);
  const id = editor.perform((doc, options) => createTreeCore(doc, frame.id, tree, '', { x: Math.round(frame.x + (frame.w - size.w) / 2), y: Math.round(frame.y + (frame.h - size.h) / 2) }, options), [frame.id]);
  if (id) editor.select([id]);
}

/** Converts a problem tree to its objectives tree and shows the result. */
export function convert(editor: Editor, problemFrameId: string): void {
  const title = TEMPLATE_LABELS[readMeta(editor.doc).locale].objectivesTree;
  const result = editor.perform((doc, options) => convertToObjectives(doc, problemFrameId, title, options));
  if (!result) return;
  editor.select([result.frameId]);
  editor.zoomToSelection();
  editor.notify('tree.converted', { created: result.created, updated: result.updated });
}

/** Starts editing a node with a typed character already added, so typing simply works. */
export function typeInto(editor: Editor, id: string, char: string, onEdit: (id: string) => void): void {
  const text = elementsOf(editor.doc).get(id)?.get('text');
  if (text instanceof Y.Text && !editor.state.readOnly && !editor.isLocked(id)) {
    // A template's text is a placeholder: the first letter typed replaces it.
    const replace = isTemplatePlaceholder(text.toString());
    editor.doc.transact(() => {
      if (replace) text.delete(0, text.length);
      text.insert(text.length, char);
    }, editor.origin);
  }
  onEdit(id);
}
