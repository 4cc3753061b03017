import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { historyApi, type Version, type VersionPreviewData } from './api';
import { VersionPreview } from './VersionPreview';
import { Modal } from '../panels/Modal';
import './history.css';

interface Props {
  boardId: string;
  token: string;
  /** Only facilitators save and restore versions; everyone may look and download. */
  canManage: boolean;
  /** Display name recorded as the author of versions made here. */
  author: string;
  onClose: () => void;
}

type Busy = null | 'list' | 'create' | 'backup' | { preview: string } | { restore: string };

/** Version history (list, save, preview, restore with confirmation) and the JSON backup download. */
export function HistoryPanel({ boardId, token, canManage, author, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const api = useMemo(() => historyApi(boardId, token), [boardId, token]);
  const [versions, setVersions] = useState<Version[] | null>(null);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState<Busy>('list');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [preview, setPreview] = useState<VersionPreviewData | null>(null);
  const [confirming, setConfirming] = useState<Version | null>(null);

  const attempt = useCallback(
    async (what: Busy, fn: () => Promise<void>) => {
      setBusy(what);
      setError(null);
      setDone(null);
      try {
        await fn();
      } catch (e) {
        setError(t('history.failed', { message: (e as Error).message }));
      } finally {
        setBusy(null);
      }
    },
    [t],
  );
  const refresh = useCallback(() => attempt('list', async () => setVersions(await api.list())), [api, attempt]);
  useEffect(() => void refresh(), [refresh]);

  const labelOf = (version: Version) =>
    version.kind === 'phase' ? t('history.kind.phase', { name: version.name }) : version.kind === 'restore' ? t('history.kind.restore', { name: version.name }) : version.name;

  const create = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return setError(t('history.nameRequired'));
    void attempt('create', async () => {
      const version = await api.create(name.trim(), author);
      setName('');
      setDone(t('history.saved', { name: version.name }));
      setVersions(await api.list());
    });
  };
  const open = (version: Version) => void attempt({ preview: version.id }, async () => setPreview(await api.preview(version.id)));
  const restore = (version: Version) =>
    void attempt({ restore: version.id }, async () => {
      setConfirming(null);
      const answer = await api.restore(version.id, author);
      setDone(t('history.restored', { name: labelOf(answer.restored) }));
      setVersions(await api.list());
    });
  const isBusy = (kind: 'preview' | 'restore', id: string) => typeof busy === 'object' && busy !== null && kind in busy && (busy as Record<string, string>)[kind] === id;

  return (
    <Modal onClose={onClose} labelledBy="history-title" testId="history-panel" className="history-modal">
      <div className="history-head">
        <h2 id="history-title">{t('history.title')}</h2>
        <button type="button" onClick={onClose} autoFocus>
          {t('history.close')}
        </button>
      </div>
      <div className="history-actions">
        <button type="button" className="secondary" disabled={busy === 'backup'} onClick={() => void attempt('backup', () => api.downloadBackup())} data-testid="download-backup">
          {busy === 'backup' && <span className="spinner" aria-hidden="true" />} {t('backup.download')}
        </button>
      </div>
      {canManage && (
        <form className="history-create" onSubmit={create}>
          <input value={name} maxLength={120} onChange={(e) => setName(e.target.value)} placeholder={t('history.namePlaceholder')} aria-label={t('history.nameLabel')} data-testid="version-name" />
          <button type="submit" disabled={busy === 'create'} data-testid="save-version">
            {busy === 'create' && <span className="spinner" aria-hidden="true" />} {t('history.save')}
          </button>
        </form>
      )}
      {error && (
        <p className="error" role="alert" data-testid="history-error">
          {error}
        </p>
      )}
      {done && (
        <p className="history-done" role="status" data-testid="history-done">
          {done}
        </p>
      )}
      {versions === null ? (
        <p className="loading" aria-busy="true">
          <span className="spinner" aria-hidden="true" /> {t('history.loading')}
        </p>
      ) : versions.length === 0 ? (
        <p className="muted">{t('history.empty')}</p>
      ) : (
        <ul className="versions" data-testid="versions">
          {versions.map((version) => (
            <li key={version.id} className={`version version-${version.kind}`} data-testid="version">
              <div className="version-text">
                <strong>{labelOf(version)}</strong>
                <span className="muted">
                  {version.author || t('history.unknownAuthor')} · <time dateTime={new Date(version.createdAt).toISOString()}>{new Date(version.createdAt).toLocaleString(i18n.language)}</time>
                </span>
              </div>
              <button type="button" className="secondary" onClick={() => open(version)} disabled={isBusy('preview', version.id)} data-testid="preview-version">
                {isBusy('preview', version.id) && <span className="spinner" aria-hidden="true" />} {t('history.preview')}
              </button>
              {canManage && (
                <button type="button" className="secondary" onClick={() => setConfirming(version)} disabled={isBusy('restore', version.id)} data-testid="restore-version">
                  {isBusy('restore', version.id) && <span className="spinner" aria-hidden="true" />} {t('history.restore')}
                </button>
              )}
              {confirming?.id === version.id && (
                <div className="version-confirm" role="alertdialog" aria-label={t('history.confirmTitle')}>
                  <p>{t('history.confirm', { name: labelOf(version) })}</p>
                  <button type="button" onClick={() => restore(version)} data-testid="confirm-restore">
                    {t('history.confirmYes')}
                  </button>
                  <button type="button" className="secondary" onClick={() => setConfirming(null)}>
                    {t('history.cancel')}
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {preview && (
        <section className="history-preview">
          <div className="history-head">
            <h3>{t('history.previewOf', { name: labelOf(preview.version) })}</h3>
            <button type="button" className="secondary" onClick={() => setPreview(null)}>
              {t('history.closePreview')}
            </button>
          </div>
          <VersionPreview data={preview} />
        </section>
      )}
    </Modal>
  );
}
