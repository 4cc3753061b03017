import { useTranslation } from 'react-i18next';
import { setLanguage, UI_LANGUAGES, type UiLanguage } from '../i18n';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <label className="language-switch">
      <span>{t('language.label')}</span>
      <select value={i18n.language} onChange={(e) => setLanguage(e.target.value as UiLanguage)} data-testid="language">
        {UI_LANGUAGES.map((language) => (
          <option key={language} value={language}>
            {t(`language.${language}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
