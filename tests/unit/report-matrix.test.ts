/**
 * SWOT and TOWS in the report as a matrix that stays readable (issue #17): checked from the
 * layout's own boxes, measured in DejaVu Sans as drawn, on the realistic board and on the big
 * one (100 items a quadrant).
 */
import type * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { bigBoard } from '../../bench/scenarios/report';
import { textWidth } from '../../server/export/fonts';
import { exportContext } from '../../server/export/source';
import type { Rect } from '../../shared/geometry/rect';
import { byVotes, MATRIX_CHART, MATRIX_FILLS, matrixChart, type MatrixChart, type MatrixField } from '../../shared/picture/matrix-chart';
import { matrixChartSvg } from '../../shared/picture/chart-svg';
import { matrixWords } from '../../shared/report/labels';
import { buildReport } from '../../shared/report/model';
import type { ReportSection } from '../../shared/report/types';
import type { ControlState } from '../../shared/protocol/state';
import { realisticBoard } from '../helpers/realistic-board';

type Of<K extends ReportSection['kind']> = ReportSection & { kind: K };

function sectionOf<K extends ReportSection['kind']>(board: { doc: Y.Doc; control: ControlState }, kind: K): Of<K> {
  const report = buildReport(exportContext('t', board.doc, board.control, [], {}, 0).input);
  return report.sections.find((s): s is Of<K> => s.kind === kind)!;
}

const swotFields = (s: Of<'swot'>): MatrixField[] => s.quadrants.map((q) => ({ key: q.key, title: q.label, fill: MATRIX_FILLS[q.key]!, items: q.items.map((i) => ({ text: i.text, votes: i.votes, detail: null })) }));
const towsFields = (s: Of<'tows'>): MatrixField[] => s.cells.map((c) => ({ key: c.key, title: c.label, fill: MATRIX_FILLS[c.key]!, items: c.strategies.map((st) => ({ text: st.text, votes: null, detail: `Łączy: ${st.sources.join(' · ')}` })) }));

const overlap = (a: Rect, b: Rect) => Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x) > 0.5 && Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y) > 0.5;
const within = (outer: Rect, r: Rect) => r.x >= outer.x - 0.5 && r.y >= outer.y - 0.5 && r.x + r.w <= outer.x + outer.w + 0.5 && r.y + r.h <= outer.y + outer.h + 0.5;
const measure = (text: string, size: number, bold: boolean) => textWidth(text, size, bold);

function checkMatrix(chart: MatrixChart): void {
  const boxes = [...chart.labels, ...chart.badges.map((b) => ({ x: b.x - b.r, y: b.y - b.r, w: 2 * b.r, h: 2 * b.r, lines: [b.text] }))];
  const clashes: string[] = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) if (overlap(boxes[i]!, boxes[j]!)) clashes.push(`${boxes[i]!.lines.join('/')} × ${boxes[j]!.lines.join('/')}`);
  expect(clashes).toEqual([]);
  for (const l of chart.labels) {
    // Every label inside the picture, and inside its field unless it is the key under them.
    expect(within({ x: 0, y: 0, w: chart.width, h: chart.height }, l), l.lines.join('/')).toBe(true);
    if (l.kind !== 'key') expect(chart.fields.some((f) => within(f.rect, l)), l.lines.join('/')).toBe(true);
    // No line wider than its box (the box's 3-unit padding each side).
    for (const line of l.lines) expect(measure(line, l.fontSize, l.bold), line).toBeLessThanOrEqual(l.w - 6 + 0.5);
    // Readable: nothing under 12 units of 760 (about 7.6 pt across an A4 column).
    expect(l.fontSize).toBeGreaterThanOrEqual(12);
  }
  for (let i = 0; i < chart.fields.length; i++) for (let j = i + 1; j < chart.fields.length; j++) expect(overlap(chart.fields[i]!.rect, chart.fields[j]!.rect)).toBe(false);
}

describe('SWOT and TOWS matrices', () => {
  it('lists every item of the realistic SWOT, the most-voted first with their votes, nothing overlapping', () => {
    const swot = sectionOf(realisticBoard('pl'), 'swot');
    const chart = matrixChart(swotFields(swot), matrixWords('pl'), measure);
    checkMatrix(chart);
    const items = chart.labels.filter((l) => l.kind === 'item').map((l) => l.lines.join(' '));
    expect(items).toHaveLength(swot.quadrants.reduce((n, q) => n + q.items.length, 0));
    const strengths = swot.quadrants.find((q) => q.key === 'swot-s')!;
    const voted = byVotes(strengths.items).filter((i) => i.votes !== null);
    expect(voted.length).toBeGreaterThan(1);
    expect(chart.badges.slice(0, voted.length).map((b) => b.text)).toEqual(voted.map((i) => String(i.votes)));
    expect(Object.values(chart.hidden)).toEqual([0, 0, 0, 0]);
    expect(chart.labels.some((l) => l.kind === 'key')).toBe(true);
  });

  it('shows at most maxItems a field on the big board and says how many more the table lists', () => {
    const swot = sectionOf(bigBoard(), 'swot');
    const chart = matrixChart(swotFields(swot), matrixWords('pl'), measure);
    checkMatrix(chart);
    for (const q of swot.quadrants) expect(chart.hidden[q.key]).toBe(q.items.length - MATRIX_CHART.maxItems);
    const more = chart.labels.filter((l) => l.kind === 'more').map((l) => l.lines.join(' '));
    expect(more).toEqual(swot.quadrants.map((q) => `+ ${q.items.length - MATRIX_CHART.maxItems} więcej – pełna lista w tabeli poniżej`));
    // The matrix keeps the height of about an A4 column's picture, whatever the board's size.
    expect(chart.height).toBeLessThan(720);
  });

  it('gives each TOWS strategy the SWOT items it combines, in smaller type under it', () => {
    const tows = sectionOf(realisticBoard('en'), 'tows');
    const chart = matrixChart(towsFields(tows), matrixWords('en'), measure);
    checkMatrix(chart);
    const details = chart.labels.filter((l) => l.kind === 'detail');
    expect(details).toHaveLength(tows.cells.reduce((n, c) => n + c.strategies.length, 0));
    expect(details.every((d) => d.fontSize < MATRIX_CHART.font)).toBe(true);
    expect(chart.badges).toEqual([]);
    expect(chart.labels.some((l) => l.kind === 'key')).toBe(false);
  });

  it('cuts a very long item to maxLines lines ending in "…", and says a field is empty', () => {
    const long = 'Bardzo długi opis mocnej strony gminy, który ciągnie się przez wiele zdań '.repeat(40);
    const fields: MatrixField[] = [
      { key: 'swot-s', title: 'Mocne strony', fill: MATRIX_FILLS['swot-s']!, items: [{ text: long, votes: 2, detail: null }] },
      { key: 'swot-w', title: 'Słabe strony', fill: MATRIX_FILLS['swot-w']!, items: [] },
      { key: 'swot-o', title: 'Szanse', fill: MATRIX_FILLS['swot-o']!, items: [{ text: 'Superdługiewyrazbezspacjikt'.repeat(20), votes: null, detail: null }] },
      { key: 'swot-t', title: 'Zagrożenia', fill: MATRIX_FILLS['swot-t']!, items: [] },
    ];
    const chart = matrixChart(fields, matrixWords('pl'), measure);
    checkMatrix(chart);
    const items = chart.labels.filter((l) => l.kind === 'item');
    expect(items[0]!.lines).toHaveLength(MATRIX_CHART.maxLines);
    expect(items[0]!.lines.at(-1)).toMatch(/…$/);
    expect(chart.labels.filter((l) => l.kind === 'empty').map((l) => l.lines[0])).toEqual(['Brak elementów.', 'Brak elementów.']);
    // The SVG escapes what it draws.
    expect(matrixChartSvg(matrixChart([{ ...fields[0]!, items: [{ text: '<script>&', votes: 1, detail: null }] }], matrixWords('pl'), measure))).toContain('&lt;script&gt;&amp;');
  });
});
