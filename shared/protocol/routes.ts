/**
 * The app's addresses, read the same way by the client (which page to show) and the server
 * (which ids it accepts): board ids, form keys and link ids are 1–64 URL-safe characters.
 */
const ID = '[A-Za-z0-9_-]{1,64}';
/** The same, as regular-expression source, for patterns that hold an id (a board's address in a pasted link). */
export const ID_SOURCE = ID;

/** A board id, a form key, a version or personal link id. */
export const ID_PATTERN = new RegExp(`^${ID}$`);
export const BOARD_ID_PATTERN = ID_PATTERN;

/** What a page address shows: the lobby, a board, the residents' idea form, or the accessibility statement. */
export type Route = { page: 'lobby' } | { page: 'statement' } | { page: 'board'; boardId: string; token: string | null } | { page: 'idea'; boardId: string; formKey: string };

const BOARD_PATH = new RegExp(`^/b/(${ID})/?$`);
const IDEA_PATH = new RegExp(`^/idea/(${ID})/(${ID})/?$`);

/** Routes: `/deklaracja-dostepnosci` (or `/accessibility`) the accessibility statement, `/` the lobby, `/b/<boardId>#token=…` a board, `/idea/<boardId>/<key>` the idea form. */
export function routeOf(pathname: string, hash: string): Route {
  if (/^\/(deklaracja-dostepnosci|accessibility)\/?$/.test(pathname)) return { page: 'statement' };
  const idea = IDEA_PATH.exec(pathname);
  if (idea) return { page: 'idea', boardId: idea[1]!, formKey: idea[2]! };
  const board = BOARD_PATH.exec(pathname);
  if (!board) return { page: 'lobby' };
  return { page: 'board', boardId: board[1]!, token: new URLSearchParams(hash.replace(/^#/, '')).get('token') };
}
