import { useCallback, useRef, useSyncExternalStore } from 'react';
import type { Element } from '../../../shared/schema/elements';
import type { Editor, EditorState } from './editor';

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
