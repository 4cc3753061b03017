import { EXCLUSION_REASONS } from './personal-links';

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

/** Why the board cannot be used after a close, as the client's i18n key under `errors.`. */
export type FinalCloseError = 'badToken' | 'deleted' | 'tooLarge' | 'generic';

const FINAL: ReadonlyMap<number, FinalCloseError> = new Map([
  [CLOSE.tokenRevoked.code, 'badToken'],
  [CLOSE.boardDeleted.code, 'deleted'],
  [CLOSE.docTooLarge.code, 'tooLarge'],
  [CLOSE.unsupportedSchema.code, 'generic'],
]);

/**
 * Whether reconnecting after this close code cannot help, and what to tell the person: the
 * link is gone, the board deleted or too large. Every other code is worth a reconnect.
 */
export function finalCloseError(code: number): FinalCloseError | null {
  return FINAL.get(code) ?? null;
}
