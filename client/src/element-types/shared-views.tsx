import type { ComponentProps } from 'react';
import { Text } from 'react-konva';
import { rotationOf, unrotatedBounds } from '../../../shared/geometry/elements';
import { center } from '../../../shared/geometry/rect';
import type { Element } from '../../../shared/schema/elements';
import { useZoomTextDraw } from '../board/zoom-text';

/**
 * Where an element's node goes: at (x, y), or, when rotated, turned about the centre of its
 * unrotated box (Konva turns about the node's origin, so the origin moves to that centre and
 * the offset brings the drawing back). shared/geometry hit-tests the same way.
 */
export function placed(element: Element): { x: number; y: number; offsetX?: number; offsetY?: number; rotation?: number } {
  const rotation = rotationOf(element);
  if (rotation === 0) return { x: element.x, y: element.y };
  const c = center(unrotatedBounds(element, () => undefined));
  return { x: c.x, y: c.y, offsetX: c.x - element.x, offsetY: c.y - element.y, rotation };
}

/** Konva Text drawn at steady sizes while the view zooms (zoom-text.ts). */
export function ZoomSteadyText(props: ComponentProps<typeof Text>) {
  const drawText = useZoomTextDraw();
  return <Text {...props} sceneFunc={drawText} />;
}

/** A filled box, outlined when a stroke is given (overview painting). */
export function paintBox(ctx: CanvasRenderingContext2D, e: { x: number; y: number; w: number; h: number }, fill: string, stroke?: string, lineWidth = 1): void {
  ctx.fillStyle = fill;
  ctx.fillRect(e.x, e.y, e.w, e.h);
  if (!stroke) return;
  ctx.strokeStyle = stroke;
  ctx.lineWidth = lineWidth;
  ctx.strokeRect(e.x, e.y, e.w, e.h);
}

/** A polyline through flat board points (overview painting of strokes and connectors). */
export function paintLine(ctx: CanvasRenderingContext2D, points: readonly number[], stroke: string, width: number): void {
  ctx.beginPath();
  ctx.moveTo(points[0]!, points[1]!);
  for (let i = 2; i + 1 < points.length; i += 2) ctx.lineTo(points[i]!, points[i + 1]!);
  ctx.strokeStyle = stroke;
  ctx.lineWidth = width;
  ctx.stroke();
}

/** The text box over an element's own box, for types typed in place over their whole area. */
export const ownBox = (e: { x: number; y: number; w: number; h: number }) => ({ x: e.x, y: e.y, w: e.w, h: e.h });
