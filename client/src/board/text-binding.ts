import * as Y from 'yjs';

/** The smallest single replacement turning `before` into `after` (common prefix and suffix kept). */
export function textDiff(before: string, after: string): { index: number; remove: number; insert: string } {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before[start] === after[start]) start++;
  // Never split a surrogate pair (an emoji): Yjs would turn both halves into U+FFFD.
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--;
    endAfter--;
  }
  if (endBefore < before.length && isLowSurrogate(before.charCodeAt(endBefore))) {
    endBefore++;
    endAfter++;
  }
  return { index: start, remove: endBefore - start, insert: after.slice(start, endAfter) };
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** Applies what a textarea now holds to the Y.Text as one minimal edit. */
export function applyTextareaValue(text: Y.Text, value: string, origin: unknown): void {
  const { index, remove, insert } = textDiff(text.toString(), value);
  if (remove === 0 && insert === '') return;
  text.doc!.transact(() => {
    if (remove > 0) text.delete(index, remove);
    if (insert) text.insert(index, insert);
  }, origin);
}

/** Where a caret at `position` goes after a remote change described by a Yjs delta. */
export function shiftPosition(position: number, delta: readonly { retain?: number; insert?: unknown; delete?: number }[]): number {
  let cursor = 0;
  let result = position;
  for (const op of delta) {
    if (op.retain) cursor += op.retain;
    else if (op.insert !== undefined) {
      const length = typeof op.insert === 'string' ? op.insert.length : 1;
      if (cursor <= result) result += length;
      cursor += length;
    } else if (op.delete) {
      if (cursor < result) result -= Math.min(op.delete, result - cursor);
    }
    // `cursor` counts positions in the new text, so compare it with the shifted caret.
    if (cursor > result) break;
  }
  return Math.max(0, result);
}
