import type { Point } from '../../../shared/geometry/rect';
import { boardToScreen, type Viewport } from '../../../shared/geometry/viewport';

/** The canvas's box in the window (it sits beside the toolbar and below the top bar). */
export function canvasBox(): DOMRect | undefined {
  return document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect();
}

/** Where a board point is in the window, for DOM elements laid over the canvas (boardToScreen gives canvas coordinates). */
export function boardToPage(viewport: Viewport, point: Point): Point {
  const inCanvas = boardToScreen(viewport, point);
  const canvas = canvasBox();
  return { x: inCanvas.x + (canvas?.left ?? 0), y: inCanvas.y + (canvas?.top ?? 0) };
}
