import { createContext, useContext } from 'react';
import type Konva from 'konva';
import type { Context } from 'konva/lib/Context';
import type { Editor } from '../editor/editor';

/** How long after the last change of scale a zoom counts as over. */
const SETTLE_MS = 150;
/** While zooming, text is drawn at sizes on this ladder (each step 1/8 larger than the last). */
const SIZE_STEP = 1.125;
/** Text smaller than this on screen (px) cannot be read: its lines are drawn as bars. */
export const GREEK_BELOW_PX = 6;

/** The largest size on the ladder at or below `size` (device pixels). */
export function ladderSize(size: number): number {
  if (!(size > 0)) return size;
  return SIZE_STEP ** Math.floor(Math.log(size) / Math.log(SIZE_STEP) + 1e-9);
}

/**
 * Whether the view is zooming: true from a change of scale until it has rested for 150 ms.
 * Every frame of a zoom draws text at a size it has never been drawn at, and the browser
 * shapes and rasterises each line afresh at each new size; without a GPU that is what made
 * zooming drop frames between 30 % and 100 % (measured: with note text left out, the same
 * sweep stays within the frame budget). While zooming, text is drawn at the nearest smaller
 * size on a ladder of sizes 1/8 apart (scaled about the middle of its box, so it stays
 * centred and never outgrows the box), so consecutive frames reuse what the browser has
 * cached; once the zoom rests, it is drawn at its exact size again.
 */
export class ZoomState {
  private zooming = false;
  private lastScale: number;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly editor: Editor,
    private readonly redraw: () => void,
  ) {
    this.lastScale = editor.state.viewport.scale;
  }

  get active(): boolean {
    return this.zooming;
  }

  /** Follows the view's scale until the returned function is called. */
  start(): () => void {
    this.lastScale = this.editor.state.viewport.scale;
    const stop = this.editor.subscribe(() => {
      const { scale } = this.editor.state.viewport;
      if (scale === this.lastScale) return;
      this.lastScale = scale;
      this.zooming = true;
      clearTimeout(this.timer);
      this.timer = setTimeout(this.settle, SETTLE_MS);
    });
    return () => {
      stop();
      clearTimeout(this.timer);
      this.zooming = false;
    };
  }

  private readonly settle = () => {
    this.zooming = false;
    this.redraw();
  };

  /**
   * A Konva Text scene function: Konva's own, at a ladder size while zooming; text too small
   * to read is drawn as a bar per line (greeked), as other whiteboards do far out.
   */
  readonly drawText = (context: Context, shape: Konva.Shape) => {
    const text = shape as Konva.Text;
    const device = text.fontSize() * text.getAbsoluteScale().x;
    if (device < GREEK_BELOW_PX) return greek(context, text);
    const draw = (text as unknown as { _sceneFunc(context: Context): void })._sceneFunc.bind(text);
    if (!this.zooming) return draw(context);
    const k = ladderSize(device) / device;
    if (!(k > 0) || k === 1) return draw(context);
    const cx = text.width() / 2;
    const cy = text.height() / 2;
    context.save();
    context.translate(cx, cy);
    context.scale(k, k);
    context.translate(-cx, -cy);
    draw(context);
    context.restore();
  };
}

/** Konva's line boxes of a text node (its private layout, read, never changed). */
interface TextLayout {
  textArr: { width: number }[];
  _getTextTop(): number;
}

/** One faint bar where each line of the text is, in place of letters nobody could read. */
function greek(context: Context, text: Konva.Text): void {
  const { textArr, _getTextTop } = text as unknown as TextLayout;
  if (!text.text() || textArr.length === 0) return;
  const lineHeight = text.lineHeight() * text.fontSize();
  const padding = text.padding();
  const room = text.width() - padding * 2;
  const align = text.align();
  const top = _getTextTop.call(text);
  context.save();
  context.setAttr('globalAlpha', 0.3);
  context.setAttr('fillStyle', text.fill() || '#1f2937');
  textArr.forEach((line, i) => {
    const x = align === 'right' ? room - line.width : align === 'center' ? (room - line.width) / 2 : 0;
    context.fillRect(padding + x, top + i * lineHeight + lineHeight * 0.25, line.width, lineHeight * 0.5);
  });
  context.restore();
}

export const ZoomStateContext = createContext<ZoomState | null>(null);

/** The scene function text on the board draws with (undefined outside a board canvas). */
export function useZoomTextDraw(): ZoomState['drawText'] | undefined {
  return useContext(ZoomStateContext)?.drawText;
}
