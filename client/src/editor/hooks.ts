import { useCallback, useLayoutEffect, useRef, useSyncExternalStore, type RefObject } from 'react';
import type { Element } from '../../../shared/schema/elements';
import type { Editor, EditorState } from './editor';
import { canvasBox } from '../board/page-position';

/** A slice of the editor state; the component re-renders only when the slice changes. */
export function useEditorState<T>(editor: Editor, select: (state: EditorState) => T): T {
  return useSyncExternalStore(editor.subscribe, () => select(editor.state));
}

/** One element, re-rendered only when that element changes. */
export function useElement(editor: Editor, id: string | null | undefined): Element | undefined {
  const subscribe = useCallback((listener: () => void) => (id ? editor.store.subscribe(id, listener) : () => {}), [editor, id]);
  return useSyncExternalStore(subscribe, () => (id ? editor.store.get(id) : undefined));
}

/** A value derived from the whole element list, recomputed on any element change. */
export function useElementsDerived<T>(editor: Editor, derive: () => T, equal: (a: T, b: T) => boolean): T {
  const cache = useRef<{ value: T } | null>(null);
  const subscribe = useCallback((listener: () => void) => editor.store.subscribeChanges(() => listener()), [editor]);
  return useSyncExternalStore(subscribe, () => {
    const value = derive();
    if (cache.current && equal(cache.current.value, value)) return cache.current.value;
    cache.current = { value };
    return value;
  });
}

/** Re-renders on any element change; for views that depend on many elements' geometry. */
export function useStoreVersion(editor: Editor): number {
  const subscribe = useCallback((listener: () => void) => editor.store.subscribeChanges(() => listener()), [editor]);
  return useSyncExternalStore(subscribe, () => editor.store.version);
}

/**
 * While `element` floats over the canvas's left edge, tells the editor how much of the canvas
 * it covers, so that fitting a frame or the board centres it in the part people can see.
 */
export function useCoversCanvasLeft(editor: Editor, element: RefObject<HTMLElement | null>, active: boolean): void {
  useLayoutEffect(() => {
    const panel = element.current;
    if (!active || !panel) return;
    const measure = () => {
      const canvas = canvasBox();
      const box = panel.getBoundingClientRect();
      // A bottom sheet on a phone lies below the canvas, not over its left part.
      const beside = canvas !== undefined && box.top < canvas.bottom - 1 && box.bottom > canvas.top + 1;
      editor.coveredLeft = canvas && beside ? Math.max(0, box.right - canvas.left) : 0;
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(panel);
    return () => {
      observer.disconnect();
      editor.coveredLeft = 0;
    };
  }, [editor, element, active]);
}
