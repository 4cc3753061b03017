// Only the blocks the form shows: named imports of the JSON keep the rest of the
// interface's strings out of this page's script.
import { app as appPl, errors as errorsPl, ideas as ideasPl, language as languagePl } from '../i18n/pl.json';
import { app as appEn, errors as errorsEn, ideas as ideasEn, language as languageEn } from '../i18n/en.json';

export type FormLanguage = 'pl' | 'en';
export const FORM_LANGUAGES: readonly FormLanguage[] = ['pl', 'en'];

export interface FormStrings {
  appName: string;
  form: typeof ideasPl.form;
  language: typeof languagePl;
  generic: string;
}

const STRINGS: Record<FormLanguage, FormStrings> = {
  pl: { appName: appPl.name, form: ideasPl.form, language: languagePl, generic: errorsPl.generic },
  en: { appName: appEn.name, form: ideasEn.form, language: languageEn, generic: errorsEn.generic },
};

export function stringsFor(language: FormLanguage): FormStrings {
  return STRINGS[language];
}

/** i18next's `{{name}}` placeholders, for the few strings the form fills in. */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
