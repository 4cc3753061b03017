/**
 * Problem and objectives trees in a report as pictures that stay readable at any size
 * (issue #17): an overview in the method's own shape (effects above the core, causes below,
 * "Skutki"/"Przyczyny" in a column of their own beside the rows, never over a node), then the
 * branches drawn left to right, at most LEAVES_PER_PART rows and MAX_COLUMNS levels a picture:
 * a bigger branch is split between its children, each part naming the way down to it. Never
 * shrunk: every node keeps the same type size, however large the tree. Pure layout, all boxes
 * in the result.
 */
import type { Rect } from '../geometry/rect';
import type { TreeNodeRole } from '../schema/elements';
import type { OutlineItem } from '../report/types';
import { shortName, type ChartLabel, type Measure } from './stakeholder-chart';
import { fitLines, textWidth, wrapText } from './text';

export interface TreeWords {
  roles: Record<TreeNodeRole, string>;
  /** "Przyczyny" / "Skutki" (or their objectives-tree names). */
  causes: string;
  effects: string;
  /** "część": a part of a split picture. */
  part: string;
}

/** A node as drawn: its box, its wrapped lines and how many nodes below it another part shows. */
export interface TreeChartNode extends Rect {
  id: string;
  role: TreeNodeRole;
  lines: string[];
  fontSize: number;
  bold: boolean;
}

export interface TreeChart {
  width: number;
  height: number;
  /** "overview", or the side a part of branches belongs to. */
  kind: 'overview' | 'cause' | 'effect';
  nodes: TreeChartNode[];
  /** Band names, part titles, the way down to a part. */
  labels: ChartLabel[];
  /** Lines joining nodes, as polylines (x, y pairs). */
  links: number[][];
}

export const TREE_CHART = { width: 1000, font: 14, lineHeight: 16.8, padding: 5, maxLines: 3, band: 110, leavesPerPart: 11, maxColumns: 6, rowPitch: 66 } as const;

interface Branch {
  item: OutlineItem;
  children: Branch[];
}

const estimate: Measure = (text, size, bold) => textWidth(text, size, bold);

/** The outline (depth-first, with depths) back as a forest. */
export function forestOf(items: readonly OutlineItem[]): Branch[] {
  const roots: Branch[] = [];
  const stack: Branch[] = [];
  for (const item of items) {
    const branch: Branch = { item, children: [] };
    stack.length = Math.min(stack.length, item.depth);
    const parent = stack[stack.length - 1];
    if (parent && item.depth > 0) parent.children.push(branch);
    else roots.push(branch);
    stack.push(branch);
  }
  return roots;
}

function leaves(b: Branch): number {
  return b.children.length === 0 ? 1 : b.children.reduce((n, c) => n + leaves(c), 0);
}

function height(b: Branch): number {
  return 1 + Math.max(0, ...b.children.map(height));
}

function count(b: Branch): number {
  return b.children.reduce((n, c) => n + 1 + count(c), 0);
}

/** The pictures of one tree section: an overview per core, then its branches in parts. */
export function treeCharts(items: readonly OutlineItem[], words: TreeWords, measure: Measure = estimate): TreeChart[] {
  const forest = forestOf(items);
  const charts: TreeChart[] = [];
  const parts: { side: 'cause' | 'effect'; path: Branch[]; units: Branch[] }[] = [];
  for (const root of forest) {
    if (root.item.role === 'core') {
      charts.push(overview(root, words, measure));
      for (const side of ['effect', 'cause'] as const) {
        const units: { path: Branch[]; unit: Branch }[] = [];
        for (const child of root.children.filter((c) => (side === 'effect') === (c.item.role === 'effect'))) collect(child, [root], units);
        if (units.some((u) => u.unit.children.length > 0 || u.path.length > 1)) pack(units, side, parts);
      }
    } else {
      // A node hanging from nothing: a branch of its own side.
      const units: { path: Branch[]; unit: Branch }[] = [];
      collect(root, [], units);
      pack(units, root.item.role === 'effect' ? 'effect' : 'cause', parts);
    }
  }
  const totals = { cause: parts.filter((p) => p.side === 'cause').length, effect: parts.filter((p) => p.side === 'effect').length };
  const seen = { cause: 0, effect: 0 };
  for (const part of parts) charts.push(partChart(part, ++seen[part.side], totals[part.side], words, measure));
  return charts;
}

/** Branches small enough for one part are units; a bigger one gives its children instead. */
function collect(b: Branch, path: Branch[], out: { path: Branch[]; unit: Branch }[]): void {
  if ((leaves(b) <= TREE_CHART.leavesPerPart && height(b) < TREE_CHART.maxColumns) || b.children.length === 0) out.push({ path, unit: b });
  else for (const c of b.children) collect(c, [...path, b], out);
}

/** Consecutive units under the same node go into one part while they fit. */
function pack(units: { path: Branch[]; unit: Branch }[], side: 'cause' | 'effect', parts: { side: 'cause' | 'effect'; path: Branch[]; units: Branch[] }[]): void {
  let current: { side: 'cause' | 'effect'; path: Branch[]; units: Branch[] } | null = null;
  let rows = 0;
  for (const { path, unit } of units) {
    const n = leaves(unit);
    if (!current || current.path[current.path.length - 1] !== path[path.length - 1] || rows + n > TREE_CHART.leavesPerPart) {
      current = { side, path, units: [] };
      parts.push(current);
      rows = 0;
    }
    current.units.push(unit);
    rows += n;
  }
}

function nodeBox(item: OutlineItem, x: number, y: number, w: number, words: TreeWords, measure: Measure, more = 0): TreeChartNode {
  const { font, lineHeight, padding, maxLines } = TREE_CHART;
  const bold = item.role === 'core';
  const room = w - 2 * padding;
  const wrapped = wrapText(item.text.trim() || '…', room, font, bold, maxLines).map((l) => (measure(l, font, bold) > room ? shortName(l, room, (t) => measure(t, font, bold)) : l));
  const lines = fitLines(wrapped, maxLines * lineHeight, font);
  if (more > 0) lines.push(`(+${more})`);
  return { id: item.id, role: item.role, lines, fontSize: font, bold, x, y, w, h: lines.length * lineHeight + 2 * padding };
}

function label(kind: ChartLabel['kind'], lines: string[], x: number, y: number, size: number, bold: boolean, measure: Measure, align: ChartLabel['align'] = 'left'): ChartLabel {
  const w = Math.max(...lines.map((l) => measure(l, size, bold))) + 6;
  return { kind, lines, x: align === 'left' ? x : x - w, y, w, h: lines.length * size * 1.2 + 6, fontSize: size, bold, align, leader: null };
}

/** The core with what hangs from it directly: effects in rows above, causes in rows below. */
function overview(core: Branch, words: TreeWords, measure: Measure): TreeChart {
  const W = TREE_CHART.width;
  const left = TREE_CHART.band;
  const perRow = 5;
  const gap = 14;
  const nodeW = (W - left - 10 - (perRow - 1) * gap) / perRow;
  const nodes: TreeChartNode[] = [];
  const labels: ChartLabel[] = [];
  const links: number[][] = [];
  const effects = core.children.filter((c) => c.item.role === 'effect');
  const causes = core.children.filter((c) => c.item.role !== 'effect');
  let y = 10;
  const rowsOf = (list: Branch[]) => Array.from({ length: Math.ceil(list.length / perRow) }, (_, i) => list.slice(i * perRow, (i + 1) * perRow));
  const placeRow = (row: Branch[]) => {
    const boxes = row.map((b, i) => nodeBox(b.item, left + i * (nodeW + gap), y, nodeW, words, measure, count(b)));
    const h = Math.max(...boxes.map((b) => b.h));
    nodes.push(...boxes);
    y += h + 34;
    return boxes;
  };
  const sideBand = (name: string, top: number, bottom: number) => labels.push(label('axis', [name], 8, (top + bottom) / 2 - 12, 16, true, measure));
  const effectRows = rowsOf(effects).reverse();
  const effectTop = y;
  const effectBoxes = effectRows.map(placeRow);
  if (effectBoxes.length) sideBand(words.effects, effectTop, y - 34);
  const coreBox = nodeBox(core.item, left + (W - left - 10) / 2 - nodeW * 0.75, y, nodeW * 1.5, words, measure);
  nodes.push(coreBox);
  y += coreBox.h + 34;
  const causeTop = y;
  const causeBoxes = rowsOf(causes).map(placeRow);
  if (causeBoxes.length) sideBand(words.causes, causeTop, y - 34);
  // Each row hangs from a bus line in the gap on the core's side of it; rows further out reach it along the left margin.
  const trunk = left - 6;
  const cx = coreBox.x + coreBox.w / 2;
  effectBoxes.forEach((row, i) => {
    const bus = Math.max(...row.map((b) => b.y + b.h)) + 17;
    for (const b of row) links.push([b.x + b.w / 2, b.y + b.h, b.x + b.w / 2, bus]);
    const xs = row.map((b) => b.x + b.w / 2);
    links.push([Math.min(...xs, i === effectBoxes.length - 1 ? cx : trunk), bus, Math.max(...xs, cx), bus]);
    if (i < effectBoxes.length - 1) links.push([trunk, bus, trunk, coreBox.y - 17, cx, coreBox.y - 17]);
  });
  if (effectBoxes.length) links.push([cx, coreBox.y - 17, cx, coreBox.y]);
  causeBoxes.forEach((row, i) => {
    const bus = row[0]!.y - 17;
    for (const b of row) links.push([b.x + b.w / 2, bus, b.x + b.w / 2, b.y]);
    const xs = row.map((b) => b.x + b.w / 2);
    links.push([Math.min(...xs, i === 0 ? cx : trunk), bus, Math.max(...xs, cx), bus]);
    if (i > 0) links.push([trunk, coreBox.y + coreBox.h + 17, trunk, bus]);
  });
  if (causeBoxes.length) links.push([cx, coreBox.y + coreBox.h, cx, coreBox.y + coreBox.h + 17]);
  return { width: W, height: Math.ceil(y - 24), kind: 'overview', nodes, labels, links };
}

/** One part of a side: the node it hangs from at the left, its branches to the right, leaves one a row. */
function partChart(part: { side: 'cause' | 'effect'; path: Branch[]; units: Branch[] }, index: number, total: number, words: TreeWords, measure: Measure): TreeChart {
  const W = TREE_CHART.width;
  const labels: ChartLabel[] = [];
  const nodes: TreeChartNode[] = [];
  const links: number[][] = [];
  const side = part.side === 'cause' ? words.causes : words.effects;
  labels.push(label('axis', [total > 1 ? `${side} – ${words.part} ${index}/${total}` : side], 8, 6, 16, true, measure));
  let top = 6 + 16 * 1.2 + 6 + 4;
  const parent = part.path[part.path.length - 1];
  // The way down from the core to this part's node, above the picture.
  if (part.path.length > 1) {
    const way = part.path.slice(0, -1).map((b) => shortName(b.item.text, 220, (t) => measure(t, 13, false))).join(' › ');
    for (const l of wrapText(`${way} ›`, W - 20, 13)) {
      const crumb = label('note', [l], 8, top, 13, false, measure);
      labels.push(crumb);
      top += crumb.h;
    }
    top += 4;
  }
  const columns = Math.max(...part.units.map(height)) + (parent ? 1 : 0);
  const colW = (W - 16) / Math.max(columns, 4);
  const nodeW = colW - 26;
  const pitch = TREE_CHART.rowPitch;
  let row = 0;
  const centre = (b: Branch, depth: number): TreeChartNode => {
    let y: number;
    let kids: TreeChartNode[] = [];
    if (b.children.length === 0) y = top + row++ * pitch + pitch / 2;
    else {
      kids = b.children.map((c) => centre(c, depth + 1));
      y = (kids[0]!.y + kids[0]!.h / 2 + kids[kids.length - 1]!.y + kids[kids.length - 1]!.h / 2) / 2;
    }
    const box = nodeBox(b.item, 8 + depth * colW, 0, nodeW, words, measure);
    box.y = y - box.h / 2;
    nodes.push(box);
    elbows(box, kids, links);
    return box;
  };
  const roots = part.units.map((u) => centre(u, parent ? 1 : 0));
  if (parent) {
    const box = nodeBox(parent.item, 8, 0, nodeW, words, measure);
    const mid = (roots[0]!.y + roots[0]!.h / 2 + roots[roots.length - 1]!.y + roots[roots.length - 1]!.h / 2) / 2;
    box.y = mid - box.h / 2;
    nodes.push(box);
    elbows(box, roots, links);
  }
  const bottom = Math.max(top + row * pitch, ...nodes.map((n) => n.y + n.h));
  return { width: W, height: Math.ceil(bottom + 8), kind: part.side, nodes, labels, links };
}

/** Lines from a node's right edge to each child's left edge, through a spine between the columns. */
function elbows(from: TreeChartNode, kids: readonly TreeChartNode[], links: number[][]): void {
  if (kids.length === 0) return;
  const y = from.y + from.h / 2;
  const spine = from.x + from.w + 13;
  links.push([from.x + from.w, y, spine, y]);
  const ys = kids.map((k) => k.y + k.h / 2);
  links.push([spine, Math.min(y, ...ys), spine, Math.max(y, ...ys)]);
  for (const k of kids) links.push([spine, k.y + k.h / 2, k.x, k.y + k.h / 2]);
}
