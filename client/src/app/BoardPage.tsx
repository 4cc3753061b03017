import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { createElement } from '../../../shared/ops/elements';
import { rememberBoard } from '../sync/recent';
import { useBoard } from '../sync/useBoard';
import { LanguageSwitch } from './LanguageSwitch';

/**
 * The board page. Until the canvas lands (#3) it proves the live loop: the title, the
 * number of elements and who is here, all updating as others edit.
 */
export function BoardPage({ boardId, token }: { boardId: string; token: string | null }) {
  const { t } = useTranslation();
  const board = useBoard(boardId, token);

  useEffect(() => {
    if (board.title && token) rememberBoard({ id: boardId, title: board.title, link: location.href });
  }, [board.title, boardId, token]);
  useEffect(() => {
    if (board.title) document.title = `${board.title} – Warsztat`;
  }, [board.title]);

  if (board.error) {
    return (
      <main className="page">
        <p className="error" role="alert" data-testid="board-error">
          {t(`errors.${board.error}`, { message: board.error })}
        </p>
        <a href="/">{t('board.back')}</a>
      </main>
    );
  }

  const addNote = () => {
    if (!board.doc) return;
    createElement(board.doc, { type: 'note', x: Math.round(Math.random() * 800), y: Math.round(Math.random() * 600), text: t('board.newNote') });
  };

  return (
    <main className="page">
      <header className="board-header">
        <a href="/" className="brand">{t('app.name')}</a>
        <h1 data-testid="board-title">{board.title || t('board.loading')}</h1>
        <LanguageSwitch />
      </header>
      <section className="board-status">
        <span className={`connection connection-${board.status}`} data-testid="connection" data-status={board.status}>
          {t(`connection.${board.status}`)}
        </span>
        {board.role && <span>{t('board.you', { role: t(`lobby.role.${board.role}`) })}</span>}
        <span data-testid="present">{t('board.present', { count: board.presentCount })}</span>
      </section>
      {!board.synced ? (
        <p className="loading" aria-busy="true">
          <span className="spinner" aria-hidden="true" /> {t('board.loading')}
        </p>
      ) : (
        <section className="board-summary">
          <p className="element-count" data-testid="element-count" data-count={board.elementCount}>
            {t('board.elements', { count: board.elementCount })}
          </p>
          {board.role === 'observer' ? (
            <p className="notice">{t('board.readOnly')}</p>
          ) : (
            <button type="button" onClick={addNote} data-testid="add-note">
              {t('board.addNote')}
            </button>
          )}
        </section>
      )}
    </main>
  );
}
