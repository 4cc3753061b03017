import * as Y from 'yjs';
import type { ElementLookup } from '../geometry/elements';
import { elementsOf } from '../schema/doc';
import type { Element } from '../schema/elements';

/** Fields the area rules read; text is never read, so judging a big board stays cheap. */
const GEOMETRY_FIELDS = ['id', 'type', 'parentId', 'x', 'y', 'w', 'h', 'rotation', 'points', 'strokeWidth', 'from', 'to'] as const;

export function geometryOf(map: Y.Map<unknown>, id: string): Element {
  const out: Record<string, unknown> = { id };
  for (const key of GEOMETRY_FIELDS) {
    if (key === 'id') continue;
    const value = map.get(key);
    out[key] = value instanceof Y.AbstractType ? value.toJSON() : value;
  }
  if (typeof out.rotation !== 'number') out.rotation = 0;
  if (!Array.isArray(out.points)) out.points = [];
  return out as unknown as Element;
}

/** Elements as the area rules see them, read from the live document as asked for. */
export function lookupIn(elements: Y.Map<unknown>): ElementLookup {
  return (id) => {
    const map = elements.get(id);
    return map instanceof Y.Map ? geometryOf(map, id) : undefined;
  };
}

/** The live document's elements as the shared rules see them. */
export function docLookup(doc: Y.Doc): ElementLookup {
  return lookupIn(elementsOf(doc) as Y.Map<unknown>);
}
