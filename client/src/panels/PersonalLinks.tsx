import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  checkPersonalLinkName,
  MAX_PERSONAL_LINKS,
  PERSONAL_LINK_NAME_MAX,
  PERSONAL_LINK_ROLES,
  type PersonalLinkInfo,
  type PersonalLinkRole,
} from '../../../shared/protocol/personal-links';
import { CopyButton } from './CopyButton';

const KNOWN_KEY = (boardId: string) => `warsztat.personalLinks.${boardId}`;

/** Links made on this device, by id: the server shows a token only once. */
function knownLinks(boardId: string): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KNOWN_KEY(boardId)) ?? '{}');
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

function storeKnown(boardId: string, links: Record<string, string>): void {
  try {
    localStorage.setItem(KNOWN_KEY(boardId), JSON.stringify(links));
  } catch {
    // A full storage only loses the copy button on the next visit.
  }
}

/** The facilitator's named links: issue one per person, copy it, revoke it alone. */
export function PersonalLinks({ boardId, token, version }: { boardId: string; token: string; version: number }) {
  const { t } = useTranslation();
  const [links, setLinks] = useState<PersonalLinkInfo[] | null>(null);
  const [known, setKnown] = useState(() => knownLinks(boardId));
  const [name, setName] = useState('');
  const [role, setRole] = useState<PersonalLinkRole>('participant');
  const [nameError, setNameError] = useState<string | null>(null);
  const [fresh, setFresh] = useState<{ id: string; name: string; link: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const api = `/api/boards/${encodeURIComponent(boardId)}/links`;
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

  const load = useCallback(async () => {
    try {
      const res = await fetch(api, { headers: { authorization: `Bearer ${token}` } });
      const body = (await res.json()) as { links?: PersonalLinkInfo[]; error?: string };
      if (!res.ok || !body.links) throw new Error(body.error ?? String(res.status));
      setLinks(body.links);
    } catch (e) {
      setError(t('errors.generic', { message: (e as Error).message }));
    }
  }, [api, token, t]);
  // Removing someone or changing their role changes the list; the panel bumps `version` then.
  useEffect(() => void load(), [load, version]);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    const checked = checkPersonalLinkName(name);
    if (!checked.ok) return setNameError(t(`control.share.personal.nameErrors.${checked.reason}`, { max: PERSONAL_LINK_NAME_MAX }));
    setNameError(null);
    setError(null);
    setBusy('create');
    try {
      const res = await fetch(api, { method: 'POST', headers, body: JSON.stringify({ name: checked.name, role }) });
      const body = (await res.json()) as PersonalLinkInfo & { link?: string; error?: string };
      if (res.status === 409) throw new Error(t('control.share.personal.full', { max: MAX_PERSONAL_LINKS }));
      if (!res.ok || !body.link) throw new Error(body.error ?? String(res.status));
      const next = { ...knownLinks(boardId), [body.id]: body.link };
      storeKnown(boardId, next);
      setKnown(next);
      setLinks((list) => [...(list ?? []), { id: body.id, name: body.name, role: body.role, createdAt: body.createdAt }]);
      setFresh({ id: body.id, name: body.name, link: body.link });
      setName('');
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };

  const revoke = async (link: PersonalLinkInfo) => {
    if (!confirm(t('control.share.personal.confirmRevoke', { name: link.name }))) return;
    setBusy(link.id);
    setError(null);
    try {
      const res = await fetch(`${api}/${encodeURIComponent(link.id)}`, { method: 'DELETE', headers });
      if (!res.ok && res.status !== 404) throw new Error(((await res.json()) as { error?: string }).error ?? String(res.status));
      const { [link.id]: _gone, ...rest } = knownLinks(boardId);
      storeKnown(boardId, rest);
      setKnown(rest);
      setLinks((list) => (list ?? []).filter((l) => l.id !== link.id));
      if (fresh?.id === link.id) setFresh(null);
    } catch (e) {
      setError(t('errors.generic', { message: (e as Error).message }));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="personal-links" data-testid="personal-links">
      <h4 id="personal-links-title">{t('control.share.personal.title')}</h4>
      <p className="muted">{t('control.share.personal.intro')}</p>
      <form className="personal-link-form" onSubmit={(e) => void create(e)} aria-labelledby="personal-links-title" noValidate>
        <label>
          {t('control.share.personal.name')}
          <input
            value={name}
            maxLength={PERSONAL_LINK_NAME_MAX}
            onChange={(e) => setName(e.target.value)}
            placeholder={t('control.share.personal.namePlaceholder')}
            aria-invalid={nameError ? true : undefined}
            aria-describedby={nameError ? 'personal-link-name-error' : undefined}
            autoComplete="off"
            data-testid="personal-link-name"
          />
        </label>
        <label>
          {t('control.share.personal.role')}
          <select value={role} onChange={(e) => setRole(e.target.value as PersonalLinkRole)} data-testid="personal-link-role">
            {PERSONAL_LINK_ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`lobby.role.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={busy !== null} data-testid="personal-link-create">
          {busy === 'create' && <span className="spinner" aria-hidden="true" />} {t('control.share.personal.create')}
        </button>
        {nameError && (
          <p className="error" id="personal-link-name-error" role="alert">
            {nameError}
          </p>
        )}
      </form>
      {fresh && (
        <div className="share-row" data-testid="personal-link-fresh">
          <span>{t('control.share.personal.created', { name: fresh.name })}</span>
          <input readOnly value={fresh.link} onFocus={(e) => e.target.select()} aria-label={t('control.share.personal.linkFor', { name: fresh.name })} data-testid="personal-link-fresh-url" />
          <CopyButton text={fresh.link} label={t('control.share.personal.copyFor', { name: fresh.name })} />
        </div>
      )}
      {links && links.length === 0 && <p className="muted">{t('control.share.personal.empty')}</p>}
      {links && links.length > 0 && (
        <ul className="personal-link-list" aria-label={t('control.share.personal.list')}>
          {links.map((link) => (
            <li key={link.id} data-testid="personal-link">
              <span className="personal-link-who">
                <strong>{link.name}</strong> <span className="muted">{t(`lobby.role.${link.role}`)}</span>
              </span>
              {known[link.id] ? (
                <CopyButton text={known[link.id]!} label={t('control.share.personal.copyFor', { name: link.name })} />
              ) : (
                <span className="muted personal-link-unknown">{t('control.share.personal.unknownHere')}</span>
              )}
              <button type="button" className="secondary danger" disabled={busy !== null} onClick={() => void revoke(link)} aria-label={t('control.share.personal.revokeFor', { name: link.name })} data-testid="personal-link-revoke">
                {t('control.share.personal.revoke')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
