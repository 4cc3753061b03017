import { useEffect } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { applyTreeLayout } from '../../../../shared/methods/tree-ops';
import type { Editor } from '../../editor/editor';
import { onlyLocal } from '../../board/presence';

/** Most ids one presence announces as held (a drag of a large selection is cut, not refused). */
const MAX_HELD = 200;

/** What this person holds now: what a drag lifts, and what is being edited. */
function holding(editor: Editor): string[] {
  const ids = [...editor.state.lifted];
  if (editor.state.editing) ids.push(editor.state.editing.id);
  return ids.slice(0, MAX_HELD);
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

/** Everything other people announce as held (ids of elements they drag or edit). */
function heldByOthers(awareness: Awareness): Set<string> {
  const held = new Set<string>();
  awareness.getStates().forEach((state, clientId) => {
    if (clientId === awareness.clientID) return;
    const ids = (state as { holding?: unknown }).holding;
    if (Array.isArray(ids)) for (const id of ids.slice(0, MAX_HELD)) if (typeof id === 'string') held.add(id);
  });
  return held;
}

/**
 * Auto-layout that never moves what someone else has under their pointer or caret: this
 * person's held elements travel in their presence (`holding`); others' are handed to the
 * editor, whose tree layouts leave them and their subtrees alone and remember the tree
 * (`pendingLayouts`); once nobody holds anything any more, those trees are laid out again.
 */
export function useHeldLayout(editor: Editor, awareness: Awareness | null): void {
  useEffect(() => {
    if (!awareness) return;
    let announced: string[] = [];
    const announce = () => {
      const next = holding(editor);
      if (sameIds(next, announced)) return;
      announced = next;
      awareness.setLocalStateField('holding', next);
    };
    const settle = () => {
      if (editor.heldByOthers.size > 0 || editor.pendingLayouts.size === 0 || editor.state.readOnly) return;
      const pending = [...editor.pendingLayouts];
      editor.pendingLayouts.clear();
      for (const id of pending) if (editor.store.get(id)?.type === 'treeNode') editor.perform((doc, options) => applyTreeLayout(doc, id, options), [id]);
    };
    const onPresence = (change: { added: number[]; updated: number[]; removed: number[] }) => {
      if (onlyLocal(awareness, change)) return;
      editor.heldByOthers = heldByOthers(awareness);
      settle();
    };
    announce();
    editor.heldByOthers = heldByOthers(awareness);
    const unsubscribe = editor.subscribe(announce);
    awareness.on('change', onPresence);
    return () => {
      unsubscribe();
      awareness.off('change', onPresence);
      editor.heldByOthers = new Set();
    };
  }, [editor, awareness]);
}
