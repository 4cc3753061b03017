import { useTranslation } from 'react-i18next';
import { SHORTCUTS } from '../board/shortcuts';
import { TREE_SHORTCUTS } from '../methods/tree/tree-shortcuts';
import { useTouch } from '../app/media';
import { Modal } from './Modal';
import { TouchHelp } from './TouchHelp';
import { StatementLink } from '../statement/StatementLink';

/** Every keyboard shortcut, from the same table that handles them. */
export function HelpPanel({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const touch = useTouch();
  return (
    <Modal onClose={onClose} labelledBy="help-title" testId="help-panel">
      <h2 id="help-title">{t(touch ? 'phone.help.title' : 'help.title')}</h2>
      {touch && <TouchHelp />}
      <table className="shortcuts">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.action}>
              <td>{t(s.label ?? `shortcuts.${s.action}`, s.values)}</td>
              <td>
                <kbd>{s.keysText ? t(`keyboard.keys.${s.keysText}`) : s.keys}</kbd>
              </td>
            </tr>
          ))}
          <tr>
            <td>{t('keyboard.shortcuts.open')}</td>
            <td>
              <kbd>Enter</kbd> / {t('help.doubleClick')}
            </td>
          </tr>
          <tr>
            <td>{t('shortcuts.zoomWheel')}</td>
            <td>
              <kbd>Ctrl + {t('help.wheel')}</kbd>
            </td>
          </tr>
        </tbody>
      </table>
      <h3>{t('tree.keys.title')}</h3>
      <table className="shortcuts" data-testid="tree-shortcuts">
        <tbody>
          {TREE_SHORTCUTS.map((s) => (
            <tr key={s.action}>
              <td>{t(`tree.keys.${s.action}`)}</td>
              <td>
                <kbd>{s.keys}</kbd>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <StatementLink />
      </p>
      <button type="button" onClick={onClose} autoFocus>
        {t('help.close')}
      </button>
    </Modal>
  );
}
