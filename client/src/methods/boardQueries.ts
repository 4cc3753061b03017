import type { FrameMethod } from '../../../shared/schema/elements';
import type { ElementOf } from '../../../shared/schema/elements';
import type { Editor } from '../editor/editor';

/** The first frame holding a workshop method, in drawing order. */
export function frameWithMethod(editor: Editor, method: FrameMethod): ElementOf<'frame'> | null {
  return editor.store.ofType('frame').find((e) => e.method === method) ?? null;
}

/** The stakeholder map frame a card sits in, or null when it is a stakeholder elsewhere (or not one). */
export function mapFrameOf(editor: Editor, id: string): ElementOf<'frame'> | null {
  const card = editor.store.get(id);
  if (card?.type !== 'stakeholder' || !card.parentId) return null;
  const frame = editor.store.get(card.parentId);
  return frame?.type === 'frame' && frame.method === 'stakeholders' ? frame : null;
}

/** Cards of a type inside a frame. */
export function cardsIn<T extends 'stakeholder' | 'factor'>(editor: Editor, frameId: string, type: T): ElementOf<T>[] {
  return editor.store.ofType(type).filter((e: ElementOf<'stakeholder' | 'factor'>) => e.parentId === frameId) as ElementOf<T>[];
}
