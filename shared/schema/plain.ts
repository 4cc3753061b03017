import * as Y from 'yjs';
import { elementsOf, type ElementMap } from './doc';
import { setOwn } from './records';
import { elementSchema, type Element } from './elements';

/** The plain (JSON) form of one element map, text fields as strings. */
export function toPlain(element: ElementMap): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  // forEach, not entries(): Yjs builds entries() from chained iterator helpers, which cost
  // a third of reading a board's 10,000 elements when it loads.
  element.forEach((value, key) => {
    const plain = value instanceof Y.Text ? value.toString() : value instanceof Y.AbstractType ? value.toJSON() : value;
    // A client may name a field `__proto__`: assigned, it would become the object's prototype.
    if (key === '__proto__') setOwn(out, key, plain);
    else out[key] = plain;
  });
  return out;
}

/** The result of reading every element: the valid ones, and the ids of those that failed. */
export interface ReadElementsResult {
  elements: Element[];
  invalid: { id: string; reason: string }[];
}

/**
 * Reads and validates every element. Invalid ones (an old client, a hand-edited import)
 * are reported, never thrown, so one bad element cannot break a board.
 */
export function readElements(doc: Y.Doc): ReadElementsResult {
  const result: ReadElementsResult = { elements: [], invalid: [] };
  elementsOf(doc).forEach((element, id) => {
    const parsed = parseElement(element);
    if (parsed.ok) result.elements.push(parsed.element);
    else result.invalid.push({ id, reason: parsed.reason });
  });
  return result;
}

export function parseElement(element: unknown): { ok: true; element: Element } | { ok: false; reason: string } {
  if (!(element instanceof Y.Map)) return { ok: false, reason: 'not a map' };
  const parsed = elementSchema.safeParse(toPlain(element as ElementMap));
  if (parsed.success) return { ok: true, element: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, reason: issue ? `${issue.path.join('.') || '(element)'}: ${issue.message}` : 'invalid' };
}

/** Elements in drawing order: by fractional index, ties broken by id so every peer agrees. */
export function byZOrder(a: { z: string; id: string }, b: { z: string; id: string }): number {
  if (a.z !== b.z) return a.z < b.z ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
