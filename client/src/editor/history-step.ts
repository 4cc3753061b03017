import { elementBounds } from '../../../shared/geometry/elements';
import { union } from '../../../shared/geometry/rect';
import { revealView, type Viewport } from '../../../shared/geometry/viewport';
import type { ElementStore } from './element-store';

/** What a history step needs of the editor (its own type would make an import loop). */
interface HistoryEditor {
  readonly store: ElementStore;
  readonly state: { viewport: Viewport };
  screenSize: { width: number; height: number };
  coveredLeft: number;
  setViewport(viewport: Viewport): void;
  notify(key: string, values?: Record<string, unknown>): void;
}

/**
 * Runs one undo or redo step and makes what it changed seen: elements it touched that are
 * off-screen are brought into view (same zoom where they fit), and a step that only removed
 * elements says how many (there is nothing left to show). Steps that changed something in
 * view leave the view alone.
 */
export function historyStep(editor: HistoryEditor, step: () => unknown, kind: 'undo' | 'redo'): void {
  const touched = new Set<string>();
  const stop = editor.store.subscribeChanges((ids) => ids.forEach((id) => touched.add(id)));
  let done: unknown;
  try {
    done = step();
  } finally {
    stop();
  }
  if (!done || touched.size === 0) return;
  const present = [...touched].map((id) => editor.store.get(id)).filter((e) => e !== undefined);
  if (present.length === 0) return editor.notify(`history.${kind}Removed`, { count: touched.size });
  const bounds = union(present.map((e) => elementBounds(e, editor.store.lookup)));
  if (!bounds) return;
  const view = revealView(editor.state.viewport, bounds, editor.screenSize.width - editor.coveredLeft, editor.screenSize.height);
  if (!view) return;
  editor.setViewport({ ...view, x: view.x + editor.coveredLeft });
  editor.notify(`history.${kind}Shown`, { count: present.length });
}
