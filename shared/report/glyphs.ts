import type { Locale } from '../schema/doc';

/** Whether the font draws this code point (the caller asks the font; shared/ holds no font). */
export type Covers = (codePoint: number) => boolean;

/**
 * Code points that only change how the one before them is drawn (variation selectors, the
 * zero-width joiner, emoji skin tones and tags): a font that lacks them still draws the base
 * character, so they are dropped rather than replaced.
 */
function isModifier(cp: number): boolean {
  return cp === 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0x1f3fb && cp <= 0x1f3ff) || (cp >= 0xe0020 && cp <= 0xe007f) || cp === 0x20e3;
}

/** Names of the symbols people put on workshop notes most, in both board languages. */
const NAMES: Record<string, { pl: string; en: string }> = {
  '👍': { pl: 'kciuk w górę', en: 'thumbs up' },
  '👎': { pl: 'kciuk w dół', en: 'thumbs down' },
  '👏': { pl: 'brawa', en: 'clapping hands' },
  '🙏': { pl: 'złożone dłonie', en: 'folded hands' },
  '💪': { pl: 'biceps', en: 'flexed biceps' },
  '👀': { pl: 'oczy', en: 'eyes' },
  '😀': { pl: 'uśmiech', en: 'grinning face' },
  '😃': { pl: 'uśmiech', en: 'grinning face' },
  '😄': { pl: 'uśmiech', en: 'grinning face' },
  '😊': { pl: 'uśmiech', en: 'smiling face' },
  '🙂': { pl: 'uśmiech', en: 'slightly smiling face' },
  '😉': { pl: 'oczko', en: 'winking face' },
  '😂': { pl: 'łzy śmiechu', en: 'face with tears of joy' },
  '😍': { pl: 'zachwyt', en: 'heart eyes' },
  '🤔': { pl: 'zamyślenie', en: 'thinking face' },
  '😐': { pl: 'obojętność', en: 'neutral face' },
  '😕': { pl: 'zmieszanie', en: 'confused face' },
  '😢': { pl: 'smutek', en: 'crying face' },
  '😡': { pl: 'złość', en: 'angry face' },
  '😱': { pl: 'przerażenie', en: 'screaming face' },
  '❤': { pl: 'serce', en: 'heart' },
  '💙': { pl: 'niebieskie serce', en: 'blue heart' },
  '💚': { pl: 'zielone serce', en: 'green heart' },
  '✅': { pl: 'zrobione', en: 'check mark' },
  '❌': { pl: 'krzyżyk', en: 'cross mark' },
  '❗': { pl: 'wykrzyknik', en: 'exclamation mark' },
  '❓': { pl: 'pytajnik', en: 'question mark' },
  '⚠': { pl: 'uwaga', en: 'warning' },
  '⭐': { pl: 'gwiazda', en: 'star' },
  '🌟': { pl: 'gwiazda', en: 'star' },
  '🔥': { pl: 'ogień', en: 'fire' },
  '💡': { pl: 'pomysł', en: 'light bulb' },
  '🎯': { pl: 'cel', en: 'target' },
  '🚀': { pl: 'rakieta', en: 'rocket' },
  '📌': { pl: 'pinezka', en: 'pushpin' },
  '📅': { pl: 'kalendarz', en: 'calendar' },
  '💰': { pl: 'pieniądze', en: 'money bag' },
  '🏠': { pl: 'dom', en: 'house' },
  '🏫': { pl: 'szkoła', en: 'school' },
  '🏥': { pl: 'szpital', en: 'hospital' },
  '🚲': { pl: 'rower', en: 'bicycle' },
  '🚗': { pl: 'samochód', en: 'car' },
  '🚌': { pl: 'autobus', en: 'bus' },
  '🚆': { pl: 'pociąg', en: 'train' },
  '🌳': { pl: 'drzewo', en: 'tree' },
  '🌱': { pl: 'roślina', en: 'seedling' },
  '♻': { pl: 'recykling', en: 'recycling' },
  '⚽': { pl: 'piłka', en: 'football' },
  '🎉': { pl: 'świętowanie', en: 'party popper' },
  '🇵🇱': { pl: 'flaga Polski', en: 'flag of Poland' },
  '🇪🇺': { pl: 'flaga UE', en: 'flag of the EU' },
};

const PLACEHOLDER = { pl: 'symbol', en: 'symbol' } as const;

/** Only characters below this are known to be in every font we ship (Latin, Polish letters, punctuation). */
const SURELY_COVERED = /^[\t\n\r\u0020-\u024f\u2000-\u206f\u20ac]*$/;

let segmenter: Intl.Segmenter | undefined;

/**
 * The text with every character the font cannot draw (emoji above all) replaced by its name in
 * brackets, "[kciuk w górę]", or by "[symbol U+1F9A9]" when its name is not known here, so a PDF
 * or picture never shows an empty box where the board showed a symbol. Whole emoji sequences
 * (flags, skin tones, ZWJ families) are replaced as one; modifiers after a character the font
 * draws are dropped ("❤️" keeps its text heart).
 */
export function replaceMissingGlyphs(text: string, covers: Covers, locale: Locale): string {
  if (SURELY_COVERED.test(text)) return text;
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  let out = '';
  for (const { segment } of segmenter.segment(text)) {
    const points = [...segment].map((c) => c.codePointAt(0)!);
    const base = points.filter((cp) => !isModifier(cp));
    if (base.length > 0 && base.every(covers)) {
      out += String.fromCodePoint(...base);
      continue;
    }
    if (base.length === 0 && points.every(covers)) {
      out += segment;
      continue;
    }
    const key = String.fromCodePoint(...base);
    const name = NAMES[segment]?.[locale] ?? NAMES[key]?.[locale] ?? (base.length ? NAMES[String.fromCodePoint(base[0]!)]?.[locale] : undefined);
    out += name ? `[${name}]` : base.length ? `[${PLACEHOLDER[locale]} ${base.map((cp) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`).join(' ')}]` : '';
  }
  return out;
}

/**
 * Every string inside plain data (a report model, board elements) passed through `map`; the
 * shape is kept. Identifiers are ASCII, so a glyph fallback never changes them.
 */
export function mapStrings<T>(value: T, map: (text: string) => string): T {
  if (typeof value === 'string') return map(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => mapStrings(v, map)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    // defineProperty, not assignment: a key named __proto__ stays a key (board text is untrusted).
    for (const [k, v] of Object.entries(value)) Object.defineProperty(out, k, { value: mapStrings(v, map), enumerable: true, writable: true, configurable: true });
    return out as T;
  }
  return value;
}
