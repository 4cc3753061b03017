import { elementBounds, type ElementLookup } from '../../../shared/geometry/elements';
import type { Rect } from '../../../shared/geometry/rect';
import type { NewElement } from '../../../shared/ops/elements';
import { ELEMENT_DEFINITIONS, placedByBox, type Element } from '../../../shared/schema/elements';

/** What the move check needs of the editor (its store and the board page's area rules). */
export interface AreaView {
  store: { get(id: string): Element | undefined; lookup: ElementLookup };
  isLockedArea(rect: Rect): boolean;
  privateFrameFor(rect: Rect): string | null;
}

/**
 * The box a new element will take, for the lock check before it is created; null for those
 * judged by their parent chain only (frames) or their ends (connectors), as in shared/rules/areas.ts.
 */
export function newElementBox(input: NewElement): Rect | null {
  if (!placedByBox(input.type)) return null;
  const defaults = ELEMENT_DEFINITIONS[input.type].defaults as { w?: number; h?: number };
  const box = input as { x?: number; y?: number; w?: number; h?: number };
  return { x: box.x ?? 0, y: box.y ?? 0, w: box.w ?? defaults.w ?? 0, h: box.h ?? defaults.h ?? 0 };
}

/**
 * Why these elements may not go `dx, dy` further: into a locked area, or (public) into a
 * private frame, which the server would refuse; null when they may. An i18n key.
 */
export function moveRefusal(editor: AreaView, ids: readonly string[], dx: number, dy: number): string | null {
  for (const id of ids) {
    const element = editor.store.get(id);
    if (!element || !placedByBox(element.type)) continue;
    const now = elementBounds(element, editor.store.lookup);
    const next = { ...now, x: now.x + dx, y: now.y + dy };
    if (editor.isLockedArea(next)) return 'control.locked';
    const privateFrame = editor.privateFrameFor(next);
    if (privateFrame && privateFrame !== editor.privateFrameFor(now)) return 'control.privateArea';
  }
  return null;
}
