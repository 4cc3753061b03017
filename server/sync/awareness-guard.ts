import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** One client's presence in an awareness update, as it travels. */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** The state as JSON text; `null` removes the client. */
  state: string;
}

/** Largest presence one client may announce (name, colour, cursor, a selection of ids). */
export const MAX_AWARENESS_STATE_CHARS = 64 * 1024;
/** Presence ids one connection may introduce; a stock client uses one per document. */
export const MAX_AWARENESS_IDS_PER_CONNECTION = 4;

/** Reads an awareness update whole; throws on anything truncated, trailing or unparsable. */
export function decodeAwarenessEntries(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  // Each entry takes at least three bytes: bounds the count before anything is allocated.
  if (count * 3 > update.byteLength) throw new Error('awareness update lies about its length');
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const state = decoding.readVarString(decoder);
    JSON.parse(state);
    entries.push({ clientId, clock, state });
  }
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes after awareness update');
  return entries;
}

export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, state);
  }
  return encoding.toUint8Array(encoder);
}

/** Who holds a presence id now, as seen from the connection that sent it. */
export type AwarenessHolder = 'sender' | 'someone-else' | 'nobody';

/**
 * Whether a connection's presence entry is taken. A connection speaks only for the ids it
 * introduced: it may not set or remove anyone else's (another tab's, another process's), it
 * introduces a free id only while under its cap, and a state must be of a sane size.
 */
export function admitsAwareness(entry: AwarenessEntry, holder: AwarenessHolder, idsHeld: number): boolean {
  if (holder === 'someone-else') return false;
  if (entry.state.length > MAX_AWARENESS_STATE_CHARS) return false;
  if (holder === 'sender') return true;
  // A free id: introducing it is fine, removing it means nothing.
  return entry.state !== 'null' && idsHeld < MAX_AWARENESS_IDS_PER_CONNECTION;
}
