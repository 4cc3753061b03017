/**
 * The stakeholder map of a report as a chart people read (issue #17): a marker per scored
 * stakeholder at its influence/engagement (0–10), whiskers for the spread of the ratings,
 * quadrant names in bands no marker reaches, short labels placed where they cover nothing
 * (numbers, as in the report's table, where a name does not fit), and unscored stakeholders
 * listed below the chart instead of stacked in a quadrant. Pure layout: every box it draws is
 * in the result, so a test can check that no two overlap.
 */
import { RectGrid } from '../geometry/label-placement';
import type { Rect } from '../geometry/rect';
import { QUADRANT_THRESHOLD, type StakeholderQuadrant } from '../methods/scores';
import type { StakeholderRow } from '../report/types';
import { textWidth, wrapText } from './text';

/** Width of a piece of text at a font size, in the picture's units (the drawing font's). */
export type Measure = (text: string, fontSize: number, bold: boolean) => number;

/** The chart's words in the board's language and its number format. */
export interface ChartWords {
  quadrants: Record<StakeholderQuadrant, string>;
  influence: string;
  engagement: string;
  /** "Bez oceny": the heading of the list of unscored stakeholders. */
  unscored: string;
  /** What the numbers and whiskers mean. */
  key: string;
  /** Before the numbers that found no place on the chart. */
  unplaced: string;
  /** Said instead when the quadrants follow drawn larger. */
  zoomed: string;
}

/** Sizes of the chart, in its own units (1000 wide: an A4 page's text width, so 15 units ≈ 7.4 pt). */
export const CHART = {
  width: 1000,
  plotHeight: 640,
  /** A quadrant drawn larger: lower, so that two fit an A4 page. */
  zoomPlotHeight: 560,
  font: 15,
  line: 18,
  padding: 3,
  markerRadius: 7,
  /** Up to this many scored stakeholders a label may carry a name; above, numbers only. */
  namesUpTo: 60,
  /** Up to this many scored stakeholders the spread of their ratings is drawn. */
  spreadUpTo: 80,
  nameWidth: 190,
  numbersWidth: 130,
} as const;

/** Value range of the axes: room beyond 0–10 for the markers and (vertically) the quadrants' names. */
const X_RANGE = [-0.5, 10.5] as const;
const Y_RANGE = [-1.3, 11.3] as const;

export const QUADRANT_COLOURS: Record<StakeholderQuadrant, { fill: string; marker: string }> = {
  manageClosely: { fill: '#fee2e2', marker: '#b91c1c' },
  keepSatisfied: { fill: '#fef3c7', marker: '#b45309' },
  keepInformed: { fill: '#dcfce7', marker: '#15803d' },
  monitor: { fill: '#f1f5f9', marker: '#475569' },
};

/** One marker: a stakeholder, or several at (nearly) the same place. */
export interface ChartMarker {
  numbers: number[];
  x: number;
  y: number;
  r: number;
  quadrant: StakeholderQuadrant;
  /** Whiskers of one standard deviation of the ratings, in picture units. */
  spread: { x0: number; x1: number; y0: number; y1: number } | null;
}

/** A piece of text with the box it takes (its background included). */
export interface ChartLabel extends Rect {
  kind: 'quadrant' | 'axis' | 'tick' | 'stakeholder' | 'note';
  lines: string[];
  fontSize: number;
  bold: boolean;
  align: 'left' | 'center' | 'right';
  /** For a stakeholder label placed away from its marker: where the leader line goes. */
  leader: { x: number; y: number } | null;
}

export interface StakeholderChart {
  width: number;
  height: number;
  plot: Rect;
  quadrants: { key: StakeholderQuadrant; rect: Rect }[];
  /** The lines at the threshold score, in picture units. */
  threshold: { x: number; y: number };
  ticks: { x: number[]; y: number[] };
  markers: ChartMarker[];
  labels: ChartLabel[];
  /** The quadrant drawn larger, or null for the whole grid. */
  window: StakeholderQuadrant | null;
  /** Numbers whose label found no free place (listed under the chart, or on the quadrants' charts). */
  unplaced: number[];
}

interface Point {
  number: number;
  name: string;
  influence: number;
  engagement: number;
  row: StakeholderRow;
}

const estimate: Measure = (text, size, bold) => textWidth(text, size, bold);

/** A name cut after its last whole word that fits (or, a first word too long, after its letters), with "…". */
export function shortName(name: string, width: number, measure: (text: string) => number): string {
  const clean = name.replace(/\s+/g, ' ').trim() || '…';
  if (measure(clean) <= width) return clean;
  const words = clean.split(' ');
  let kept = '';
  for (const word of words) {
    const next = kept ? `${kept} ${word}` : word;
    if (measure(`${next}…`) > width) break;
    kept = next;
  }
  if (kept) return `${kept.replace(/[\s,;:–-]+$/, '')}…`;
  let letters = '';
  for (const c of clean) {
    if (measure(`${letters}${c}…`) > width) break;
    letters += c;
  }
  return `${letters}…`;
}

/** The score a stakeholder is drawn at: the agreed one, else the ratings' mean (as its quadrant). */
function scoreOf(agreed: number | null, mean: number | undefined): number | null {
  return agreed ?? mean ?? null;
}

/** Lays the chart out for the rows of a report's stakeholder section (numbered 1… in their order). */
/** A part of the grid to draw larger: one quadrant of a crowded chart. */
export interface ChartWindow {
  quadrant: StakeholderQuadrant;
}

const LOW: readonly [number, number] = [-0.5, 5.5];
const HIGH: readonly [number, number] = [4.5, 10.5];

/** The value ranges of a window: the quadrant's half of each axis, the name in a band on top. */
function rangesOf(window: ChartWindow | undefined): { x: readonly [number, number]; y: readonly [number, number] } {
  if (!window) return { x: X_RANGE, y: Y_RANGE };
  const q = window.quadrant;
  const x = q === 'manageClosely' || q === 'keepInformed' ? HIGH : LOW;
  const y = q === 'manageClosely' || q === 'keepSatisfied' ? HIGH : LOW;
  return { x, y: [y[0], y[1] + 0.7] };
}

/**
 * Lays the chart out for the rows of a report's stakeholder section (numbered 1… in their
 * order); with `window`, only that quadrant's stakeholders, drawn twice as large.
 */
export function stakeholderChart(rows: readonly StakeholderRow[], words: ChartWords, measure: Measure = estimate, window?: ChartWindow, zoomed = false): StakeholderChart {
  const W = CHART.width;
  const { font, padding } = CHART;
  const labels: ChartLabel[] = [];
  const width = (text: string, size: number = font, bold = false) => measure(text, size, bold);
  const text = (kind: ChartLabel['kind'], lines: string[], x: number, y: number, options: { size?: number; bold?: boolean; align?: ChartLabel['align'] } = {}): ChartLabel => {
    const size = options.size ?? font;
    const bold = options.bold ?? false;
    const w = Math.max(...lines.map((l) => width(l, size, bold))) + 2 * padding;
    const h = lines.length * size * 1.2 + 2 * padding;
    const align = options.align ?? 'left';
    const left = align === 'left' ? x : align === 'right' ? x - w : x - w / 2;
    return { kind, lines, x: left, y, w, h, fontSize: size, bold, align, leader: null };
  };

  // Axes: "Wpływ" above the plot at the left, "Zaangażowanie" under its ticks.
  const top = 30;
  const left = 44;
  const plot: Rect = { x: left, y: top, w: W - left - 10, h: window ? CHART.zoomPlotHeight : CHART.plotHeight };
  const range = rangesOf(window);
  const sx = (v: number) => plot.x + ((v - range.x[0]) / (range.x[1] - range.x[0])) * plot.w;
  const sy = (v: number) => plot.y + ((range.y[1] - v) / (range.y[1] - range.y[0])) * plot.h;
  const tickValues = window ? [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].filter((v) => v >= range.x[0] && v <= range.x[1]) : [0, 2, 4, 6, 8, 10];
  const tickValuesY = window ? [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].filter((v) => v >= range.y[0] && v <= range.y[1] - 0.7) : [0, 2, 4, 6, 8, 10];
  labels.push(text('axis', [`↑ ${words.influence}`], plot.x, 4, { bold: true, size: 16 }));
  const ticks = { x: tickValues.map(sx), y: tickValuesY.map(sy) };
  tickValues.forEach((v, i) => labels.push(text('tick', [String(v)], ticks.x[i]!, plot.y + plot.h + 2, { size: 13, align: 'center' })));
  tickValuesY.forEach((v, i) => {
    const tick = text('tick', [String(v)], plot.x - 4, 0, { size: 13, align: 'right' });
    tick.y = ticks.y[i]! - tick.h / 2;
    labels.push(tick);
  });
  const bottom = plot.y + plot.h + 2 + 13 * 1.2 + 2 * padding;
  labels.push(text('axis', [`${words.engagement} →`], plot.x + plot.w / 2, bottom + 2, { bold: true, size: 16, align: 'center' }));
  let y = bottom + 2 + 16 * 1.2 + 2 * padding + 8;

  // Quadrants: high influence at the top, high engagement to the right; names in bands above 10 and below 0.
  const threshold = { x: sx(QUADRANT_THRESHOLD), y: sy(QUADRANT_THRESHOLD) };
  const right = plot.x + plot.w;
  const lower = plot.y + plot.h;
  const tx = Math.max(plot.x, Math.min(right, threshold.x));
  const ty = Math.max(plot.y, Math.min(lower, threshold.y));
  const quadrants: StakeholderChart['quadrants'] = [
    { key: 'keepSatisfied' as const, rect: { x: plot.x, y: plot.y, w: tx - plot.x, h: ty - plot.y } },
    { key: 'manageClosely' as const, rect: { x: tx, y: plot.y, w: right - tx, h: ty - plot.y } },
    { key: 'monitor' as const, rect: { x: plot.x, y: ty, w: tx - plot.x, h: lower - ty } },
    { key: 'keepInformed' as const, rect: { x: tx, y: ty, w: right - tx, h: lower - ty } },
  ].filter((q) => q.rect.w > 0 && q.rect.h > 0);
  const bandTop = plot.y + 6;
  const bandBottom = lower - 6 - (16 * 1.2 + 2 * padding);
  if (window) labels.push(text('quadrant', [words.quadrants[window.quadrant]], plot.x + plot.w / 2, bandTop, { bold: true, size: 16, align: 'center' }));
  else
    labels.push(
      text('quadrant', [words.quadrants.keepSatisfied], plot.x + 6, bandTop, { bold: true, size: 16 }),
      text('quadrant', [words.quadrants.manageClosely], right - 6, bandTop, { bold: true, size: 16, align: 'right' }),
      text('quadrant', [words.quadrants.monitor], plot.x + 6, bandBottom, { bold: true, size: 16 }),
      text('quadrant', [words.quadrants.keepInformed], right - 6, bandBottom, { bold: true, size: 16, align: 'right' }),
    );

  const points: Point[] = [];
  const unscored: { number: number; name: string }[] = [];
  rows.forEach((row, i) => {
    const influence = scoreOf(row.influence, row.influenceRatings?.mean);
    const engagement = scoreOf(row.engagement, row.engagementRatings?.mean);
    if (influence === null || engagement === null) unscored.push({ number: i + 1, name: row.name });
    else if (!window || row.quadrant === window.quadrant) points.push({ number: i + 1, name: row.name, influence: clamp(influence), engagement: clamp(engagement), row });
  });

  const markers = groupMarkers(points, sx, sy, points.length <= CHART.spreadUpTo);
  const taken = new RectGrid(48);
  for (const label of labels) taken.add(label);
  for (const m of markers) taken.add({ x: m.x - m.r - 1, y: m.y - m.r - 1, w: 2 * m.r + 2, h: 2 * m.r + 2 });
  const inside = (r: Rect) => r.x >= plot.x + 2 && r.y >= plot.y + 2 && r.x + r.w <= right - 2 && r.y + r.h <= lower - 2;
  const names = points.length <= CHART.namesUpTo;
  const byNumber = new Map(points.map((p) => [p.number, p]));
  const unplaced: number[] = [];
  for (const marker of [...markers].sort((a, b) => a.numbers[0]! - b.numbers[0]!)) {
    const tiers: { lines: string[]; reaches: number[] }[] = [];
    const numbers = wrapText(marker.numbers.join(', '), CHART.numbersWidth, font, false);
    if (names && marker.numbers.length <= 3) {
      const named = marker.numbers.map((n) => shortName(`${n}. ${byNumber.get(n)!.name}`, CHART.nameWidth, (t) => width(t)));
      tiers.push({ lines: named, reaches: [0, 1] });
    }
    tiers.push({ lines: numbers, reaches: [0, 1, 2, 3, 4, 5] });
    let placed: ChartLabel | null = null;
    for (const tier of tiers) {
      const probe = text('stakeholder', tier.lines, 0, 0);
      for (const reach of tier.reaches) {
        const spot = candidates(marker, probe.w, probe.h, reach).find((c) => inside({ ...c, w: probe.w, h: probe.h }) && !taken.overlaps(c.x, c.y, probe.w, probe.h));
        if (spot) {
          placed = { ...probe, x: spot.x, y: spot.y, leader: reach > 0 ? { x: marker.x, y: marker.y } : null };
          break;
        }
      }
      if (placed) break;
    }
    if (placed) {
      labels.push(placed);
      taken.add(placed);
    } else unplaced.push(...marker.numbers);
  }

  // Below the chart: what the numbers mean, those without a place, then the unscored stakeholders.
  const note = (lines: string[]) => {
    for (const l of lines) {
      const label = text('note', [l], 12, y, { size: 14 });
      labels.push(label);
      y += label.h;
    }
  };
  const room = W - 24 - 2 * padding;
  note(wrapText(words.key, room, 14));
  unplaced.sort((a, b) => a - b);
  if (unplaced.length) note(wrapText(zoomed ? words.zoomed : `${words.unplaced}: ${ranges(unplaced)}`, room, 14));
  if (unscored.length && !window) {
    y += 4;
    const list = unscored.length <= 30 ? unscored.map((u) => shortName(`${u.number}. ${u.name}`, 260, (t) => width(t, 14))).join('; ') : ranges(unscored.map((u) => u.number));
    const heading = text('note', [`${words.unscored} (${unscored.length}):`], 12, y, { size: 14, bold: true });
    labels.push(heading);
    y += heading.h;
    note(wrapText(list, room, 14));
  }
  return { width: W, height: Math.ceil(y + 8), plot, quadrants, threshold, ticks, markers, labels, unplaced, window: window?.quadrant ?? null };
}

/**
 * The charts of one stakeholder section: the whole grid, and when some labels found no room
 * there (hundreds of stakeholders), each quadrant with stakeholders drawn twice as large.
 */
export function stakeholderCharts(rows: readonly StakeholderRow[], words: ChartWords, measure: Measure = estimate): StakeholderChart[] {
  const whole = stakeholderChart(rows, words, measure);
  if (whole.unplaced.length === 0) return [whole];
  const present = new Set(rows.map((r) => r.quadrant));
  const order: StakeholderQuadrant[] = ['manageClosely', 'keepSatisfied', 'keepInformed', 'monitor'];
  return [stakeholderChart(rows, words, measure, undefined, true), ...order.filter((q) => present.has(q)).map((quadrant) => stakeholderChart(rows, words, measure, { quadrant }))];
}

const clamp = (v: number) => Math.max(0, Math.min(10, v));

/** "1–4, 7, 9–10": numbers in order, runs joined. */
export function ranges(numbers: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < numbers.length; ) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j]! + 1) j++;
    parts.push(j === i ? String(numbers[i]) : j === i + 1 ? `${numbers[i]}, ${numbers[j]}` : `${numbers[i]}–${numbers[j]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

/**
 * Markers in table order; a stakeholder within 1.5 marker radii of an earlier marker's centre
 * joins it (people often score the same 5/5), so markers never hide each other.
 */
function groupMarkers(points: readonly Point[], sx: (v: number) => number, sy: (v: number) => number, spread: boolean): ChartMarker[] {
  const r = CHART.markerRadius;
  const join = 1.5 * r;
  const cells = new Map<string, ChartMarker[]>();
  const key = (x: number, y: number) => `${Math.floor(x / join)},${Math.floor(y / join)}`;
  const markers: ChartMarker[] = [];
  for (const p of points) {
    const x = sx(p.engagement);
    const y = sy(p.influence);
    let near: ChartMarker | undefined;
    const cx = Math.floor(x / join);
    const cy = Math.floor(y / join);
    for (let i = cx - 1; i <= cx + 1 && !near; i++) for (let j = cy - 1; j <= cy + 1 && !near; j++) near = cells.get(`${i},${j}`)?.find((m) => Math.hypot(m.x - x, m.y - y) < join);
    if (near) {
      near.numbers.push(p.number);
      near.r = Math.min(2 * r, r + 1.5 * Math.sqrt(near.numbers.length - 1));
      near.spread = null;
      continue;
    }
    const ir = p.row.influenceRatings;
    const er = p.row.engagementRatings;
    const whiskers = spread && p.row.ratings >= 2 && ir && er && (ir.spread > 0 || er.spread > 0) ? { x0: sx(clamp(p.engagement - er.spread)), x1: sx(clamp(p.engagement + er.spread)), y0: sy(clamp(p.influence + ir.spread)), y1: sy(clamp(p.influence - ir.spread)) } : null;
    const marker: ChartMarker = { numbers: [p.number], x, y, r, quadrant: p.row.quadrant ?? 'monitor', spread: whiskers };
    markers.push(marker);
    const k = key(x, y);
    const cell = cells.get(k);
    if (cell) cell.push(marker);
    else cells.set(k, [marker]);
  }
  return markers;
}

/** Places for a label of size (w, h) about a marker: beside it, then `reach` steps further out. */
function candidates(m: ChartMarker, w: number, h: number, reach: number): { x: number; y: number }[] {
  const gap = m.r + 3 + reach * 16;
  const d = (m.r + 2) * 0.7 + reach * 12;
  return [
    { x: m.x + gap, y: m.y - h / 2 },
    { x: m.x - gap - w, y: m.y - h / 2 },
    { x: m.x + d, y: m.y - d - h },
    { x: m.x + d, y: m.y + d },
    { x: m.x - d - w, y: m.y - d - h },
    { x: m.x - d - w, y: m.y + d },
    { x: m.x - w / 2, y: m.y - gap - h },
    { x: m.x - w / 2, y: m.y + gap },
    { x: m.x + gap, y: m.y - h + 4 },
    { x: m.x + gap, y: m.y - 4 },
    { x: m.x - gap - w, y: m.y - h + 4 },
    { x: m.x - gap - w, y: m.y - 4 },
  ];
}
