import lunr from 'lunr';
import stemmerSupport from 'lunr-languages/lunr.stemmer.support.js';
import polish from 'lunr-languages/lunr.pl.js';
import { pl as isoStopWords } from 'stopwords-iso/stopwords-iso.json';

/**
 * Polish words for grouping: tokens, stop words and stems. The stemmer is lunr-languages'
 * Polish one (a light suffix stripper, lunr.pl.js); the stop words are stopwords-iso's
 * Polish list plus the few words every town idea uses and that tell ideas apart no better
 * than "i" does (WORKSHOP_STOP_WORDS). Both ship in the bundle: nothing is downloaded.
 */

stemmerSupport(lunr);
polish(lunr);
const lunrPolish = (lunr as unknown as { pl: { stemmer: (word: string) => string } }).pl;

/**
 * Words of a workshop's own register that carry no topic: ways of proposing ("proponuję",
 * "warto", "potrzebna"), and the town itself, which every idea is about. Chosen by hand for
 * this project; kept short so that topic words are never dropped.
 */
export const WORKSHOP_STOP_WORDS: readonly string[] = [
  'miasto', 'miasta', 'mieście', 'miastem', 'gmina', 'gminy', 'gminie', 'gminą',
  'pomysł', 'pomysłu', 'propozycja', 'proponuję', 'proponujemy', 'postulat', 'wniosek',
  'warto', 'należy', 'trzeba', 'potrzeba', 'potrzebny', 'potrzebna', 'potrzebne', 'brak', 'brakuje',
  'więcej', 'lepsze', 'lepszy', 'lepsza', 'nowy', 'nowa', 'nowe', 'nowych', 'dobry', 'dobra', 'dobre',
  'zrobić', 'stworzyć', 'utworzyć', 'zorganizować', 'wprowadzić', 'mieszkańców', 'mieszkańcy', 'mieszkańcom',
  'chcemy', 'chcielibyśmy', 'byłoby', 'można', 'dużo', 'mało', 'bardzo', 'np', 'itp', 'itd', 'tzw',
  'żeby', 'zamiast', 'potrzebuje', 'potrzebują', 'powinna', 'powinno', 'teraz', 'tylko', 'także', 'obok', 'wzdłuż',
];

/**
 * Where, not what: an idea card has a place field of its own, and "przy rynku" or "na
 * osiedlu" turns up in ideas of every topic, so place words would group by street.
 */
export const PLACE_STOP_WORDS: readonly string[] = [
  'ulica', 'ulicy', 'ulicę', 'ulic', 'ulicach', 'osiedle', 'osiedla', 'osiedlu', 'osiedlach', 'centrum', 'rynek', 'rynku',
  'wieś', 'wsi', 'wsiach', 'wsie', 'dzielnica', 'dzielnicy', 'okolicy', 'okolica', 'miejscu', 'miejsce', 'terenie', 'teren',
];

const STOP_WORDS: ReadonlySet<string> = new Set([...isoStopWords, ...WORKSHOP_STOP_WORDS, ...PLACE_STOP_WORDS].map((w) => w.normalize('NFC').toLowerCase()));

/** Whether a (lower-case) word carries no topic. */
export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

/** Words of a text, lower case, letters and digits only; numbers and one-letter words dropped. */
export function tokenize(text: string): string[] {
  const words = text.normalize('NFC').toLowerCase().match(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu) ?? [];
  return words.filter((w) => w.length > 1 && !/^\p{N}+$/u.test(w));
}

const FOLD: Record<string, string> = { ą: 'a', ć: 'c', ę: 'e', ł: 'l', ń: 'n', ó: 'o', ś: 's', ź: 'z', ż: 'z' };

/** Longest stem kept: a cheap cut that joins what the light stemmer leaves apart (szkoł-a, szkół). */
export const STEM_PREFIX = 6;

/**
 * A word's stem: lunr's Polish stemmer, then Polish letters folded (szkół and szkoł meet,
 * and so do words typed without diacritics) and the result cut to STEM_PREFIX letters.
 */
export function stem(word: string): string {
  const stemmed = lunrPolish.stemmer(word);
  let folded = '';
  for (const ch of stemmed) folded += FOLD[ch] ?? ch;
  return folded.slice(0, STEM_PREFIX);
}

/** A text's meaning-bearing words: each stem with the surface form it came from. */
export function terms(text: string): { stem: string; word: string }[] {
  const out: { stem: string; word: string }[] = [];
  for (const word of tokenize(text)) {
    if (isStopWord(word)) continue;
    const s = stem(word);
    if (s.length >= 2) out.push({ stem: s, word });
  }
  return out;
}
