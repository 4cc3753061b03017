import { useEffect, useRef } from 'react';
import { Shape } from 'react-konva';
import type Konva from 'konva';
import type { Context } from 'konva/lib/Context';
import { connectorPath, rotationOf, unrotatedBounds, type ElementLookup } from '../../../shared/geometry/elements';
import { center } from '../../../shared/geometry/rect';
import type { Viewport } from '../../../shared/geometry/viewport';
import type { Element } from '../../../shared/schema/elements';
import type { Editor } from '../editor/editor';
import { useStoreVersion } from '../editor/hooks';
import { OverviewCache } from './overview-cache';
import { IDEA_STATUS_COLOURS } from '../methods/ideas/IdeaCard';
import { isFoldedAway } from '../methods/tree/tree-index';
import { TREE_COLOURS } from '../methods/tree/TreeNodeView';

/** A filled box, outlined when a stroke is given. */
function box(ctx: CanvasRenderingContext2D, e: { x: number; y: number; w: number; h: number }, fill: string, stroke?: string, lineWidth = 1): void {
  ctx.fillStyle = fill;
  ctx.fillRect(e.x, e.y, e.w, e.h);
  if (!stroke) return;
  ctx.strokeStyle = stroke;
  ctx.lineWidth = lineWidth;
  ctx.strokeRect(e.x, e.y, e.w, e.h);
}

/**
 * Draws elements as seen from afar (boxes, outlines, lines; no text) straight onto a 2D
 * context in board coordinates, with no node or component per element.
 */
export function drawOverview(ctx: CanvasRenderingContext2D, elements: Iterable<Element>, scale: number, lookup: ElementLookup, isFolded: (id: string) => boolean = () => false): void {
  const hairline = 1 / scale;
  for (const e of elements) {
    const rotation = rotationOf(e);
    if (rotation !== 0) {
      const c = center(unrotatedBounds(e, lookup));
      ctx.save();
      ctx.translate(c.x, c.y);
      ctx.rotate((rotation * Math.PI) / 180);
      ctx.translate(-c.x, -c.y);
    }
    switch (e.type) {
      case 'frame':
        box(ctx, e, e.fill, '#94a3b8', 1.5 * hairline);
        break;
      case 'note':
      case 'strategy':
        box(ctx, e, e.color);
        break;
      case 'rect':
        box(ctx, e, e.fill, e.stroke, Math.max(e.strokeWidth, hairline));
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
      case 'treeNode':
        if (!isFolded(e.id)) box(ctx, e, TREE_COLOURS[e.tree][e.role].fill);
        break;
      case 'idea':
        box(ctx, e, IDEA_STATUS_COLOURS[e.status].stroke);
        break;
      case 'stakeholder':
        box(ctx, e, e.color, '#0284c7', 1.5 * hairline);
        break;
      case 'factor':
        box(ctx, e, '#ffffff', '#2563eb', 1.5 * hairline);
        break;
      case 'text':
        ctx.fillStyle = '#94a3b8';
        ctx.fillRect(e.x, e.y + e.h * 0.3, e.w * 0.8, Math.max(e.h * 0.4, hairline));
        break;
      case 'stroke':
      case 'connector': {
        const points = e.type === 'connector' ? connectorPath(e, lookup) : e.points.map((v, i) => v + (i % 2 === 0 ? e.x : e.y));
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
 * A few elements seen from afar, redrawn on every change (the ones a gesture is moving,
 * drawn over the cached board below).
 */
export function OverviewShape({ editor, ids, scale, lookup = editor.store.lookup }: { editor: Editor; ids: readonly string[]; scale: number; lookup?: ElementLookup }) {
  useStoreVersion(editor);
  const draw = (context: Context) => {
    const elements = ids.map((id) => editor.store.get(id)).filter((e) => e !== undefined);
    drawOverview(context._context, elements, scale, lookup, (id) => isFoldedAway(editor.store, id));
  };
  return <Shape sceneFunc={draw} listening={false} perfectDrawEnabled={false} />;
}

const NOTHING: ReadonlySet<string> = new Set();

/**
 * The whole board seen from afar, below the text threshold: drawn once into a bitmap that
 * covers the view and a margin around it, then only copied while the view pans (and
 * stretched while it zooms a little, rebuilt once it rests); changed elements are patched
 * over the copy (overview-cache.ts). Elements in `exclude` (lifted by a gesture) are left
 * out and drawn above it.
 * This is what keeps panning and zooming a 10,000-element board at zoom-to-fit smooth.
 */
export function CachedOverview({ editor, viewport, width, height, exclude = NOTHING }: { editor: Editor; viewport: Viewport; width: number; height: number; exclude?: ReadonlySet<string> }) {
  const shape = useRef<Konva.Shape>(null);
  const cache = useRef<OverviewCache | null>(null);
  const redraw = () => shape.current?.getLayer()?.batchDraw();
  cache.current ??= new OverviewCache((elements, ctx, scale) => drawOverview(ctx, elements, scale, editor.store.lookup, (id) => isFoldedAway(editor.store, id)), redraw);

  useEffect(() => {
    const c = cache.current!;
    c.setExclude(exclude);
    redraw();
    return editor.store.subscribeChanges((ids) => {
      if (c.changed(ids)) redraw();
    });
  }, [editor, exclude]);
  useEffect(() => () => cache.current?.dispose(), []);

  const draw = (context: Context) => {
    cache.current!.paint(context._context, editor.store, viewport, width, height);
  };
  return <Shape ref={shape} sceneFunc={draw} listening={false} perfectDrawEnabled={false} />;
}
