import { ID_SOURCE } from './routes';

/** What a pasted board link leads to, or why it cannot be opened. */
export type BoardLink = { ok: true; boardId: string; token: string; href: string } | { ok: false; reason: 'notLink' | 'noToken' };

const BOARD_PATH = new RegExp(`(https?://[^\\s/?#]+)?/b/(${ID_SOURCE})/?(#\\S*)?`);
const TOKEN = /^[A-Za-z0-9_-]{8,128}$/;

/**
 * Reads a board link as people paste it: the whole address (`https://host/b/<id>#token=…`),
 * the part from `/b/` on, or either inside other words (a line copied from an e-mail).
 * The address keeps its own host (a board on another Warsztat server opens there); a link
 * without its access key (`#token=…`) is told apart, as the board could not open without it.
 */
export function parseBoardLink(text: string): BoardLink {
  const match = BOARD_PATH.exec(text.trim());
  if (!match) return { ok: false, reason: 'notLink' };
  const [, origin = '', boardId = '', hash = ''] = match;
  const token = new URLSearchParams(hash.slice(1)).get('token');
  if (!token || !TOKEN.test(token)) return { ok: false, reason: 'noToken' };
  return { ok: true, boardId, token, href: `${origin}/b/${boardId}#token=${token}` };
}
