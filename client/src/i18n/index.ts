import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { BOARD_RESOURCES } from '../../../shared/i18n';
import en from './en.json';
import pl from './pl.json';

export const UI_LANGUAGES = ['pl', 'en'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];
const STORAGE_KEY = 'warsztat.language';

/** Polish unless the person chose otherwise or their browser prefers English. */
export function initialLanguage(): UiLanguage {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved === 'pl' || saved === 'en') return saved;
  const preferred = navigator.languages?.find((l) => /^(pl|en)\b/i.test(l));
  return preferred?.toLowerCase().startsWith('en') ? 'en' : 'pl';
}

export function setLanguage(language: UiLanguage): void {
  localStorage.setItem(STORAGE_KEY, language);
  void i18next.changeLanguage(language);
  document.documentElement.lang = language;
}

void i18next.use(initReactI18next).init({
  // The board's own words (shared/i18n) are namespaces beside the interface's: the interface
  // refers to a method's or a quadrant's name there instead of spelling it a second time.
  resources: { pl: { translation: pl, ...BOARD_RESOURCES.pl }, en: { translation: en, ...BOARD_RESOURCES.en } },
  lng: initialLanguage(),
  fallbackLng: 'pl',
  interpolation: { escapeValue: false },
  showSupportNotice: false,
});
document.documentElement.lang = i18next.language;

export default i18next;
