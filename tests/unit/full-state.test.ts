import * as decoding from 'lib0/decoding';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { createElements, updateElement } from '../../shared/ops/elements';
import { elementsOf } from '../../shared/schema/doc';
import { FullStateCache, isEmptyStateVector } from '../../server/sync/full-state';
import { MESSAGE_SYNC, SYNC_STEP2, SYNC_UPDATE } from '../../server/sync/messages';

/** Applies y-websocket sync messages to a fresh document, as a browser would. */
function receive(messages: Uint8Array[]): { doc: Y.Doc; kinds: number[] } {
  const doc = new Y.Doc();
  const kinds: number[] = [];
  for (const message of messages) {
    const decoder = decoding.createDecoder(message);
    expect(decoding.readVarUint(decoder)).toBe(MESSAGE_SYNC);
    kinds.push(decoding.readVarUint(decoder));
    Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
  }
  return { doc, kinds };
}

function boardOf(notes: number): Y.Doc {
  const doc = new Y.Doc();
  createElements(doc, Array.from({ length: notes }, (_, i) => ({ type: 'note' as const, text: `Karteczka ${i} — zażółć`, x: i * 10 })));
  return doc;
}

const SMALL_LIMITS = { minBytes: 1024, maxUpdates: 3, maxUpdateBytes: 1 << 20, idleMs: 60_000 };

afterEach(() => {
  vi.useRealTimers();
});

describe('the encoded whole board for newcomers', () => {
  it('recognises the state vector of an empty document only', () => {
    expect(isEmptyStateVector(Y.encodeStateVector(new Y.Doc()))).toBe(true);
    expect(isEmptyStateVector(Y.encodeStateVector(boardOf(1)))).toBe(false);
  });

  it('sends the board as one sync step 2 and keeps it encoded', () => {
    const doc = boardOf(50);
    const cache = new FullStateCache(doc, SMALL_LIMITS);
    const first = cache.messages();
    expect(cache.held).toBe(true);
    const { doc: fresh, kinds } = receive(first);
    expect(kinds).toEqual([SYNC_STEP2]);
    expect(Y.encodeStateVector(fresh)).toEqual(Y.encodeStateVector(doc));
    // Asked again without changes: the very same bytes, not encoded again.
    expect(cache.messages()[0]).toBe(first[0]);
  });

  it('adds the changes made since, merged into one update, and the newcomer converges', () => {
    const doc = boardOf(50);
    const cache = new FullStateCache(doc, SMALL_LIMITS);
    const encoded = cache.messages()[0];
    const [id] = [...elementsOf(doc).keys()];
    updateElement(doc, id!, { x: 999 });
    createElements(doc, [{ type: 'note', text: 'później' }]);
    elementsOf(doc).delete([...elementsOf(doc).keys()][1]!);
    const messages = cache.messages();
    expect(messages).toHaveLength(2);
    expect(messages[0]).toBe(encoded);
    const { doc: fresh, kinds } = receive(messages);
    expect(kinds).toEqual([SYNC_STEP2, SYNC_UPDATE]);
    expect(fresh.getMap('elements').toJSON()).toEqual(doc.getMap('elements').toJSON());
    expect(Y.encodeStateVector(fresh)).toEqual(Y.encodeStateVector(doc));
  });

  it('encodes again once too many changes piled up beside it', () => {
    const doc = boardOf(50);
    const cache = new FullStateCache(doc, SMALL_LIMITS);
    const encoded = cache.messages()[0];
    const [id] = [...elementsOf(doc).keys()];
    for (let i = 0; i < 4; i++) updateElement(doc, id!, { x: i + 1 });
    expect(cache.held).toBe(false);
    const messages = cache.messages();
    expect(messages).toHaveLength(1);
    expect(messages[0]).not.toBe(encoded);
    expect(receive(messages).doc.getMap('elements').toJSON()).toEqual(doc.getMap('elements').toJSON());
  });

  it('lets the encoding go a minute after the last newcomer', () => {
    vi.useFakeTimers();
    const cache = new FullStateCache(boardOf(50), SMALL_LIMITS);
    cache.messages();
    vi.advanceTimersByTime(50_000);
    cache.messages();
    vi.advanceTimersByTime(50_000);
    expect(cache.held).toBe(true);
    vi.advanceTimersByTime(10_001);
    expect(cache.held).toBe(false);
    cache.destroy();
  });

  it('holds nothing for a small board', () => {
    const doc = boardOf(1);
    const cache = new FullStateCache(doc, SMALL_LIMITS);
    expect(receive(cache.messages()).doc.getMap('elements').size).toBe(1);
    expect(cache.held).toBe(false);
  });
});
