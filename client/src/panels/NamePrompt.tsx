import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useFocusTrap } from './focus-trap';
import { useTranslation } from 'react-i18next';
import { ClauseDetails } from './ClauseDetails';

export const NAME_KEY = 'warsztat.displayName';

/**
 * Asks for a display name on first join; it is remembered on this device. A personal link's
 * name is offered (it may arrive after the prompt opened), unless something was typed already.
 */
export function NamePrompt({ onDone, suggested, boardId, token }: { onDone: (name: string) => void; suggested?: string | null; boardId: string; token: string | null }) {
  const { t } = useTranslation();
  // The name is personal data: the information clause is offered before it is given (RODO art. 13).
  const [clause, setClause] = useState<{ heading: string; text: string }[] | null>(null);
  useEffect(() => {
    if (!token) return;
    let live = true;
    fetch(`/api/boards/${encodeURIComponent(boardId)}/privacy/notice`, { headers: { authorization: `Bearer ${token}` } })
      .then((res) => (res.ok ? (res.json() as Promise<{ clause: { heading: string; text: string }[] }>) : null))
      .then((notice) => live && notice && setClause(notice.clause))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [boardId, token]);
  const [name, setName] = useState(suggested ?? '');
  // Nothing behind it works before a name is given: Tab stays in it.
  const form = useRef<HTMLFormElement>(null);
  useFocusTrap(form);
  useEffect(() => {
    if (suggested) setName((typed) => typed || suggested);
  }, [suggested]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const trimmed = name.trim().slice(0, 40);
    if (!trimmed) return;
    localStorage.setItem(NAME_KEY, trimmed);
    onDone(trimmed);
  };
  return (
    <div className="modal-backdrop">
      <form ref={form} className="modal" role="dialog" aria-modal="true" aria-labelledby="name-title" onSubmit={submit} data-testid="name-prompt">
        <h2 id="name-title">{t('name.title')}</h2>
        <p>{t('name.why')}</p>
        <input autoFocus value={name} maxLength={40} onChange={(e) => setName(e.target.value)} placeholder={t('name.placeholder')} data-testid="name-input" />
        <button type="submit" disabled={!name.trim()} data-testid="name-submit">
          {t('name.join')}
        </button>
        {clause && <ClauseDetails title={t('privacy.clauseLink')} clause={clause} testId="name-clause" />}
      </form>
    </div>
  );
}
