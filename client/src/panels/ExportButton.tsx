import { useTranslation } from 'react-i18next';

/** The top-bar button that opens the export dialog. */
export function ExportButton({ onClick }: { onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="icon-button" onClick={onClick} title={t('export.open')} aria-label={t('export.open')} data-testid="export-button">
      <svg width={20} height={20} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
        <path d="M12 4v11 M7 10l5 5 5-5 M5 19h14" />
      </svg>
    </button>
  );
}
