import * as Y from 'yjs';

/** The smallest single replacement turning `before` into `after` (common prefix and suffix kept). */
export function textDiff(before: string, after: string): { index: number; remove: number; insert: string } {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before[start] === after[start]) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--;
    endAfter--;
  }
  return { index: start, remove: endBefore - start, insert: after.slice(start, endAfter) };
}

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
      if (cursor <= position) result += length;
      cursor += length;
    } else if (op.delete) {
      if (cursor < position) result -= Math.min(op.delete, position - cursor);
    }
    if (cursor > position) break;
  }
  return Math.max(0, result);
}
