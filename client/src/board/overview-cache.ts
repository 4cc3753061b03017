import { containsRect, intersects, union, type Rect } from '../../../shared/geometry/rect';
import { visibleRect, type Viewport } from '../../../shared/geometry/viewport';
import type { Element } from '../../../shared/schema/elements';
import type { ElementStore } from '../editor/element-store';

/** Board area drawn around the view, as a share of the view on each side. */
const MARGIN = 0.5;
/** Largest bitmap side in device pixels (memory: 4096² × 4 bytes = 64 MiB at most). */
const MAX_SIDE = 4096;
/** After the view rests this long at a scale other than the bitmap's, the bitmap is rebuilt. */
const SHARPEN_AFTER_MS = 150;
/** After elements stop changing for this long, their patches are folded into the bitmap. */
const FOLD_AFTER_MS = 1000;
/** Past this many changed elements the bitmap is rebuilt instead of patched. */
const MAX_PATCHES = 300;
/** Board units around a changed box that its outline may cover (half the widest stroke usually drawn). */
const STROKE_PAD = 40;

type Render = (elements: Element[], ctx: CanvasRenderingContext2D, scale: number) => void;

/**
 * A bitmap of the board at one scale, covering the view and a margin around it, for the
 * overview (below the text threshold). Panning copies it (pixel for pixel), zooming a
 * little stretches it; elements that changed since it was drawn are patched over the
 * copy (their old and new areas cleared and drawn again), and folded into the bitmap once
 * changes pause. Changing the bitmap itself on every remote edit would copy all of it
 * (the browser keeps the last copy it drew from), which is what the patches avoid.
 */
export class OverviewCache {
  private canvas: HTMLCanvasElement | null = null;
  private rect: Rect = { x: 0, y: 0, w: 0, h: 0 };
  private scale = 0;
  private pixelRatio = 0;
  private valid = false;
  private exclude: ReadonlySet<string> = new Set();
  /** Where each element in the bitmap was drawn. */
  private readonly drawn = new Map<string, Rect>();
  /** Elements changed since the bitmap was drawn. */
  private readonly changedIds = new Set<string>();
  /** Set when the view has rested or changes paused: the next paint rebuilds the bitmap. */
  private rebuildNow = false;
  private sharpen: ReturnType<typeof setTimeout> | null = null;
  private fold: ReturnType<typeof setTimeout> | null = null;
  /** Number of bitmap builds, of paints with patches and of direct paints (for the benchmark). */
  builds = 0;
  patched = 0;
  direct = 0;

  constructor(
    private readonly render: Render,
    private readonly requestPaint: () => void,
  ) {}

  /**
   * Elements left out (drawn elsewhere, above the bitmap). Those that join or leave the set are
   * patched like changed elements rather than rebuilding the whole bitmap: a drag lifts a note
   * out of a 10,000-element overview, and a rebuild at its first frame cost 30-60 ms.
   */
  setExclude(ids: ReadonlySet<string>): void {
    if (ids === this.exclude) return;
    const before = this.exclude;
    this.exclude = ids;
    if (!this.valid) return;
    for (const id of ids) if (!before.has(id)) this.changedIds.add(id);
    for (const id of before) if (!ids.has(id)) this.changedIds.add(id);
    if (this.changedIds.size > MAX_PATCHES) this.valid = false;
  }

  /** After a change of the elements `ids`: whether what is painted is out of date. */
  changed(ids: ReadonlySet<string>): boolean {
    let any = false;
    for (const id of ids) {
      if (this.exclude.has(id)) continue;
      this.changedIds.add(id);
      any = true;
    }
    if (!any) return false;
    if (this.changedIds.size > MAX_PATCHES) this.valid = false;
    if (this.fold !== null) clearTimeout(this.fold);
    this.fold = setTimeout(() => {
      this.fold = null;
      if (this.changedIds.size === 0) return;
      this.rebuildNow = true;
      this.requestPaint();
    }, FOLD_AFTER_MS);
    return true;
  }

  /**
   * Paints the board onto `ctx`, whose transform maps board coordinates to device pixels.
   * While the scale changes beyond what stretching the bitmap can show, the view is drawn
   * directly instead (cheaper than a bitmap four times the screen) and the bitmap is
   * rebuilt once the view rests.
   */
  paint(ctx: CanvasRenderingContext2D, store: ElementStore, viewport: Viewport, width: number, height: number): void {
    const scale = viewport.scale;
    const pixelRatio = ctx.getTransform().a / scale;
    const view = visibleRect(viewport, width, height);
    const ratio = this.scale > 0 ? scale / this.scale : 0;
    const usable = this.valid && !this.rebuildNow && this.canvas !== null && pixelRatio === this.pixelRatio && ratio >= 0.5 && ratio <= 2 && containsRect(this.rect, view);
    const rebuild = !usable && (this.rebuildNow || (this.canvas !== null && this.scale === scale && pixelRatio === this.pixelRatio));
    if (this.sharpen !== null) clearTimeout(this.sharpen);
    this.sharpen = null;
    if (!usable && !rebuild) {
      this.paintDirect(ctx, store, view, scale);
    } else {
      if (rebuild) this.build(store, view, scale, pixelRatio);
      ctx.save();
      // At its own scale the bitmap lands pixel for pixel: no smoothing keeps it sharp.
      ctx.imageSmoothingEnabled = this.scale !== scale;
      ctx.drawImage(this.canvas!, this.rect.x, this.rect.y, this.rect.w, this.rect.h);
      ctx.restore();
      if (this.changedIds.size > 0) this.paintPatches(ctx, store, scale);
      if (this.scale === scale) return;
    }
    this.sharpen = setTimeout(() => {
      this.sharpen = null;
      this.rebuildNow = true;
      this.requestPaint();
    }, SHARPEN_AFTER_MS);
  }

  dispose(): void {
    for (const timer of [this.sharpen, this.fold]) if (timer !== null) clearTimeout(timer);
    this.sharpen = this.fold = null;
    if (this.canvas) this.canvas.width = this.canvas.height = 0;
    this.canvas = null;
    this.valid = false;
  }

  private paintDirect(ctx: CanvasRenderingContext2D, store: ElementStore, view: Rect, scale: number): void {
    const elements: Element[] = [];
    for (const element of store.ordered()) {
      if (!this.exclude.has(element.id) && intersects(view, store.bounds(element))) elements.push(element);
    }
    this.render(elements, ctx, scale);
    this.direct++;
  }

  /** Clears where changed elements (and the connectors following them) were and are, and draws those areas again. */
  private paintPatches(ctx: CanvasRenderingContext2D, store: ElementStore, scale: number): void {
    const ordered = store.ordered();
    const ids = new Set(this.changedIds);
    for (const e of ordered) {
      if (e.type === 'connector' && !this.exclude.has(e.id) && ((e.from && ids.has(e.from)) || (e.to && ids.has(e.to)))) ids.add(e.id);
    }
    const pad = STROKE_PAD + 2 / scale;
    const areas: Rect[] = [];
    const add = (r: Rect | undefined) => {
      if (r && intersects(this.rect, r)) areas.push({ x: r.x - pad, y: r.y - pad, w: r.w + 2 * pad, h: r.h + 2 * pad });
    };
    for (const id of ids) {
      add(this.drawn.get(id));
      const element = store.get(id);
      if (element && !this.exclude.has(id)) add(store.bounds(element));
    }
    const all = union(areas);
    if (!all) return;
    ctx.save();
    ctx.beginPath();
    for (const a of areas) ctx.rect(a.x, a.y, a.w, a.h);
    ctx.clip();
    for (const a of areas) ctx.clearRect(a.x, a.y, a.w, a.h);
    const elements: Element[] = [];
    for (const e of ordered) {
      if (this.exclude.has(e.id)) continue;
      const b = store.bounds(e);
      if (intersects(all, b) && areas.some((a) => intersects(a, b))) elements.push(e);
    }
    this.render(elements, ctx, scale);
    ctx.restore();
    this.patched++;
  }

  private build(store: ElementStore, view: Rect, scale: number, pixelRatio: number): void {
    const k = scale * pixelRatio;
    const cx = view.x + view.w / 2;
    const cy = view.y + view.h / 2;
    const w = Math.max(view.w, Math.min(view.w * (1 + 2 * MARGIN), MAX_SIDE / k));
    const h = Math.max(view.h, Math.min(view.h * (1 + 2 * MARGIN), MAX_SIDE / k));
    const pixelsW = Math.max(1, Math.ceil(w * k));
    const pixelsH = Math.max(1, Math.ceil(h * k));
    // The covered area is exactly the bitmap's size at this scale, so copies are 1:1.
    const rect = { x: cx - pixelsW / k / 2, y: cy - pixelsH / k / 2, w: pixelsW / k, h: pixelsH / k };
    this.canvas ??= document.createElement('canvas');
    const canvas = this.canvas;
    if (canvas.width !== pixelsW || canvas.height !== pixelsH) {
      canvas.width = pixelsW;
      canvas.height = pixelsH;
    }
    const ctx = canvas.getContext('2d')!;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, pixelsW, pixelsH);
    ctx.setTransform(k, 0, 0, k, -rect.x * k, -rect.y * k);
    const elements: Element[] = [];
    this.drawn.clear();
    this.changedIds.clear();
    for (const element of store.ordered()) {
      if (this.exclude.has(element.id)) continue;
      const b = store.bounds(element);
      if (intersects(rect, b)) {
        elements.push(element);
        this.drawn.set(element.id, b);
      }
    }
    this.render(elements, ctx, scale);
    this.rect = rect;
    this.scale = scale;
    this.pixelRatio = pixelRatio;
    this.valid = true;
    this.rebuildNow = false;
    this.builds++;
  }
}
