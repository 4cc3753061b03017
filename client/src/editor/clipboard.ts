import type { Element } from '../../../shared/schema/elements';
import { elementSchema } from '../../../shared/schema/elements';
import { newId, type NewElement } from '../../../shared/ops/elements';
import { elementBounds } from '../../../shared/geometry/elements';
import type { Rect } from '../../../shared/geometry/rect';

const MARKER = 'warsztat/elements';

/** Serialises a selection (and the connectors between its elements) for the clipboard. */
export function serialiseSelection(elements: readonly Element[]): string {
  return JSON.stringify({ [MARKER]: 1, elements });
}

/**
 * Reads clipboard text back into new elements: fresh ids, links remapped, connectors to
 * elements left behind turned into loose ends, shifted by an offset. Anything invalid is
 * dropped; text that is not ours returns null (the caller pastes it as a note).
 */
export function parseClipboard(text: string, offset: { x: number; y: number }): NewElement[] | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== 'object' || (parsed as Record<string, unknown>)[MARKER] !== 1) return null;
  const raw = (parsed as { elements?: unknown }).elements;
  if (!Array.isArray(raw)) return null;
  const elements = raw.map((e) => elementSchema.safeParse(e)).filter((r) => r.success).map((r) => r.data);
  const ids = new Map(elements.map((e) => [e.id, newId()]));
  return elements.map((element) => {
    const copy: Record<string, unknown> = { ...element, id: ids.get(element.id), x: element.x + offset.x, y: element.y + offset.y };
    delete copy.z;
    delete copy.v;
    copy.parentId = element.parentId && ids.has(element.parentId) ? ids.get(element.parentId) : null;
    if (element.type === 'connector') {
      copy.from = element.from && ids.has(element.from) ? ids.get(element.from) : null;
      copy.to = element.to && ids.has(element.to) ? ids.get(element.to) : null;
    }
    return copy as NewElement;
  });
}

/** Where a copy about to be pasted lies (lines by their points, text by its size), among the other copies. */
export function pastedBounds(element: NewElement, copies: readonly NewElement[]): Rect {
  const raw = { x: Number(element.x ?? 0), y: Number(element.y ?? 0), w: Number(element.w ?? 0), h: Number(element.h ?? 0) };
  try {
    const box = elementBounds(element as unknown as Element, (id) => copies.find((c) => c.id === id) as Element | undefined);
    return Number.isFinite(box.x + box.y + box.w + box.h) ? box : raw;
  } catch {
    // Not a complete element (the clipboard may hold anything): its stated box will do.
    return raw;
  }
}
