/**
 * The report's pictures stay readable at real sizes (issue #17): checked from the layouts' own
 * boxes, measured in DejaVu Sans as drawn, at 10, 40 and 500 stakeholders, a 32- and a
 * 300-node tree, and TOWS built the way the board builds it.
 */
import type * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { bigBoard } from '../../bench/scenarios/report';
import { textWidth } from '../../server/export/fonts';
import { boardPngWidth } from '../../server/export/pictures';
import { pictureElements } from '../../server/export/report';
import { exportContext } from '../../server/export/source';
import type { Rect } from '../../shared/geometry/rect';
import { deleteElements } from '../../shared/ops/elements';
import { addStrategy, buildTows } from '../../shared/methods/tows-ops';
import { TOWS_REF_PREFIX } from '../../shared/methods/tows';
import { CHART, ranges, shortName, stakeholderChart, stakeholderCharts, type StakeholderChart } from '../../shared/picture/stakeholder-chart';
import { boardToSvg, READABLE_TEXT_PX } from '../../shared/picture/svg';
import type { TextBox } from '../../shared/picture/text';
import { TREE_CHART, treeCharts } from '../../shared/picture/tree-chart';
import { chartWords, REPORT_LABELS, treeWords } from '../../shared/report/labels';
import { buildReport } from '../../shared/report/model';
import type { ReportSection } from '../../shared/report/types';
import type { ControlState } from '../../shared/protocol/state';
import { readElements } from '../../shared/schema/plain';
import { realisticBoard } from '../helpers/realistic-board';

type Of<K extends ReportSection['kind']> = ReportSection & { kind: K };

function sectionOf<K extends ReportSection['kind']>(board: { doc: Y.Doc; control: ControlState }, kind: K): Of<K> {
  const report = buildReport(exportContext('t', board.doc, board.control, [], {}, 0).input);
  return report.sections.find((s): s is Of<K> => s.kind === kind)!;
}

const real = realisticBoard('pl');
const big = bigBoard();
const realRows = sectionOf(real, 'stakeholders').rows;
const bigRows = sectionOf(big, 'stakeholders').rows;

/** Boxes that share more than a hair (touching edges is fine). */
const overlap = (a: Rect, b: Rect) => Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x) > 0.5 && Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y) > 0.5;

/** Every pair of boxes that overlaps, by a sweep over x (500 labels: no quadratic blow-up needed, but cheap). */
function overlapping<T extends Rect>(boxes: readonly T[]): [T, T][] {
  const sorted = [...boxes].sort((a, b) => a.x - b.x);
  const out: [T, T][] = [];
  for (let i = 0; i < sorted.length; i++) for (let j = i + 1; j < sorted.length && sorted[j]!.x < sorted[i]!.x + sorted[i]!.w; j++) if (overlap(sorted[i]!, sorted[j]!)) out.push([sorted[i]!, sorted[j]!]);
  return out;
}

const inside = (outer: { width: number; height: number }, r: Rect) => r.x >= 0 && r.y >= 0 && r.x + r.w <= outer.width + 0.5 && r.y + r.h <= outer.height + 0.5;

function checkChart(chart: StakeholderChart): void {
  const clashes = overlapping(chart.labels).map(([a, b]) => `${a.lines.join('/')} × ${b.lines.join('/')}`);
  expect(clashes).toEqual([]);
  for (const label of chart.labels) expect(inside(chart, label), label.lines.join('/')).toBe(true);
  // No stakeholder label covers a marker: every marker stays visible.
  const markers = chart.markers.map((m) => ({ x: m.x - m.r, y: m.y - m.r, w: 2 * m.r, h: 2 * m.r }));
  for (const label of chart.labels) for (const m of markers) expect(overlap(label, m), label.lines.join('/')).toBe(false);
  // Stakeholder labels stay readable: never under 13 units of 1000 (6.4 pt across an A4 column).
  for (const label of chart.labels) expect(label.fontSize).toBeGreaterThanOrEqual(13);
}

/** The numbers a chart's labels and notes name ("1. Rada Miejska", "4, 7", "12–15"). */
function numbersNamed(charts: StakeholderChart[]): Set<number> {
  const out = new Set<number>();
  for (const chart of charts)
    for (const label of chart.labels) {
      if (label.kind !== 'stakeholder' && label.kind !== 'note') continue;
      const text = label.lines.join(' ');
      for (const m of text.matchAll(/(\d+)–(\d+)/g)) for (let n = Number(m[1]); n <= Number(m[2]); n++) out.add(n);
      for (const m of text.matchAll(/(?:^|[\s,;(])(\d+)(?=[.,;]|$|\s)/g)) out.add(Number(m[1]));
    }
  return out;
}

const words = (rows: typeof realRows) => chartWords('pl', rows.length <= CHART.spreadUpTo);

describe('stakeholder map chart', () => {
  it.each([
    ['10', realRows.slice(0, 10)],
    ['40', realRows],
    ['500', bigRows],
  ] as const)('at %s stakeholders: no two labels overlap, no label covers a marker, every stakeholder is numbered on it', (_, rows) => {
    const charts = stakeholderCharts(rows, words(rows), textWidth);
    charts.forEach(checkChart);
    const named = numbersNamed(charts);
    rows.forEach((_, i) => expect(named.has(i + 1), `number ${i + 1}`).toBe(true));
    // The quadrants are named on the whole grid.
    const quadrantNames = charts[0]!.labels.filter((l) => l.kind === 'quadrant').map((l) => l.lines[0]);
    expect(quadrantNames.sort()).toEqual(Object.values(REPORT_LABELS.pl.quadrants).sort());
  });

  it('lists unscored stakeholders apart, not as markers in a quadrant', () => {
    const unscored = realRows.map((r, i) => ({ r, n: i + 1 })).filter(({ r }) => r.quadrant === null);
    expect(unscored.length).toBeGreaterThan(0);
    const [chart] = stakeholderCharts(realRows, words(realRows), textWidth);
    const markerNumbers = new Set(chart!.markers.flatMap((m) => m.numbers));
    for (const { n } of unscored) expect(markerNumbers.has(n)).toBe(false);
    const notes = chart!.labels.filter((l) => l.kind === 'note').map((l) => l.lines.join(' ')).join(' ');
    expect(notes).toContain(`${REPORT_LABELS.pl.chart.unscored} (${unscored.length}):`);
    for (const { r, n } of unscored) expect(notes).toContain(`${n}. ${r.name.split(' ')[0]}`);
  });

  it('names stakeholders where there is room (40), and numbers them only on a crowded grid (500), drawing its quadrants larger', () => {
    const [forty] = stakeholderCharts(realRows, words(realRows), textWidth);
    const named = forty!.labels.filter((l) => l.kind === 'stakeholder' && /^\d+\. \p{L}/u.test(l.lines[0]!));
    expect(named.length).toBeGreaterThanOrEqual(20);
    const charts = stakeholderCharts(bigRows, words(bigRows), textWidth);
    expect(charts.length).toBe(5);
    expect(charts.slice(1).map((c) => c.window)).toEqual(['manageClosely', 'keepSatisfied', 'keepInformed', 'monitor']);
    for (const chart of charts.slice(1)) expect(chart.unplaced).toEqual([]);
    // One A4 page each at the column's full width: at most 0.85 as high as wide.
    for (const chart of charts) expect(chart.height / chart.width).toBeLessThanOrEqual(0.85);
  });

  it('draws the spread of several ratings as whiskers around the marker', () => {
    const chart = stakeholderChart(realRows, words(realRows), textWidth);
    const rated = chart.markers.filter((m) => m.spread);
    expect(rated.length).toBeGreaterThan(20);
    for (const m of rated) {
      expect(m.spread!.x0).toBeLessThanOrEqual(m.x);
      expect(m.spread!.x1).toBeGreaterThanOrEqual(m.x);
    }
  });

  it('shortens names between words and writes runs of numbers as ranges', () => {
    const measure = (t: string) => textWidth(t, 15, false);
    expect(shortName('Stowarzyszenie Przyjaciół Ziemi Łęczyckiej', 240, measure)).toBe('Stowarzyszenie Przyjaciół…');
    expect(shortName('Rada Miejska', 200, measure)).toBe('Rada Miejska');
    expect(measure(shortName('Brzęczyszczykiewiczowski', 60, measure))).toBeLessThanOrEqual(60);
    expect(ranges([1, 2, 3, 5, 7, 8, 10])).toBe('1–3, 5, 7, 8, 10');
  });
});

describe('tree pictures', () => {
  const trees = [
    ['32-node', sectionOf(real, 'problemTree')],
    ['300-node', sectionOf(big, 'problemTree')],
  ] as const;

  it.each(trees)('%s tree: no two nodes or labels overlap, every node is drawn, none shrunk', (_, section) => {
    const charts = treeCharts(section.items, treeWords('pl', section.tree), textWidth);
    const drawn = new Set<string>();
    for (const chart of charts) {
      const boxes = [...chart.nodes.map((n) => ({ ...n, what: n.lines.join(' ') })), ...chart.labels.map((l) => ({ ...l, what: l.lines.join(' ') }))];
      expect(overlapping(boxes).map(([a, b]) => `${a.what} × ${b.what}`)).toEqual([]);
      for (const box of boxes) expect(inside(chart, box), box.what).toBe(true);
      for (const node of chart.nodes) {
        drawn.add(node.id);
        expect(node.fontSize).toBe(TREE_CHART.font);
      }
      // Each picture fills an A4 column at full width: never scaled down below its type size.
      expect(chart.width).toBe(1000);
      expect(chart.height).toBeLessThanOrEqual(850);
    }
    for (const item of section.items) expect(drawn.has(item.id), item.text).toBe(true);
  });

  it('names the sides ("Skutki", "Przyczyny") beside the rows, never over a node, and splits a big tree into parts by branch', () => {
    const [overview, ...parts] = treeCharts(sectionOf(big, 'problemTree').items, treeWords('pl', 'problem'), textWidth);
    const sides = overview!.labels.map((l) => l.lines[0]);
    expect(sides).toEqual(['Skutki', 'Przyczyny']);
    const band = Math.max(...overview!.labels.map((l) => l.x + l.w));
    for (const node of overview!.nodes) expect(node.x).toBeGreaterThan(band);
    expect(parts.length).toBeGreaterThan(5);
    expect(parts.every((p) => p.kind === 'cause' || p.kind === 'effect')).toBe(true);
    expect(parts[0]!.labels[0]!.lines[0]).toMatch(/^Skutki – część 1\/\d+$/);
  });
});

/** Text boxes of a frame's picture, as drawn in the report (emoji named). */
function frameTexts(doc: Y.Doc, frameId: string): TextBox[] {
  const textBoxes: TextBox[] = [];
  boardToSvg(pictureElements(readElements(doc).elements, 'pl'), { frameId, pixelWidth: 1400, textBoxes });
  return textBoxes;
}

describe('TOWS picture', () => {
  it.each([
    ['realistic', () => {
      const board = realisticBoard('pl');
      // Its TOWS as the board builds it: the hand-placed one goes first.
      const { elements } = readElements(board.doc);
      const tows = elements.filter((e) => (e.type === 'frame' && e.method?.startsWith('tows')) || e.type === 'strategy').map((e) => e.id);
      deleteElements(board.doc, tows);
      return board;
    }],
    ['large', () => bigBoard()],
  ] as const)('%s board: no two labels of the TOWS matrix overlap', (_, make) => {
    const { doc, control } = make();
    const swot = readElements(doc).elements.find((e) => e.type === 'frame' && e.method === 'swot')!;
    const built = buildTows(doc, swot.id, control.rounds);
    const refs = readElements(doc).elements.filter((e) => e.id.startsWith(TOWS_REF_PREFIX));
    for (const cell of Object.values(built.cells)) {
      const mine = refs.filter((r) => r.parentId === cell);
      addStrategy(doc, cell, 'Strefa inwestycyjna przy węźle autostrady 🚗 z funduszy europejskich', mine.slice(0, 2).map((r) => r.id));
      addStrategy(doc, cell, 'Szlak turystyczny zamek – zalew', mine.slice(1, 3).map((r) => r.id));
    }
    const texts = frameTexts(doc, built.frameId);
    expect(texts.length).toBeGreaterThan(20);
    expect(overlapping(texts).map(([a, b]) => `${a.lines.join(' ')} × ${b.lines.join(' ')}`)).toEqual([]);
  });

  it('keeps a label of a long SWOT item (its emoji named) to its row, cut with "…"', () => {
    const { doc, control } = realisticBoard('pl');
    const swot = readElements(doc).elements.find((e) => e.type === 'frame' && e.method === 'swot')!;
    const built = buildTows(doc, swot.id, control.rounds);
    const texts = frameTexts(doc, built.frameId).filter((t) => /^[SWOT]\d ·/.test(t.lines[0]!));
    for (const t of texts) expect(t.h).toBeLessThanOrEqual(40);
  });
});

describe('whole-board PNG', () => {
  it('says it is an overview when its text is too small to read, and not for a frame that reads well', () => {
    const elements = pictureElements(readElements(real.doc).elements, 'pl');
    const note = REPORT_LABELS.pl.chart.overview;
    const whole = boardToSvg(elements, { pixelWidth: boardPngWidth, overviewNote: note });
    expect(whole.svg).toContain(note.split(':')[0]);
    const frame = elements.find((e) => e.type === 'frame' && e.method === 'factors')!;
    const one = boardToSvg(elements, { frameId: frame.id, pixelWidth: boardPngWidth, overviewNote: note });
    expect(one.svg).not.toContain(note.split(':')[0]);
    // The factors frame at its PNG width: its text at READABLE_TEXT_PX or more.
    expect(boardPngWidth(one.width, one.height) / one.width).toBeGreaterThanOrEqual(READABLE_TEXT_PX / 14);
  });
});
