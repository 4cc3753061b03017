import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyTextareaValue, shiftPosition, textDiff } from '../../client/src/board/text-binding';
import { mulberry32 } from './support';

/** Applies a diff to a plain string. */
function applyDiff(before: string, d: { index: number; remove: number; insert: string }): string {
  return before.slice(0, d.index) + d.insert + before.slice(d.index + d.remove);
}

/** Applies `after` to a Y.Text holding `before` through applyTextareaValue; returns the text and the updates it caused. */
function viaYText(before: string, after: string): { result: string; transactions: number; updates: number } {
  const doc = new Y.Doc();
  const text = doc.getText('t');
  text.insert(0, before);
  let transactions = 0;
  let updates = 0;
  doc.on('afterTransaction', () => transactions++);
  doc.on('update', () => updates++);
  applyTextareaValue(text, after, 'me');
  // A second replica receiving the change must agree (an encoded document is valid UTF-16).
  const other = new Y.Doc();
  Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
  expect(other.getText('t').toString()).toBe(text.toString());
  return { result: text.toString(), transactions, updates };
}

describe('textDiff', () => {
  it.each([
    ['insert in the middle', 'abcd', 'abXYcd', { index: 2, remove: 0, insert: 'XY' }],
    ['insert at the start', 'abc', 'Xabc', { index: 0, remove: 0, insert: 'X' }],
    ['append', 'abc', 'abcd', { index: 3, remove: 0, insert: 'd' }],
    ['delete in the middle', 'abcdef', 'abef', { index: 2, remove: 2, insert: '' }],
    ['delete everything', 'abc', '', { index: 0, remove: 3, insert: '' }],
    ['replace one letter', 'kot', 'kat', { index: 1, remove: 1, insert: 'a' }],
    ['repeated letters: one appended', 'aaa', 'aaaa', { index: 3, remove: 0, insert: 'a' }],
    ['no change', 'same', 'same', { index: 4, remove: 0, insert: '' }],
    ['Polish diacritics typed', 'zazolc', 'zażółć', { index: 2, remove: 4, insert: 'żółć' }],
    ['Polish letter inserted', 'gęś', 'gęśl', { index: 3, remove: 0, insert: 'l' }],
    ['Polish letter replaced', 'Łódź', 'Łodź', { index: 1, remove: 1, insert: 'o' }],
  ])('%s', (_name, before, after, expected) => {
    const d = textDiff(before, after);
    expect(d).toEqual(expected);
    expect(applyDiff(before, d)).toBe(after);
  });

  it.each([
    ['emoji appended', 'x😀', 'x😀😃'],
    ['emoji replaced by one sharing its high surrogate', 'a😀b', 'a😃b'],
    ['emoji typed before an emoji sharing its high surrogate', '😃', '😀😃'],
    ['emoji replaced by one sharing its low surrogate', 'a😀', 'a🨀'],
    ['emoji deleted between emoji', '😀😃😄', '😀😄'],
    ['text typed between emoji', '😀😃', '😀 i 😃'],
    ['flag (two astral characters) replaced', 'go 🇵🇱!', 'go 🇬🇧!'],
  ])('%s: never splits a surrogate pair, and applies correctly to a Y.Text', (_name, before, after) => {
    const d = textDiff(before, after);
    expect(applyDiff(before, d)).toBe(after);
    // The edit starts and ends on character boundaries.
    const isLow = (s: string, i: number) => i > 0 && i < s.length && /[\uDC00-\uDFFF]/.test(s[i]!);
    expect(isLow(before, d.index) || isLow(before, d.index + d.remove)).toBe(false);
    expect(viaYText(before, after).result).toBe(after);
  });

  it('random edits of text with diacritics and emoji: the diff always reproduces the new value through Y.Text', () => {
    const random = mulberry32(20240611);
    const alphabet = ['a', 'b', 'ą', 'ę', 'ż', 'ł', ' ', '😀', '😃', '🙂', '👍', '🨀'];
    const pick = (n: number) => Array.from({ length: n }, () => alphabet[Math.floor(random() * alphabet.length)]!).join('');
    for (let i = 0; i < 300; i++) {
      const chars = [...pick(Math.floor(random() * 8))];
      const before = chars.join('');
      const at = Math.floor(random() * (chars.length + 1));
      const removed = Math.floor(random() * (chars.length - at + 1));
      const after = [...chars.slice(0, at), ...pick(Math.floor(random() * 3)), ...chars.slice(at + removed)].join('');
      expect(viaYText(before, after).result, `${JSON.stringify(before)} → ${JSON.stringify(after)}`).toBe(after);
    }
  });
});

describe('applyTextareaValue', () => {
  it('a replacement is one transaction and one update (one undo step, one message)', () => {
    const r = viaYText('hello world', 'hello there');
    expect(r.result).toBe('hello there');
    expect(r.transactions).toBe(1);
    expect(r.updates).toBe(1);
  });

  it('an unchanged value writes nothing', () => {
    const r = viaYText('same', 'same');
    expect(r.transactions).toBe(0);
    expect(r.updates).toBe(0);
  });

  it('uses the given origin and keeps a concurrent remote insert elsewhere in the text', () => {
    const a = new Y.Doc();
    a.getText('t').insert(0, 'Ala ma kota');
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const origins: unknown[] = [];
    a.on('afterTransaction', (t: Y.Transaction) => origins.push(t.origin));
    applyTextareaValue(a.getText('t'), 'Ala ma psa', 'me');
    b.getText('t').insert(0, 'Ola i ');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(origins[0]).toBe('me');
    expect(a.getText('t').toString()).toBe('Ola i Ala ma psa');
    expect(b.getText('t').toString()).toBe('Ola i Ala ma psa');
  });
});

describe('shiftPosition', () => {
  it.each([
    ['insert before the caret moves it right', 5, [{ retain: 2 }, { insert: 'abc' }], 8],
    ['insert after the caret leaves it', 5, [{ retain: 7 }, { insert: 'abc' }], 5],
    ['insert right at the caret pushes it right', 5, [{ retain: 5 }, { insert: 'ab' }], 7],
    ['insert at the very start', 0, [{ insert: 'xy' }], 2],
    ['delete before the caret moves it left', 5, [{ retain: 1 }, { delete: 2 }], 3],
    ['delete after the caret leaves it', 5, [{ retain: 6 }, { delete: 3 }], 5],
    ['delete right after the caret leaves it', 5, [{ retain: 5 }, { delete: 3 }], 5],
    ['delete spanning the caret puts it at the start of the deletion', 5, [{ retain: 3 }, { delete: 5 }], 3],
    ['embed counts as one', 4, [{ insert: { image: 1 } }], 5],
  ])('%s', (_name, position, delta, expected) => {
    expect(shiftPosition(position, delta)).toBe(expected);
  });

  it('a delta with several changes (one remote transaction) moves the caret as Yjs relative positions do', () => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    text.insert(0, '0123456789');
    let delta: { retain?: number; insert?: unknown; delete?: number }[] = [];
    text.observe((event) => (delta = event.delta as typeof delta));
    doc.transact(() => {
      text.insert(0, 'abc');
      text.insert(7, 'X');
    });
    expect(text.toString()).toBe('abc0123X456789');
    // The caret was before '5'; it still is.
    expect(shiftPosition(5, delta)).toBe(text.toString().indexOf('5'));
  });

  it('random multi-change transactions: the caret stays before the same character, or where it was deleted', () => {
    const random = mulberry32(7);
    for (let round = 0; round < 400; round++) {
      const doc = new Y.Doc();
      const text = doc.getText('t');
      const original = 'abcdefghijklmnopqrst'.slice(0, 5 + Math.floor(random() * 15));
      text.insert(0, original);
      const caret = Math.floor(random() * (text.length + 1));
      const relative = Y.createRelativePositionFromTypeIndex(text, caret);
      let delta: { retain?: number; insert?: unknown; delete?: number }[] = [];
      text.observe((event) => (delta = event.delta as typeof delta));
      const ops: string[] = [];
      doc.transact(() => {
        const changes = 1 + Math.floor(random() * 3);
        for (let i = 0; i < changes; i++) {
          const at = Math.floor(random() * (text.length + 1));
          if (random() < 0.5 && at < text.length) {
            const n = 1 + Math.floor(random() * Math.min(4, text.length - at));
            text.delete(at, n);
            ops.push(`delete ${at}+${n}`);
          } else {
            const s = 'XYZ'.slice(0, 1 + Math.floor(random() * 3));
            text.insert(at, s);
            ops.push(`insert ${at} ${s}`);
          }
        }
      });
      // Original letters are unique and never inserted, so survivors can be found by value.
      const after = text.toString();
      const survivor = [...original.slice(caret)].find((c) => after.includes(c));
      const high = survivor === undefined ? after.length : after.indexOf(survivor);
      // Yjs resolves a deleted character to where it was, before text inserted there; our
      // convention pushes the caret past text inserted right at it: both lie in [low, high].
      const low = Y.createAbsolutePositionFromRelativePosition(relative, doc)!.index;
      const caretCharSurvived = caret < original.length && after.includes(original[caret]!);
      const shifted = shiftPosition(caret, delta);
      const context = `caret ${caret}, ${ops.join(', ')}, delta ${JSON.stringify(delta)}`;
      if (caretCharSurvived) expect(shifted, context).toBe(after.indexOf(original[caret]!));
      expect(shifted, context).toBeGreaterThanOrEqual(low);
      expect(shifted, context).toBeLessThanOrEqual(high);
    }
  });
});
