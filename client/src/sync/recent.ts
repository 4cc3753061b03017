/**
 * The boards this browser created or opened, newest first, kept in localStorage: the server
 * lists boards to its administrator only, so this is the lobby's list. One entry per board
 * and role (a facilitator who tries the participant link keeps both links).
 */
import { asRole, type Role } from '../../../shared/protocol/state';

export type RecentRole = Role;

export interface RecentBoard {
  id: string;
  title: string;
  /** The role the link grants; absent on entries saved before roles were remembered. */
  role?: RecentRole;
  /** The board's link with its token. */
  link: string;
  openedAt: number;
}

const KEY = 'warsztat.recentBoards';
export const MAX_RECENT_BOARDS = 20;
/** The role a board's info names, when it is one of the three. */
export function asRecentRole(role: string | null | undefined): RecentRole | undefined {
  return asRole(role);
}

/** Puts back a list as it was (undoing a forget). */
export function restoreRecentBoards(list: RecentBoard[]): void {
  save(list);
}

const sameEntry = (a: Pick<RecentBoard, 'id' | 'role'>, b: Pick<RecentBoard, 'id' | 'role'>) => a.id === b.id && a.role === b.role;

/** Entries as stored, keeping only well-formed ones (localStorage is anyone's to edit). */
export function parseRecent(raw: string | null): RecentBoard[] {
  try {
    const parsed: unknown = JSON.parse(raw ?? '[]');
    if (!Array.isArray(parsed)) return [];
    return parsed.flatMap((entry: Partial<RecentBoard> | null): RecentBoard[] => {
      if (typeof entry?.id !== 'string' || typeof entry.link !== 'string') return [];
      return [{
        id: entry.id,
        title: typeof entry.title === 'string' ? entry.title : entry.id,
        ...(asRole(entry.role) ? { role: asRole(entry.role) } : {}),
        link: entry.link,
        openedAt: typeof entry.openedAt === 'number' ? entry.openedAt : 0,
      }];
    });
  } catch {
    return [];
  }
}

/**
 * The list after `board` was opened at `now`: its entry moves to the top with the link just
 * used, an older entry of the same board without a role is replaced, and the title (which the
 * facilitator may have changed) is brought up to date in every entry of that board.
 */
export function withOpened(list: readonly RecentBoard[], board: Omit<RecentBoard, 'openedAt'>, now: number): RecentBoard[] {
  const rest = list
    .filter((b) => !sameEntry(b, board) && !(b.id === board.id && b.role === undefined))
    .map((b) => (b.id === board.id ? { ...b, title: board.title } : b));
  return [{ ...board, openedAt: now }, ...rest].slice(0, MAX_RECENT_BOARDS);
}

export function withForgotten(list: readonly RecentBoard[], board: Pick<RecentBoard, 'id' | 'role'>): RecentBoard[] {
  return list.filter((b) => !sameEntry(b, board));
}

export function recentBoards(): RecentBoard[] {
  try {
    return parseRecent(localStorage.getItem(KEY));
  } catch {
    return [];
  }
}

function save(list: RecentBoard[]): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(list));
  } catch {
    // Storage full or off (private mode): the list is a convenience, the board still works.
  }
}

export function rememberBoard(board: Omit<RecentBoard, 'openedAt'>): void {
  save(withOpened(recentBoards(), board, Date.now()));
}

/** Drops one entry and returns the list left. */
export function forgetBoard(board: Pick<RecentBoard, 'id' | 'role'>): RecentBoard[] {
  const next = withForgotten(recentBoards(), board);
  save(next);
  return next;
}

/** Calls `onChange` when another tab of this browser changes the list. */
export function watchRecentBoards(onChange: (list: RecentBoard[]) => void): () => void {
  const listener = (event: StorageEvent) => {
    if (event.key === KEY || event.key === null) onChange(recentBoards());
  };
  window.addEventListener('storage', listener);
  return () => window.removeEventListener('storage', listener);
}
