import type { ElementLookup } from '../geometry/elements';
import type { Element, ElementOf } from '../schema/elements';
import { ancestorFrames } from '../rules/areas';
import type { GroupingItem } from './propose';

/** Element types whose words can be grouped: notes, idea cards and free text. */
export const GROUPABLE_TYPES: ReadonlySet<string> = new Set(['note', 'idea', 'text']);

/** Frames "group similar" is offered on as a whole: the ideas inbox and the SWOT quadrants. */
export const GROUPABLE_FRAMES: ReadonlySet<string> = new Set(['ideas', 'swot-s', 'swot-w', 'swot-o', 'swot-t']);

/** Fewest items worth a proposal. */
export const MIN_GROUPING_ITEMS = 3;

/** What a proposal is about: its items, and the frame the groups go into (null: the board). */
export interface GroupingTarget {
  container: ElementOf<'frame'> | null;
  items: Element[];
}

/** The words written on an element ('' for an element without text). */
export function textOf(element: Element): string {
  if (element.type === 'idea') return `${element.title}\n${element.description}`;
  if (element.type === 'note' || element.type === 'text') return element.text;
  return '';
}

/** An element as something to group, or null when it has nothing to group by. */
export function asGroupingItem(element: Element): GroupingItem | null {
  if (!GROUPABLE_TYPES.has(element.type)) return null;
  const text = textOf(element).trim();
  return text ? { id: element.id, text } : null;
}

/**
 * What "group similar" would work on for a selection: one selected ideas frame or SWOT
 * quadrant (everything with words inside it, at any depth), or several selected notes and
 * ideas (grouped inside the frame they share, else on the board). Null when there is nothing
 * to group: fewer than MIN_GROUPING_ITEMS items with words.
 */
export function groupingTarget(selected: readonly Element[], all: readonly Element[], lookup: ElementLookup): GroupingTarget | null {
  let container: ElementOf<'frame'> | null = null;
  let items: Element[];
  const only = selected.length === 1 ? selected[0]! : null;
  if (only?.type === 'frame') {
    if (!only.method || !GROUPABLE_FRAMES.has(only.method)) return null;
    container = only;
    items = all.filter((e) => ancestorFrames(e, lookup).includes(only.id));
  } else {
    items = [...selected];
    const parents = new Set(items.map((e) => e.parentId));
    const parent = parents.size === 1 ? lookup([...parents][0] ?? '') : undefined;
    if (parent?.type === 'frame') container = parent;
  }
  items = items.filter((e) => asGroupingItem(e) !== null);
  return items.length >= MIN_GROUPING_ITEMS ? { container, items } : null;
}
