import { useEffect, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { Ack, Command } from '../../../shared/protocol/commands';
import { removalOutcome } from '../../../shared/protocol/personal-links';
import type { Person } from '../../../shared/protocol/state';
import { errorKey } from '../control/errors';
import { CopyButton } from './CopyButton';
import { Modal } from './Modal';
import { rememberLink } from './SharePanel';

interface Props {
  person: Person;
  boardId: string;
  token: string;
  send: (command: Command) => Promise<Ack>;
  onClose: () => void;
  /** The person is gone (and a personal link or shared link may have changed). */
  onRemoved: () => void;
}

/**
 * Keeps Tab and Shift+Tab inside the dialog holding `inside`, wrapping from its last control
 * to its first and back: the shared Modal gives the focus back on close but lets Tab walk
 * out onto the board behind it.
 */
function useTabTrap(inside: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const dialog = inside.current?.closest<HTMLElement>('[role="dialog"]');
    if (!dialog) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Tab') return;
      const controls = [...dialog.querySelectorAll<HTMLElement>('button, a[href], input, select, textarea')].filter((n) => !(n as HTMLButtonElement).disabled && n.getClientRects().length > 0);
      if (controls.length === 0) return;
      const first = controls[0]!;
      const last = controls[controls.length - 1]!;
      const at = document.activeElement;
      if (event.shiftKey && (at === first || at === dialog)) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && at === last) {
        event.preventDefault();
        first.focus();
      }
    };
    dialog.addEventListener('keydown', onKeyDown);
    return () => dialog.removeEventListener('keydown', onKeyDown);
  }, [inside]);
}

/**
 * Asks before removing someone, and says plainly whether they can come back: a personal
 * link is revoked with them; a shared link stays valid unless it is replaced, which this
 * dialog does in the same click, showing the new link to pass on.
 */
export function RemovePersonDialog({ person, boardId, token, send, onClose, onRemoved }: Props) {
  const { t } = useTranslation();
  const outcome = removalOutcome(person);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [newLink, setNewLink] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const name = person.name || '?';
  const heading = useRef<HTMLDivElement | null>(null);
  useTabTrap(heading);
  const sharedRole = outcome.kind === 'canReturn' ? t(`lobby.role.${outcome.sharedLink}`) : '';

  const remove = async (replace: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const ack = await send({ type: 'person.remove', sessionId: person.sessionId });
      if (!ack.ok) throw new Error(t(errorKey(ack.error) ?? 'control.refused', { reason: ack.error }));
      setDone(true);
      onRemoved();
      const role = outcome.kind === 'canReturn' && outcome.replaceable ? outcome.sharedLink : null;
      if (replace && role && role !== 'facilitator') {
        const res = await fetch(`/api/boards/${encodeURIComponent(boardId)}/links/${role}/rotate`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
        const body = (await res.json()) as { link?: string; error?: string };
        if (!res.ok || !body.link) throw new Error(t('errors.generic', { message: body.error ?? String(res.status) }));
        rememberLink(boardId, role, body.link);
        setNewLink(body.link);
        onRemoved();
      }
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal onClose={onClose} labelledBy="remove-person-title" testId="remove-person-dialog" className="remove-person-dialog">
      {/* Once done, the heading says so (announced: the dialog keeps the focus). */}
      <div aria-live="polite" ref={heading}>
        <h2 id="remove-person-title">{done ? t('control.people.dialog.done', { name }) : t('control.people.dialog.title', { name })}</h2>
      </div>
      {!done && (
        <>
          {outcome.kind === 'linkRevoked' ? (
            <p data-testid="remove-outcome">{t('control.people.dialog.personal', { name })}</p>
          ) : (
            <>
              <p data-testid="remove-outcome">{t('control.people.dialog.shared', { name, role: sharedRole })}</p>
              <p className="muted">{outcome.replaceable ? t('control.people.dialog.replaceNote') : t('control.people.dialog.sharedFacilitator')}</p>
            </>
          )}
          <div className="dialog-actions">
            <button type="button" className="danger" disabled={busy} onClick={() => void remove(false)} data-testid="remove-confirm">
              {t('control.people.dialog.remove')}
            </button>
            {outcome.kind === 'canReturn' && outcome.replaceable && (
              <button type="button" className="danger" disabled={busy} onClick={() => void remove(true)} data-testid="remove-and-replace">
                {t('control.people.dialog.removeAndReplace')}
              </button>
            )}
            <button type="button" className="secondary" onClick={onClose}>
              {t('control.people.dialog.cancel')}
            </button>
          </div>
        </>
      )}
      {done && (
        <>
          {newLink && (
            <div className="share-row" data-testid="replaced-link">
              <span>{t('control.people.dialog.newLink', { role: sharedRole })}</span>
              <input readOnly value={newLink} onFocus={(e) => e.target.select()} aria-label={t('control.people.dialog.newLink', { role: sharedRole })} data-testid="replaced-link-url" />
              <CopyButton text={newLink} label={t('control.share.personal.copy')} />
            </div>
          )}
          <div className="dialog-actions">
            <button type="button" disabled={busy} onClick={onClose} data-testid="remove-close">
              {t('control.people.dialog.close')}
            </button>
          </div>
        </>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </Modal>
  );
}
