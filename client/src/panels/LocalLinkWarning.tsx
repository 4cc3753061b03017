import { useTranslation } from 'react-i18next';
import './share.css';
import { isLocalOnlyLink } from '../../../shared/protocol/link-origin';

/**
 * Said where links are handed out when they point to this computer (127.0.0.1, localhost):
 * no phone or other computer can open them, and the server's settings decide that.
 */
export function LocalLinkWarning({ link }: { link: string | undefined }) {
  const { t } = useTranslation();
  if (!link || !isLocalOnlyLink(link)) return null;
  return (
    <div className="notice local-link-warning" role="note" data-testid="local-link-warning">
      <p>
        <strong>{t('share.localOnly.title')}</strong> {t('share.localOnly.why', { host: new URL(link).host })}
      </p>
      <p>{t('share.localOnly.how')}</p>
    </div>
  );
}
