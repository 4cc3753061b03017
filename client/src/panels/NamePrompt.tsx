import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

export const NAME_KEY = 'warsztat.displayName';

/** Asks for a display name on first join; it is remembered on this device. */
export function NamePrompt({ onDone }: { onDone: (name: string) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const trimmed = name.trim().slice(0, 40);
    if (!trimmed) return;
    localStorage.setItem(NAME_KEY, trimmed);
    onDone(trimmed);
  };
  return (
    <div className="modal-backdrop">
      <form className="modal" role="dialog" aria-modal="true" aria-labelledby="name-title" onSubmit={submit} data-testid="name-prompt">
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
