/** Measures a string's width in the document's units (the font is the caller's business). */
export type Measure = (text: string, header: boolean) => number;

/**
 * Column widths for a table `total` wide, so that no word is broken where that can be helped:
 * each column is at least as wide as its widest header word and its widest body word; when
 * those do not all fit, body words wider than an equal share of the table (a link, say) may
 * break; when even that does not fit, only the header words are kept whole; when even those do
 * not fit, columns shrink in proportion and the renderer breaks words as before. The room left
 * goes to the columns whose text would otherwise wrap most, up to what they need on one line.
 */
export function columnWidths(columns: readonly string[], rows: readonly (readonly string[])[], total: number, measure: Measure, padding: number): number[] {
  const count = columns.length;
  if (count === 0) return [];
  const share = total / count;
  const headerMin = new Array<number>(count).fill(0);
  const bodyMin = new Array<number>(count).fill(0);
  const bodyCapped = new Array<number>(count).fill(0);
  const natural = new Array<number>(count).fill(0);
  const widestWord = (text: string, header: boolean) => Math.max(0, ...text.split(/\s+/).filter(Boolean).map((word) => measure(word, header)));
  columns.forEach((text, i) => {
    headerMin[i] = widestWord(text, true);
    natural[i] = Math.min(measure(text, true), total);
  });
  for (const row of rows) {
    row.forEach((text, i) => {
      if (i >= count) return;
      const word = widestWord(text, false);
      bodyMin[i] = Math.max(bodyMin[i]!, word);
      bodyCapped[i] = Math.max(bodyCapped[i]!, Math.min(word, share));
      natural[i] = Math.max(natural[i]!, Math.min(measure(text, false), total));
    });
  }
  const extra = 2 * padding + 1;
  const sum = (widths: readonly number[]) => widths.reduce((a, b) => a + b, 0);
  let least = headerMin.map((w, i) => Math.max(w, bodyMin[i]!) + extra);
  if (sum(least) > total) least = headerMin.map((w, i) => Math.max(w, bodyCapped[i]!) + extra);
  if (sum(least) > total) least = headerMin.map((w) => w + extra);
  if (sum(least) >= total) return least.map((w) => (w * total) / sum(least));
  // Room left: to the columns short of one line, in proportion to how short they are.
  let room = total - sum(least);
  const shortBy = natural.map((w, i) => Math.max(0, w + extra - least[i]!));
  const sumShort = sum(shortBy);
  const widths = [...least];
  if (sumShort > 0) {
    const part = Math.min(1, room / sumShort);
    shortBy.forEach((s, i) => (widths[i]! += s * part));
    room -= Math.min(room, sumShort);
  }
  // Whatever is still left widens every column alike (the table fills the page's width).
  return widths.map((w) => w + room / count);
}
