import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { EXCLUSION_REASONS } from '../../shared/protocol/personal-links';

/** y-websocket message types (first varuint of every frame). */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

/** Sync sub-types (second varuint of a sync message). */
export const SYNC_STEP1 = syncProtocol.messageYjsSyncStep1;
export const SYNC_STEP2 = syncProtocol.messageYjsSyncStep2;
export const SYNC_UPDATE = syncProtocol.messageYjsUpdate;

/** Close codes with the reason sent alongside; documented in docs/api.md. */
export const CLOSE = {
  goingAway: { code: 1001, reason: 'server shutting down' },
  reopened: { code: 1012, reason: 'board restored and editable again; reconnect' },
  storageFailure: { code: 1011, reason: 'storage unavailable, reconnect later' },
  internal: { code: 1011, reason: 'server error while answering' },
  malformed: { code: 4400, reason: 'malformed message' },
  textFrame: { code: 4400, reason: 'binary messages only' },
  foreignType: { code: 4400, reason: 'update writes outside the board layout' },
  boardDeleted: { code: 4404, reason: 'board deleted' },
  tokenRevoked: { code: 4401, reason: 'link was replaced' },
  personalLinkRevoked: { code: 4401, reason: EXCLUSION_REASONS.linkRevoked },
  docTooLarge: { code: 4413, reason: 'board too large' },
  timeout: { code: 4408, reason: 'no response to ping' },
  tooSlow: { code: 4429, reason: 'connection too slow to keep up' },
  unsupportedSchema: { code: 4415, reason: 'board was saved by a newer Warsztat' },
  roomFull: { code: 4503, reason: 'board has too many connections' },
  removed: { code: 4403, reason: 'removed by the facilitator' },
} as const;

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

export function encodeSyncStep2(doc: Y.Doc, stateVector?: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep2(encoder, doc, stateVector);
  return encoding.toUint8Array(encoder);
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function encodeAwareness(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(encoder);
}
