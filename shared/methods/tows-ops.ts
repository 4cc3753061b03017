import type * as Y from 'yjs';
import { createElement, deleteElements, updateElement } from '../ops/elements';
import { OpError } from '../ops/errors';
import type { VoteRound } from '../protocol/state';
import { elementsOf, readMeta, type Locale } from '../schema/doc';
import type { Element, ElementOf } from '../schema/elements';
import { resolvedWords } from '../i18n';
import { LIMITS } from '../schema/limits';
import { readElements } from '../schema/plain';
import { TEMPLATE_LABELS } from '../templates/labels';
import { codeOfRef, planTows, TOWS_CELLS, TOWS_REF_PREFIX, towsRefId, towsRefText, TOWS_TOP, type TowsCellMethod } from './tows';

/** Titles of the TOWS cells, in the board's language (board content, like templates). */
export const TOWS_CELL_TITLES: Record<Locale, Record<TowsCellMethod, string>> = {
  pl: resolvedWords('pl', 'board').towsCells,
  en: resolvedWords('en', 'board').towsCells,
};

/** Geometry of the TOWS matrix inside its frame (board units, from the frame's corner). */
export const TOWS_GEOMETRY = {
  cell: { w: 600, h: 480 },
  // Rows 60 apart, as the upper row is from the frame's top: zoomed out to where the cells'
  // titles are drawn at screen size (frame-titles.ts), they fit above each cell from 38 % up,
  // so they never cover the S1/O1 labels while those are legible.
  origins: { 'tows-so': [40, 60], 'tows-wo': [660, 60], 'tows-st': [40, 600], 'tows-wt': [660, 600] } as Record<TowsCellMethod, [number, number]>,
  frame: { w: 1300, h: 1120 },
  // Two lines of 14 px a label (TOWS_REF_TEXT_LIMIT), three labels a column, then strategies.
  ref: { h: 40, w: 284, fontSize: 14, top: 12 },
  strategy: { w: 180, h: 96, gap: 12, top: 150, columns: 3 },
} as const;

/** What building TOWS did. */
export interface TowsBuildResult {
  frameId: string;
  cells: Record<TowsCellMethod, string>;
  items: number;
}

const frameList = (elements: readonly Element[]) => elements.filter((e): e is ElementOf<'frame'> => e.type === 'frame');

/**
 * Creates or updates the TOWS matrix for a SWOT frame: the TOWS frame (created beside the SWOT
 * frame when the board has none), its four cells, and in each cell labels listing the SWOT
 * items it combines (S1…S3 and O1…O3), chosen by the latest closed votes. Labels are matched
 * by deterministic ids, so running it again updates them; labels of items no longer chosen go.
 * Strategies people wrote stay untouched. One transaction.
 */
export function buildTows(doc: Y.Doc, swotFrameId: string, rounds: readonly VoteRound[], options: { createdBy?: string; origin?: unknown; top?: number } = {}): TowsBuildResult {
  const { elements } = readElements(doc);
  const swot = frameList(elements).find((f) => f.id === swotFrameId);
  if (!swot || swot.method !== 'swot') throw new OpError(`${swotFrameId} is not a SWOT frame`, 'tows.errors.notSwot');
  const plan = planTows(elements, swotFrameId, rounds, options.top ?? TOWS_TOP);
  const count = Object.values(plan.items).reduce((n, list) => n + list.length, 0);
  if (count === 0) throw new OpError('the SWOT quadrants are empty', 'tows.errors.empty');
  const locale = readMeta(doc).locale;
  const by = options.createdBy ?? '';
  const g = TOWS_GEOMETRY;
  const result: TowsBuildResult = { frameId: '', cells: {} as Record<TowsCellMethod, string>, items: count };
  doc.transact(() => {
    let tows = frameList(elements).filter((f) => f.method === 'tows').sort((a, b) => a.x - b.x || a.y - b.y)[0];
    if (!tows) {
      const id = createElement(doc, { type: 'frame', method: 'tows', title: TEMPLATE_LABELS[locale].tows, x: swot.x + swot.w + 200, y: swot.y, ...g.frame }, by, options.origin);
      tows = { ...swot, id, method: 'tows', x: swot.x + swot.w + 200, y: swot.y, ...g.frame };
    } else if (tows.w < g.frame.w || tows.h < g.frame.h) {
      updateElement(doc, tows.id, { w: Math.max(tows.w, g.frame.w), h: Math.max(tows.h, g.frame.h) }, options.origin);
    }
    result.frameId = tows.id;
    for (const cell of plan.cells) {
      const [dx, dy] = g.origins[cell.method];
      const existing = frameList(elements).find((f) => f.method === cell.method && f.parentId === tows.id);
      const cellId =
        existing?.id ??
        createElement(doc, { type: 'frame', method: cell.method, title: TOWS_CELL_TITLES[locale][cell.method], x: tows.x + dx, y: tows.y + dy, ...g.cell, parentId: tows.id }, by, options.origin);
      const at = existing ?? { x: tows.x + dx, y: tows.y + dy };
      result.cells[cell.method] = cellId;
      const wanted = new Set<string>();
      const place = (column: 0 | 1) => (item: (typeof cell.internal)[number], row: number) => {
        const id = towsRefId(cellId, item.id);
        wanted.add(id);
        const fields = { text: towsRefText(item), x: at.x + 12 + column * (g.ref.w + 20), y: at.y + g.ref.top + row * g.ref.h };
        if (elementsOf(doc).has(id)) updateElement(doc, id, fields, options.origin);
        else createElement(doc, { type: 'text', id, ...fields, w: g.ref.w, h: g.ref.h - 2, fontSize: g.ref.fontSize, parentId: cellId }, by, options.origin);
      };
      cell.internal.forEach(place(0));
      cell.external.forEach(place(1));
      const stale = elements.filter((e) => e.parentId === cellId && e.id.startsWith(TOWS_REF_PREFIX) && !wanted.has(e.id)).map((e) => e.id);
      if (stale.length) deleteElements(doc, stale, options.origin);
    }
  }, options.origin);
  return result;
}

/** A TOWS cell frame, or an OpError. */
function requireCell(doc: Y.Doc, cellId: string): ElementOf<'frame'> {
  const cell = readElements(doc).elements.find((e) => e.id === cellId);
  if (cell?.type !== 'frame' || !TOWS_CELLS.some((c) => c.method === cell.method)) throw new OpError(`${cellId} is not a TOWS cell`, 'tows.errors.notCell');
  return cell;
}

function checkSources(sources: readonly string[]): string[] {
  const unique = [...new Set(sources)];
  if (unique.length > LIMITS.maxSources) throw new OpError(`a strategy combines at most ${LIMITS.maxSources} items`, 'tows.errors.tooMany');
  return unique;
}

/** Adds a strategy to a TOWS cell, placed in the next free slot of the cell's grid. */
export function addStrategy(doc: Y.Doc, cellId: string, text: string, sources: readonly string[], options: { createdBy?: string; origin?: unknown } = {}): string {
  const cell = requireCell(doc, cellId);
  const s = TOWS_GEOMETRY.strategy;
  const taken = readElements(doc).elements.filter((e) => e.type === 'strategy' && e.parentId === cellId).length;
  const column = taken % s.columns;
  const row = Math.floor(taken / s.columns);
  return createElement(
    doc,
    { type: 'strategy', text, sources: checkSources(sources), x: cell.x + s.gap + column * (s.w + s.gap), y: cell.y + s.top + row * (s.h + s.gap), w: s.w, h: s.h, parentId: cellId },
    options.createdBy ?? '',
    options.origin,
  );
}

/** Changes which SWOT items a strategy combines. */
export function setStrategySources(doc: Y.Doc, strategyId: string, sources: readonly string[], origin?: unknown): void {
  updateElement(doc, strategyId, { sources: checkSources(sources) }, origin);
}

/** The SWOT item → code map of one TOWS cell, read from its labels. */
export function cellCodes(lookup: (id: string) => Element | undefined, cellId: string, itemIds: Iterable<string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const itemId of itemIds) {
    const ref = lookup(towsRefId(cellId, itemId));
    const code = ref && 'text' in ref && typeof ref.text === 'string' ? codeOfRef(ref.text) : null;
    if (code) out.set(itemId, code);
  }
  return out;
}
