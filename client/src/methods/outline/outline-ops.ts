import { elementBounds } from '../../../../shared/geometry/elements';
import { factorSlot, FACTOR_CARD } from '../../../../shared/methods/factors';
import { contentsOf, nameField, placeInFrame } from '../../../../shared/methods/outline-facts';
import { STAKEHOLDER_CARD } from '../../../../shared/methods/stakeholder-import';
import { unscoredPosition } from '../../../../shared/methods/stakeholders';
import { putIntoFrame, type NewElement } from '../../../../shared/ops/elements';
import { ancestorFrames } from '../../../../shared/rules/areas';
import { ELEMENT_DEFINITIONS, type Element, type ElementOf } from '../../../../shared/schema/elements';
import type { Editor } from '../../editor/editor';
import { cardsIn } from '../boardQueries';

/**
 * What the outline does to the board, through the editor the canvas uses: the same ops,
 * locks, private-frame and method rules (editor.create, editor.move, editor.perform), so the
 * outline can do nothing the canvas could not, and the server judges both alike.
 */

/** Element types the outline adds to a frame: notes and text anywhere, a method's own cards in its frame. */
export type AddableType = 'note' | 'text' | 'stakeholder' | 'factor';

export function addableTypes(frame: ElementOf<'frame'>): AddableType[] {
  if (frame.method === 'stakeholders') return ['stakeholder', 'note'];
  if (frame.method === 'factors') return ['factor', 'note'];
  return ['note', 'text'];
}

/**
 * Adds an element with these words to a frame, where a person would put it (a method's
 * card where the method's own button puts it). In private brainstorming a note becomes
 * the author's hidden draft, as on the canvas. Returns the new id, null when refused or drafted.
 */
export function addToFrame(editor: Editor, frame: ElementOf<'frame'>, type: AddableType, words: string): string | null {
  const size = ELEMENT_DEFINITIONS[type].defaults as { w: number; h: number };
  let at;
  if (type === 'stakeholder' && frame.method === 'stakeholders') at = unscoredPosition(frame, cardsIn(editor, frame.id, 'stakeholder').filter((c) => c.influence === null).length, STAKEHOLDER_CARD);
  else if (type === 'factor' && frame.method === 'factors') at = factorSlot(frame, cardsIn(editor, frame.id, 'factor').length);
  else at = placeInFrame(frame, type === 'factor' ? FACTOR_CARD : size, contentsOf(frame.id, editor.store.ordered(), editor.store.lookup));
  if (type === 'note' && editor.privateFrameFor({ ...at, ...size })) {
    editor.actions.draft({ frameId: frame.id, x: at.x, y: at.y });
    return null;
  }
  const input = { type, ...at, w: size.w, h: size.h, parentId: frame.id, [nameField(type)!]: words } as NewElement;
  if (type === 'note') (input as { color?: string }).color = editor.state.noteColor;
  const [id] = editor.create([input]);
  return id ?? null;
}

/** Frames an element may move into: not itself, not a frame it holds, not the one it is in. */
export function moveTargets(editor: Editor, element: Element): ElementOf<'frame'>[] {
  return editor.store.ofType('frame').filter((f) => f.id !== element.id && f.id !== element.parentId && !(element.type === 'frame' && ancestorFrames(f, editor.store.lookup).includes(element.id)));
}

/** Whether the outline offers to move this element: tree nodes move with their tree, lines with their ends. */
export function movable(element: Element): boolean {
  return element.type !== 'treeNode' && element.type !== 'connector' && element.type !== 'stroke';
}

/**
 * Moves an element into another frame, to a free place in it, as one undo step: the move
 * goes through editor.move (locks, private frames, the stakeholder map's rule), and only if
 * it happened is the element named as the frame's. Returns whether it moved.
 */
export function moveToFrame(editor: Editor, id: string, frameId: string): boolean {
  const element = editor.store.get(id);
  const frame = editor.store.get(frameId);
  if (!element || frame?.type !== 'frame') return false;
  const box = elementBounds(element, editor.store.lookup);
  const spot = placeInFrame(frame, box, contentsOf(frame.id, editor.store.ordered(), editor.store.lookup, id));
  editor.beginGesture();
  try {
    const dx = spot.x - box.x;
    const dy = spot.y - box.y;
    editor.move([id], dx, dy);
    const moved = editor.store.get(id);
    if (!moved || ((dx !== 0 || dy !== 0) && moved.x === element.x && moved.y === element.y)) return false;
    editor.perform((doc, { origin }) => putIntoFrame(doc, [id], frameId, origin), [id]);
    editor.actions.moved([id]);
    return editor.store.get(id)?.parentId === frameId;
  } finally {
    editor.endGesture();
  }
}

/** Deletes one element as the canvas's Delete key does (connectors attached go too). */
export function deleteOne(editor: Editor, id: string): void {
  editor.select([id]);
  editor.deleteSelection();
}
