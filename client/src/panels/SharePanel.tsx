import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { rebaseLink } from '../../../shared/protocol/link-origin';
import { CopyButton } from './CopyButton';
import { LocalLinkWarning } from './LocalLinkWarning';
import './share.css';
import { PersonalLinks } from './PersonalLinks';
import { qrDataUrl } from './qr';

type LinkRole = 'participant' | 'observer';
const LINKS_KEY = (boardId: string) => `warsztat.links.${boardId}`;

/** Remembers the links shown at creation, so the facilitator can share them again. */
export function rememberLinks(boardId: string, links: Partial<Record<string, string>>): void {
  localStorage.setItem(LINKS_KEY(boardId), JSON.stringify(links));
}

/** Remembers one role's new link (after it was replaced elsewhere, e.g. in the remove dialog). */
export function rememberLink(boardId: string, role: LinkRole, link: string): void {
  rememberLinks(boardId, { ...knownLinks(boardId), [role]: link });
}

/** Drops the links kept for a board (the lobby forgets a board) and returns them, for undo. */
export function forgetLinks(boardId: string): Partial<Record<string, string>> {
  const links = knownLinks(boardId);
  localStorage.removeItem(LINKS_KEY(boardId));
  return links;
}

function knownLinks(boardId: string): Partial<Record<LinkRole, string>> {
  try {
    return JSON.parse(localStorage.getItem(LINKS_KEY(boardId)) ?? '{}') as Partial<Record<LinkRole, string>>;
  } catch {
    return {};
  }
}

/**
 * The participant link as text and QR code; a new link can replace an old one. Below, the
 * personal links. `version` changes when links may have changed elsewhere (remove dialog).
 */
export function SharePanel({ boardId, token, version = 0 }: { boardId: string; token: string; version?: number }) {
  const { t } = useTranslation();
  const [kept, setLinks] = useState(() => knownLinks(boardId));
  useEffect(() => setLinks(knownLinks(boardId)), [boardId, version]);
  // Where the server hands out links now: links kept from before a restart with another
  // HOST or PUBLIC_URL are shown at the new address (same token).
  const [linkBase, setLinkBase] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    fetch(`/api/boards/${encodeURIComponent(boardId)}`, { headers: { authorization: `Bearer ${token}` } })
      .then((res) => (res.ok ? (res.json() as Promise<{ linkBase?: string }>) : ({} as { linkBase?: string })))
      .then((body) => live && body.linkBase && setLinkBase(body.linkBase))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [boardId, token]);
  const links = useMemo(() => {
    if (!linkBase) return kept;
    return Object.fromEntries(Object.entries(kept).map(([role, link]) => [role, link && rebaseLink(link, linkBase)])) as typeof kept;
  }, [kept, linkBase]);
  const [qr, setQr] = useState<string | null>(null);
  const [busy, setBusy] = useState<LinkRole | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (links.participant) void qrDataUrl(links.participant, 200).then(setQr, () => setQr(null));
  }, [links.participant]);

  const rotate = async (role: LinkRole) => {
    // Replacing a link always asks first, and says who loses access: also when this device
    // never knew the link (it was made elsewhere), since people may be using it now.
    if (!confirm(t('control.share.confirmRotate', { role: t(`lobby.role.${role}`) }))) return;
    setBusy(role);
    setError(null);
    try {
      const res = await fetch(`/api/boards/${encodeURIComponent(boardId)}/links/${role}/rotate`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
      const body = (await res.json()) as { link?: string; error?: string };
      if (!res.ok || !body.link) throw new Error(body.error ?? String(res.status));
      const next = { ...links, [role]: body.link };
      rememberLinks(boardId, { ...knownLinks(boardId), ...next });
      setLinks(next);
    } catch (e) {
      setError(t('errors.generic', { message: (e as Error).message }));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="panel-section">
      <h3>{t('control.share.title')}</h3>
      <LocalLinkWarning link={links.participant ?? links.observer} />
      {(['participant', 'observer'] as const).map((role) => (
        <div key={role} className="share-row">
          <strong>{t(`lobby.role.${role}`)}</strong>
          {links[role] ? <input readOnly value={links[role]} onFocus={(e) => e.target.select()} data-testid={`share-${role}`} /> : <span className="muted">{t('control.share.unknown')}</span>}
          {links[role] && <CopyButton text={links[role]} label={`${t('control.share.personal.copy')}: ${t(`lobby.role.${role}`)}`} field={() => document.querySelector<HTMLInputElement>(`[data-testid="share-${role}"]`)} />}
          <button type="button" className="secondary" disabled={busy !== null} onClick={() => void rotate(role)}>
            {busy === role && <span className="spinner" aria-hidden="true" />} {t('control.share.rotate')}
          </button>
        </div>
      ))}
      {qr && (
        <figure className="share-qr">
          <img className="qr" src={qr} alt={t('control.share.qr')} data-testid="share-qr" />
          <figcaption className="muted small">{t('share.qrHint')}</figcaption>
        </figure>
      )}
      {error && <p className="error">{error}</p>}
      <PersonalLinks boardId={boardId} token={token} version={version} />
    </section>
  );
}
