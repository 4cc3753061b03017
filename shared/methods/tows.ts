import type { Element } from '../schema/elements';
import type { VoteRound } from '../protocol/state';
import { readingOrder } from './reading-order';
import { ranking } from './voting';
import { own } from '../schema/records';

/** The four SWOT quadrants, by their frames' method. */
export const SWOT_QUADRANTS = { s: 'swot-s', w: 'swot-w', o: 'swot-o', t: 'swot-t' } as const;
export type SwotKey = keyof typeof SWOT_QUADRANTS;

/** The four TOWS cells: which internal and external quadrant each combines. */
export const TOWS_CELLS = [
  { method: 'tows-so', internal: 's', external: 'o' },
  { method: 'tows-wo', internal: 'w', external: 'o' },
  { method: 'tows-st', internal: 's', external: 't' },
  { method: 'tows-wt', internal: 'w', external: 't' },
] as const;
export type TowsCellMethod = (typeof TOWS_CELLS)[number]['method'];

/** How many items of each quadrant TOWS combines unless told otherwise. */
export const TOWS_TOP = 3;

/** A SWOT item as TOWS uses it: its code (S1, O2…), id and text. */
export interface SwotItem {
  id: string;
  code: string;
  text: string;
}

/** What a TOWS cell combines: the internal items (S or W) and the external ones (O or T). */
export interface TowsCellPlan {
  method: TowsCellMethod;
  internal: SwotItem[];
  external: SwotItem[];
}

/** The text an element shows, for elements that have one. */
export function itemText(element: Element): string | null {
  return 'text' in element && typeof element.text === 'string' ? element.text : null;
}

/** The items (anything with text) in each SWOT quadrant of `swotFrameId`, in reading order. */
export function swotItems(elements: readonly Element[], swotFrameId: string): Record<SwotKey, Element[]> {
  const out = { s: [], w: [], o: [], t: [] } as Record<SwotKey, Element[]>;
  for (const key of Object.keys(SWOT_QUADRANTS) as SwotKey[]) {
    const quadrants = new Set(elements.filter((e) => e.type === 'frame' && e.method === SWOT_QUADRANTS[key] && e.parentId === swotFrameId).map((e) => e.id));
    out[key] = readingOrder(elements.filter((e) => e.parentId !== null && quadrants.has(e.parentId) && e.type !== 'frame' && itemText(e) !== null));
  }
  return out;
}

/** The newest closed round whose results gave votes to any of these items; null when none did. */
export function latestResultsFor(rounds: readonly VoteRound[], itemIds: readonly string[]): Record<string, number> | null {
  for (let i = rounds.length - 1; i >= 0; i--) {
    const round = rounds[i]!;
    if (round.open || !round.results) continue;
    if (itemIds.some((id) => (own(round.results, id) ?? 0) > 0)) return round.results;
  }
  return null;
}

/**
 * The items a quadrant brings to TOWS: those with the most votes in the latest closed round
 * that voted on them (ties and unvoted quadrants in board reading order). After a vote, only
 * items that got at least one vote count: an item nobody chose is not a priority.
 */
export function topItems(items: readonly Element[], rounds: readonly VoteRound[], top = TOWS_TOP): Element[] {
  const ids = items.map((e) => e.id);
  const results = latestResultsFor(rounds, ids);
  if (!results) return items.slice(0, top);
  const byId = new Map(items.map((e) => [e.id, e]));
  return ranking(results, ids)
    .filter((r) => r.votes > 0)
    .slice(0, top)
    .map((r) => byId.get(r.itemId)!);
}

/** The TOWS plan of a SWOT frame: each quadrant's top items, coded S1…, combined per cell. */
export function planTows(elements: readonly Element[], swotFrameId: string, rounds: readonly VoteRound[], top = TOWS_TOP): { items: Record<SwotKey, SwotItem[]>; cells: TowsCellPlan[] } {
  const quadrants = swotItems(elements, swotFrameId);
  const items = {} as Record<SwotKey, SwotItem[]>;
  for (const key of Object.keys(quadrants) as SwotKey[]) {
    items[key] = topItems(quadrants[key], rounds, top).map((e, i) => ({ id: e.id, code: `${key.toUpperCase()}${i + 1}`, text: itemText(e)!.trim() }));
  }
  return { items, cells: TOWS_CELLS.map((c) => ({ method: c.method, internal: items[c.internal], external: items[c.external] })) };
}

/** cyrb53: a small, well-mixed 53-bit string hash (deterministic ids, not security). */
function hash53(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** Prefix of the ids of the labels that list a cell's SWOT items. */
export const TOWS_REF_PREFIX = 'towsref-';

/**
 * Id of the label that shows SWOT item `itemId` in TOWS cell `cellId`. Deterministic, so that
 * building TOWS again updates the same labels instead of adding new ones, and a strategy's
 * sources can be turned into codes by looking their labels up.
 */
export function towsRefId(cellId: string, itemId: string): string {
  return `${TOWS_REF_PREFIX}${hash53(`${cellId}\u0000${itemId}`)}`;
}

/**
 * Longest item text a TOWS label repeats, so that it takes at most two lines of its row
 * (TOWS_GEOMETRY.ref) and never runs into the next label; the SWOT note keeps all of it.
 */
export const TOWS_REF_TEXT_LIMIT = 48;

/** A label's text: the code, then the item's words (shortened, so any note fits a label). */
export function towsRefText(item: SwotItem): string {
  const words = item.text.replace(/\s+/g, ' ').trim();
  if (words.length <= TOWS_REF_TEXT_LIMIT) return `${item.code} · ${words}`;
  // Cut between words where one ends past the middle, so that no word is left in pieces.
  const cut = words.slice(0, TOWS_REF_TEXT_LIMIT - 1);
  const space = cut.lastIndexOf(' ');
  return `${item.code} · ${(space > TOWS_REF_TEXT_LIMIT / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:–-]+$/, '')}…`;
}

/** The code at the start of a label's text (S1, W2…), if any. */
export function codeOfRef(text: string): string | null {
  return /^([SWOT]\d+)\b/.exec(text)?.[1] ?? null;
}

const CODE_ORDER = 'SWOT';

/** A strategy's sources as codes, e.g. "S1+O2"; sources whose label is gone read "?". */
export function sourceCodes(sources: readonly string[], codeOf: (itemId: string) => string | null): string {
  const codes = sources.map((id) => codeOf(id) ?? '?');
  return codes
    .sort((a, b) => CODE_ORDER.indexOf(a[0]!) - CODE_ORDER.indexOf(b[0]!) || Number(a.slice(1)) - Number(b.slice(1)) || a.localeCompare(b))
    .join('+');
}
