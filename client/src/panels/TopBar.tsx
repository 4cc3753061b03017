import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionStatus } from '../sync/useBoard';
import type { Editor } from '../editor/editor';
import { useEditorState } from '../editor/hooks';
import type { Peer } from '../board/presence';
import { LanguageSwitch } from '../app/LanguageSwitch';
import { useTouch } from '../app/media';
import { Icon } from './icons';
import { useBarMenu, useFoldedBar } from './topbar-menu';

interface Props {
  editor: Editor;
  title: string;
  status: ConnectionStatus;
  role: string | null;
  me: { name: string; colour: string };
  peers: Peer[];
  onHelp: () => void;
  /** Stays in the bar when the rest folds into the menu (the timer). */
  always?: React.ReactNode;
  children?: React.ReactNode;
}

/**
 * Title, connection, who is here, undo/redo and zoom. Where it does not fit on one line (a
 * phone), everything after the title, the connection and the timer folds into a menu.
 */
export function TopBar({ editor, title, status, role, me, peers, onHelp, always, children }: Props) {
  const { t } = useTranslation();
  const scale = useEditorState(editor, (s) => s.viewport.scale);
  const readOnly = useEditorState(editor, (s) => s.readOnly);
  const bar = useRef<HTMLElement>(null);
  const menuButton = useRef<HTMLButtonElement>(null);
  const folded = useFoldedBar(bar);
  const menu = useBarMenu(folded, bar, menuButton);
  // On a touch screen the help is about taps first, so it is not called keyboard shortcuts.
  const helpLabel = t(useTouch() ? 'phone.help.title' : 'help.title');
  return (
    <header className={folded ? 'topbar folded' : 'topbar'} ref={bar} onKeyDown={menu.onKeyDown}>
      <a href="/" className="brand" title={t('board.back')}>
        {t('app.name')}
      </a>
      <h1 data-testid="board-title">{title || t('board.loading')}</h1>
      <span className={`connection connection-${status}`} data-testid="connection" data-status={status} title={t(`connection.${status}`)}>
        <span className="connection-label">{t(`connection.short.${status}`)}</span>
      </span>
      {always}
      {folded && (
        <button type="button" ref={menuButton} className="icon-button topbar-more" aria-expanded={menu.open} aria-controls="topbar-menu" onClick={menu.toggle} data-testid="topbar-more">
          <Icon name="menu" />
          <span className="topbar-more-label">{t('phone.menu')}</span>
        </button>
      )}
      <div id="topbar-menu" className="topbar-menu" hidden={folded && !menu.open} onClick={folded ? menu.onClick : undefined} data-testid="topbar-menu">
        {role && <span className="role-badge">{t(`lobby.role.${role}`)}</span>}
        <ul className="presence" aria-label={t('board.presenceList')} data-testid="presence" data-count={peers.length + 1}>
          <li className="avatar me" style={{ background: me.colour }} title={`${me.name} (${t('board.youShort')})`}>
            {initials(me.name)}
          </li>
          {peers.slice(0, 8).map((peer) => (
            <li key={peer.clientId} className="avatar" style={{ background: peer.colour }} title={peer.name}>
              {initials(peer.name)}
            </li>
          ))}
          {peers.length > 8 && <li className="avatar more">+{peers.length - 8}</li>}
        </ul>
        {children}
        <div className="actions">
          {!readOnly && (
            <>
              <button type="button" className="icon-button" data-keeps-menu onClick={() => editor.undo()} title={`${t('shortcuts.undo')} (Ctrl+Z)`} aria-label={t('shortcuts.undo')} data-testid="undo">
                <Icon name="undo" />
              </button>
              <button type="button" className="icon-button" data-keeps-menu onClick={() => editor.redo()} title={`${t('shortcuts.redo')} (Ctrl+Shift+Z)`} aria-label={t('shortcuts.redo')}>
                <Icon name="redo" />
              </button>
            </>
          )}
          <button type="button" className="icon-button" data-keeps-menu onClick={() => editor.zoomBy(0.8)} aria-label={t('shortcuts.zoomOut')}>
            <Icon name="minus" />
          </button>
          <span className="zoom" data-testid="zoom">{Math.round(scale * 100)}%</span>
          <button type="button" className="icon-button" data-keeps-menu onClick={() => editor.zoomBy(1.25)} aria-label={t('shortcuts.zoomIn')}>
            <Icon name="plus" />
          </button>
          <button type="button" className="icon-button" onClick={() => editor.zoomToFit()} title={`${t('shortcuts.zoomFit')} (Shift+1)`} aria-label={t('shortcuts.zoomFit')}>
            <Icon name="fit" />
          </button>
          <button type="button" className="icon-button" onClick={onHelp} title={`${helpLabel} (?)`} aria-label={helpLabel} data-testid="help-button">
            <Icon name="help" />
          </button>
          <LanguageSwitch />
        </div>
      </div>
    </header>
  );
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return (parts.length > 1 ? parts[0]![0]! + parts[1]![0]! : (parts[0] ?? '?').slice(0, 2)).toUpperCase();
}
