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

/** A selection held as Yjs relative positions: it stays by the same characters whatever others write around it. */
export interface RelativeSelection {
  start: Y.RelativePosition;
  end: Y.RelativePosition;
}

/**
 * The selection [start, end] of `text` as relative positions. The start sticks to the
 * character after it and the end of a range to the one before it, so text someone else writes
 * right at either edge lands outside the selection (typing over it never deletes their words);
 * a caret sticks to the character after it, as it does when we type.
 */
export function relativeSelection(text: Y.Text, start: number, end: number): RelativeSelection {
  return {
    start: Y.createRelativePositionFromTypeIndex(text, start, 0),
    end: Y.createRelativePositionFromTypeIndex(text, end, end > start ? -1 : 0),
  };
}

/** Where a relative selection is now; a deleted character's place is where it was. */
export function absoluteSelection(text: Y.Text, selection: RelativeSelection): { start: number; end: number } {
  const at = (position: Y.RelativePosition) => {
    const absolute = Y.createAbsolutePositionFromRelativePosition(position, text.doc!);
    return absolute && absolute.type === text ? absolute.index : text.length;
  };
  const start = at(selection.start);
  return { start, end: Math.max(start, at(selection.end)) };
}

/** What followRemoteEdits needs of a textarea. */
export interface TextField {
  value: string;
  readonly selectionStart: number;
  readonly selectionEnd: number;
  setSelectionRange(start: number, end: number): void;
}

/**
 * Keeps `field` showing `text` as others change it, with our selection where it was: taken as
 * relative positions before each transaction not of `ownOrigin`, read back after it.
 * Returns the function that stops it.
 */
export function followRemoteEdits(text: Y.Text, field: () => TextField | null, ownOrigin: unknown): () => void {
  const doc = text.doc!;
  let before: RelativeSelection | null = null;
  const onBefore = (transaction: Y.Transaction) => {
    const target = field();
    before = target && transaction.origin !== ownOrigin ? relativeSelection(text, target.selectionStart, target.selectionEnd) : null;
  };
  const onChange = (_event: Y.YTextEvent, transaction: Y.Transaction) => {
    const target = field();
    if (!target || transaction.origin === ownOrigin) return;
    target.value = text.toString();
    if (!before) return;
    const { start, end } = absoluteSelection(text, before);
    target.setSelectionRange(start, end);
  };
  doc.on('beforeTransaction', onBefore);
  text.observe(onChange);
  return () => {
    doc.off('beforeTransaction', onBefore);
    text.unobserve(onChange);
  };
}
