import { useLayoutEffect, type RefObject } from 'react';
import type Konva from 'konva';
import { elementBounds } from '../../../shared/geometry/elements';
import { union } from '../../../shared/geometry/rect';
import type { Element } from '../../../shared/schema/elements';
import type { Editor } from '../editor/editor';
import { SELECTION_COLOUR } from './palette';
import type { ZoomState } from './zoom-text';
import { liftsScreenTitle } from './FrameTitles';

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
 * Not used (`canFloat`) for a resize, when connectors or tree edges must be redrawn to follow,
 * when some lifted elements are off screen (they would stay unseen while carried into view),
 * while the view is zooming (the picture would keep the zoom's text sizes), when the picture
 * would be too large, or after the view's scale changed mid-drag. If a carried element
 * changes other than by the drag's move (someone else edits it), the picture is dropped
 * and the drag goes on redrawn.
 */
export function useFloatingLift(editor: Editor, group: RefObject<Konva.Group | null>, enabled: boolean, lifted: ReadonlySet<string>, scale: number, zoom: ZoomState | null): void {
  useLayoutEffect(() => {
    const node = group.current;
    const stage = node?.getStage();
    if (!enabled || !node || !stage || zoom?.active) return;
    const rect = node.getClientRect();
    const screenArea = stage.width() * stage.height();
    if (rect.width <= 0 || rect.height <= 0 || rect.width * rect.height > MAX_SCREENS * screenArea || Math.max(rect.width, rect.height) > MAX_SIDE_PX) return;
    // An element whose own position moves with the drag: an attached connector's does not.
    const present = [...lifted].filter((id) => editor.store.get(id));
    const anchorId = present.find((id) => editor.store.get(id)!.type !== 'connector') ?? present[0];
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
    // Above the board's layer, below the overlay's (cursors, marks, previews).
    const overlay = node.getLayer()?.getCanvas()._canvas;
    if (overlay && overlay.parentNode === stage.content) stage.content.insertBefore(picture, overlay);
    else stage.content.appendChild(picture);
    const takenAt = new Map([...lifted].flatMap((id) => {
      const element = editor.store.get(id);
      return element ? [[id, element] as const] : [];
    }));

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
    let dropped = false;
    const stopEditor = editor.subscribe(place);
    const stopStore = editor.store.subscribeChanges((ids) => {
      if (dropped) return;
      const anchor = editor.store.get(anchorId);
      const moved = anchor ? { x: anchor.x - anchorAt.x, y: anchor.y - anchorAt.y } : null;
      for (const id of ids) {
        if (!lifted.has(id)) continue;
        if (!moved || !movedBy(takenAt.get(id), editor.store.get(id), moved)) {
          // Changed in another way than the drag moves it: the picture no longer shows it.
          dropped = true;
          picture.remove();
          editor.setLiftFloating(false);
          return;
        }
      }
      place();
    });
    editor.setLiftFloating(true);
    return () => {
      stopEditor();
      stopStore();
      picture.remove();
      if (!dropped) editor.setLiftFloating(false);
    };
    // The scale is a dependency: a picture taken at another scale would be the wrong size.
  }, [editor, group, enabled, lifted, scale, zoom]);
}

/**
 * Whether lifted elements may float as a picture: a move (not a resize), every lifted element
 * drawn (none off screen), no connector redrawn to follow, no tree node whose edge to a
 * parent left behind is drawn with it, and no frame whose title is drawn at screen size.
 */
export function canFloat(editor: Editor, gesture: 'move' | 'resize', lifted: ReadonlySet<string>, following: ReadonlySet<string>, shown: number, editingId: string | null): boolean {
  if (gesture !== 'move' || following.size > 0 || shown !== lifted.size || (editingId !== null && lifted.has(editingId))) return false;
  // A frame's title drawn at screen size (zoomed out) is not in the picture; the title must move too.
  if (liftsScreenTitle(editor, lifted)) return false;
  for (const id of lifted) {
    const element = editor.store.get(id);
    if (element?.type === 'treeNode' && element.parentNode && !lifted.has(element.parentNode)) return false;
  }
  return true;
}

/** Whether `after` is `before` moved by `delta` and otherwise the same. */
function movedBy(before: Element | undefined, after: Element | undefined, delta: { x: number; y: number }): boolean {
  if (!before || !after) return false;
  if (after.x - before.x !== delta.x || after.y - before.y !== delta.y) return false;
  const a = before as unknown as Record<string, unknown>;
  const b = after as unknown as Record<string, unknown>;
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (key === 'x' || key === 'y') continue;
    if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) return false;
  }
  return true;
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
