import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadName, saveBlob } from './download';
import { ExportProgressView } from './ExportProgress';
import { downloadExport, type ExportProgress } from './export-download';
import { Modal } from './Modal';
import type { Editor } from '../editor/editor';

import { CSV_DIALECT_NAMES, OFFERED_FORMATS, TABLE_NAMES, type CsvDialect, type ExportFormat, type TableName } from '../../../shared/protocol/export-formats';

/** CSV separators: '' leaves it to the board's language (the server's default), else `csv=pl|en`. */
const CSV_DIALECTS: readonly ('' | CsvDialect)[] = ['', ...CSV_DIALECT_NAMES];

/** Export: pick a format and (optionally) one frame; the file downloads when ready. */
export function ExportDialog({ editor, boardId, token, onClose }: { editor: Editor; boardId: string; token: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [format, setFormat] = useState<ExportFormat>('docx');
  const [frameId, setFrameId] = useState('');
  const [table, setTable] = useState<TableName>('stakeholders');
  const [csvDialect, setCsvDialect] = useState<'' | CsvDialect>('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  /** Progress shows once an export has taken a second (quick ones just download). */
  const [slow, setSlow] = useState(false);
  const controller = useRef<AbortController | null>(null);
  useEffect(() => {
    if (!busy) {
      setSlow(false);
      return;
    }
    const timer = setTimeout(() => setSlow(true), 1000);
    return () => clearTimeout(timer);
  }, [busy]);
  useEffect(() => () => controller.current?.abort(), []);
  const frames = useMemo(
    () => editor.store.ordered().flatMap((e) => (e.type === 'frame' ? [{ id: e.id, title: e.title || t(`export.methods.${e.method ?? 'frame'}`) }] : [])).sort((a, b) => a.title.localeCompare(b.title)),
    [editor, t],
  );

  const download = async () => {
    setBusy(true);
    setError(null);
    controller.current = new AbortController();
    const query = new URLSearchParams({ format });
    if (frameId) query.set('frame', frameId);
    if (format === 'csv') query.set('table', table);
    if (format === 'csv' && csvDialect) query.set('csv', csvDialect);
    try {
      const res = await downloadExport({ boardId, query, token, signal: controller.current.signal, onProgress: setProgress });
      if (!res.ok) {
        const body = (await res.json().catch(() => ({}))) as { error?: string };
        throw new Error(body.error ?? String(res.status));
      }
      saveBlob(await res.blob(), downloadName(res.headers.get('content-disposition'), `board.${format}`));
      onClose();
    } catch (e) {
      if ((e as Error).name !== 'AbortError') setError(t('export.failed', { message: (e as Error).message }));
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };
  const close = () => {
    controller.current?.abort();
    onClose();
  };

  return (
    <Modal onClose={close} labelledBy="export-title" testId="export-dialog">
      <h2 id="export-title">{t('export.title')}</h2>
      <p className="muted">{t('export.intro')}</p>
      <fieldset className="export-formats" disabled={busy}>
        <legend>{t('export.format')}</legend>
        {OFFERED_FORMATS.map((f) => (
          <label key={f} className="check">
            <input type="radio" name="export-format" value={f} checked={format === f} onChange={() => setFormat(f)} data-testid={`export-format-${f}`} />
            <span>
              <strong>{t(`export.formats.${f}.name`)}</strong> <span className="muted">{t(`export.formats.${f}.hint`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <label>
        {t('export.frame')}
        <select value={frameId} onChange={(e) => setFrameId(e.target.value)} disabled={busy} data-testid="export-frame">
          <option value="">{t('export.wholeBoard')}</option>
          {frames.map((f) => (
            <option key={f.id} value={f.id}>
              {f.title}
            </option>
          ))}
        </select>
      </label>
      {format === 'csv' && (
        <label>
          {t('export.table')}
          <select value={table} onChange={(e) => setTable(e.target.value as typeof table)} disabled={busy} data-testid="export-table">
            {TABLE_NAMES.map((name) => (
              <option key={name} value={name}>
                {t(`export.tables.${name}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      {format === 'csv' && (
        <label>
          {t('report.csvDialect')}
          <select value={csvDialect} onChange={(e) => setCsvDialect(e.target.value as typeof csvDialect)} disabled={busy} data-testid="export-csv-dialect">
            {CSV_DIALECTS.map((dialect) => (
              <option key={dialect} value={dialect}>
                {t(`report.csvDialects.${dialect || 'board'}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      {busy && progress && (slow || progress.state === 'waiting') && <ExportProgressView progress={progress} />}
      {error && (
        <p className="error" role="alert" data-testid="export-error">
          {error}
        </p>
      )}
      <div className="row export-actions">
        <button type="button" className="secondary" onClick={close}>
          {t('export.cancel')}
        </button>
        <button type="button" onClick={() => void download()} disabled={busy} aria-busy={busy} data-testid="export-download">
          {busy && <span className="spinner" aria-hidden="true" />} {busy ? t('export.working') : t('export.download')}
        </button>
      </div>
    </Modal>
  );
}
