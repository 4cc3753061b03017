import { useCallback, useRef, useSyncExternalStore } from 'react';
import { elementBounds, type ElementLookup } from '../../../shared/geometry/elements';
import { expand, intersects, type Rect } from '../../../shared/geometry/rect';
import { visibleRect, type Viewport } from '../../../shared/geometry/viewport';
import type { Element } from '../../../shared/schema/elements';
import type { Editor } from '../editor/editor';
import type { ElementStore } from '../editor/element-store';

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Bounds by element object: the store replaces an element's object whenever it changes, so
 * an entry stays right for as long as its key lives. A connector's bounds also follow the
 * elements it joins, so its entry holds the objects they were computed from.
 */
const boundsCache = new WeakMap<Element, { rect: Rect; from: Element | undefined; to: Element | undefined }>();

function boundsOf(element: Element, lookup: ElementLookup): Rect {
  const entry = boundsCache.get(element);
  const from = element.type === 'connector' && element.from ? lookup(element.from) : undefined;
  const to = element.type === 'connector' && element.to ? lookup(element.to) : undefined;
  if (entry && entry.from === from && entry.to === to) return entry.rect;
  const rect = elementBounds(element, lookup);
  boundsCache.set(element, { rect, from, to });
  return rect;
}

interface Computed {
  store: ElementStore;
  version: number;
  x: number;
  y: number;
  scale: number;
  width: number;
  height: number;
  ids: string[];
}

/**
 * Ids of the elements on screen (plus a margin), in drawing order. Off-screen elements
 * are not rendered at all: this is what keeps a 10,000-element board smooth. The list
 * keeps its identity while it does not change, so panning inside it re-renders nothing.
 * React asks for the snapshot several times per change (the store listener, the render,
 * the commit check); the scan runs once per store version, viewport and size.
 */
export function useVisibleIds(editor: Editor, viewport: Viewport, width: number, height: number): string[] {
  const cache = useRef<string[]>([]);
  const last = useRef<Computed | null>(null);
  const subscribe = useCallback((listener: () => void) => editor.store.subscribeChanges(() => listener()), [editor]);
  const compute = () => {
    const { store } = editor;
    const l = last.current;
    if (l && l.store === store && l.version === store.version && l.x === viewport.x && l.y === viewport.y && l.scale === viewport.scale && l.width === width && l.height === height) return l.ids;
    const view = expand(visibleRect(viewport, width, height), 200 / viewport.scale);
    const ids: string[] = [];
    for (const element of store.ordered()) {
      if (intersects(view, boundsOf(element, store.lookup))) ids.push(element.id);
    }
    if (!sameIds(cache.current, ids)) cache.current = ids;
    last.current = { store, version: store.version, x: viewport.x, y: viewport.y, scale: viewport.scale, width, height, ids: cache.current };
    return cache.current;
  };
  return useSyncExternalStore(subscribe, compute);
}
