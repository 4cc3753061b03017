import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { absoluteSelection, applyTextareaValue, followRemoteEdits, relativeSelection, textDiff, type TextField } from '../../client/src/board/text-binding';
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

/** A textarea's value and selection, as followRemoteEdits reads and sets them (there is no DOM in unit tests). */
function field(value: string, start: number, end = start): TextField & { moves: number } {
  const f = {
    value,
    selectionStart: start,
    selectionEnd: end,
    moves: 0,
    setSelectionRange(s: number, e: number) {
      f.selectionStart = s;
      f.selectionEnd = e;
      f.moves++;
    },
  };
  return f;
}

/** Our replica with a textarea over its text, and a remote one whose edits arrive as updates. */
function pair(initial: string, start: number, end = start) {
  const ours = new Y.Doc();
  ours.getText('t').insert(0, initial);
  const remote = new Y.Doc();
  Y.applyUpdate(remote, Y.encodeStateAsUpdate(ours));
  const area = field(initial, start, end);
  const stop = followRemoteEdits(ours.getText('t'), () => area, 'me');
  /** One remote transaction, delivered to us as the provider would (its own origin). */
  const remoteEdit = (edit: (text: Y.Text) => void) => {
    const before = Y.encodeStateVector(ours);
    remote.transact(() => edit(remote.getText('t')));
    Y.applyUpdate(ours, Y.encodeStateAsUpdate(remote, before), 'provider');
  };
  return { ours, remote, area, stop, remoteEdit };
}

describe('followRemoteEdits: our caret and selection stay by their characters (Y.RelativePosition)', () => {
  it.each([
    ['insert before the caret moves it right', 5, (t: Y.Text) => t.insert(2, 'abc'), 8],
    ['insert after the caret leaves it', 5, (t: Y.Text) => t.insert(7, 'abc'), 5],
    ['insert right at the caret pushes it right', 5, (t: Y.Text) => t.insert(5, 'ab'), 7],
    ['insert at the very start', 0, (t: Y.Text) => t.insert(0, 'xy'), 2],
    ['delete before the caret moves it left', 5, (t: Y.Text) => t.delete(1, 2), 3],
    ['delete after the caret leaves it', 5, (t: Y.Text) => t.delete(6, 3), 5],
    ['delete right after the caret leaves it', 5, (t: Y.Text) => t.delete(5, 3), 5],
    ['delete spanning the caret puts it at the start of the deletion', 5, (t: Y.Text) => t.delete(3, 5), 3],
    ['a caret at the end follows text appended', 10, (t: Y.Text) => t.insert(10, 'ab'), 12],
    [
      'several changes in one transaction (abc0123X456789): still before the 5',
      5,
      (t: Y.Text) => {
        t.insert(0, 'abc');
        t.insert(7, 'X');
      },
      9,
    ],
    ['Polish letters and an emoji before the caret count as UTF-16 units, as a textarea does', 5, (t: Y.Text) => t.insert(0, 'żółć😀'), 11],
  ])('%s', (_name, caret, edit, expected) => {
    const { ours, area, remoteEdit } = pair('0123456789', caret);
    remoteEdit(edit);
    expect(area.value).toBe(ours.getText('t').toString());
    expect([area.selectionStart, area.selectionEnd]).toEqual([expected, expected]);
  });

  it.each([
    ['text written right before a selection stays outside it', (t: Y.Text) => t.insert(2, 'ab'), 'ab', [4, 8]],
    ['text written right after a selection stays outside it', (t: Y.Text) => t.insert(6, 'ab'), 'ab', [2, 6]],
    ['text written inside a selection is in it', (t: Y.Text) => t.insert(4, 'ab'), 'ab', [2, 8]],
    ['a deletion inside a selection shrinks it', (t: Y.Text) => t.delete(3, 2), '', [2, 4]],
    ['a deletion of all of a selection leaves a caret where it was', (t: Y.Text) => t.delete(1, 7), '', [1, 1]],
  ])('%s', (_name, edit, _inserted, expected) => {
    const { area, remoteEdit } = pair('0123456789', 2, 6);
    remoteEdit(edit);
    expect([area.selectionStart, area.selectionEnd]).toEqual(expected);
  });

  it('our own edits leave the textarea alone (it already shows them); stopping stops following', () => {
    const { ours, area, stop, remoteEdit } = pair('Ala ma kota', 3);
    applyTextareaValue(ours.getText('t'), 'Ala ma psa', 'me');
    expect(area.value).toBe('Ala ma kota');
    expect(area.moves).toBe(0);
    stop();
    remoteEdit((t) => t.insert(0, 'Ola i '));
    expect(area.value).toBe('Ala ma kota');
    expect(area.moves).toBe(0);
  });

  it('a remote edit crossing our own unsent typing keeps both and our caret after what we typed', () => {
    const { ours, area, remoteEdit } = pair('Ala ma kota', 11);
    // We type at the end; the textarea shows it and the caret is after it.
    applyTextareaValue(ours.getText('t'), 'Ala ma kota!', 'me');
    area.value = 'Ala ma kota!';
    area.setSelectionRange(12, 12);
    remoteEdit((t) => t.insert(0, 'Ola i '));
    expect(area.value).toBe('Ola i Ala ma kota!');
    expect(area.selectionStart).toBe(area.value.length);
  });

  it('random remote transactions: selected characters that survive stay selected, the others stay outside', () => {
    const random = mulberry32(7);
    for (let round = 0; round < 400; round++) {
      const original = 'abcdefghijklmnopqrst'.slice(0, 5 + Math.floor(random() * 15));
      const start = Math.floor(random() * (original.length + 1));
      const end = random() < 0.4 ? start : start + Math.floor(random() * (original.length - start + 1));
      const { ours, area, remoteEdit } = pair(original, start, end);
      const ops: string[] = [];
      remoteEdit((text) => {
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
      const after = ours.getText('t').toString();
      const context = `selection ${start}-${end} of ${original}, ${ops.join(', ')} → ${after} ${area.selectionStart}-${area.selectionEnd}`;
      expect(area.value, context).toBe(after);
      expect(area.selectionStart, context).toBeLessThanOrEqual(area.selectionEnd);
      expect(area.selectionEnd, context).toBeLessThanOrEqual(after.length);
      for (const [i, c] of [...original].entries()) {
        const now = after.indexOf(c);
        if (now < 0) continue;
        const selected = now >= area.selectionStart && now < area.selectionEnd;
        expect(selected, `${c}: ${context}`).toBe(i >= start && i < end);
      }
      // A caret whose character survived is still right before it.
      if (start === end && start < original.length && after.includes(original[start]!)) expect(area.selectionStart, context).toBe(after.indexOf(original[start]!));
    }
  });

  it('relativeSelection / absoluteSelection round-trip on an unchanged text', () => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    text.insert(0, 'zażółć gęślą');
    for (let s = 0; s <= text.length; s++) for (let e = s; e <= text.length; e++) expect(absoluteSelection(text, relativeSelection(text, s, e))).toEqual({ start: s, end: e });
  });
});
