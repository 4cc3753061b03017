import { useCallback, useRef, useSyncExternalStore } from 'react';
import { elementBounds } from '../../../shared/geometry/elements';
import { expand, intersects } from '../../../shared/geometry/rect';
import { visibleRect, type Viewport } from '../../../shared/geometry/viewport';
import type { Editor } from '../editor/editor';

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Ids of the elements on screen (plus a margin), in drawing order. Off-screen elements
 * are not rendered at all: this is what keeps a 10,000-element board smooth. The list
 * keeps its identity while it does not change, so panning inside it re-renders nothing.
 */
export function useVisibleIds(editor: Editor, viewport: Viewport, width: number, height: number): string[] {
  const cache = useRef<string[]>([]);
  const subscribe = useCallback((listener: () => void) => editor.store.subscribeChanges(() => listener()), [editor]);
  const compute = () => {
    const view = expand(visibleRect(viewport, width, height), 200 / viewport.scale);
    const ids: string[] = [];
    for (const element of editor.store.ordered()) {
      if (intersects(view, elementBounds(element, editor.store.lookup))) ids.push(element.id);
    }
    if (!sameIds(cache.current, ids)) cache.current = ids;
    return cache.current;
  };
  return useSyncExternalStore(subscribe, compute);
}
