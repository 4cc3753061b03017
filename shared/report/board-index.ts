import { byZOrder } from '../schema/plain';
import type { Element, ElementOf, FrameMethod } from '../schema/elements';

/** The words an element shows, whatever its type; '' for lines and drawings. */
export function elementText(element: Element): string {
  switch (element.type) {
    case 'note':
    case 'text':
    case 'rect':
    case 'ellipse':
    case 'factor':
    case 'treeNode':
    case 'strategy':
      return element.text;
    case 'stakeholder':
      return element.name;
    case 'idea':
      return element.title;
    case 'frame':
      return element.title;
    default:
      return '';
  }
}

/** Reading order on a board: top to bottom, then left to right (rows of about 40 px). */
export function byPosition(a: Element, b: Element): number {
  const row = Math.round(a.y / 40) - Math.round(b.y / 40);
  return row !== 0 ? row : a.x - b.x || byZOrder(a, b);
}

/** Lookups over one board's elements: by id, and which method frame holds an element. */
export class BoardIndex {
  readonly byId = new Map<string, Element>();
  readonly frames: ElementOf<'frame'>[] = [];

  constructor(readonly elements: readonly Element[]) {
    for (const element of elements) {
      this.byId.set(element.id, element);
      if (element.type === 'frame') this.frames.push(element);
    }
  }

  /** Frames holding one of `methods`, left to right as the workshop runs. */
  framesOf(methods: readonly FrameMethod[]): ElementOf<'frame'>[] {
    return this.frames.filter((f) => f.method !== null && methods.includes(f.method)).sort((a, b) => a.x - b.x || a.y - b.y || byZOrder(a, b));
  }

  /** The nearest frame around `element` (not itself) holding one of `methods`, if any. */
  enclosing(element: Element, methods: readonly FrameMethod[]): ElementOf<'frame'> | undefined {
    const seen = new Set<string>([element.id]);
    let parentId = element.parentId;
    while (parentId !== null && !seen.has(parentId)) {
      seen.add(parentId);
      const parent = this.byId.get(parentId);
      if (!parent) return undefined;
      if (parent.type === 'frame' && parent.method !== null && methods.includes(parent.method)) return parent;
      parentId = parent.parentId;
    }
    return undefined;
  }

  /** Everything inside a frame, however deeply nested, in reading order. */
  contentsOf(frameId: string): Element[] {
    return this.elements.filter((e) => e.id !== frameId && this.isInside(e, frameId)).sort(byPosition);
  }

  isInside(element: Element, frameId: string): boolean {
    const seen = new Set<string>([element.id]);
    let parentId = element.parentId;
    while (parentId !== null && !seen.has(parentId)) {
      if (parentId === frameId) return true;
      seen.add(parentId);
      parentId = this.byId.get(parentId)?.parentId ?? null;
    }
    return false;
  }

  /**
   * Groups elements of one kind by the method frame they belong to: their enclosing frame,
   * else the first frame of that method, else a group with no frame (key null).
   */
  assign<E extends Element>(items: readonly E[], methods: readonly FrameMethod[]): Map<string | null, E[]> {
    const fallback = this.framesOf(methods)[0]?.id ?? null;
    const groups = new Map<string | null, E[]>();
    for (const frame of this.framesOf(methods)) groups.set(frame.id, []);
    for (const item of items) {
      const key = this.enclosing(item, methods)?.id ?? fallback;
      const group = groups.get(key) ?? [];
      group.push(item);
      groups.set(key, group);
    }
    return groups;
  }
}

/** Text items in a frame: notes and labelled things, not frames, lines or drawings. */
export function isItem(element: Element): boolean {
  return element.type !== 'frame' && element.type !== 'connector' && element.type !== 'stroke' && elementText(element).trim() !== '';
}
