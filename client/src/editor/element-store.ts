import * as Y from 'yjs';
import { elementsOf, type ElementMap } from '../../../shared/schema/doc';
import type { Element, ElementOf, ElementType } from '../../../shared/schema/elements';
import { byZOrder, parseElement } from '../../../shared/schema/plain';
import { elementBounds } from '../../../shared/geometry/elements';
import type { Rect } from '../../../shared/geometry/rect';

type Listener = () => void;

/**
 * The view-model of a board: every valid element as plain data, kept in step with the
 * Y.Doc incrementally. Only elements a transaction touched are re-read, and only their
 * subscribers are told, so one remote change re-renders one element view.
 */
export class ElementStore {
  private readonly elements = new Map<string, Element>();
  private readonly byIdListeners = new Map<string, Set<Listener>>();
  private readonly listListeners = new Set<Listener>();
  private readonly changeListeners = new Set<(ids: ReadonlySet<string>) => void>();
  private readonly reportedInvalid = new Set<string>();
  /** Ids in drawing order, kept until membership or z-order changes. */
  private orderCache: string[] | null = null;
  /**
   * Elements in drawing order, and by type, each with every id's place in it: kept until
   * membership or z-order changes, and patched in place when an element only changes (a
   * drag writes 20 times a second; a 10,000-element list rebuilt each time showed up).
   */
  private orderedCache: PlacedList | null = null;
  private readonly typeCache = new Map<string, PlacedList>();
  /** Bounds of elements whose box does not depend on others (all but connectors). */
  private readonly boundsCache = new Map<string, Rect>();
  private readonly map: Y.Map<ElementMap>;
  /** Bumped whenever membership or z-order changes (for list subscribers). */
  listVersion = 0;
  /** Bumped on every change of any element. */
  version = 0;

  constructor(doc: Y.Doc) {
    this.map = elementsOf(doc);
    this.map.forEach((_element, id) => this.read(id));
    this.map.observeDeep(this.onChange);
  }

  destroy(): void {
    this.map.unobserveDeep(this.onChange);
  }

  get(id: string): Element | undefined {
    return this.elements.get(id);
  }

  readonly lookup = (id: string): Element | undefined => this.elements.get(id);

  get size(): number {
    return this.elements.size;
  }

  /** Every valid element in drawing order (cached until membership or z changes). */
  ordered(): Element[] {
    this.orderCache ??= [...this.elements.values()].sort(byZOrder).map((e) => e.id);
    this.orderedCache ??= placed(this.orderCache.map((id) => this.elements.get(id)!));
    return this.orderedCache.list;
  }

  /** The elements of one type in drawing order: for queries that need a few of many. */
  ofType<T extends ElementType>(type: T): ElementOf<T>[] {
    let cached = this.typeCache.get(type);
    if (!cached) this.typeCache.set(type, (cached = placed(this.ordered().filter((e) => e.type === type))));
    return cached.list as ElementOf<T>[];
  }

  /** The element's box, cached until it changes; connectors follow their ends, so never cached. */
  bounds(element: Element): Rect {
    if (element.type === 'connector') return elementBounds(element, this.lookup);
    let box = this.boundsCache.get(element.id);
    if (!box) this.boundsCache.set(element.id, (box = elementBounds(element, this.lookup)));
    return box;
  }

  subscribe(id: string, listener: Listener): () => void {
    let set = this.byIdListeners.get(id);
    if (!set) this.byIdListeners.set(id, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.byIdListeners.delete(id);
    };
  }

  /** Called when elements are added, removed or reordered. */
  subscribeList(listener: Listener): () => void {
    this.listListeners.add(listener);
    return () => this.listListeners.delete(listener);
  }

  /** Called after every change with the ids it touched. */
  subscribeChanges(listener: (ids: ReadonlySet<string>) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  private readonly onChange = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    const touched = new Set<string>();
    for (const event of events) {
      if (event.target === this.map) {
        for (const key of (event as Y.YMapEvent<ElementMap>).keysChanged) touched.add(key);
      } else {
        const id = event.path[0];
        if (typeof id === 'string') touched.add(id);
      }
    }
    this.version++;
    let listChanged = false;
    for (const id of touched) {
      const before = this.elements.get(id);
      this.read(id);
      const after = this.elements.get(id);
      if (!before !== !after || (before && after && (before.z !== after.z || before.type !== after.type))) listChanged = true;
    }
    if (listChanged) {
      this.orderCache = null;
      this.orderedCache = null;
      this.typeCache.clear();
      this.listVersion++;
      for (const listener of this.listListeners) listener();
    } else {
      // Ids that are invalid before and after (skipped elements) are in no list.
      const changed = [...touched].flatMap((id) => this.elements.get(id) ?? []);
      this.orderedCache = this.orderedCache?.with(changed) ?? null;
      for (const [type, cached] of this.typeCache) this.typeCache.set(type, cached.with(changed.filter((e) => e.type === type)));
    }
    for (const id of touched) this.byIdListeners.get(id)?.forEach((listener) => listener());
    for (const listener of this.changeListeners) listener(touched);
  };

  private read(id: string): void {
    this.boundsCache.delete(id);
    const element = this.map.get(id);
    if (element === undefined) {
      this.elements.delete(id);
      return;
    }
    const parsed = parseElement(element);
    if (parsed.ok) {
      this.elements.set(id, parsed.element);
      this.reportedInvalid.delete(id);
    } else {
      this.elements.delete(id);
      if (!this.reportedInvalid.has(id)) {
        this.reportedInvalid.add(id);
        console.warn(`[warsztat] element ${id} skipped: ${parsed.reason}`);
      }
    }
  }
}

/**
 * A list of elements that knows where each id is. `with` gives a new list (callers may hold
 * the old one and compare) with some elements replaced: a copy, not a rebuild by id.
 */
interface PlacedList {
  list: Element[];
  with(changed: readonly Element[]): PlacedList;
}

function placed(list: Element[], index = new Map(list.map((element, i) => [element.id, i]))): PlacedList {
  return {
    list,
    with(changed) {
      if (changed.length === 0) return this;
      const next = list.slice();
      for (const element of changed) {
        const i = index.get(element.id);
        if (i !== undefined) next[i] = element;
      }
      return placed(next, index);
    },
  };
}
