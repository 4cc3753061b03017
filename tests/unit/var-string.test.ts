import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readVarStringWith } from '../../shared/protocol/var-string';

const read = readVarStringWith(decoding.readVarUint, new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }));

function encoded(strings: readonly string[]): Uint8Array {
  const encoder = encoding.createEncoder();
  for (const s of strings) encoding.writeVarString(encoder, s);
  return encoding.toUint8Array(encoder);
}

describe('reading strings for Yjs without TextDecoder for short ASCII ones', () => {
  const samples = ['', 'x', 'parentId', '#fca5a5', 'a0V', 'e0-0', 'zażółć gęślą jaźń', 'Łódź', '🙂 emoji', 'a'.repeat(64), 'b'.repeat(65), 'ascii then ż', 'x'.repeat(5000), '\u0000nul', '\u007f'];

  it('reads back exactly what lib0 wrote, in sequence, as lib0 itself does', () => {
    const bytes = encoded(samples);
    const ours = decoding.createDecoder(bytes);
    const theirs = decoding.createDecoder(bytes);
    for (const sample of samples) {
      const value = read(ours);
      expect(value).toBe(sample);
      expect(value).toBe(decoding.readVarString(theirs));
      expect(ours.pos).toBe(theirs.pos);
    }
    expect(ours.pos).toBe(bytes.length);
  });

  it('refuses a string running past the end, and bytes that are not UTF-8', () => {
    const truncated = encoded(['abcdef']).slice(0, 4);
    expect(() => read(decoding.createDecoder(truncated))).toThrow();
    // Length 2, then a lone continuation byte: TextDecoder (fatal) throws, as for lib0.
    expect(() => read(decoding.createDecoder(Uint8Array.from([2, 0x61, 0x80])))).toThrow();
  });

  it('decodes a whole Yjs update the same way', () => {
    const doc = new Y.Doc();
    const map = doc.getMap('elements');
    for (let i = 0; i < 50; i++) map.set(`id-${i}`, { text: i % 2 ? `Notatka ${i}` : `Źdźbło ${i}`, color: '#fde68a' });
    const update = Y.encodeStateAsUpdate(doc);
    const strings = (bytes: Uint8Array, reader: (d: decoding.Decoder) => string) => {
      // Every string a struct reader would meet, read at the same offsets by both readers.
      const out: string[] = [];
      for (let pos = 0; pos < bytes.length; pos++) {
        try {
          out.push(reader(decoding.createDecoder(bytes.subarray(pos))));
        } catch {
          out.push('(error)');
        }
      }
      return out;
    };
    expect(strings(update, read)).toEqual(strings(update, decoding.readVarString));
  });
});
