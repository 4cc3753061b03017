/**
 * The export queue as the export dialog and the server both see it (docs/api.md#export): a
 * ticket names one person's export across its retries, the status of a ticket, and how long
 * to wait before asking again after a 429.
 */

/** A ticket: 16–64 URL-safe characters, made by the client (`exportTicket`). */
export const EXPORT_TICKET_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** A ticket from random bytes (the caller's crypto.getRandomValues: 16 bytes give 96 bits here). */
export function exportTicket(random: Uint8Array): string {
  let ticket = '';
  for (const byte of random) ticket += ALPHABET[byte & 63];
  return ticket;
}

/**
 * Where an export stands (`GET /api/boards/:id/export/status?ticket=`): `waiting` for a place
 * in the queue (the request got 429; ask again after Retry-After), `queued` behind `ahead`
 * other exports of the server, `running` with `progress` 0–1, or `unknown` (finished, never
 * asked for, or its place lapsed).
 */
export type ExportStatus =
  | { state: 'waiting'; ahead: number }
  | { state: 'queued'; ahead: number }
  | { state: 'running'; ahead: 0; progress: number }
  | { state: 'unknown' };

/** What a 429 from the export route carries besides `error`. */
export interface ExportBusyBody {
  error: string;
  /** Exports ahead of this one (of its board; of the server when the server's queue is full). */
  ahead: number;
  /** Seconds to wait before asking again, as in the Retry-After header. */
  retryAfter: number;
}

/** Bounds of a retry's wait, ms: never hammer the server, never leave someone waiting long for nothing. */
export const RETRY_MIN_MS = 1000;
export const RETRY_MAX_MS = 30_000;

/**
 * How long to wait before asking again after a 429, from its Retry-After header: seconds
 * (the server sends those) or an HTTP date; missing or unreadable gives `fallbackSeconds`.
 * Kept between RETRY_MIN_MS and RETRY_MAX_MS.
 */
export function retryDelayMs(retryAfter: string | null | undefined, now: number, fallbackSeconds = 5): number {
  let ms = fallbackSeconds * 1000;
  const value = retryAfter?.trim();
  if (value && /^\d+$/.test(value)) ms = Number(value) * 1000;
  else if (value && /^[A-Za-z]{3}, /.test(value)) {
    // An HTTP date: "Thu, 03 Dec 2026 12:00:07 GMT".
    const at = Date.parse(value);
    if (Number.isFinite(at)) ms = at - now;
  }
  return Math.min(RETRY_MAX_MS, Math.max(RETRY_MIN_MS, ms));
}
