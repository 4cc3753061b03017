import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { forgetLinks, rememberLinks } from '../panels/SharePanel';
import { forgetBoard, restoreRecentBoards, watchRecentBoards, type RecentBoard } from '../sync/recent';

/**
 * Lobby card: the boards this browser created or opened, each with its role, link and when it
 * was last opened; one can be forgotten (and brought back at once). The server lists boards
 * only to its administrator, so this list is all a facilitator has to find their boards again.
 */
export function RecentBoards({ boards, onChange }: { boards: RecentBoard[]; onChange: (boards: RecentBoard[]) => void }) {
  const { t, i18n } = useTranslation();
  // The list as it was before the last forget, the entry forgotten and its share links, for undo.
  const [undo, setUndo] = useState<{ before: RecentBoard[]; board: RecentBoard; links?: Partial<Record<string, string>> } | null>(null);
  useEffect(() => watchRecentBoards(onChange), [onChange]);

  const roleName = (board: RecentBoard) => (board.role ? t(`lobby.role.${board.role}`) : t('lobby.recentRoleUnknown'));
  const forget = (board: RecentBoard) => {
    const next = forgetBoard(board);
    // The share links kept for a board go with its last entry: nothing of its keys stays.
    const links = next.some((b) => b.id === board.id) ? undefined : forgetLinks(board.id);
    setUndo({ before: boards, board, links });
    onChange(next);
  };
  const restore = () => {
    if (!undo) return;
    restoreRecentBoards(undo.before);
    if (undo.links && Object.keys(undo.links).length > 0) rememberLinks(undo.board.id, undo.links);
    onChange(undo.before);
    setUndo(null);
  };

  return (
    <section className="card" aria-labelledby="recent-boards-title">
      <h2 id="recent-boards-title">{t('lobby.recent')}</h2>
      <p className="muted">{t('lobby.recentHint')}</p>
      {undo && (
        <p className="recent-undo" role="status" data-testid="recent-forgotten">
          <span>{t('lobby.forgotten', { title: undo.board.title })}</span>
          <button type="button" className="secondary" onClick={restore} data-testid="recent-undo">
            {t('lobby.undoForget')}
          </button>
        </p>
      )}
      {boards.length === 0 ? (
        <p>{t('lobby.noRecent')}</p>
      ) : (
        <ul className="recent" data-testid="recent-boards">
          {boards.map((board) => (
            <li key={`${board.id}/${board.role ?? ''}`} data-testid="recent-board" data-board-id={board.id} data-role={board.role ?? ''}>
              <a href={board.link} className="recent-link">
                {board.title}
              </a>
              <span className="recent-meta">
                <span className="recent-role">{roleName(board)}</span>
                {' · '}
                <time dateTime={new Date(board.openedAt).toISOString()}>{t('lobby.lastOpened', { when: new Date(board.openedAt).toLocaleString(i18n.language) })}</time>
                {' · '}
                <span className="recent-id">{t('lobby.boardId', { id: board.id })}</span>
              </span>
              <button
                type="button"
                className="secondary"
                onClick={() => forget(board)}
                aria-label={t('lobby.forgetBoard', { title: board.title, role: roleName(board) })}
                data-testid="recent-forget"
              >
                {t('lobby.forget')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
