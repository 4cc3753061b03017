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
  listVersion: number;
  x: number;
  y: number;
  scale: number;
  width: number;
  height: number;
  ids: string[];
  visible: ReadonlySet<string>;
}

/** Element changes seen since the last computation: how many, and which ids they touched. */
interface Pending {
  store: ElementStore | null;
  changes: number;
  touched: Set<string>;
}

/**
 * Connectors by the ids of the elements they join. The store's list of connectors is a new
 * array whenever a connector is added, removed or changed, so it is the key.
 */
const attachedCache = new WeakMap<readonly Element[], Map<string, string[]>>();

function connectorsAttached(store: ElementStore): Map<string, string[]> {
  const connectors = store.ofType('connector');
  const cached = attachedCache.get(connectors);
  if (cached) return cached;
  const byEnd = new Map<string, string[]>();
  for (const connector of connectors) {
    for (const end of [connector.from, connector.to]) {
      if (!end) continue;
      const list = byEnd.get(end);
      if (list) list.push(connector.id);
      else byEnd.set(end, [connector.id]);
    }
  }
  attachedCache.set(connectors, byEnd);
  return byEnd;
}

/**
 * Whether the changes in `touched` leave the visible set as it was: no touched element, and
 * no connector following one, crossed the edge of the view. Null when that cannot be told
 * cheaply (a connector itself changed, so its ends may be others).
 */
function sameVisibility(store: ElementStore, view: Rect, visible: ReadonlySet<string>, touched: ReadonlySet<string>): boolean | null {
  const check = (id: string) => {
    const element = store.get(id);
    const now = element !== undefined && intersects(view, boundsOf(element, store.lookup));
    return now === visible.has(id);
  };
  const attached = connectorsAttached(store);
  for (const id of touched) {
    if (store.get(id)?.type === 'connector') return null;
    if (!check(id)) return false;
    for (const connector of attached.get(id) ?? []) if (!check(connector)) return false;
  }
  return true;
}

/**
 * Ids of the elements on screen (plus a margin), in drawing order. Off-screen elements
 * are not rendered at all: this is what keeps a 10,000-element board smooth. The list
 * keeps its identity while it does not change, so panning inside it re-renders nothing.
 * React asks for the snapshot several times per change (the store listener, the render,
 * the commit check); the board is scanned at most once per store version, viewport and
 * size, and not at all when the changes since the last scan (a dragged note, a remote
 * edit) left every element on the same side of the view's edge.
 */
export function useVisibleIds(editor: Editor, viewport: Viewport, width: number, height: number): string[] {
  const cache = useRef<string[]>([]);
  const last = useRef<Computed | null>(null);
  const pending = useRef<Pending>({ store: null, changes: 0, touched: new Set() });
  const subscribe = useCallback(
    (listener: () => void) => {
      const { store } = editor;
      return store.subscribeChanges((ids) => {
        const p = pending.current;
        if (p.store !== store) pending.current = { store, changes: 0, touched: new Set() };
        pending.current.changes++;
        for (const id of ids) pending.current.touched.add(id);
        listener();
      });
    },
    [editor],
  );
  const compute = () => {
    const { store } = editor;
    const l = last.current;
    const sameView = l !== null && l.store === store && l.x === viewport.x && l.y === viewport.y && l.scale === viewport.scale && l.width === width && l.height === height;
    if (sameView && l.version === store.version) return l.ids;
    const view = expand(visibleRect(viewport, width, height), 200 / viewport.scale);
    const p = pending.current;
    // Every change since the last result was seen here, and none added, removed or reordered.
    const seenAll = sameView && p.store === store && store.version - l.version === p.changes && l.listVersion === store.listVersion;
    const unchanged = seenAll && sameVisibility(store, view, l.visible, p.touched) === true;
    pending.current = { store, changes: 0, touched: new Set() };
    if (unchanged) {
      last.current = { ...l, version: store.version };
      return l.ids;
    }
    const ids: string[] = [];
    for (const element of store.ordered()) {
      if (intersects(view, boundsOf(element, store.lookup))) ids.push(element.id);
    }
    if (!sameIds(cache.current, ids)) cache.current = ids;
    last.current = {
      store,
      version: store.version,
      listVersion: store.listVersion,
      x: viewport.x,
      y: viewport.y,
      scale: viewport.scale,
      width,
      height,
      ids: cache.current,
      visible: l && l.ids === cache.current ? l.visible : new Set(cache.current),
    };
    return cache.current;
  };
  return useSyncExternalStore(subscribe, compute);
}
