import { createHash, randomBytes } from 'node:crypto';

/** A role token: 192 random bits, URL-safe. Only its hash is stored. */
export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A board id: 96 random bits, URL-safe, never starting with '-' (it would read as an option on a command line). */
export function newBoardId(): string {
  for (;;) {
    const id = randomBytes(12).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

export { BOARD_ID_PATTERN } from '../shared/protocol/routes';
