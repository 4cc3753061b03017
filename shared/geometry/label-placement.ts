import type { Rect } from './rect';
import { shortenToWidth } from './frame-titles';

/** Something to be named on screen: a card, by its box on screen and its name. */
export interface LabelSource {
  id: string;
  text: string;
  /** Its box in screen pixels. */
  x: number;
  y: number;
  w: number;
  h: number;
}

/** One label as placed: the cards it names, its lines, its box on screen and what it points at. */
export interface PlacedLabel {
  ids: string[];
  lines: string[];
  x: number;
  y: number;
  w: number;
  h: number;
  /** The centre of the cards it names: a label moved off them is drawn with a line to it. */
  anchor: { x: number; y: number };
}

export interface LabelOptions {
  /** Width of a piece of text in screen pixels (the drawing font's). */
  measure: (text: string) => number;
  lineHeight: number;
  /** Widest a label may be, padding included. */
  maxWidth: number;
  /** Lines a label for a stack of cards may take, its "+N" line included. */
  maxLines: number;
  padding: number;
}

/** Cards overlapping by more than this share of the smaller one are a stack, named by one label. */
export const STACK_OVERLAP = 0.5;

function overlapArea(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/** Groups of cards lying mostly on top of each other (union-find over pairs), each in reading order. */
export function stacksOf(sources: readonly LabelSource[]): LabelSource[][] {
  const parent = sources.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  // Sorted by x, a card is compared only with those starting before its right edge.
  const order = sources.map((_, i) => i).sort((a, b) => sources[a]!.x - sources[b]!.x);
  for (let k = 0; k < order.length; k++) {
    const a = sources[order[k]!]!;
    for (let m = k + 1; m < order.length; m++) {
      const b = sources[order[m]!]!;
      if (b.x >= a.x + a.w) break;
      const smaller = Math.min(a.w * a.h, b.w * b.h);
      if (smaller > 0 && overlapArea(a, b) > STACK_OVERLAP * smaller) parent[find(order[k]!)] = find(order[m]!);
    }
  }
  const groups = new Map<number, LabelSource[]>();
  sources.forEach((s, i) => {
    const root = find(i);
    const group = groups.get(root);
    if (group) group.push(s);
    else groups.set(root, [s]);
  });
  return [...groups.values()].map((g) => g.sort((a, b) => a.y - b.y || a.x - b.x || a.text.localeCompare(b.text, 'pl')));
}

function boundsOf(cards: readonly LabelSource[]): Rect {
  const x = Math.min(...cards.map((c) => c.x));
  const y = Math.min(...cards.map((c) => c.y));
  return { x, y, w: Math.max(...cards.map((c) => c.x + c.w)) - x, h: Math.max(...cards.map((c) => c.y + c.h)) - y };
}

/** "+3": how many more cards a label names than it has lines for. */
const more = (count: number) => `+${count}`;

function linesFor(names: readonly string[], options: LabelOptions): string[] {
  const room = options.maxWidth - 2 * options.padding;
  const fit = (text: string) => shortenToWidth(text.trim() || '…', room, (c) => options.measure(c)) ?? '…';
  if (names.length <= options.maxLines) return names.map(fit);
  const shown = names.slice(0, options.maxLines - 1).map(fit);
  return [...shown, more(names.length - shown.length)];
}

/** Places to try for a label of size (w, h) naming cards within `box`: on them, then around them, then further out. */
function candidates(box: Rect, w: number, h: number): { x: number; y: number }[] {
  const cx = box.x + box.w / 2 - w / 2;
  const cy = box.y + box.h / 2 - h / 2;
  const out: { x: number; y: number }[] = [{ x: cx, y: cy }];
  for (const reach of [1, 2, 3]) {
    const gapX = (reach - 1) * (w + 4);
    const gapY = (reach - 1) * (h + 4);
    out.push(
      { x: cx, y: box.y - h - 2 - gapY },
      { x: cx, y: box.y + box.h + 2 + gapY },
      { x: box.x + box.w + 2 + gapX, y: cy },
      { x: box.x - w - 2 - gapX, y: cy },
      { x: box.x + box.w + 2 + gapX, y: box.y - h - 2 - gapY },
      { x: box.x - w - 2 - gapX, y: box.y + box.h + 2 + gapY },
      { x: box.x + box.w + 2 + gapX, y: box.y + box.h + 2 + gapY },
      { x: box.x - w - 2 - gapX, y: box.y - h - 2 - gapY },
    );
  }
  return out;
}

/**
 * Screen labels naming every card without two labels overlapping: cards stacked on each other
 * get one label listing them (the last line "+N" when they are more than its lines); each label
 * goes on its cards, or next to them when that place is taken; a label with no free place left
 * is counted into the nearest placed label's "+N" instead, so every card is still accounted
 * for and none is drawn over another's name. Larger stacks and then cards higher up go first.
 */
export function placeLabels(sources: readonly LabelSource[], options: LabelOptions): PlacedLabel[] {
  const stacks = stacksOf(sources).sort((a, b) => b.length - a.length || boundsOf(a).y - boundsOf(b).y || boundsOf(a).x - boundsOf(b).x);
  const placed: PlacedLabel[] = [];
  const taken = new RectGrid();
  const leftOver: { ids: string[]; anchor: { x: number; y: number } }[] = [];
  for (const stack of stacks) {
    const box = boundsOf(stack);
    const anchor = { x: box.x + box.w / 2, y: box.y + box.h / 2 };
    const lines = linesFor(stack.map((s) => s.text), options);
    // Wide enough for a "+N" of three digits, which a label may get below without growing.
    const w = Math.min(options.maxWidth, Math.max(options.measure(more(999)), ...lines.map((l) => options.measure(l))) + 2 * options.padding);
    const h = lines.length * options.lineHeight + 2 * options.padding;
    const free = candidates(box, w, h).find((c) => !taken.overlaps(c.x, c.y, w, h));
    if (free) {
      const label = { ids: stack.map((s) => s.id), lines, x: free.x, y: free.y, w, h, anchor };
      placed.push(label);
      taken.add(label);
    }
    else leftOver.push({ ids: stack.map((s) => s.id), anchor });
  }
  for (const rest of leftOver) {
    const nearest = placed.reduce<PlacedLabel | null>((best, p) => (!best || distance(p.anchor, rest.anchor) < distance(best.anchor, rest.anchor) ? p : best), null);
    if (!nearest) continue;
    nearest.ids.push(...rest.ids);
    countInto(nearest, rest.ids.length, options);
  }
  return placed;
}

/** Placed boxes by the grid cells they cover, so that a free place is checked against its neighbours only. */
export class RectGrid {
  private readonly cells = new Map<string, Rect[]>();
  constructor(private readonly size = 64) {}

  private keys(x: number, y: number, w: number, h: number): string[] {
    const keys: string[] = [];
    for (let i = Math.floor(x / this.size); i <= Math.floor((x + w) / this.size); i++) for (let j = Math.floor(y / this.size); j <= Math.floor((y + h) / this.size); j++) keys.push(`${i},${j}`);
    return keys;
  }

  add(r: Rect): void {
    for (const key of this.keys(r.x, r.y, r.w, r.h)) {
      const cell = this.cells.get(key);
      if (cell) cell.push(r);
      else this.cells.set(key, [r]);
    }
  }

  overlaps(x: number, y: number, w: number, h: number): boolean {
    for (const key of this.keys(x, y, w, h)) {
      for (const r of this.cells.get(key) ?? []) if (x < r.x + r.w && r.x < x + w && y < r.y + r.h && r.y < y + h) return true;
    }
    return false;
  }
}

const distance = (a: { x: number; y: number }, b: { x: number; y: number }) => Math.hypot(a.x - b.x, a.y - b.y);

/** Adds `count` to a label's "+N" without making it any larger, so that it still overlaps nothing. */
function countInto(label: PlacedLabel, count: number, options: LabelOptions): void {
  const last = label.lines.length - 1;
  const counted = /^\+(\d+)$/.exec(label.lines[last]!);
  if (counted) {
    label.lines[last] = more(Number(counted[1]) + count);
    return;
  }
  // A label with no "+N" line yet gets it after its last name, cut to leave room for it.
  const suffix = ` ${more(count)}`;
  const room = label.w - 2 * options.padding - options.measure(suffix);
  const name = shortenToWidth(label.lines[last]!, room, (c) => options.measure(c)) ?? '';
  label.lines[last] = `${name}${suffix}`.trim();
}
