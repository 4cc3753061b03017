/** The two fields of lib0's Decoder that reading a string touches. */
export interface ByteReader {
  arr: Uint8Array;
  pos: number;
}

/** Longest string read byte by byte; longer ones are cheaper through TextDecoder. */
const SHORT_STRING_BYTES = 64;

/**
 * lib0's `readVarString` (a varuint length, then UTF-8 bytes), reading short ASCII strings
 * without TextDecoder. A board's first sync is mostly such strings (field names, ids, colours,
 * order keys: ~300,000 of them at 10,000 elements), and in Chromium every `TextDecoder.decode`
 * call costs about a microsecond however short the input: 0.13–0.3 s of the first paint,
 * against 40–55 ms byte by byte. Anything with a byte above 127 still goes through the
 * decoder, so the result, and the errors for bytes that are not UTF-8, stay the same.
 */
export function readVarStringWith(readVarUint: (reader: ByteReader) => number, decoder: TextDecoder): (reader: ByteReader) => string {
  return (reader) => {
    const length = readVarUint(reader);
    const start = reader.pos;
    const end = start + length;
    const bytes = reader.arr;
    if (end > bytes.length) throw new RangeError('Unexpected end of array');
    reader.pos = end;
    if (length <= SHORT_STRING_BYTES) {
      let text = '';
      let i = start;
      for (; i < end; i++) {
        const byte = bytes[i]!;
        if (byte > 127) break;
        text += String.fromCharCode(byte);
      }
      if (i === end) return text;
    }
    return decoder.decode(bytes.subarray(start, end));
  };
}
