import { describe, expect, it } from 'vitest';
import {
  boardToScreen,
  center,
  connectorPath,
  containsRect,
  edgePoint,
  elementBounds,
  fitBounds,
  handlePosition,
  hitsElement,
  hitTest,
  HANDLES,
  mapRect,
  MAX_SCALE,
  MIN_SCALE,
  resizeRect,
  screenToBoard,
  visibleRect,
  zoomAt,
  wheelPixels,
  WHEEL_LINE_PX,
  type Handle,
  type Point,
  type Rect,
} from '../../shared/geometry';
import { buildElement, type NewElement } from '../../shared/ops';
import { elementSchema, type Element, type ElementOf } from '../../shared/schema/elements';

/** A valid element of any type (defaults filled in, as createElements would store it). */
function el<T extends Element['type']>(input: NewElement & { type: T }, z = 'a0'): ElementOf<T> {
  return elementSchema.parse(buildElement(input, z)) as ElementOf<T>;
}

/** A lookup over a fixed set of elements. */
function lookupOf(...elements: Element[]): (id: string) => Element | undefined {
  const byId = new Map(elements.map((e) => [e.id, e]));
  return (id) => byId.get(id);
}

const none = () => undefined;

function onBorder(r: Rect, p: Point, eps = 1e-9): boolean {
  const withinX = p.x >= r.x - eps && p.x <= r.x + r.w + eps;
  const withinY = p.y >= r.y - eps && p.y <= r.y + r.h + eps;
  const onVertical = Math.abs(p.x - r.x) < eps || Math.abs(p.x - r.x - r.w) < eps;
  const onHorizontal = Math.abs(p.y - r.y) < eps || Math.abs(p.y - r.y - r.h) < eps;
  return withinX && withinY && (onVertical || onHorizontal);
}

describe('elementBounds', () => {
  it.each(['note', 'text', 'rect', 'ellipse', 'frame'] as const)('%s: its own box', (type) => {
    const e = el({ type, x: 10, y: -20, w: 30, h: 40 });
    expect(elementBounds(e, none)).toEqual({ x: 10, y: -20, w: 30, h: 40 });
  });

  it('stroke: the points offset by x/y, padded by half the stroke width', () => {
    const e = el({ type: 'stroke', x: 100, y: 50, points: [0, 0, 10, -5, -4, 20], strokeWidth: 4 });
    expect(elementBounds(e, none)).toEqual({ x: 100 - 4 - 2, y: 50 - 5 - 2, w: 14 + 4, h: 25 + 4 });
  });

  it('loose connector: the polyline of its own points, bends included', () => {
    const c = el({ type: 'connector', x: 10, y: 10, points: [0, 0, 50, -30, 100, 20] });
    expect(elementBounds(c, none)).toEqual({ x: 10, y: -20, w: 100, h: 50 });
  });

  it('attached connector: spans between the edges of its elements, wherever its own points say', () => {
    const a = el({ type: 'rect', id: 'a', x: 0, y: 0, w: 100, h: 100 });
    const b = el({ type: 'rect', id: 'b', x: 300, y: 0, w: 100, h: 100 });
    const c = el({ type: 'connector', x: 9999, y: 9999, from: 'a', to: 'b', points: [0, 0, 1, 1] });
    expect(elementBounds(c, lookupOf(a, b))).toEqual({ x: 100, y: 50, w: 200, h: 0 });
  });
});

describe('edgePoint', () => {
  const rect = { x: 10, y: 20, w: 100, h: 60 };
  const targets: Point[] = [
    { x: 1000, y: 50 },
    { x: -1000, y: 50 },
    { x: 60, y: 1000 },
    { x: 60, y: -1000 },
    { x: 300, y: 300 },
    { x: -50, y: -40 },
    { x: 61, y: -7 },
    { x: 200, y: 51 },
  ];
  it.each(targets)('towards (%o) lies on the border, on the ray from the centre', (toward) => {
    const p = edgePoint(rect, toward);
    expect(onBorder(rect, p)).toBe(true);
    const c = center(rect);
    // Collinear with the centre and the target, and on the target's side.
    const cross = (p.x - c.x) * (toward.y - c.y) - (p.y - c.y) * (toward.x - c.x);
    expect(Math.abs(cross)).toBeLessThan(1e-6);
    expect((p.x - c.x) * (toward.x - c.x) + (p.y - c.y) * (toward.y - c.y)).toBeGreaterThan(0);
  });

  it('exact values: straight right, and through a corner', () => {
    expect(edgePoint(rect, { x: 500, y: 50 })).toEqual({ x: 110, y: 50 });
    expect(edgePoint({ x: 0, y: 0, w: 100, h: 100 }, { x: 200, y: 200 })).toEqual({ x: 100, y: 100 });
  });

  it('towards the centre itself: the centre', () => {
    expect(edgePoint(rect, center(rect))).toEqual(center(rect));
  });
});

describe('connectorPath', () => {
  const a = el({ type: 'note', id: 'a', x: 0, y: 0, w: 100, h: 100 });
  const b = el({ type: 'note', id: 'b', x: 300, y: 0, w: 100, h: 100 });

  it('between two elements: from edge to edge along the line between their centres', () => {
    const c = el({ type: 'connector', from: 'a', to: 'b', points: [0, 0, 300, 0] });
    expect(connectorPath(c, lookupOf(a, b))).toEqual([100, 50, 300, 50]);
  });

  it('follows a moved element without the connector itself changing', () => {
    const c = el({ type: 'connector', from: 'a', to: 'b', points: [0, 0, 300, 0] });
    const movedB = { ...b, x: 0, y: 400 };
    expect(connectorPath(c, lookupOf(a, movedB))).toEqual([50, 100, 50, 400]);
  });

  it('loose ends sit at the own points, offset by x/y', () => {
    const c = el({ type: 'connector', x: 5, y: 7, points: [0, 0, 40, 30] });
    expect(connectorPath(c, none)).toEqual([5, 7, 45, 37]);
  });

  it('one attached end, one loose: the attached end points at the loose one', () => {
    const c = el({ type: 'connector', x: 50, y: 50, from: 'a', to: null, points: [0, 0, 450, 0] });
    expect(connectorPath(c, lookupOf(a))).toEqual([100, 50, 500, 50]);
    const d = el({ type: 'connector', x: 600, y: 50, from: null, to: 'b', points: [0, 0, -250, 0] });
    expect(connectorPath(d, lookupOf(b))).toEqual([600, 50, 400, 50]);
  });

  it('an end attached to a missing (deleted) element falls back to the loose point', () => {
    const c = el({ type: 'connector', x: 10, y: 10, from: 'gone', to: 'b', points: [0, 0, 300, 40] });
    const path = connectorPath(c, lookupOf(b));
    expect(path.slice(0, 2)).toEqual([10, 10]);
    expect(onBorder(b, { x: path[2]!, y: path[3]! })).toBe(true);
  });

  it('bends stay in place and the attached ends aim at the nearest bend', () => {
    const c = el({ type: 'connector', x: 0, y: 0, from: 'a', to: 'b', points: [0, 0, 50, 300, 350, 300, 0, 0] });
    const path = connectorPath(c, lookupOf(a, b));
    expect(path).toEqual([50, 100, 50, 300, 350, 300, 350, 100]);
  });

  it('an end attached to another connector is treated as loose (no recursion)', () => {
    const other = el({ type: 'connector', id: 'other', from: 'a', to: 'b', points: [] });
    const c = el({ type: 'connector', x: 1, y: 2, from: 'other', to: null, points: [0, 0, 10, 0] });
    expect(connectorPath(c, lookupOf(a, b, other))).toEqual([1, 2, 11, 2]);
  });
});

describe('hitsElement', () => {
  it('rect-like elements: inside the box, and within tolerance of it', () => {
    const r = el({ type: 'rect', x: 0, y: 0, w: 100, h: 50 });
    expect(hitsElement(r, { x: 50, y: 25 }, none, 0)).toBe(true);
    expect(hitsElement(r, { x: 103, y: 25 }, none, 4)).toBe(true);
    expect(hitsElement(r, { x: 105, y: 25 }, none, 4)).toBe(false);
  });

  it('ellipse: a corner of its box is a miss, its inside and rim are hits', () => {
    const e = el({ type: 'ellipse', x: 0, y: 0, w: 200, h: 100 });
    expect(hitsElement(e, { x: 100, y: 50 }, none, 0)).toBe(true);
    expect(hitsElement(e, { x: 200, y: 50 }, none, 0)).toBe(true);
    // Inside the bounding box, outside the ellipse.
    expect(hitsElement(e, { x: 10, y: 10 }, none, 0)).toBe(false);
    expect(hitsElement(e, { x: 190, y: 95 }, none, 4)).toBe(false);
    // The same point hits a rectangle of the same box.
    expect(hitsElement(el({ type: 'rect', x: 0, y: 0, w: 200, h: 100 }), { x: 10, y: 10 }, none, 0)).toBe(true);
  });

  it('stroke: near a segment within tolerance + half its width, not further', () => {
    const s = el({ type: 'stroke', x: 100, y: 100, points: [0, 0, 100, 0, 100, 100], strokeWidth: 4 });
    expect(hitsElement(s, { x: 150, y: 105 }, none, 4)).toBe(true);
    expect(hitsElement(s, { x: 150, y: 107 }, none, 4)).toBe(false);
    expect(hitsElement(s, { x: 196, y: 150 }, none, 4)).toBe(true);
    // Inside the stroke's bounding box but far from the line.
    expect(hitsElement(s, { x: 130, y: 170 }, none, 4)).toBe(false);
  });

  it('a single-point stroke is hit near that point', () => {
    const s = el({ type: 'stroke', x: 10, y: 10, points: [0, 0], strokeWidth: 2 });
    expect(hitsElement(s, { x: 13, y: 13 }, none, 4)).toBe(true);
    expect(hitsElement(s, { x: 20, y: 20 }, none, 4)).toBe(false);
  });

  it('connector: near its current path (following its elements), not its stale own points', () => {
    const a = el({ type: 'note', id: 'a', x: 0, y: 0, w: 100, h: 100 });
    const b = el({ type: 'note', id: 'b', x: 0, y: 400, w: 100, h: 100 });
    const c = el({ type: 'connector', x: 100, y: 50, from: 'a', to: 'b', points: [0, 0, 200, 0], strokeWidth: 2 });
    const lookup = lookupOf(a, b);
    expect(hitsElement(c, { x: 55, y: 250 }, lookup, 4)).toBe(true);
    expect(hitsElement(c, { x: 57, y: 250 }, lookup, 4)).toBe(false);
    expect(hitsElement(c, { x: 200, y: 50 }, lookup, 4)).toBe(false);
  });

  it('frame: picked by its title bar or border, not its inside', () => {
    const f = el({ type: 'frame', x: 0, y: 0, w: 400, h: 300 });
    expect(hitsElement(f, { x: 200, y: 150 }, none, 4)).toBe(false);
    expect(hitsElement(f, { x: 50, y: 50 }, none, 4)).toBe(false);
    expect(hitsElement(f, { x: 200, y: -16 }, none, 4)).toBe(true);
    expect(hitsElement(f, { x: 2, y: 150 }, none, 4)).toBe(true);
    expect(hitsElement(f, { x: 398, y: 150 }, none, 4)).toBe(true);
    expect(hitsElement(f, { x: 200, y: 303 }, none, 4)).toBe(true);
    // Above the title bar, or beside the frame: nothing.
    expect(hitsElement(f, { x: 200, y: -40 }, none, 4)).toBe(false);
    expect(hitsElement(f, { x: 420, y: 150 }, none, 4)).toBe(false);
  });
});

describe('hitTest', () => {
  it('returns the topmost element under the point (last in drawing order)', () => {
    const bottom = el({ type: 'rect', id: 'bottom', x: 0, y: 0, w: 100, h: 100 });
    const top = el({ type: 'note', id: 'top', x: 50, y: 50, w: 100, h: 100 });
    const lookup = lookupOf(bottom, top);
    expect(hitTest([bottom, top], { x: 75, y: 75 }, lookup)?.id).toBe('top');
    expect(hitTest([top, bottom], { x: 75, y: 75 }, lookup)?.id).toBe('bottom');
    expect(hitTest([bottom, top], { x: 10, y: 10 }, lookup)?.id).toBe('bottom');
    expect(hitTest([bottom, top], { x: 500, y: 500 }, lookup)).toBeUndefined();
  });

  it('reaches a note inside a frame drawn above it', () => {
    const note = el({ type: 'note', id: 'n', x: 100, y: 100, w: 50, h: 50 });
    const frame = el({ type: 'frame', id: 'f', x: 0, y: 0, w: 400, h: 300 });
    expect(hitTest([note, frame], { x: 120, y: 120 }, lookupOf(note, frame))?.id).toBe('n');
  });
});

describe('viewport', () => {
  it('screenToBoard and boardToScreen are inverse', () => {
    const v = { x: 37, y: -12, scale: 1.7 };
    const p = { x: 123.5, y: -88 };
    const back = screenToBoard(v, boardToScreen(v, p));
    expect(back.x).toBeCloseTo(p.x, 9);
    expect(back.y).toBeCloseTo(p.y, 9);
  });

  it.each([
    [2, { x: 300, y: 200 }],
    [0.5, { x: 0, y: 0 }],
    [1.25, { x: 1000, y: 17 }],
  ])('zoomAt(factor %d) keeps the board point under the anchor fixed', (factor, anchor) => {
    const v = { x: -40, y: 25, scale: 0.8 };
    const before = screenToBoard(v, anchor);
    const zoomed = zoomAt(v, anchor, factor);
    expect(zoomed.scale).toBeCloseTo(0.8 * factor, 9);
    const after = screenToBoard(zoomed, anchor);
    expect(after.x).toBeCloseTo(before.x, 9);
    expect(after.y).toBeCloseTo(before.y, 9);
  });

  it('zoomAt clamps the scale and still keeps the anchor fixed', () => {
    const v = { x: 0, y: 0, scale: 1 };
    const anchor = { x: 200, y: 100 };
    const max = zoomAt(v, anchor, 1000);
    expect(max.scale).toBe(MAX_SCALE);
    expect(screenToBoard(max, anchor).x).toBeCloseTo(200, 9);
    expect(zoomAt(v, anchor, 0.0001).scale).toBe(MIN_SCALE);
  });

  it.each([
    { x: 0, y: 0, w: 1000, h: 200 },
    { x: -5000, y: 300, w: 100, h: 4000 },
    { x: 10, y: 10, w: 20, h: 20 },
  ])('fitBounds(%o) centres the bounds and shows them whole', (bounds) => {
    const width = 1024;
    const height = 768;
    const v = fitBounds(bounds, width, height);
    const c = boardToScreen(v, center(bounds));
    expect(c.x).toBeCloseTo(width / 2, 6);
    expect(c.y).toBeCloseTo(height / 2, 6);
    expect(containsRect(visibleRect(v, width, height), bounds)).toBe(true);
    // Within the margin (48px) on the tighter side, unless the zoom cap (2) stopped it.
    const shown = { w: bounds.w * v.scale, h: bounds.h * v.scale };
    if (v.scale < 2) expect(Math.max(shown.w - (width - 96), shown.h - (height - 96))).toBeCloseTo(0, 6);
  });
});

describe('resizeRect', () => {
  const r = { x: 100, y: 100, w: 200, h: 100 };

  it.each([
    ['se', 50, 30, { x: 100, y: 100, w: 250, h: 130 }],
    ['nw', 50, 30, { x: 150, y: 130, w: 150, h: 70 }],
    ['e', 50, 30, { x: 100, y: 100, w: 250, h: 100 }],
    ['n', 50, -30, { x: 100, y: 70, w: 200, h: 130 }],
    ['sw', -20, 10, { x: 80, y: 100, w: 220, h: 110 }],
  ] as const)('%s by (%d, %d)', (handle, dx, dy, expected) => {
    expect(resizeRect(r, handle, dx, dy)).toEqual(expected);
  });

  it.each(HANDLES)('%s never flips, however far it is dragged, and keeps minSize', (handle) => {
    for (const [dx, dy] of [
      [-1000, -1000],
      [1000, 1000],
      [-1000, 1000],
      [1000, -1000],
    ] as const) {
      for (const keepRatio of [false, true]) {
        const out = resizeRect(r, handle, dx, dy, keepRatio, 10);
        expect(out.w).toBeGreaterThanOrEqual(10);
        expect(out.h).toBeGreaterThanOrEqual(10);
        // The opposite edges stay put.
        if (handle.includes('e')) expect(out.x).toBe(r.x);
        if (handle.includes('w')) expect(out.x + out.w).toBeCloseTo(r.x + r.w, 9);
        if (handle.includes('s')) expect(out.y).toBe(r.y);
        if (handle.includes('n')) expect(out.y + out.h).toBeCloseTo(r.y + r.h, 9);
      }
    }
  });

  it('shrinking past the opposite edge stops at minSize', () => {
    expect(resizeRect(r, 'e', -500, 0, false, 8)).toEqual({ x: 100, y: 100, w: 8, h: 100 });
    expect(resizeRect(r, 'n', 0, 500, false, 20)).toEqual({ x: 100, y: 180, w: 200, h: 20 });
  });

  it.each(['nw', 'ne', 'se', 'sw'] as const)('%s with keepRatio keeps the aspect ratio', (handle: Handle) => {
    for (const [dx, dy] of [
      [40, 5],
      [-30, 60],
      [120, -10],
      [-150, -80],
    ] as const) {
      const out = resizeRect(r, handle, dx, dy, true);
      expect(out.w / out.h).toBeCloseTo(2, 9);
    }
  });

  it('edge handles ignore keepRatio (they change one dimension)', () => {
    expect(resizeRect(r, 'e', 50, 0, true)).toEqual({ x: 100, y: 100, w: 250, h: 100 });
  });
});

describe('mapRect and handlePosition', () => {
  it('mapRect keeps the relative place and scale', () => {
    const from = { x: 0, y: 0, w: 100, h: 100 };
    const to = { x: 100, y: 200, w: 200, h: 50 };
    expect(mapRect({ x: 25, y: 50, w: 50, h: 50 }, from, to)).toEqual({ x: 150, y: 225, w: 100, h: 25 });
    expect(mapRect(from, from, to)).toEqual(to);
  });

  it('mapRect with a zero-size source only translates', () => {
    const from = { x: 10, y: 10, w: 0, h: 0 };
    expect(mapRect({ x: 10, y: 10, w: 0, h: 0 }, from, { x: 50, y: 60, w: 0, h: 0 })).toEqual({ x: 50, y: 60, w: 0, h: 0 });
  });

  it('handlePosition puts each handle on its corner or edge midpoint', () => {
    const box = { x: 0, y: 0, w: 100, h: 50 };
    const expected: Record<Handle, Point> = {
      nw: { x: 0, y: 0 },
      n: { x: 50, y: 0 },
      ne: { x: 100, y: 0 },
      e: { x: 100, y: 25 },
      se: { x: 100, y: 50 },
      s: { x: 50, y: 50 },
      sw: { x: 0, y: 50 },
      w: { x: 0, y: 25 },
    };
    for (const handle of HANDLES) expect(handlePosition(box, handle)).toEqual(expected[handle]);
  });
});

describe('wheel movement', () => {
  it('is read in pixels whatever unit the browser reports', () => {
    expect(wheelPixels(0, 100, 0, 800)).toEqual({ x: 0, y: 100 });
    // Firefox, one notch of a mouse wheel: 3 lines.
    expect(wheelPixels(0, 3, 1, 800)).toEqual({ x: 0, y: 3 * WHEEL_LINE_PX });
    expect(wheelPixels(1, -1, 2, 800)).toEqual({ x: 800, y: -800 });
  });
});
