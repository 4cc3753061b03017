import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_CONTACT_RETENTION_DAYS } from '../../../../shared/privacy/rules';
import { ClauseDetails } from '../../panels/ClauseDetails';
import { downloadName, saveBlob } from '../../panels/download';

interface Found {
  contacts: { ideaId: string; contact: string; consentText: string; consentAt: number; ideaTitle: string | null }[];
}
interface AuditEntry {
  seq: number;
  at: number;
  actor: string;
  action: string;
  detail: string;
}
interface Overview {
  retentionDays: number;
  clause: { heading: string; text: string }[];
  audit: AuditEntry[];
}

async function call(path: string, token: string, method = 'GET', body?: unknown): Promise<Response> {
  const res = await fetch(path, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
  if (!res.ok) {
    const answer = (await res.json().catch(() => ({}))) as { error?: string };
    throw new Error(answer.error ?? String(res.status));
  }
  return res;
}

/**
 * The facilitator's answer to a data-subject request (RODO, docs/privacy.md): the board's
 * contact retention, a resident's data found by contact, handed over as JSON or erased after
 * an explicit confirmation, and the log of these actions. The server does each step and logs it.
 */
export function PrivacySection({ boardId, token }: { boardId: string; token: string }) {
  const { t, i18n } = useTranslation();
  const base = `/api/boards/${encodeURIComponent(boardId)}/privacy`;
  const [overview, setOverview] = useState<Overview | null>(null);
  const [days, setDays] = useState(String(DEFAULT_CONTACT_RETENTION_DAYS));
  const [contact, setContact] = useState('');
  const [found, setFound] = useState<{ contact: string; result: Found } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const date = (at: number) => new Date(at).toLocaleString(i18n.language);

  const refresh = async () => {
    const next = (await (await call(base, token)).json()) as Overview;
    setOverview(next);
    setDays(String(next.retentionDays));
  };
  useEffect(() => {
    refresh().catch((e: unknown) => setError(t('errors.generic', { message: (e as Error).message })));
  }, [base, token]);

  const attempt = async (work: () => Promise<string | null>) => {
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      setStatus(await work());
      await refresh();
    } catch (e) {
      setError(t('errors.generic', { message: (e as Error).message }));
    } finally {
      setBusy(false);
    }
  };
  const subject = () => ({ subject: { kind: 'resident', contact: found?.contact ?? contact } });
  const saveRetention = (e: FormEvent) => {
    e.preventDefault();
    void attempt(async () => {
      await call(`${base}/retention`, token, 'PUT', { days: Number(days) });
      return t('privacy.retentionSaved', { days: Number(days) });
    });
  };
  const search = (e: FormEvent) => {
    e.preventDefault();
    if (!contact.trim()) return;
    setConfirming(false);
    void attempt(async () => {
      const result = (await (await call(`${base}/search`, token, 'POST', { subject: { kind: 'resident', contact } })).json()) as Found;
      setFound({ contact: contact.trim(), result });
      return null;
    });
  };
  const download = () =>
    void attempt(async () => {
      const res = await call(`${base}/export`, token, 'POST', subject());
      saveBlob(await res.blob(), downloadName(res.headers.get('content-disposition'), 'dane-osobowe.json'));
      return null;
    });
  const erase = () =>
    void attempt(async () => {
      const { erased } = (await (await call(`${base}/erase`, token, 'POST', { ...subject(), confirm: 'ERASE' })).json()) as { erased: number };
      setConfirming(false);
      setFound(null);
      setContact('');
      return t('privacy.erased', { count: erased });
    });

  return (
    <section className="panel-section" data-testid="privacy-section">
      <h3>{t('privacy.title')}</h3>
      <p className="muted">{t('privacy.help')}</p>
      {!overview && !error && <p className="muted">{t('privacy.loading')}</p>}
      <form className="row" onSubmit={saveRetention}>
        <label>
          {t('privacy.retention')}
          <input type="number" min={1} max={3650} required value={days} onChange={(e) => setDays(e.target.value)} data-testid="privacy-retention" />
        </label>
        <button type="submit" className="secondary" disabled={busy || !overview}>
          {t('privacy.saveRetention')}
        </button>
      </form>
      <form className="row" onSubmit={search} role="search">
        <label>
          {t('privacy.contact')}
          <input value={contact} maxLength={200} onChange={(e) => setContact(e.target.value)} data-testid="privacy-contact" />
        </label>
        <button type="submit" disabled={busy || !contact.trim()} data-testid="privacy-search">
          {busy && <span className="spinner" aria-hidden="true" />} {t('privacy.search')}
        </button>
      </form>
      {found && (
        <div data-testid="privacy-found" aria-live="polite">
          {found.result.contacts.length === 0 ? (
            <p>{t('privacy.none')}</p>
          ) : (
            <>
              <p>{t('privacy.found', { count: found.result.contacts.length })}</p>
              <ul>
                {found.result.contacts.map((c) => (
                  <li key={c.ideaId}>{t('privacy.foundItem', { title: c.ideaTitle ?? t('privacy.ideaGone'), date: date(c.consentAt) })}</li>
                ))}
              </ul>
              <div className="row">
                <button type="button" className="secondary" disabled={busy} onClick={download} data-testid="privacy-export">
                  {t('privacy.export')}
                </button>
                <button type="button" className="danger" disabled={busy || confirming} onClick={() => setConfirming(true)} data-testid="privacy-erase">
                  {t('privacy.erase')}
                </button>
              </div>
              {confirming && (
                <div className="confirm" role="alertdialog" aria-labelledby="privacy-erase-confirm">
                  <p id="privacy-erase-confirm">{t('privacy.eraseConfirm', { contact: found.contact, count: found.result.contacts.length })}</p>
                  <div className="row">
                    <button type="button" className="danger" autoFocus disabled={busy} onClick={erase} data-testid="privacy-erase-yes">
                      {t('privacy.eraseYes')}
                    </button>
                    <button type="button" className="secondary" onClick={() => setConfirming(false)}>
                      {t('privacy.cancel')}
                    </button>
                  </div>
                </div>
              )}
            </>
          )}
        </div>
      )}
      {status && (
        <p role="status" data-testid="privacy-status">
          {status}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {overview && (
        <details data-testid="privacy-audit">
          <summary>{t('privacy.audit')}</summary>
          {overview.audit.length === 0 ? (
            <p className="muted">{t('privacy.auditEmpty')}</p>
          ) : (
            <ul>
              {[...overview.audit].reverse().map((entry) => (
                <li key={entry.seq}>
                  <time dateTime={new Date(entry.at).toISOString()}>{date(entry.at)}</time> · {t(`privacy.actor.${entry.actor}`, { defaultValue: entry.actor })} · {t(`privacy.action.${entry.action}`, { defaultValue: entry.action })}
                </li>
              ))}
            </ul>
          )}
        </details>
      )}
      {overview && <ClauseDetails title={t('privacy.clause')} clause={overview.clause} />}
    </section>
  );
}
