import { useTranslation } from 'react-i18next';
import { STATEMENT_PATH } from '../../../shared/protocol/accessibility';

/** The link every page carries to the statement. */
export function StatementLink({ className }: { className?: string }) {
  const { t } = useTranslation();
  return (
    <a className={className ?? 'statement-link'} href={STATEMENT_PATH} data-testid="statement-link">
      {t('a11y.statement.link')}
    </a>
  );
}
