import { useLayoutEffect, type RefObject } from 'react';
import type Konva from 'konva';
import { elementBounds } from '../../../shared/geometry/elements';
import { union } from '../../../shared/geometry/rect';
import type { Editor } from '../editor/editor';
import { SELECTION_COLOUR } from './palette';

/** Room around the picture for outlines and shadows drawn past the elements' boxes. */
const MARGIN_PX = 6;
/** Larger pictures cost more to make than redrawing would save; such drags are drawn as before. */
const MAX_SCREENS = 2;
const MAX_SIDE_PX = 4096;

/**
 * While a drag carries elements, they are shown as a picture the size of their box, in a canvas
 * of its own moved by a CSS transform: between pointer moves nothing is redrawn, neither by
 * React nor on the board's full-screen canvases (without a GPU, redrawing and compositing one
 * of those costs several milliseconds a frame). The picture is taken from the lifted group
 * once it has been built, with the selection's outline, and follows the elements as the
 * document and the drag's offset move them. Returns nothing; the editor's `liftFloating`
 * says whether the picture is up (the group and the selection outline then step aside).
 *
 * Not used when connectors must be redrawn to follow (`enabled` false), when the picture
 * would be too large, or after the view's scale changed mid-drag.
 */
export function useFloatingLift(editor: Editor, group: RefObject<Konva.Group | null>, enabled: boolean, lifted: ReadonlySet<string>, scale: number): void {
  useLayoutEffect(() => {
    const node = group.current;
    const stage = node?.getStage();
    if (!enabled || !node || !stage) return;
    const rect = node.getClientRect();
    const screenArea = stage.width() * stage.height();
    if (rect.width <= 0 || rect.height <= 0 || rect.width * rect.height > MAX_SCREENS * screenArea || Math.max(rect.width, rect.height) > MAX_SIDE_PX) return;
    const anchorId = [...lifted].find((id) => editor.store.get(id));
    if (!anchorId) return;
    const anchorAt = editor.store.get(anchorId)!;
    const viewAt = editor.state.viewport;
    const offsetAt = editor.state.liftOffset;
    const box = { x: Math.floor(rect.x) - MARGIN_PX, y: Math.floor(rect.y) - MARGIN_PX, width: Math.ceil(rect.width) + 2 * MARGIN_PX, height: Math.ceil(rect.height) + 2 * MARGIN_PX };
    const ratio = window.devicePixelRatio || 1;
    const picture = node.toCanvas({ ...box, pixelRatio: ratio });
    drawSelectionOutline(editor, picture, box, ratio);
    Object.assign(picture.style, {
      position: 'absolute',
      left: `${box.x}px`,
      top: `${box.y}px`,
      width: `${box.width}px`,
      height: `${box.height}px`,
      pointerEvents: 'none',
      willChange: 'transform',
    });
    picture.dataset.testid = 'floating-lift';
    stage.content.appendChild(picture);

    // Where the anchor element is shown now, against where it was when the picture was taken.
    const place = () => {
      const anchor = editor.store.get(anchorId);
      if (!anchor) return;
      const v = editor.state.viewport;
      const offset = editor.state.liftOffset;
      const dx = v.x + (anchor.x + offset.x) * v.scale - (viewAt.x + (anchorAt.x + offsetAt.x) * viewAt.scale);
      const dy = v.y + (anchor.y + offset.y) * v.scale - (viewAt.y + (anchorAt.y + offsetAt.y) * viewAt.scale);
      picture.style.transform = `translate(${dx}px, ${dy}px)`;
    };
    const stopEditor = editor.subscribe(place);
    const stopStore = editor.store.subscribe(anchorId, place);
    editor.setLiftFloating(true);
    return () => {
      stopEditor();
      stopStore();
      picture.remove();
      editor.setLiftFloating(false);
    };
    // The scale is a dependency: a picture taken at another scale would be the wrong size.
  }, [editor, group, enabled, lifted, scale]);
}

/** The selection's box, as SelectionOverlay draws it (which steps aside meanwhile). */
function drawSelectionOutline(editor: Editor, picture: HTMLCanvasElement, box: { x: number; y: number }, ratio: number): void {
  const boxes = [...editor.state.selection].flatMap((id) => {
    const element = editor.store.get(id);
    return element ? [elementBounds(element, editor.store.lookup)] : [];
  });
  const selection = union(boxes);
  const ctx = picture.getContext('2d');
  if (!selection || !ctx) return;
  const v = editor.state.viewport;
  const offset = editor.state.liftOffset;
  ctx.save();
  ctx.scale(ratio, ratio);
  ctx.strokeStyle = SELECTION_COLOUR;
  ctx.lineWidth = 1.5;
  ctx.strokeRect(v.x + (selection.x + offset.x) * v.scale - box.x, v.y + (selection.y + offset.y) * v.scale - box.y, selection.w * v.scale, selection.h * v.scale);
  ctx.restore();
}
