import { useTranslation } from 'react-i18next';

/** What fingers do on the board, shown first in the help on a touch screen. */
const GESTURES: [action: string, gesture: string][] = [
  ['select', 'tap'],
  ['create', 'tap'],
  ['edit', 'doubleTap'],
  ['move', 'drag'],
  ['pan', 'drag'],
  ['zoom', 'pinch'],
];

export function TouchHelp() {
  const { t } = useTranslation();
  return (
    <>
      <h3>{t('phone.help.touch')}</h3>
      <table className="shortcuts" data-testid="touch-help">
        <tbody>
          {GESTURES.map(([action, gesture]) => (
            <tr key={action}>
              <td>{t(`phone.help.${action}`)}</td>
              <td>{t(`phone.help.${gesture}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>{t('phone.help.menu')}</p>
      <h3>{t('phone.help.keys')}</h3>
    </>
  );
}
