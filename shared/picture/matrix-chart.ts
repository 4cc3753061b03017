/**
 * SWOT and TOWS in a report as the two-by-two matrix a town's plan shows (issue #17): four
 * fields, each a numbered list of its items in type that stays readable, the most-voted first
 * with their votes beside them, a TOWS strategy with the SWOT items it combines under it. Not
 * a picture of the board, where notes may lie on one another and 100 notes a quadrant shrink
 * to nothing: a field lists at most MATRIX_CHART.maxItems and says how many more the table
 * under the picture gives. 760 units wide, so that its 14-unit type prints at about 9 pt across
 * an A4 column. Pure layout, every box in the result.
 */
import type { Rect } from '../geometry/rect';
import type { Measure } from './stakeholder-chart';
import { shortName } from './stakeholder-chart';
import { textWidth, wrapText } from './text';

export interface MatrixItem {
  text: string;
  /** Votes in the last closed round, or null when no round covered the item. */
  votes: number | null;
  /** A second, smaller line: what a TOWS strategy combines. */
  detail: string | null;
}

export interface MatrixField {
  key: string;
  title: string;
  /** The field's colour (its title band). */
  fill: string;
  items: readonly MatrixItem[];
}

export interface MatrixWords {
  /** "+ 12 more – in the table below". */
  more(count: number): string;
  empty: string;
  /** Under the matrix when votes are shown: what the numbers in circles are. */
  votesKey: string;
}

export interface MatrixLabel extends Rect {
  kind: 'title' | 'number' | 'item' | 'detail' | 'more' | 'empty' | 'key';
  lines: string[];
  fontSize: number;
  bold: boolean;
  align: 'left' | 'center' | 'right';
}

export interface MatrixChart {
  width: number;
  height: number;
  fields: { key: string; fill: string; rect: Rect; band: Rect }[];
  /** Vote counts in circles, beside their items. */
  badges: { x: number; y: number; r: number; text: string }[];
  labels: MatrixLabel[];
  /** Items of each field not listed (the table has them). */
  hidden: Record<string, number>;
}

export const MATRIX_CHART = { width: 760, gap: 12, pad: 10, font: 14, detailFont: 12, titleFont: 16, band: 32, maxItems: 8, maxLines: 4, detailLines: 2, numberW: 32, badgeW: 34, itemGap: 8 } as const;

const estimate: Measure = (text, size, bold) => textWidth(text, size, bold);

/** Most votes first; items no round covered keep their order, after the voted ones. */
export function byVotes<T extends { votes: number | null }>(items: readonly T[]): T[] {
  return items.map((item, i) => ({ item, i })).sort((a, b) => (b.item.votes ?? -1) - (a.item.votes ?? -1) || a.i - b.i).map(({ item }) => item);
}

/** Lines of `text` at most `width` wide, at most `max` of them, the last cut with "…" when more would follow. */
function linesOf(text: string, width: number, size: number, max: number, measure: Measure): string[] {
  const wrapped = wrapText(text.replace(/\s+/g, ' ').trim() || '…', width, size, false, max).map((l) => (measure(l, size, false) > width ? shortName(l, width, (t) => measure(t, size, false)) : l));
  if (wrapped.length <= max) return wrapped;
  const kept = wrapped.slice(0, max);
  kept[max - 1] = shortName(`${kept[max - 1]} …`, width, (t) => measure(t, size, false));
  return kept;
}

function label(kind: MatrixLabel['kind'], lines: string[], x: number, y: number, w: number, size: number, bold = false, align: MatrixLabel['align'] = 'left'): MatrixLabel {
  return { kind, lines, x, y, w, h: lines.length * size * 1.2 + 6, fontSize: size, bold, align };
}

/** One field's contents from its top-left corner; returns its height. */
function layField(field: MatrixField, x: number, y: number, w: number, words: MatrixWords, measure: Measure, out: MatrixChart): number {
  const C = MATRIX_CHART;
  const voted = field.items.some((item) => item.votes !== null);
  out.labels.push(label('title', [shortName(field.title, w - 2 * C.pad, (t) => measure(t, C.titleFont, true))], x + C.pad - 3, y + (C.band - C.titleFont * 1.2 - 6) / 2, w - 2 * C.pad + 6, C.titleFont, true));
  let top = y + C.band + C.pad;
  const textX = x + C.pad + C.numberW;
  const textW = w - 2 * C.pad - C.numberW - (voted ? C.badgeW : 0);
  const shown = byVotes(field.items).slice(0, C.maxItems);
  if (shown.length === 0) {
    const empty = label('empty', [words.empty], x + C.pad - 3, top, w - 2 * C.pad + 6, C.font);
    out.labels.push(empty);
    top += empty.h;
  }
  shown.forEach((item, i) => {
    const text = label('item', linesOf(item.text, textW - 6, C.font, C.maxLines, measure), textX - 3, top, textW, C.font);
    out.labels.push(label('number', [`${i + 1}.`], x + C.pad - 3, top, C.numberW, C.font, true), text);
    if (item.votes !== null) out.badges.push({ x: x + w - C.pad - C.badgeW / 2, y: top + 3 + C.font * 0.6, r: 12, text: String(item.votes) });
    top += text.h;
    if (item.detail) {
      const detail = label('detail', linesOf(item.detail, textW - 6, C.detailFont, C.detailLines, measure), textX - 3, top, textW, C.detailFont);
      out.labels.push(detail);
      top += detail.h;
    }
    top += C.itemGap;
  });
  const hidden = field.items.length - shown.length;
  out.hidden[field.key] = hidden;
  if (hidden > 0) {
    const more = label('more', linesOf(words.more(hidden), w - 2 * C.pad, C.font, 2, measure), x + C.pad - 3, top, w - 2 * C.pad + 6, C.font, true);
    out.labels.push(more);
    top += more.h;
  }
  return top + C.pad - y;
}

/** The matrix of four fields, two to a row in the order given (S W / O T, SO ST / WO WT). */
export function matrixChart(fields: readonly MatrixField[], words: MatrixWords, measure: Measure = estimate): MatrixChart {
  const C = MATRIX_CHART;
  const chart: MatrixChart = { width: C.width, height: 0, fields: [], badges: [], labels: [], hidden: {} };
  const colW = (C.width - 3 * C.gap) / 2;
  let y = C.gap;
  for (let row = 0; row < fields.length; row += 2) {
    const pair = fields.slice(row, row + 2);
    const heights = pair.map((field, col) => layField(field, C.gap + col * (colW + C.gap), y, colW, words, measure, chart));
    const h = Math.max(...heights);
    pair.forEach((field, col) => {
      const x = C.gap + col * (colW + C.gap);
      chart.fields.push({ key: field.key, fill: field.fill, rect: { x, y, w: colW, h }, band: { x, y, w: colW, h: C.band } });
    });
    y += h + C.gap;
  }
  if (chart.badges.length > 0) {
    const key = label('key', linesOf(words.votesKey, C.width - 2 * C.gap, C.detailFont, 2, measure), C.gap - 3, y, C.width - 2 * C.gap + 6, C.detailFont);
    chart.labels.push(key);
    y += key.h + C.gap;
  }
  chart.height = y;
  return chart;
}

/** Field colours, light enough for dark text. */
export const MATRIX_FILLS: Record<string, string> = {
  'swot-s': '#bbf7d0',
  'swot-w': '#fecaca',
  'swot-o': '#bfdbfe',
  'swot-t': '#fde68a',
  'tows-so': '#bbf7d0',
  'tows-st': '#bfdbfe',
  'tows-wo': '#fde68a',
  'tows-wt': '#fecaca',
};
