import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useFocusTrap } from './focus-trap';
import { useTranslation } from 'react-i18next';

export const NAME_KEY = 'warsztat.displayName';

/**
 * Asks for a display name on first join; it is remembered on this device. A personal link's
 * name is offered (it may arrive after the prompt opened), unless something was typed already.
 */
export function NamePrompt({ onDone, suggested }: { onDone: (name: string) => void; suggested?: string | null }) {
  const { t } = useTranslation();
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
      </form>
    </div>
  );
}
