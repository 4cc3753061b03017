import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Import a list of stakeholders from CSV or XLSX: the file goes to the server, which writes
 * the cards into the map for everyone. The server's reason is shown when it refuses.
 */
export function ImportButton({ boardId, token }: { boardId: string; token: string }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const upload = async (file: File) => {
    setBusy(true);
    setMessage(null);
    try {
      const res = await fetch(`/api/boards/${encodeURIComponent(boardId)}/stakeholders/import`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': file.type || 'application/octet-stream' },
        body: file,
      });
      const body = (await res.json().catch(() => ({}))) as { created?: number; error?: string };
      if (res.ok) setMessage({ ok: true, text: t('stakeholders.import.done', { count: body.created ?? 0 }) });
      else if (res.status === 413) setMessage({ ok: false, text: t('stakeholders.import.tooLarge') });
      else setMessage({ ok: false, text: t('stakeholders.import.failed', { reason: body.error ?? res.statusText }) });
    } catch {
      setMessage({ ok: false, text: t('control.errors.offline') });
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <div className="import">
      <button type="button" className="secondary" disabled={busy} onClick={() => input.current?.click()} data-testid="stakeholder-import">
        {busy && <span className="spinner" aria-hidden="true" />} {t('stakeholders.import.button')}
      </button>
      <input
        ref={input}
        type="file"
        hidden
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void upload(file);
        }}
        data-testid="stakeholder-import-file"
      />
      <p className="muted small">{t('stakeholders.import.hint')}</p>
      {message && (
        <p className={message.ok ? 'muted' : 'error'} role={message.ok ? 'status' : 'alert'} data-testid="stakeholder-import-message">
          {message.text}
        </p>
      )}
    </div>
  );
}
