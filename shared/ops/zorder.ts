import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';
import * as Y from 'yjs';
import { elementsOf } from '../schema/doc';
import { byZOrder } from '../schema/plain';

interface Ordered {
  id: string;
  z: string;
}

/** Every element's id and z, in drawing order. */
export function zOrder(doc: Y.Doc): Ordered[] {
  const out: Ordered[] = [];
  elementsOf(doc).forEach((element, id) => {
    const z = element instanceof Y.Map ? element.get('z') : undefined;
    out.push({ id, z: typeof z === 'string' ? z : 'a0' });
  });
  return out.sort(byZOrder);
}

/** `count` new keys above everything on the board. */
export function keysOnTop(doc: Y.Doc, count: number): string[] {
  // Above the highest valid key and above every malformed key too (they still sort by plain
  // string comparison), so a new element never lands under a badly written one.
  let below: string | null = null;
  for (const { z } of zOrder(doc)) {
    const floor = safeKey(z) ?? validKeyAbove(z);
    if (floor !== null && (below === null || floor > below)) below = floor;
  }
  return generateNKeysBetween(below, null, count);
}

/**
 * A valid key sorting after a malformed one, or null if no valid key can (keys are base-62,
 * so one starting with, say, '~' stays on top whatever we do).
 */
function validKeyAbove(key: string): string | null {
  const head = key.charCodeAt(0);
  const a = 'a'.charCodeAt(0);
  const z = 'z'.charCodeAt(0);
  if (!(head >= a)) return 'a0';
  // The smallest integer key with the next head letter: head h has h - 'a' + 1 digits.
  if (head < z) return String.fromCharCode(head + 1) + '0'.repeat(head + 1 - a + 1);
  if (head > z) return null;
  let candidate = 'z'.repeat(z - a + 2);
  while (candidate <= key && candidate.length < 128) candidate = generateKeyBetween(candidate, null);
  return candidate > key ? candidate : null;
}

/**
 * Fractional keys written by other clients may be malformed; treating such a key as
 * missing keeps reordering working instead of throwing.
 */
function safeKey(key: string | null): string | null {
  if (key === null) return null;
  try {
    generateKeyBetween(key, null);
    return key;
  } catch {
    return null;
  }
}

export type ReorderDirection = 'front' | 'back' | 'forward' | 'backward';

/**
 * New z keys for the selected elements. Only the moved elements change, so concurrent
 * reorders of other elements never conflict.
 */
export function reorderKeys(doc: Y.Doc, ids: readonly string[], direction: ReorderDirection): Map<string, string> {
  const order = zOrder(doc);
  const selected = new Set(ids);
  const moving = order.filter((e) => selected.has(e.id));
  const rest = order.filter((e) => !selected.has(e.id));
  if (moving.length === 0) return new Map();
  let below: string | null;
  let above: string | null;
  if (direction === 'front') {
    below = rest.length ? rest[rest.length - 1]!.z : null;
    above = null;
  } else if (direction === 'back') {
    below = null;
    above = rest.length ? rest[0]!.z : null;
  } else {
    // One step: past the nearest unselected element above (or below) the selection.
    const firstIndex = order.findIndex((e) => selected.has(e.id));
    const lastIndex = order.length - 1 - [...order].reverse().findIndex((e) => selected.has(e.id));
    if (direction === 'forward') {
      const next = order.slice(lastIndex + 1).find((e) => !selected.has(e.id));
      if (!next) return new Map();
      const afterNext = order.slice(order.indexOf(next) + 1).find((e) => !selected.has(e.id));
      below = next.z;
      above = afterNext ? afterNext.z : null;
    } else {
      const previous = order.slice(0, firstIndex).reverse().find((e) => !selected.has(e.id));
      if (!previous) return new Map();
      const beforePrevious = order.slice(0, order.indexOf(previous)).reverse().find((e) => !selected.has(e.id));
      below = beforePrevious ? beforePrevious.z : null;
      above = previous.z;
    }
  }
  const keys = keysBetween(safeKey(below), safeKey(above), moving.length);
  return new Map(moving.map((e, i) => [e.id, keys[i]!]));
}

/** Equal keys from concurrent edits make `below === above`; step past instead of throwing. */
function keysBetween(below: string | null, above: string | null, count: number): string[] {
  if (below !== null && above !== null && below >= above) return generateNKeysBetween(below, null, count);
  return generateNKeysBetween(below, above, count);
}
