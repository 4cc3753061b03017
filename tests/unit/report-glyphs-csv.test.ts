import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from '../../shared/report/cells';
import { mapStrings, replaceMissingGlyphs } from '../../shared/report/glyphs';
import { reportToMarkdown } from '../../shared/report/markdown';
import { buildReport } from '../../shared/report/model';
import { readMeta } from '../../shared/schema/doc';
import { readElements } from '../../shared/schema/plain';
import { reportBoard } from '../helpers/report-board';

/** A font with Latin, Polish letters, a few symbols (★ ❤ ✓) and no emoji, like DejaVu Sans. */
const covers = (cp: number) => cp < 0x2000 || cp === 0x2605 || cp === 0x2764 || cp === 0x2713;

describe('replaceMissingGlyphs', () => {
  const cases: [string, 'pl' | 'en', string][] = [
    ['Zażółć gęślą jaźń', 'pl', 'Zażółć gęślą jaźń'],
    ['Świetnie 👍', 'pl', 'Świetnie [kciuk w górę]'],
    ['Great 👍🏽', 'en', 'Great [thumbs up]'],
    ['Rower 🚲 i 🌳', 'pl', 'Rower [rower] i [drzewo]'],
    ['Serce ❤️ zostaje', 'pl', 'Serce ❤ zostaje'],
    ['★ ✓', 'pl', '★ ✓'],
    ['Flaga 🇵🇱', 'pl', 'Flaga [flaga Polski]'],
    ['Rodzina 👨‍👩‍👧', 'en', 'Rodzina [symbol U+1F468 U+1F469 U+1F467]'],
    ['🦩', 'pl', '[symbol U+1F9A9]'],
    ['', 'pl', ''],
  ];
  it.each(cases)('%s (%s)', (input, locale, expected) => {
    expect(replaceMissingGlyphs(input, covers, locale)).toBe(expected);
  });

  it('maps every string of plain data, keeping its shape and keys such as __proto__', () => {
    const data = JSON.parse('{"a":["x 🔥",{"b":"✅"}],"n":3,"z":null,"__proto__":{"c":"🔥"}}') as Record<string, unknown>;
    const out = mapStrings(data, (s) => replaceMissingGlyphs(s, covers, 'en'));
    expect(out).toEqual(JSON.parse('{"a":["x [fire]",{"b":"[check mark]"}],"n":3,"z":null,"__proto__":{"c":"[fire]"}}'));
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });
});

describe('CSV dialects', () => {
  it('Polish: semicolons and decimal commas; English: commas and dots; text still neutralised', () => {
    expect(csvField(8.6, 'pl')).toBe('8,6');
    expect(csvField(8.6, 'en')).toBe('8.6');
    expect(csvField('=1+1', 'pl')).toBe('"\'=1+1"');
    expect(toCsv(['a', 'b'], [['x', 2.5]], 'pl')).toBe('\uFEFF"a";"b"\r\n"x";2,5\r\n');
    expect(toCsv(['a', 'b'], [['x', 2.5]], 'en')).toBe('\uFEFF"a","b"\r\n"x",2.5\r\n');
  });
});

describe('Markdown numbers', () => {
  it('follow the board locale in every table (no "4.5" beside "2,4")', () => {
    const { doc, control } = reportBoard('pl');
    const md = reportToMarkdown(buildReport({ meta: readMeta(doc), elements: readElements(doc).elements, control, people: [], generatedAt: 0 }));
    expect(md).toContain('| 4,5 |');
    expect(md).not.toMatch(/\| -?\d+\.\d+ \|/);
  });
});
