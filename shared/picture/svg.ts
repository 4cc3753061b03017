import { connectorPath, elementBounds } from '../geometry/elements';
import { union, type Rect } from '../geometry/rect';
import { byZOrder } from '../schema/plain';
import type { Element, ElementOf } from '../schema/elements';
import { IMPORTANCE_COLOUR, STATE_COLOUR, factorRankingLayout } from '../methods/factor-ranking';
import { TOWS_REF_PREFIX } from '../methods/tows';
import { escapeXml, noteFontSize, num, textBlock, wrapText, type TextBlock, type TextBox } from './text';

/** The text boxes of the picture being drawn, when its caller asked for them (drawing is synchronous). */
let drawn: TextBox[] | undefined;
const tb = (min: number, block: TextBlock) => textBlock(block, min, drawn);

/** The font the pictures name; the PNG renderer loads DejaVu Sans under this name. */
export const PICTURE_FONT = 'DejaVu Sans';

export interface PictureOptions {
  /** Only this frame and what is inside it; otherwise the whole board. */
  frameId?: string;
  /** Space around the content, in board units. */
  padding?: number;
  /**
   * Width in pixels the picture will be drawn at (or how to work it out from the picture's
   * size): text smaller than MIN_TEXT_PX there is drawn as bars. Unset: all text as letters.
   */
  pixelWidth?: number | ((width: number, height: number) => number);
  /**
   * The board language's words and number format: with them the factors frame's ranking chart
   * is drawn (as on the canvas) and scores are written 4,5 in Polish; without, no chart.
   */
  words?: PictureWords;
  /** Filled with the box of every text block drawn (tests check that none overlap). */
  textBoxes?: TextBox[];
  /**
   * Said in a band across the top, in letters READABLE_TEXT_PX high, when some of the
   * picture's text is smaller than that at `pixelWidth` (a whole board in one picture).
   */
  overviewNote?: string;
}

/** Text smaller than this, in pixels of the finished picture, is not worth calling readable. */
export const READABLE_TEXT_PX = 9;

/** The ranking chart's words, in the board's language, and its number format. */
export interface PictureWords {
  title: string;
  importance: string;
  state: string;
  empty: string;
  format(value: number): string;
}


/** The factors frame's ranking chart (shared/methods/factor-ranking.ts), as the canvas draws it. */
function rankingSvg(frame: ElementOf<'frame'>, elements: readonly Element[], labels: PictureWords, min: number): string {
  const layout = factorRankingLayout(frame, elements.filter((e): e is ElementOf<'factor'> => e.type === 'factor'));
  const { x, y, labelWidth, barSpace } = layout;
  const parts = [
    rect(x, y, layout.width, layout.height, '#ffffff', `rx="8" stroke="#cbd5e1" stroke-width="1"`),
    tb(min, { text: labels.title, x: x + 16, y: y + 14, width: layout.width - 32, height: 26, fontSize: 20, fill: '#1e293b', bold: true }),
    rect(x + 16, y + 46, 12, 12, IMPORTANCE_COLOUR),
    tb(min, { text: labels.importance, x: x + 32, y: y + 45, width: 110, height: 16, fontSize: 13, fill: '#475569' }),
    rect(x + 150, y + 46, 12, 12, STATE_COLOUR),
    tb(min, { text: labels.state, x: x + 166, y: y + 45, width: Math.max(0, layout.width - 182), height: 16, fontSize: 13, fill: '#475569' }),
  ];
  if (layout.rows.length === 0) parts.push(tb(min, { text: labels.empty, x: x + 16, y: y + 80, width: layout.width - 32, height: 40, fontSize: 15, fill: '#64748b' }));
  layout.rows.forEach((row, i) => {
    const top = y + row.top;
    const importance = (barSpace * row.importance) / 5;
    const state = (barSpace * (row.state ?? 0)) / 5;
    parts.push(
      tb(min, { text: `${i + 1}. ${row.text}`, x: x + 16, y: top + 4, width: labelWidth, height: 40, fontSize: 14, fill: TEXT_COLOUR }),
      rect(x + labelWidth + 24, top + 4, importance, 18, IMPORTANCE_COLOUR, 'rx="3"'),
      tb(min, { text: labels.format(row.importance), x: x + labelWidth + 30 + importance, y: top + 6, width: 60, height: 16, fontSize: 13, fill: '#1e3a8a' }),
      rect(x + labelWidth + 24, top + 26, state, 12, STATE_COLOUR, 'rx="3"'),
      tb(min, { text: row.state === null ? '–' : labels.format(row.state), x: x + labelWidth + 30 + state, y: top + 25, width: 60, height: 16, fontSize: 12, fill: '#92400e' }),
    );
  });
  return parts.join('');
}

/** Smallest text, in pixels of the finished picture, worth drawing as letters. */
export const MIN_TEXT_PX = 5;

export interface Picture {
  svg: string;
  /** Size in board units (the SVG's width and height). */
  width: number;
  height: number;
}

/** Room above a frame for its title, drawn outside the frame as on the canvas. */
const FRAME_TITLE_SPACE = 32;
const TEXT_COLOUR = '#1f2937';

const TREE_FILLS = {
  problem: { core: '#fca5a5', cause: '#fde68a', effect: '#fed7aa' },
  objective: { core: '#86efac', cause: '#bbf7d0', effect: '#bfdbfe' },
} as const;
const IDEA_BANDS = { new: '#93c5fd', accepted: '#86efac', merged: '#c4b5fd', rejected: '#fca5a5' } as const;

function attr(value: string): string {
  return `"${escapeXml(value)}"`;
}

function rect(x: number, y: number, w: number, h: number, fill: string, extra = ''): string {
  return `<rect x="${num(x)}" y="${num(y)}" width="${num(Math.max(0, w))}" height="${num(Math.max(0, h))}" fill=${attr(fill)}${extra ? ` ${extra}` : ''}/>`;
}

function polyline(points: readonly number[], stroke: string, width: number): string {
  const pairs: string[] = [];
  for (let i = 0; i + 1 < points.length; i += 2) pairs.push(`${num(points[i]!)},${num(points[i + 1]!)}`);
  return `<polyline points="${pairs.join(' ')}" fill="none" stroke=${attr(stroke)} stroke-width="${num(width)}" stroke-linecap="round" stroke-linejoin="round"/>`;
}

/** An arrowhead at the end of a polyline, as Konva's Arrow draws it (12 long, 10 wide). */
function arrowHead(points: readonly number[], colour: string): string {
  const n = points.length;
  if (n < 4) return '';
  const [x1, y1, x2, y2] = [points[n - 4]!, points[n - 3]!, points[n - 2]!, points[n - 1]!];
  const length = Math.hypot(x2 - x1, y2 - y1);
  if (length === 0) return '';
  const ux = (x2 - x1) / length;
  const uy = (y2 - y1) / length;
  const bx = x2 - ux * 12;
  const by = y2 - uy * 12;
  const p = [x2, y2, bx - uy * 5, by + ux * 5, bx + uy * 5, by - ux * 5];
  return `<polygon points="${num(p[0]!)},${num(p[1]!)} ${num(p[2]!)},${num(p[3]!)} ${num(p[4]!)},${num(p[5]!)}" fill=${attr(colour)}/>`;
}

function card(e: { x: number; y: number; w: number; h: number }, fill: string, stroke = '#cbd5e1'): string {
  return rect(e.x, e.y + 3, e.w, e.h, '#0f172a', 'rx="6" fill-opacity="0.1"') + rect(e.x, e.y, e.w, e.h, fill, `rx="6" stroke=${attr(stroke)} stroke-width="1"`);
}

type Format = (value: number) => string;

function stakeholderSvg(e: ElementOf<'stakeholder'>, min: number, format: Format): string {
  const score = (v: number | null) => (v === null ? '–' : format(v));
  return (
    card(e, e.color, '#7dd3fc') +
    tb(min, { text: e.name, x: e.x + 10, y: e.y + 8, width: e.w - 20, height: e.h - 40, fontSize: 16, fill: TEXT_COLOUR, bold: true }) +
    tb(min, { text: e.group, x: e.x + 10, y: e.y + e.h - 44, width: e.w - 20, height: 16, fontSize: 12, fill: '#475569' }) +
    tb(min, { text: `↑ ${score(e.influence)}   → ${score(e.engagement)}`, x: e.x + 10, y: e.y + e.h - 24, width: e.w - 20, height: 16, fontSize: 13, fill: '#0f172a' })
  );
}

function factorSvg(e: ElementOf<'factor'>, min: number, format: Format): string {
  const scores = e.importance !== null ? `${format(e.importance)} / ${e.state === null ? '–' : format(e.state)}` : '';
  return (
    card(e, '#ffffff') +
    tb(min, { text: e.text, x: e.x + 12, y: e.y + 8, width: e.w - (scores ? 96 : 24), height: e.h - 16, fontSize: 16, fill: TEXT_COLOUR, verticalAlign: 'middle' }) +
    (scores ? tb(min, { text: scores, x: e.x + e.w - 84, y: e.y + 8, width: 76, height: e.h - 16, fontSize: 16, fill: '#1d4ed8', bold: true, align: 'center', verticalAlign: 'middle' }) : '')
  );
}

function ideaSvg(e: ElementOf<'idea'>, min: number): string {
  return (
    card(e, '#ffffff') +
    rect(e.x, e.y, e.w, 8, IDEA_BANDS[e.status], 'rx="3"') +
    tb(min, { text: e.title, x: e.x + 12, y: e.y + 16, width: e.w - 24, height: 40, fontSize: 16, fill: TEXT_COLOUR, bold: true }) +
    tb(min, { text: e.description, x: e.x + 12, y: e.y + 60, width: e.w - 24, height: e.h - 70, fontSize: 13, fill: '#334155' })
  );
}

function noteLike(e: { x: number; y: number; w: number; h: number; text: string }, colour: string, min: number): string {
  return (
    rect(e.x, e.y + 3, e.w, e.h, '#0f172a', 'rx="4" fill-opacity="0.12"') +
    rect(e.x, e.y, e.w, e.h, colour, 'rx="4"') +
    tb(min, { text: e.text, x: e.x + 12, y: e.y + 12, width: e.w - 24, height: e.h - 24, fontSize: noteFontSize(e.text, e.w, e.h), fill: TEXT_COLOUR, align: 'center', verticalAlign: 'middle' })
  );
}

/** One element as SVG, looking as it does on the canvas. */
function elementSvg(e: Element, lookup: (id: string) => Element | undefined, min: number, format: Format): string {
  switch (e.type) {
    case 'note':
      return noteLike(e, e.color, min);
    case 'strategy':
      return noteLike(e, e.color, min);
    case 'text':
      // A TOWS cell's label of a SWOT item keeps to its row (cut with "…"): the next label is right below.
      return tb(min, { text: e.text, x: e.x, y: e.y, width: e.w || 10_000, height: e.id.startsWith(TOWS_REF_PREFIX) && e.h > 0 ? e.h : Math.max(e.h, e.fontSize * 1.2 * 50), fontSize: e.fontSize, fill: e.color });
    case 'rect':
    case 'ellipse': {
      const paint = `stroke=${attr(e.stroke)} stroke-width="${num(e.strokeWidth)}"`;
      const shape = e.type === 'rect' ? rect(e.x, e.y, e.w, e.h, e.fill, `rx="6" ${paint}`) : `<ellipse cx="${num(e.x + e.w / 2)}" cy="${num(e.y + e.h / 2)}" rx="${num(e.w / 2)}" ry="${num(e.h / 2)}" fill=${attr(e.fill)} ${paint}/>`;
      return shape + tb(min, { text: e.text, x: e.x + 8, y: e.y + 8, width: e.w - 16, height: e.h - 16, fontSize: 18, fill: TEXT_COLOUR, align: 'center', verticalAlign: 'middle' });
    }
    case 'frame':
      return rect(e.x, e.y, e.w, e.h, e.fill, 'rx="8" stroke="#94a3b8" stroke-width="1.5"') + tb(min, { text: e.title || ' ', x: e.x, y: e.y - 26, width: Math.max(e.w, 200), height: 24, fontSize: 18, fill: '#334155', bold: true });
    case 'stroke':
      return polyline(e.points.map((v, i) => v + (i % 2 === 0 ? e.x : e.y)), e.stroke, e.strokeWidth);
    case 'connector': {
      const points = connectorPath(e, lookup);
      return polyline(points, e.stroke, e.strokeWidth) + (e.arrowEnd ? arrowHead(points, e.stroke) : '');
    }
    case 'stakeholder':
      return stakeholderSvg(e, min, format);
    case 'factor':
      return factorSvg(e, min, format);
    case 'treeNode':
      return rect(e.x, e.y, e.w, e.h, TREE_FILLS[e.tree][e.role], `rx="6" stroke="#475569" stroke-width="${e.role === 'core' ? 2.5 : 1}"`) + tb(min, { text: e.text, x: e.x + 10, y: e.y + 8, width: e.w - 20, height: e.h - 16, fontSize: 16, fill: TEXT_COLOUR, align: 'center', verticalAlign: 'middle', bold: e.role === 'core' });
    case 'idea':
      return ideaSvg(e, min);
  }
}

/** Lines joining tree nodes to the nodes they hang from (drawn under the nodes). */
function treeLinks(nodes: readonly ElementOf<'treeNode'>[], lookup: (id: string) => Element | undefined): string {
  return nodes
    .map((node) => {
      const parent = node.parentNode ? lookup(node.parentNode) : undefined;
      if (!parent || parent.type !== 'treeNode') return '';
      const [from, to] = node.role === 'effect' ? [node, parent] : [parent, node];
      // Causes hang below their parent, effects above: the line runs between facing edges.
      const top = from.y > to.y ? to : from;
      const bottom = top === from ? to : from;
      return polyline([top.x + top.w / 2, top.y + top.h, bottom.x + bottom.w / 2, bottom.y], '#64748b', 2);
    })
    .join('');
}

/** The elements a picture shows: a frame with its contents, or everything. */
function visible(elements: readonly Element[], byId: Map<string, Element>, frameId: string | undefined): Element[] {
  if (frameId === undefined) return [...elements];
  const inside = (e: Element) => {
    const seen = new Set<string>();
    for (let p = e.parentId; p !== null && !seen.has(p); p = byId.get(p)?.parentId ?? null) {
      if (p === frameId) return true;
      seen.add(p);
    }
    return false;
  };
  const kept = elements.filter((e) => e.id === frameId || inside(e));
  const ids = new Set(kept.map((e) => e.id));
  // Lines between two things in the frame belong to it even when drawn outside its children.
  for (const e of elements) if (e.type === 'connector' && !ids.has(e.id) && e.from && e.to && ids.has(e.from) && ids.has(e.to)) kept.push(e);
  return kept;
}

/**
 * Draws board elements as a standalone SVG, looking like the canvas. All text is escaped
 * (no markup from the board reaches the file) and no external resource is referenced.
 */
export function boardToSvg(elements: readonly Element[], options: PictureOptions = {}): Picture {
  const byId = new Map(elements.map((e) => [e.id, e]));
  const lookup = (id: string) => byId.get(id);
  const shown = visible(elements, byId, options.frameId).sort(byZOrder);
  const padding = options.padding ?? 24;
  const boxes: Rect[] = shown.map((e) => {
    const b = elementBounds(e, lookup);
    return e.type === 'frame' ? { x: b.x, y: b.y - FRAME_TITLE_SPACE, w: b.w, h: b.h + FRAME_TITLE_SPACE } : b;
  });
  const content = union(boxes) ?? { x: 0, y: 0, w: 400, h: 300 };
  const view = { x: content.x - padding, y: content.y - padding, w: Math.max(1, content.w + 2 * padding), h: Math.max(1, content.h + 2 * padding) };
  const nodes = shown.filter((e): e is ElementOf<'treeNode'> => e.type === 'treeNode');
  const pixelWidth = typeof options.pixelWidth === 'function' ? options.pixelWidth(view.w, view.h) : options.pixelWidth;
  const min = pixelWidth ? MIN_TEXT_PX / (pixelWidth / view.w) : 0;
  const { words } = options;
  const format: Format = words?.format ?? String;
  const ranking = (e: Element) => (words && e.type === 'frame' && e.method === 'factors' ? rankingSvg(e, elements, words, min) : '');
  const texts: TextBox[] = options.textBoxes ?? [];
  drawn = texts;
  let body: string;
  try {
    body = shown.map((e) => (e.type === 'treeNode' && e === nodes[0] ? treeLinks(nodes, lookup) : '') + elementSvg(e, lookup, min, format) + ranking(e)).join('\n');
  } finally {
    drawn = undefined;
  }
  const perPixel = pixelWidth ? view.w / pixelWidth : 0;
  if (options.overviewNote && perPixel > 0 && texts.some((b) => b.fontSize < READABLE_TEXT_PX * perPixel)) {
    // The band is drawn in picture pixels: 16 px letters whatever the board's size.
    const size = 16 * perPixel;
    const lines = wrapText(options.overviewNote, view.w - 2 * size, size, true);
    const band = lines.length * size * 1.2 + size;
    view.y -= band;
    view.h += band;
    body = `${rect(view.x, view.y, view.w, band, '#1e293b')}${textBlock({ text: options.overviewNote, x: view.x + size, y: view.y + size / 2, width: view.w - 2 * size, height: band, fontSize: size, fill: '#ffffff', bold: true })}\n${body}`;
  }
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${num(view.w)}" height="${num(view.h)}" viewBox="${num(view.x)} ${num(view.y)} ${num(view.w)} ${num(view.h)}" font-family=${attr(`${PICTURE_FONT}, sans-serif`)}>`,
    rect(view.x, view.y, view.w, view.h, '#f8fafc'),
    body,
    '</svg>',
  ].join('\n');
  return { svg, width: view.w, height: view.h };
}
