import { resolvedWords, wordsT } from '../i18n';
import type { Locale } from '../schema/doc';

/** Every word the exported report, tables and summary use, in both board languages (shared/i18n/<locale>/report.json). */
export const REPORT_LABELS = { pl: resolvedWords('pl', 'report'), en: resolvedWords('en', 'report') } as const;

export type ReportLabels = (typeof REPORT_LABELS)[Locale];

/** The language tag of a board's documents (DOCX and PDF language, number and date formats). */
export const LANGUAGE_TAG = { pl: 'pl-PL', en: 'en-GB' } as const satisfies Record<Locale, string>;

/** A number as written in the board's language: 4,5 in Polish, 4.5 in English (tables in documents; spreadsheets keep numbers). */
/** One number format per locale: making an Intl.NumberFormat costs far more than using it (a big report formats thousands of numbers). */
const numberFormats = new Map<Locale, Intl.NumberFormat>();

export function formatNumber(value: number, locale: Locale): string {
  let format = numberFormats.get(locale);
  if (!format) numberFormats.set(locale, (format = new Intl.NumberFormat(LANGUAGE_TAG[locale], { maximumFractionDigits: 2, useGrouping: false })));
  return format.format(value);
}

/** A date (and time) as written in the board's language, in Polish time: the workshops are in Poland. */
export function formatDate(ms: number, locale: Locale, withTime = false): string {
  const options: Intl.DateTimeFormatOptions = { timeZone: 'Europe/Warsaw', year: 'numeric', month: '2-digit', day: '2-digit' };
  if (withTime) Object.assign(options, { hour: '2-digit', minute: '2-digit', hour12: false });
  return new Intl.DateTimeFormat(LANGUAGE_TAG[locale], options).format(new Date(ms));
}

/** The stakeholder chart's words (shared/picture/stakeholder-chart.ts) in the board's language. */
export function chartWords(locale: Locale, spread: boolean): { quadrants: Record<'manageClosely' | 'keepSatisfied' | 'keepInformed' | 'monitor', string>; influence: string; engagement: string; unscored: string; key: string; unplaced: string; zoomed: string } {
  const l = REPORT_LABELS[locale];
  return { quadrants: l.quadrants, influence: l.influence, engagement: l.engagement, unscored: l.chart.unscored, key: spread ? l.chart.key : l.chart.keyNoSpread, unplaced: l.chart.unplaced, zoomed: l.chart.zoomed };
}

/** The tree pictures' words (shared/picture/tree-chart.ts) in the board's language. */
export function treeWords(locale: Locale, tree: 'problem' | 'objective'): { roles: Record<'core' | 'cause' | 'effect', string>; causes: string; effects: string; part: string } {
  const l = REPORT_LABELS[locale];
  return { roles: l.treeRoles[tree], ...l.chart.treeSides[tree], part: l.chart.part };
}

/** The SWOT and TOWS matrices' words (shared/picture/matrix-chart.ts) in the board's language. */
export function matrixWords(locale: Locale): { more(count: number): string; empty: string; votesKey: string } {
  const l = REPORT_LABELS[locale];
  const t = wordsT(locale, 'report');
  return { more: (count) => t('chart.more', { count }), empty: l.empty, votesKey: l.chart.votesKey };
}

/** The words and number format of report pictures (shared/picture/svg.ts) in the board's language. */
export function pictureWords(locale: Locale): { title: string; importance: string; state: string; empty: string; format(value: number): string } {
  const l = REPORT_LABELS[locale];
  return { title: l.ranking, importance: l.importance, state: l.state, empty: l.rankingEmpty, format: (value) => formatNumber(value, locale) };
}
