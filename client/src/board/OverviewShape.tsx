import { useEffect, useRef } from 'react';
import { Shape } from 'react-konva';
import type Konva from 'konva';
import type { Context } from 'konva/lib/Context';
import { rotationOf, unrotatedBounds, type ElementLookup } from '../../../shared/geometry/elements';
import { center } from '../../../shared/geometry/rect';
import type { Viewport } from '../../../shared/geometry/viewport';
import type { Element } from '../../../shared/schema/elements';
import type { Editor } from '../editor/editor';
import { useStoreVersion } from '../editor/hooks';
import { OverviewCache } from './overview-cache';
import { isHidden, paintOverview } from '../element-types/registry';

/**
 * Draws elements as seen from afar (boxes, outlines, lines; no text) straight onto a 2D
 * context in board coordinates, with no node or component per element: each by its type's
 * module (client/src/element-types/), those hidden now (folded tree branches) not at all.
 */
export function drawOverview(ctx: CanvasRenderingContext2D, elements: Iterable<Element>, scale: number, lookup: ElementLookup, isHidden: (id: string) => boolean = () => false): void {
  const paint = { hairline: 1 / scale, lookup, isHidden };
  for (const e of elements) {
    if (isHidden(e.id)) continue;
    const rotation = rotationOf(e);
    if (rotation !== 0) {
      const c = center(unrotatedBounds(e, lookup));
      ctx.save();
      ctx.translate(c.x, c.y);
      ctx.rotate((rotation * Math.PI) / 180);
      ctx.translate(-c.x, -c.y);
    }
    paintOverview(ctx, e, paint);
    if (rotation !== 0) ctx.restore();
  }
}

/** Whether an element of this editor's board is hidden now, by id (for painting). */
const hiddenIn = (editor: Editor) => (id: string) => {
  const element = editor.store.get(id);
  return element !== undefined && isHidden(editor, element);
};

/**
 * A few elements seen from afar, redrawn on every change (the ones a gesture is moving,
 * drawn over the cached board below).
 */
export function OverviewShape({ editor, ids, scale, lookup = editor.store.lookup }: { editor: Editor; ids: readonly string[]; scale: number; lookup?: ElementLookup }) {
  useStoreVersion(editor);
  const draw = (context: Context) => {
    const elements = ids.map((id) => editor.store.get(id)).filter((e) => e !== undefined);
    drawOverview(context._context, elements, scale, lookup, hiddenIn(editor));
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
  cache.current ??= new OverviewCache((elements, ctx, scale) => drawOverview(ctx, elements, scale, editor.store.lookup, hiddenIn(editor)), redraw);

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
