import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { parseBoardLink } from '../../../shared/protocol/board-link';

/** Opens a board from a link pasted in (from an e-mail or a chat), or says why it cannot. */
export function JoinBoard() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);

  const join = (event: FormEvent) => {
    event.preventDefault();
    const link = parseBoardLink(text);
    if (!link.ok) return setError(t(`lobby.joinErrors.${link.reason}`));
    setError(null);
    location.assign(link.href);
  };

  return (
    <section className="card">
      <h2>{t('lobby.joinTitle')}</h2>
      <form onSubmit={join}>
        <label>
          {t('lobby.joinLabel')}
          <input value={text} onChange={(e) => setText(e.target.value)} placeholder={t('lobby.joinPlaceholder')} data-testid="join-link" />
        </label>
        <button type="submit" data-testid="join-board">
          {t('lobby.join')}
        </button>
      </form>
      {error && (
        <p className="error" role="alert" data-testid="join-error">
          {error}
        </p>
      )}
    </section>
  );
}
