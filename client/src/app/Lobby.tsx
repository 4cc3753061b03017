import { ROLES, type Role } from '../../../shared/protocol/state';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { recentBoards, rememberBoard } from '../sync/recent';
import { LanguageSwitch } from './LanguageSwitch';
import { rememberLinks } from '../panels/SharePanel';
import { CopyButton } from '../panels/CopyButton';
import { LocalLinkWarning } from '../panels/LocalLinkWarning';
import { ImportBoard } from '../history/ImportBoard';
import { JoinBoard } from './JoinBoard';
import { RecentBoards } from './RecentBoards';
import { StatementLink } from '../statement/StatementLink';

const TEMPLATE_NAMES = ['workshop', 'stakeholder-map', 'problem-tree', 'swot', 'blank'] as const;

interface Created {
  id: string;
  title: string;
  links: Record<Role, string>;
}


/** Start page: create a board and hand out its links; join one by its link; reopen this browser's boards. */
export function Lobby() {
  const { t, i18n } = useTranslation();
  const [title, setTitle] = useState('');
  const [locale, setLocale] = useState<'pl' | 'en'>(i18n.language === 'en' ? 'en' : 'pl');
  const [template, setTemplate] = useState('workshop');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<Created | null>(null);
  const [recent, setRecent] = useState(recentBoards);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    if (!title.trim()) return setError(t('errors.titleRequired'));
    setBusy(true);
    setError(null);
    try {
      const res = await fetch('/api/boards', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: title.trim(), locale, template }),
      });
      const body = (await res.json()) as Created & { error?: string };
      if (!res.ok) throw new Error(body.error ?? String(res.status));
      rememberLinks(body.id, body.links);
      rememberBoard({ id: body.id, title: body.title, role: 'facilitator', link: body.links.facilitator });
      setRecent(recentBoards());
      setCreated(body);
    } catch (e) {
      setError(t('errors.generic', { message: (e as Error).message }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="page lobby">
      <header className="board-header">
        <span className="brand">{t('app.name')}</span>
        <p className="tagline">{t('app.tagline')}</p>
        <LanguageSwitch />
      </header>
      <section className="card">
        <h2>{t('lobby.createTitle')}</h2>
        <form onSubmit={create}>
          <label>
            {t('lobby.titleLabel')}
            <input value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} placeholder={t('lobby.titlePlaceholder')} data-testid="board-title-input" />
          </label>
          <label>
            {t('lobby.boardLanguage')}
            <select value={locale} onChange={(e) => setLocale(e.target.value as 'pl' | 'en')}>
              <option value="pl">{t('language.pl')}</option>
              <option value="en">{t('language.en')}</option>
            </select>
          </label>
          <label>
            {t('lobby.template')}
            <select value={template} onChange={(e) => setTemplate(e.target.value)} data-testid="template">
              {TEMPLATE_NAMES.map((name) => (
                <option key={name} value={name}>
                  {t(`lobby.templates.${name}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" disabled={busy} data-testid="create-board">
            {busy && <span className="spinner" aria-hidden="true" />} {busy ? t('lobby.creating') : t('lobby.create')}
          </button>
        </form>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        {created && (
          <div className="links" data-testid="created-links">
            <p>{t('lobby.created', { title: created.title })}</p>
            <LocalLinkWarning link={created.links.participant} />
            <ul>
              {ROLES.map((role) => (
                <li key={role}>
                  <strong id={`link-label-${role}`}>{t(`lobby.role.${role}`)}</strong>
                  <input readOnly value={created.links[role]} aria-labelledby={`link-label-${role}`} onFocus={(e) => e.target.select()} data-testid={`link-${role}`} />
                  <CopyButton text={created.links[role]} label={`${t('lobby.copy')}: ${t(`lobby.role.${role}`)}`} field={() => document.querySelector<HTMLInputElement>(`[data-testid="link-${role}"]`)} />
                  <a href={created.links[role]}>{t('lobby.open')}</a>
                </li>
              ))}
            </ul>
            <p className="notice">{t('lobby.keepSafe')}</p>
          </div>
        )}
      </section>
      <JoinBoard />
      <ImportBoard />
      <RecentBoards boards={recent} onChange={setRecent} />
      <footer className="page-footer">
        <StatementLink />
      </footer>
    </main>
  );
}
