import { Shape } from 'react-konva';
import type { Context } from 'konva/lib/Context';
import { connectorPath, rotationOf, unrotatedBounds } from '../../../shared/geometry/elements';
import { center } from '../../../shared/geometry/rect';
import type { Element } from '../../../shared/schema/elements';
import type { Editor } from '../editor/editor';
import { useStoreVersion } from '../editor/hooks';

/**
 * Draws elements as seen from afar (boxes, outlines, lines; no text) straight onto a 2D
 * context in board coordinates, with no node or component per element.
 */
export function drawOverview(ctx: CanvasRenderingContext2D, elements: Iterable<Element>, scale: number, editor: Editor): void {
  const hairline = 1 / scale;
  for (const e of elements) {
    const rotation = rotationOf(e);
    if (rotation !== 0) {
      const c = center(unrotatedBounds(e, editor.store.lookup));
      ctx.save();
      ctx.translate(c.x, c.y);
      ctx.rotate((rotation * Math.PI) / 180);
      ctx.translate(-c.x, -c.y);
    }
    switch (e.type) {
      case 'frame':
        ctx.fillStyle = e.fill;
        ctx.fillRect(e.x, e.y, e.w, e.h);
        ctx.strokeStyle = '#94a3b8';
        ctx.lineWidth = 1.5 * hairline;
        ctx.strokeRect(e.x, e.y, e.w, e.h);
        break;
      case 'note':
        ctx.fillStyle = e.color;
        ctx.fillRect(e.x, e.y, e.w, e.h);
        break;
      case 'rect':
        ctx.fillStyle = e.fill;
        ctx.fillRect(e.x, e.y, e.w, e.h);
        ctx.strokeStyle = e.stroke;
        ctx.lineWidth = Math.max(e.strokeWidth, hairline);
        ctx.strokeRect(e.x, e.y, e.w, e.h);
        break;
      case 'ellipse':
        ctx.beginPath();
        ctx.ellipse(e.x + e.w / 2, e.y + e.h / 2, e.w / 2, e.h / 2, 0, 0, Math.PI * 2);
        ctx.fillStyle = e.fill;
        ctx.fill();
        ctx.strokeStyle = e.stroke;
        ctx.lineWidth = Math.max(e.strokeWidth, hairline);
        ctx.stroke();
        break;
      case 'text':
        ctx.fillStyle = '#94a3b8';
        ctx.fillRect(e.x, e.y + e.h * 0.3, e.w * 0.8, Math.max(e.h * 0.4, hairline));
        break;
      case 'stroke':
      case 'connector': {
        const points = e.type === 'connector' ? connectorPath(e, editor.store.lookup) : e.points.map((v, i) => v + (i % 2 === 0 ? e.x : e.y));
        ctx.beginPath();
        ctx.moveTo(points[0]!, points[1]!);
        for (let i = 2; i + 1 < points.length; i += 2) ctx.lineTo(points[i]!, points[i + 1]!);
        ctx.strokeStyle = e.stroke;
        ctx.lineWidth = Math.max(e.strokeWidth, hairline);
        ctx.stroke();
        break;
      }
    }
    if (rotation !== 0) ctx.restore();
  }
}

/**
 * The board seen from afar: below the text threshold every visible element is drawn by one
 * canvas shape in one pass (boxes, outlines, lines), with no node or component per element.
 */
export function OverviewShape({ editor, ids, scale }: { editor: Editor; ids: readonly string[]; scale: number }) {
  useStoreVersion(editor);
  const draw = (context: Context) => {
    const elements = ids.map((id) => editor.store.get(id)).filter((e) => e !== undefined);
    drawOverview(context._context, elements, scale, editor);
  };
  return <Shape sceneFunc={draw} listening={false} perfectDrawEnabled={false} />;
}
