import * as Y from 'yjs';
import { elementsOf, metaOf } from '../../shared/schema';
import { zOrder } from '../../shared/ops';

/** mulberry32: a tiny seeded PRNG, so that a failing random run can be replayed from its seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Sends everything `from` has that `to` lacks. */
export function pushUpdates(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

/** Exchanges updates both ways, as two peers reconnecting would. */
export function sync(a: Y.Doc, b: Y.Doc): void {
  pushUpdates(a, b);
  pushUpdates(b, a);
}

/** Everything a peer would show: metadata, every element's fields and the drawing order. */
export function snapshot(doc: Y.Doc): { meta: unknown; elements: unknown; order: string[] } {
  return { meta: metaOf(doc).toJSON(), elements: elementsOf(doc).toJSON(), order: zOrder(doc).map((e) => e.id) };
}

/** Counts the updates a doc emits while `fn` runs: 0 means the document did not change. */
export function updatesDuring(doc: Y.Doc, fn: () => void): number {
  let count = 0;
  const listener = () => count++;
  doc.on('update', listener);
  try {
    fn();
  } finally {
    doc.off('update', listener);
  }
  return count;
}

/** Runs `fn`, expecting it to throw; returns the error (so its class and message can be checked). */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw, but it returned');
}

/** An element's Y.Map, failing loudly if it is missing. */
export function elementMap(doc: Y.Doc, id: string): Y.Map<unknown> {
  const element = elementsOf(doc).get(id);
  if (!(element instanceof Y.Map)) throw new Error(`no element ${id} in the test doc`);
  return element;
}
