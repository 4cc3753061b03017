import { createContext } from 'react';
import { Shape } from 'react-konva';
import type { Context } from 'konva/lib/Context';
import { FRAME_TITLE_SCREEN_PX, FRAME_TITLE_SCREEN_SCALE, frameTitlePlacements, roomAboveNested, shortenToWidth, type FrameTitlePlacement, type FrameTitleSource } from '../../../shared/geometry/frame-titles';
import type { Viewport } from '../../../shared/geometry/viewport';
import type { Editor } from '../editor/editor';
import { useEditorState, useElementsDerived } from '../editor/hooks';

/** True while frame titles are drawn at screen size here, so frames leave their own out. */
export const FrameTitlesOnScreen = createContext(false);

const TEXT_COLOUR = '#334155';
const HALO_COLOUR = 'rgba(248, 250, 252, 0.9)';
const BACKING_COLOUR = 'rgba(248, 250, 252, 0.97)';
const NO_OFFSET = { x: 0, y: 0 };
/** Title pictures kept, the least recently drawn let go first (a cut title is a picture of its own). */
const MAX_PICTURES = 400;

const PAD = 2;
/** A title picture's height in CSS pixels: the text, its padding and the halo. */
const TITLE_HEIGHT = FRAME_TITLE_SCREEN_PX + 2 * PAD + 2;

/** Title pictures by pixel ratio and text, drawn at that ratio. */
const pictures = new Map<string, HTMLCanvasElement>();
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
function pictureOf(text: string, ratio: number, backed: boolean): HTMLCanvasElement {
  const key = `${ratio}|${backed ? 'b' : ''}|${text}`;
  const picture = pictures.get(key);
  if (picture) {
    // Most recently used last: a Map iterates in insertion order.
    pictures.delete(key);
    pictures.set(key, picture);
    return picture;
  }
  if (pictures.size >= MAX_PICTURES) pictures.delete(pictures.keys().next().value!);
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d')!;
  ctx.font = font();
  canvas.width = Math.max(1, Math.ceil((ctx.measureText(text).width + 2 * PAD) * ratio));
  canvas.height = Math.ceil(TITLE_HEIGHT * ratio);
  ctx.scale(ratio, ratio);
  ctx.font = font();
  ctx.textBaseline = 'top';
  ctx.lineJoin = 'round';
  if (backed) {
    // Over a frame's content (a TOWS cell's labels) a halo is not enough: the title gets a card.
    ctx.fillStyle = BACKING_COLOUR;
    ctx.fillRect(0, 0, canvas.width / ratio, TITLE_HEIGHT);
  }
  // A light halo keeps the title legible where it crosses lines or other frames.
  ctx.strokeStyle = HALO_COLOUR;
  ctx.lineWidth = 3;
  ctx.strokeText(text, PAD, PAD + 1);
  ctx.fillStyle = TEXT_COLOUR;
  ctx.fillText(text, PAD, PAD + 1);
  pictures.set(key, canvas);
  return canvas;
}

/** A title as drawn: its text, cut to the frame's width, and how wide that is on screen. */
interface DrawnTitle extends FrameTitlePlacement {
  text: string;
  width: number;
}

function drawnTitles(placements: readonly FrameTitlePlacement[]): DrawnTitle[] {
  const drawn: DrawnTitle[] = [];
  for (const p of placements) {
    const text = shortenToWidth(p.title, p.maxWidth - 2 * PAD, characterWidth);
    if (!text) continue;
    let width = 2 * PAD;
    for (const c of text) width += characterWidth(c);
    drawn.push({ ...p, text, width });
  }
  return drawn;
}

/** Copies each title's picture to its place, on whole device pixels so that it stays sharp. */
function drawTitles(context: Context, titles: readonly DrawnTitle[], ratio: number): void {
  const ctx = context._context;
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  for (const title of titles) {
    // Each way a title is cut is a picture of its own, kept: one copy a title each frame.
    ctx.drawImage(pictureOf(title.text, ratio, title.inside), Math.round(title.x * ratio), Math.round(title.y * ratio));
  }
  ctx.restore();
}

/** The frames whose titles may be drawn, as the placement needs them. */
function titleSources(editor: Editor, include: (id: string) => boolean): FrameTitleSource[] {
  const frames = editor.store.ofType('frame');
  const room = roomAboveNested(frames);
  const sources: FrameTitleSource[] = [];
  for (const { id, title, x, y, w, h, parentId } of frames) if (include(id)) sources.push({ id, title, x, y, w, h, nested: parentId !== null, roomAbove: room.get(id) });
  return sources;
}

/**
 * The frame whose title, drawn at screen size, is under a point of the screen (the canvas's
 * coordinates): zoomed out, titles are drawn above everything, and are how a frame is picked.
 */
export function frameTitleAt(editor: Editor, viewport: Viewport, screen: { width: number; height: number }, point: { x: number; y: number }): string | null {
  if (viewport.scale >= FRAME_TITLE_SCREEN_SCALE) return null;
  const titles = drawnTitles(frameTitlePlacements(titleSources(editor, () => true), viewport, screen));
  return titles.find((t) => point.x >= t.x && point.x <= t.x + t.width && point.y >= t.y && point.y <= t.y + TITLE_HEIGHT)?.id ?? null;
}

/** Whether a frame being dragged has its title drawn at screen size (its picture would leave the title behind). */
export function liftsScreenTitle(editor: Editor, lifted: ReadonlySet<string>): boolean {
  if (editor.state.viewport.scale >= FRAME_TITLE_SCREEN_SCALE) return false;
  for (const id of lifted) {
    const element = editor.store.get(id);
    if (element?.type === 'frame' && element.title.trim()) return true;
  }
  return false;
}

function sameFrame(f: FrameTitleSource, g: FrameTitleSource): boolean {
  return f.id === g.id && f.title === g.title && f.x === g.x && f.y === g.y && f.w === g.w && f.h === g.h && f.nested === g.nested && f.roomAbove === g.roomAbove;
}

function sameFrames(a: FrameTitleSource[], b: FrameTitleSource[]): boolean {
  return a.length === b.length && a.every((f, i) => sameFrame(f, b[i]!));
}

/**
 * Frame titles at a constant screen size while the board is zoomed out (frames' own titles
 * would be a few pixels high). Those of frames at rest go on the board's layer, above its
 * elements: that layer is not redrawn while something is dragged over it at this zoom. Those
 * of frames being dragged go on the overlay with them (`lifted`).
 */
export function FrameTitles({ editor, viewport, width, height, lifted: ofLifted }: { editor: Editor; viewport: Viewport; width: number; height: number; lifted: boolean }) {
  const onScreen = viewport.scale < FRAME_TITLE_SCREEN_SCALE;
  // Re-rendered when a drag starts or ends; the frames it carries are the overlay's then, so
  // the drag's writes (20 a second) to their positions leave the board's titles alone.
  const lifted = useEditorState(editor, (s) => s.lifted);
  const frames = useElementsDerived(editor, () => (onScreen ? titleSources(editor, (id) => lifted.has(id) === ofLifted) : []), sameFrames);
  // Only the overlay's titles follow a drag between its writes.
  const offset = useEditorState(editor, (s) => (ofLifted && frames.length > 0 ? s.liftOffset : NO_OFFSET));
  if (!onScreen || frames.length === 0) return null;
  const shown = ofLifted ? frames.map((f) => ({ ...f, x: f.x + offset.x, y: f.y + offset.y })) : frames;
  const titles = drawnTitles(frameTitlePlacements(shown, viewport, { width, height }));
  return (
    <Shape
      listening={false}
      perfectDrawEnabled={false}
      sceneFunc={(context, shape) => drawTitles(context, titles, shape.getLayer()?.getCanvas().getPixelRatio() ?? 1)}
    />
  );
}
