import { createContext } from 'react';
import { Shape } from 'react-konva';
import type { Context } from 'konva/lib/Context';
import { FRAME_TITLE_SCREEN_PX, FRAME_TITLE_SCREEN_SCALE, frameTitlePlacements, shortenToWidth, type FrameTitlePlacement, type FrameTitleSource } from '../../../shared/geometry/frame-titles';
import type { Viewport } from '../../../shared/geometry/viewport';
import type { Editor } from '../editor/editor';
import { useEditorState, useElementsDerived } from '../editor/hooks';

/** True while frame titles are drawn at screen size here, so frames leave their own out. */
export const FrameTitlesOnScreen = createContext(false);

const TEXT_COLOUR = '#334155';
const HALO_COLOUR = 'rgba(248, 250, 252, 0.9)';
const NO_OFFSET = { x: 0, y: 0 };
/** Titles kept as pictures; a board has tens of frames, a stress test a few hundred. */
const MAX_PICTURES = 2000;

interface TitlePicture {
  canvas: HTMLCanvasElement;
  /** Width in CSS pixels. */
  width: number;
}

const PAD = 2;

const pictures = new Map<string, TitlePicture>();
const characterWidths = new Map<string, number>();
let measuring: CanvasRenderingContext2D | null = null;
let titleFont = '';

/** The titles' font: the page's, read once (reading computed style in a draw forces a style pass). */
function font(): string {
  titleFont ||= `600 ${FRAME_TITLE_SCREEN_PX}px ${getComputedStyle(document.body).fontFamily || 'sans-serif'}`;
  return titleFont;
}

/** One character's width in the titles' font, measured once: titles are cut by adding these up. */
function characterWidth(character: string): number {
  let width = characterWidths.get(character);
  if (width === undefined) {
    measuring ??= document.createElement('canvas').getContext('2d')!;
    measuring.font = font();
    characterWidths.set(character, (width = measuring.measureText(character).width));
  }
  return width;
}

/** A title drawn once at its screen size, to be copied each frame (drawing text is the costly part). */
function pictureOf(text: string, ratio: number): TitlePicture {
  const key = `${ratio}|${text}`;
  let picture = pictures.get(key);
  if (picture) return picture;
  if (pictures.size >= MAX_PICTURES) pictures.clear();
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d')!;
  ctx.font = font();
  const width = Math.ceil(ctx.measureText(text).width) + 2 * PAD;
  const height = FRAME_TITLE_SCREEN_PX + 2 * PAD + 2;
  canvas.width = Math.max(1, Math.ceil(width * ratio));
  canvas.height = Math.ceil(height * ratio);
  ctx.scale(ratio, ratio);
  ctx.font = font();
  ctx.textBaseline = 'top';
  ctx.lineJoin = 'round';
  // A light halo keeps the title legible where it crosses lines or other frames.
  ctx.strokeStyle = HALO_COLOUR;
  ctx.lineWidth = 3;
  ctx.strokeText(text, PAD, PAD + 1);
  ctx.fillStyle = TEXT_COLOUR;
  ctx.fillText(text, PAD, PAD + 1);
  picture = { canvas, width };
  pictures.set(key, picture);
  return picture;
}

/** Copies each title's picture to its place, cut short with an ellipsis where the frame is narrower. */
function drawTitles(context: Context, placements: readonly FrameTitlePlacement[], ratio: number): void {
  const ctx = context._context;
  ctx.save();
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  for (const p of placements) {
    // Each way a title is cut is a picture of its own, kept: one copy a title each frame.
    const text = shortenToWidth(p.title, p.maxWidth - 2 * PAD, characterWidth);
    if (!text) continue;
    const picture = pictureOf(text, ratio);
    ctx.drawImage(picture.canvas, p.x, p.y, picture.width, picture.canvas.height / ratio);
  }
  ctx.restore();
}

function sameFrames(a: FrameTitleSource[], b: FrameTitleSource[]): boolean {
  return a.length === b.length && a.every((f, i) => { const g = b[i]!; return f.id === g.id && f.title === g.title && f.x === g.x && f.y === g.y && f.w === g.w && f.h === g.h && f.nested === g.nested; });
}

/**
 * Frame titles at a constant screen size while the board is zoomed out (frames' own titles
 * would be a few pixels high). Those of frames at rest go on the board's layer, above its
 * elements: that layer is not redrawn while something is dragged over it at this zoom. Those
 * of frames being dragged go on the overlay with them (`lifted`).
 */
export function FrameTitles({ editor, viewport, width, height, lifted: ofLifted }: { editor: Editor; viewport: Viewport; width: number; height: number; lifted: boolean }) {
  const onScreen = viewport.scale < FRAME_TITLE_SCREEN_SCALE;
  const frames = useElementsDerived(editor, () => (onScreen ? editor.store.ofType('frame').map(({ id, title, x, y, w, h, parentId }) => ({ id, title, x, y, w, h, nested: parentId !== null })) : []), sameFrames);
  const lifted = useEditorState(editor, (s) => s.lifted);
  const liftedFrames = frames.some((f) => lifted.has(f.id));
  // Only the overlay's titles follow a drag between its writes.
  const offset = useEditorState(editor, (s) => (ofLifted && liftedFrames ? s.liftOffset : NO_OFFSET));
  if (!onScreen || frames.length === 0 || (ofLifted && !liftedFrames)) return null;
  const shown = ofLifted ? frames.map((f) => (lifted.has(f.id) ? { ...f, x: f.x + offset.x, y: f.y + offset.y } : f)) : frames;
  const placements = frameTitlePlacements(shown, viewport, { width, height }).filter((p) => lifted.has(p.id) === ofLifted);
  return (
    <Shape
      listening={false}
      perfectDrawEnabled={false}
      sceneFunc={(context, shape) => drawTitles(context, placements, shape.getLayer()?.getCanvas().getPixelRatio() ?? 1)}
    />
  );
}
