import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IDEA_LIMITS } from '../../../shared/schema/elements/idea';
import { setLanguage } from '../i18n';
import { StatementLink } from '../statement/StatementLink';
import { LanguageSwitch } from './LanguageSwitch';

type FormState = { kind: 'loading' } | { kind: 'missing' } | { kind: 'open'; title: string } | { kind: 'sent'; title: string };
const empty = { title: '', description: '', place: '', contact: '' };

/**
 * The residents' idea form (karta zgłoszenia pomysłu): reached by a public link, it shows
 * the workshop's name and nothing of the board; what is sent lands in the Ideas inbox.
 */
export function IdeaFormPage({ boardId, formKey }: { boardId: string; formKey: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<FormState>({ kind: 'loading' });
  const [fields, setFields] = useState(empty);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const address = `/api/ideas/${encodeURIComponent(boardId)}/${encodeURIComponent(formKey)}`;

  useEffect(() => {
    fetch(address)
      .then(async (res) => {
        if (!res.ok) return setState({ kind: 'missing' });
        const board = (await res.json()) as { title: string; locale: 'pl' | 'en' };
        // Residents read the form in the workshop's language unless they chose one here.
        if (!localStorage.getItem('warsztat.language')) setLanguage(board.locale);
        setState({ kind: 'open', title: board.title });
        document.title = `${t('ideas.form.heading')} – ${board.title}`;
      })
      .catch(() => setState({ kind: 'missing' }));
  }, [address, t]);

  const send = async (event: React.FormEvent) => {
    event.preventDefault();
    if (state.kind !== 'open') return;
    if (!fields.title.trim()) return setError(t('ideas.form.titleRequired'));
    setSending(true);
    setError(null);
    try {
      const res = await fetch(address, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fields) });
      if (res.status === 201) {
        setFields(empty);
        setState({ kind: 'sent', title: state.title });
        return;
      }
      const body = (await res.json().catch(() => ({}))) as { error?: string };
      setError(res.status === 429 ? t('ideas.form.tooMany') : res.status === 404 ? t('ideas.form.missing') : t('errors.generic', { message: body.error ?? res.status }));
    } catch (e) {
      setError(t('ideas.form.offline', { message: (e as Error).message }));
    } finally {
      setSending(false);
    }
  };

  const field = (name: keyof typeof empty) => ({
    value: fields[name],
    maxLength: IDEA_LIMITS[name],
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      setFields((f) => ({ ...f, [name]: e.target.value }));
      setError(null);
    },
    'data-testid': `idea-${name}`,
  });

  return (
    <main className="page idea-form-page">
      <header className="idea-form-header">
        <span className="brand">{t('app.name')}</span>
        <LanguageSwitch />
      </header>
      {state.kind === 'loading' && (
        <p className="loading" aria-busy="true">
          <span className="spinner" aria-hidden="true" /> {t('board.loading')}
        </p>
      )}
      {state.kind === 'missing' && (
        <p className="error" role="alert" data-testid="idea-form-missing">
          {t('ideas.form.missing')}
        </p>
      )}
      {state.kind === 'sent' && (
        <section className="idea-form-done" role="status" data-testid="idea-sent">
          <h1>{t('ideas.form.thanks')}</h1>
          <p>{t('ideas.form.thanksText', { title: state.title })}</p>
          <button type="button" onClick={() => setState({ kind: 'open', title: state.title })}>
            {t('ideas.form.another')}
          </button>
        </section>
      )}
      {state.kind === 'open' && (
        <form className="idea-form" onSubmit={(e) => void send(e)} noValidate>
          <h1>{t('ideas.form.heading')}</h1>
          <p className="muted">{t('ideas.form.intro', { title: state.title })}</p>
          <label>
            {t('ideas.form.title')} *
            <input {...field('title')} required autoFocus />
          </label>
          <label>
            {t('ideas.form.description')}
            <textarea {...field('description')} rows={6} />
          </label>
          <label>
            {t('ideas.form.place')}
            <input {...field('place')} placeholder={t('ideas.form.placeHint')} />
          </label>
          <label>
            {t('ideas.form.contact')}
            <input {...field('contact')} placeholder={t('ideas.form.contactHint')} />
          </label>
          <p className="muted small">{t('ideas.form.privacy')}</p>
          {error && (
            <p className="error" role="alert" data-testid="idea-error">
              {error}
            </p>
          )}
          <button type="submit" disabled={sending} data-testid="idea-submit">
            {sending && <span className="spinner" aria-hidden="true" />} {t('ideas.form.submit')}
          </button>
        </form>
      )}
      <footer className="page-footer">
        <StatementLink />
      </footer>
    </main>
  );
}
