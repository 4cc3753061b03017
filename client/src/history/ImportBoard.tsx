import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { rememberLinks } from '../panels/SharePanel';
import { ApiError, importBackup, type ImportedBoard } from './api';
import './history.css';

/** Lobby card: pick a backup file (JSON), import it as a new board and open it. */
export function ImportBoard() {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** A board whose import cut broken tree links: the person reads what changed before opening it. */
  const [repaired, setRepaired] = useState<ImportedBoard | null>(null);

  const pick = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setBusy(file.name);
    setError(null);
    setRepaired(null);
    try {
      const text = await file.text();
      try {
        JSON.parse(text);
      } catch {
        throw new Error(t('backup.notJson'));
      }
      const board = await importBackup(text);
      rememberLinks(board.id, board.links);
      if (board.repairs?.length) {
        setRepaired(board);
        setBusy(null);
      } else location.assign(board.links.facilitator);
    } catch (e) {
      const message = e instanceof ApiError && e.status === 413 ? t('backup.tooLarge') : (e as Error).message;
      setError(t('backup.importFailed', { message }));
      setBusy(null);
    }
  };

  return (
    <section className="card">
      <h2>{t('backup.importTitle')}</h2>
      <p className="muted">{t('backup.importHint')}</p>
      <div className="import-board">
        <label className={`file-button button${busy ? ' disabled' : ''}`}>
          <input type="file" accept=".json,application/json" disabled={busy !== null} onChange={(e) => void pick(e)} data-testid="import-file" />
          {t('backup.importButton')}
        </label>
        {busy && (
          <span aria-busy="true" data-testid="import-busy">
            <span className="spinner" aria-hidden="true" /> {t('backup.importing', { name: busy })}
          </span>
        )}
      </div>
      {repaired && (
        <div role="status" className="import-repairs" data-testid="import-repairs">
          <p>{t('backup.repaired')}</p>
          <ul>
            {repaired.repairs.map((repair) => (
              <li key={repair.element}>{t(`backup.repair.${repair.what}`, { text: repair.text || repair.element })}</li>
            ))}
          </ul>
          <a className="button" href={repaired.links.facilitator}>
            {t('backup.openBoard')}
          </a>
        </div>
      )}
      {error && (
        <p className="error" role="alert" data-testid="import-error">
          {error}
        </p>
      )}
    </section>
  );
}
