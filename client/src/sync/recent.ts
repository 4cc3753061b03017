/** Boards opened on this device, newest first, kept in localStorage. */
export interface RecentBoard {
  id: string;
  title: string;
  link: string;
  openedAt: number;
}

const KEY = 'warsztat.recentBoards';
const MAX = 20;

export function recentBoards(): RecentBoard[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(parsed) ? (parsed as RecentBoard[]).filter((b) => typeof b?.id === 'string' && typeof b?.link === 'string') : [];
  } catch {
    return [];
  }
}

export function rememberBoard(board: Omit<RecentBoard, 'openedAt'>): void {
  const rest = recentBoards().filter((b) => b.id !== board.id);
  localStorage.setItem(KEY, JSON.stringify([{ ...board, openedAt: Date.now() }, ...rest].slice(0, MAX)));
}
