import i18next, { type TFunction } from 'i18next';
import type { Locale } from '../schema/doc';
import enBoard from './en/board.json';
import enReport from './en/report.json';
import plBoard from './pl/board.json';
import plReport from './pl/report.json';

/**
 * The words that go onto a board and into its documents (templates, phase instructions,
 * report, tables, pictures), in the board's language. They are i18next namespaces like the
 * interface's own strings: the client registers them beside its `translation` namespace, so
 * a method's name or a quadrant's title is written once and the interface refers to it
 * (`$t(report:methods.swot)`) instead of spelling it again.
 */
export const BOARD_RESOURCES = {
  pl: { report: plReport, board: plBoard },
  en: { report: enReport, board: enBoard },
} as const;

export type BoardNamespace = keyof (typeof BOARD_RESOURCES)['pl'];
export const BOARD_NAMESPACES = Object.keys(BOARD_RESOURCES.pl) as BoardNamespace[];

// Its own instance, initialised synchronously: the server and the export worker need the
// words at import time, and the client's interface language must not change a report's.
const words = i18next.createInstance();
void words.init({
  resources: BOARD_RESOURCES,
  lng: 'pl',
  fallbackLng: false,
  ns: BOARD_NAMESPACES,
  defaultNS: 'report',
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
  showSupportNotice: false,
});

/** A translation function of one namespace in a board's language. */
export function wordsT(locale: Locale, namespace: BoardNamespace): TFunction {
  return words.getFixedT(locale, namespace);
}

type Resolved<T> = { readonly [K in keyof T]: T[K] extends string ? string : Resolved<T[K]> };

/**
 * A namespace as a plain object of finished strings (references to other keys resolved),
 * for code that reads words as properties. Strings with placeholders are read through
 * `wordsT` instead.
 */
export function resolvedWords<N extends BoardNamespace>(locale: Locale, namespace: N): Resolved<(typeof BOARD_RESOURCES)['pl'][N]> {
  const t = wordsT(locale, namespace);
  const walk = (node: unknown, path: string[]): unknown => {
    if (typeof node === 'string') return t(path.join('.'), { interpolation: { skipOnVariables: true } });
    return Object.fromEntries(Object.entries(node as Record<string, unknown>).map(([key, value]) => [key, walk(value, [...path, key])]));
  };
  return walk(BOARD_RESOURCES[locale][namespace], []) as Resolved<(typeof BOARD_RESOURCES)['pl'][N]>;
}
