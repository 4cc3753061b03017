import type { Element, ElementOf } from '../schema/elements';
import { center, distanceToSegment, pointsBounds, type Point, type Rect } from './rect';

export type ElementLookup = (id: string) => Element | undefined;

/** The box an element occupies before its rotation (connectors: their path's box). */
export function unrotatedBounds(element: Element, lookup: ElementLookup): Rect {
  switch (element.type) {
    case 'stroke': {
      const b = pointsBounds(element.x, element.y, element.points);
      const pad = element.strokeWidth / 2;
      return { x: b.x - pad, y: b.y - pad, w: b.w + 2 * pad, h: b.h + 2 * pad };
    }
    case 'connector': {
      const path = connectorPath(element, lookup);
      return pointsBounds(0, 0, path);
    }
    default:
      return { x: element.x, y: element.y, w: element.w, h: element.h };
  }
}

/**
 * The element's rotation in degrees (clockwise, about the centre of its unrotated box);
 * connectors are not rotated: their ends say where they go.
 */
export function rotationOf(element: Element): number {
  return element.type === 'connector' ? 0 : element.rotation % 360;
}

/** Turns `p` by `degrees` (clockwise on screen, where y points down) about `about`. */
export function rotatePoint(p: Point, about: Point, degrees: number): Point {
  const a = (degrees * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const dx = p.x - about.x;
  const dy = p.y - about.y;
  return { x: about.x + dx * cos - dy * sin, y: about.y + dx * sin + dy * cos };
}

/**
 * The box an element occupies, for culling, selection and hit-testing: for a rotated
 * element, the axis-aligned box around its rotated outline.
 */
export function elementBounds(element: Element, lookup: ElementLookup): Rect {
  const box = unrotatedBounds(element, lookup);
  const rotation = rotationOf(element);
  if (rotation === 0) return box;
  const c = center(box);
  const corners = [
    { x: box.x, y: box.y },
    { x: box.x + box.w, y: box.y },
    { x: box.x + box.w, y: box.y + box.h },
    { x: box.x, y: box.y + box.h },
  ].map((p) => rotatePoint(p, c, rotation));
  const xs = corners.map((p) => p.x);
  const ys = corners.map((p) => p.y);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, w: Math.max(...xs) - x, h: Math.max(...ys) - y };
}

/**
 * Where a line from the centre of `rect` towards `toward` leaves the rect: connectors
 * end at the edge of the element they are attached to, not its centre.
 */
export function edgePoint(rect: Rect, toward: Point): Point {
  const c = center(rect);
  const dx = toward.x - c.x;
  const dy = toward.y - c.y;
  if (dx === 0 && dy === 0) return c;
  const scaleX = dx === 0 ? Infinity : rect.w / 2 / Math.abs(dx);
  const scaleY = dy === 0 ? Infinity : rect.h / 2 / Math.abs(dy);
  const t = Math.min(scaleX, scaleY, 1);
  return { x: c.x + dx * t, y: c.y + dy * t };
}

/**
 * The connector's polyline in board coordinates. Attached ends follow their elements, so
 * moving a note moves the lines attached to it without touching the connector itself.
 */
export function connectorPath(connector: ElementOf<'connector'>, lookup: ElementLookup): number[] {
  const own = connector.points;
  const looseStart: Point = { x: connector.x + (own[0] ?? 0), y: connector.y + (own[1] ?? 0) };
  const looseEnd: Point = own.length >= 4 ? { x: connector.x + own[own.length - 2]!, y: connector.y + own[own.length - 1]! } : looseStart;
  const bends: number[] = [];
  for (let i = 2; i + 3 < own.length; i += 2) bends.push(connector.x + own[i]!, connector.y + own[i + 1]!);
  const fromElement = connector.from ? lookup(connector.from) : undefined;
  const toElement = connector.to ? lookup(connector.to) : undefined;
  const fromRect = fromElement && fromElement.type !== 'connector' ? elementBounds(fromElement, lookup) : undefined;
  const toRect = toElement && toElement.type !== 'connector' ? elementBounds(toElement, lookup) : undefined;
  const nextAfterStart: Point = bends.length ? { x: bends[0]!, y: bends[1]! } : toRect ? center(toRect) : looseEnd;
  const start = fromRect ? edgePoint(fromRect, nextAfterStart) : looseStart;
  const beforeEnd: Point = bends.length ? { x: bends[bends.length - 2]!, y: bends[bends.length - 1]! } : fromRect ? center(fromRect) : looseStart;
  const end = toRect ? edgePoint(toRect, beforeEnd) : looseEnd;
  return [start.x, start.y, ...bends, end.x, end.y];
}

/**
 * Whether a board point hits the element (lines within `tolerance`). A rotated element is
 * tested in its own frame: the point is turned back about the element's centre.
 */
export function hitsElement(element: Element, point: Point, lookup: ElementLookup, tolerance: number): boolean {
  const rotation = rotationOf(element);
  const p = rotation === 0 ? point : rotatePoint(point, center(unrotatedBounds(element, lookup)), -rotation);
  if (element.type === 'connector' || element.type === 'stroke') {
    const path = element.type === 'connector' ? connectorPath(element, lookup) : element.points.map((v, i) => v + (i % 2 === 0 ? element.x : element.y));
    const reach = tolerance + (element.type === 'stroke' ? element.strokeWidth / 2 : element.strokeWidth);
    if (path.length === 2) return Math.hypot(p.x - path[0]!, p.y - path[1]!) <= reach;
    for (let i = 0; i + 3 < path.length; i += 2) {
      if (distanceToSegment(p, { x: path[i]!, y: path[i + 1]! }, { x: path[i + 2]!, y: path[i + 3]! }) <= reach) return true;
    }
    return false;
  }
  if (element.type === 'ellipse') {
    const rx = element.w / 2 + tolerance;
    const ry = element.h / 2 + tolerance;
    if (rx <= 0 || ry <= 0) return false;
    const nx = (p.x - (element.x + element.w / 2)) / rx;
    const ny = (p.y - (element.y + element.h / 2)) / ry;
    return nx * nx + ny * ny <= 1;
  }
  if (element.type === 'frame') {
    // A frame is picked by its title bar or border, so what lies inside it stays reachable.
    const inside = p.x >= element.x - tolerance && p.x <= element.x + element.w + tolerance && p.y >= element.y - 32 && p.y <= element.y + element.h + tolerance;
    const onTitle = p.y <= element.y && p.y >= element.y - 32 && p.x >= element.x && p.x <= element.x + element.w;
    const nearEdge = Math.min(Math.abs(p.x - element.x), Math.abs(p.x - element.x - element.w), Math.abs(p.y - element.y), Math.abs(p.y - element.y - element.h)) <= tolerance + 4;
    return inside && (onTitle || nearEdge);
  }
  return p.x >= element.x - tolerance && p.x <= element.x + element.w + tolerance && p.y >= element.y - tolerance && p.y <= element.y + element.h + tolerance;
}

/** The topmost element under a point; `ordered` is in drawing order (bottom first). */
export function hitTest(ordered: readonly Element[], p: Point, lookup: ElementLookup, tolerance = 4): Element | undefined {
  for (let i = ordered.length - 1; i >= 0; i--) {
    const element = ordered[i]!;
    if (hitsElement(element, p, lookup, tolerance)) return element;
  }
  return undefined;
}
