import { useMemo } from 'react';
import { Shape } from 'react-konva';
import type { Context } from 'konva/lib/Context';
import { placeLabels, stacksOf, type LabelSource, type PlacedLabel } from '../../../../shared/geometry/label-placement';
import type { Viewport } from '../../../../shared/geometry/viewport';
import type { Editor } from '../../editor/editor';
import { useElementsDerived } from '../../editor/hooks';

const FONT_PX = 12;
const LINE_HEIGHT = 15;
const PADDING = 3;
const MAX_WIDTH = 130;
const MAX_LINES = 3;
/** Cards smaller than this on screen are specks: no label could say which is which. */
const MIN_CARD_PX = 10;

interface Card {
  id: string;
  name: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

const sameCards = (a: Card[], b: Card[]) => a.length === b.length && a.every((c, i) => { const d = b[i]!; return c.id === d.id && c.name === d.name && c.x === d.x && c.y === d.y && c.w === d.w && c.h === d.h; });

let measuring: CanvasRenderingContext2D | null = null;
let labelFont = '';
const widths = new Map<string, number>();

function font(): string {
  labelFont ||= `600 ${FONT_PX}px ${getComputedStyle(document.body).fontFamily || 'sans-serif'}`;
  return labelFont;
}

function measure(text: string): number {
  let width = widths.get(text);
  if (width === undefined) {
    measuring ??= document.createElement('canvas').getContext('2d')!;
    measuring.font = font();
    width = measuring.measureText(text).width;
    if (widths.size > 5000) widths.clear();
    widths.set(text, width);
  }
  return width;
}

function draw(context: Context, labels: readonly PlacedLabel[], offset: { x: number; y: number }, ratio: number): void {
  const ctx = context._context;
  ctx.save();
  ctx.setTransform(ratio, 0, 0, ratio, offset.x * ratio, offset.y * ratio);
  ctx.font = font();
  ctx.textBaseline = 'top';
  for (const label of labels) {
    const centreX = label.x + label.w / 2;
    const centreY = label.y + label.h / 2;
    // A label moved off its cards points back at them.
    if (Math.abs(centreX - label.anchor.x) > label.w / 2 || Math.abs(centreY - label.anchor.y) > label.h / 2) {
      ctx.strokeStyle = 'rgba(12, 74, 110, 0.7)';
      ctx.lineWidth = 1;
      ctx.beginPath();
      ctx.moveTo(label.anchor.x, label.anchor.y);
      ctx.lineTo(Math.max(label.x, Math.min(label.anchor.x, label.x + label.w)), Math.max(label.y, Math.min(label.anchor.y, label.y + label.h)));
      ctx.stroke();
    }
    ctx.fillStyle = 'rgba(255, 255, 255, 0.92)';
    ctx.strokeStyle = '#0284c7';
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.roundRect(label.x, label.y, label.w, label.h, 3);
    ctx.fill();
    ctx.stroke();
    ctx.fillStyle = '#0c4a6e';
    label.lines.forEach((line, i) => ctx.fillText(line, label.x + PADDING, label.y + PADDING + i * LINE_HEIGHT + 1));
  }
  ctx.restore();
}

/**
 * Stakeholders' names at a readable screen size while the map is zoomed out, where the cards
 * draw none of their own: placed so that no two overlap, one label for cards stacked on each
 * other (equal scores), each moved beside its cards when their place is taken (with a line
 * back to them), the rest counted as "+N" (label-placement.ts). Zoomed in, where cards show
 * their names, only stacks are labelled (all but the top card's name would be hidden). The placement depends on the
 * zoom only; panning moves it whole.
 */
export function StakeholderLabels({ editor, viewport, stacksOnly }: { editor: Editor; viewport: Viewport; stacksOnly: boolean }) {
  const cards = useElementsDerived(editor, () => editor.store.ofType('stakeholder').map(({ id, name, x, y, w, h }) => ({ id, name, x, y, w, h })), sameCards);
  const scale = viewport.scale;
  const labels = useMemo(() => {
    const sources: LabelSource[] = [];
    for (const c of cards) if (c.w * scale >= MIN_CARD_PX) sources.push({ id: c.id, text: c.name, x: c.x * scale, y: c.y * scale, w: c.w * scale, h: c.h * scale });
    // Zoomed in, a card names itself: only the cards hidden under another need a label.
    if (stacksOnly) sources.splice(0, sources.length, ...stacksOf(sources).filter((stack) => stack.length > 1).flat());
    return placeLabels(sources, { measure, lineHeight: LINE_HEIGHT, maxWidth: MAX_WIDTH, maxLines: MAX_LINES, padding: PADDING });
  }, [cards, scale, stacksOnly]);
  if (labels.length === 0) return null;
  return (
    <Shape
      listening={false}
      perfectDrawEnabled={false}
      sceneFunc={(context, shape) => draw(context, labels, viewport, shape.getLayer()?.getCanvas().getPixelRatio() ?? 1)}
    />
  );
}
