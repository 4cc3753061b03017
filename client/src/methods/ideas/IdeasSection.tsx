import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IDEA_ACTIONS } from '../../../../shared/methods/ideas';
import type { ElementOf } from '../../../../shared/schema/elements';
import type { IdeaStatus } from '../../../../shared/schema/elements/idea';
import { elementBounds } from '../../../../shared/geometry/elements';
import type { Editor } from '../../editor/editor';
import { useElementsDerived } from '../../editor/hooks';
import { qrDataUrl } from '../../panels/qr';
import { CopyButton } from '../../panels/CopyButton';
import { LocalLinkWarning } from '../../panels/LocalLinkWarning';

type Idea = ElementOf<'idea'>;

const sameIdeas = (a: Idea[], b: Idea[]) => a.length === b.length && a.every((x, i) => x === b[i]);

async function api<T>(path: string, token: string, method = 'GET'): Promise<T> {
  const res = await fetch(path, { method, headers: { authorization: `Bearer ${token}` } });
  const body = (await res.json().catch(() => ({}))) as T & { error?: string };
  if (!res.ok) throw new Error(body.error ?? String(res.status));
  return body;
}

/**
 * The facilitator's side of residents' ideas: the public form link (with QR code) to hand
 * out, and the inbox, where each idea is accepted, merged into another or rejected.
 */
export function IdeasSection({ editor, boardId, token }: { editor: Editor; boardId: string; token: string }) {
  const { t } = useTranslation();
  const [link, setLink] = useState<string | null>(null);
  const [qr, setQr] = useState<string | null>(null);
  // Shown on request only: beside the board's own QR code, two codes invite showing the wrong one.
  const [showQr, setShowQr] = useState(false);
  const [contacts, setContacts] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ideas = useElementsDerived(editor, () => [...editor.store.ofType('idea')].sort((a, b) => b.submittedAt - a.submittedAt), sameIdeas);
  const base = `/api/boards/${encodeURIComponent(boardId)}/ideas`;

  const load = async (rotate = false) => {
    setBusy(true);
    setError(null);
    try {
      const { link } = await api<{ link: string }>(rotate ? `${base}/form/rotate` : `${base}/form`, token, rotate ? 'POST' : 'GET');
      setLink(link);
      setQr(await qrDataUrl(link, 180));
    } catch (e) {
      setError(t('errors.generic', { message: (e as Error).message }));
    } finally {
      setBusy(false);
    }
  };
  // Contacts arrive with new ideas; fetched again whenever the inbox grows.
  useEffect(() => {
    void api<{ contacts: Record<string, string> }>(`${base}/contacts`, token)
      .then((body) => setContacts(body.contacts))
      .catch(() => undefined);
  }, [base, token, ideas.length]);

  const setStatus = (idea: Idea, status: IdeaStatus, mergedInto: string | null = null) => {
    editor.update(idea.id, { status, mergedInto });
  };
  const show = (idea: Idea) => {
    editor.select([idea.id]);
    editor.setViewport(editor.fitView(elementBounds(idea, editor.store.lookup), 200));
  };

  return (
    <section className="panel-section" data-testid="ideas-section">
      <h3>{t('ideas.title')}</h3>
      <p className="muted">{t('ideas.formHelp')}</p>
      {link ? (
        <>
          <LocalLinkWarning link={link} />
          <input readOnly value={link} onFocus={(e) => e.target.select()} data-testid="idea-form-link" aria-label={t('ideas.formLink')} />
          <CopyButton text={link} label={`${t('control.share.personal.copy')}: ${t('ideas.formLink')}`} field={() => document.querySelector<HTMLInputElement>('[data-testid="idea-form-link"]')} />
          <div className="row">
            <a href={link} target="_blank" rel="noreferrer">{t('ideas.openForm')}</a>
            <button type="button" className="secondary" disabled={busy} onClick={() => confirm(t('ideas.confirmRotate')) && void load(true)}>
              {t('ideas.rotate')}
            </button>
          </div>
          {qr && (
            <button type="button" className="secondary" aria-expanded={showQr} onClick={() => setShowQr((shown) => !shown)} data-testid="idea-form-qr-toggle">
              {showQr ? t('ideas.hideQr') : t('ideas.showQr')}
            </button>
          )}
          {qr && showQr && (
            <figure className="idea-qr">
              <img className="qr" src={qr} alt={t('ideas.qr')} />
              <figcaption>{t('ideas.qrCaption')}</figcaption>
            </figure>
          )}
        </>
      ) : (
        <button type="button" disabled={busy} onClick={() => void load()} data-testid="idea-form-show">
          {busy && <span className="spinner" aria-hidden="true" />} {t('ideas.showForm')}
        </button>
      )}
      <h4>{t('ideas.inbox', { count: ideas.length })}</h4>
      {ideas.length === 0 && <p className="muted">{t('ideas.empty')}</p>}
      <ul className="idea-list" data-testid="idea-list">
        {ideas.map((idea) => (
          <li key={idea.id} className={`idea-item idea-${idea.status}`} data-testid="idea-item" data-status={idea.status}>
            <button type="button" className="link" onClick={() => show(idea)}>
              {idea.title || t('ideas.untitled')}
            </button>
            <span className="muted">
              {t(`ideas.status.${idea.status}`)}
              {idea.status === 'merged' && idea.mergedInto && ` → ${ideas.find((i) => i.id === idea.mergedInto)?.title ?? '?'}`}
              {idea.place && ` · ${idea.place}`}
            </span>
            {contacts[idea.id] && <span className="muted">{t('ideas.contact', { contact: contacts[idea.id] })}</span>}
            <div className="row">
              {IDEA_ACTIONS[idea.status]
                .filter((status) => status !== 'merged')
                .map((status) => (
                  <button key={status} type="button" className="secondary" onClick={() => setStatus(idea, status)} data-testid={`idea-${status}`}>
                    {t(`ideas.action.${status}`)}
                  </button>
                ))}
              {IDEA_ACTIONS[idea.status].includes('merged') && ideas.length > 1 && (
                <select value="" onChange={(e) => e.target.value && setStatus(idea, 'merged', e.target.value)} aria-label={t('ideas.mergeInto')} data-testid="idea-merge">
                  <option value="">{t('ideas.mergeInto')}</option>
                  {ideas
                    .filter((other) => other.id !== idea.id && other.status !== 'merged' && other.status !== 'rejected')
                    .map((other) => (
                      <option key={other.id} value={other.id}>
                        {other.title || t('ideas.untitled')}
                      </option>
                    ))}
                </select>
              )}
            </div>
          </li>
        ))}
      </ul>
      {error && <p className="error" role="alert">{error}</p>}
    </section>
  );
}
