import { elementBounds } from '../../../shared/geometry/elements';
import type { ControlState } from '../../../shared/protocol/state';
import type { Editor } from '../editor/editor';
import type { Viewport } from '../../../shared/geometry/viewport';

/**
 * Screen pixels around a fitted frame: on a phone every pixel goes to the frame (the wide
 * desktop margin left a 1280-unit map at 9 % on a 320 px screen), on a desktop the title
 * above the frame stays clear of the buttons over the canvas.
 */
export function fitMargin(screenWidth: number): number {
  return Math.round(Math.min(80, Math.max(16, screenWidth / 16)));
}

/** The view a board opens at: the current phase's frame when there is one, else all of it. */
export function openingView(editor: Editor, state: ControlState): Viewport | null {
  const phase = state.currentPhase === null ? undefined : state.agenda[state.currentPhase];
  const frame = phase?.frameId ? editor.store.get(phase.frameId) : undefined;
  if (frame) return editor.fitView(elementBounds(frame, editor.store.lookup), fitMargin(editor.screenSize.width));
  if (editor.store.size === 0) return null;
  editor.zoomToFit();
  return editor.state.viewport;
}
