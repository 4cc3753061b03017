import { describe, expect, it } from 'vitest';
import { elementBounds, hitsElement, hitTest, rotatePoint, rotationOf, unrotatedBounds, type Point } from '../../shared/geometry';
import { buildElement, type NewElement } from '../../shared/ops';
import { elementSchema, type Element, type ElementOf } from '../../shared/schema/elements';

/** A valid element of any type (defaults filled in, as createElements would store it). */
function el<T extends Element['type']>(input: NewElement & { type: T }, z = 'a0'): ElementOf<T> {
  return elementSchema.parse(buildElement(input, z)) as ElementOf<T>;
}

const none = () => undefined;

function close(a: Point, b: Point): void {
  expect(a.x).toBeCloseTo(b.x, 9);
  expect(a.y).toBeCloseTo(b.y, 9);
}

describe('rotatePoint', () => {
  it('turns clockwise on screen (y down) about a centre', () => {
    close(rotatePoint({ x: 10, y: 0 }, { x: 0, y: 0 }, 90), { x: 0, y: 10 });
    close(rotatePoint({ x: 2, y: 1 }, { x: 1, y: 1 }, 180), { x: 0, y: 1 });
    close(rotatePoint({ x: 5, y: 7 }, { x: 3, y: 3 }, 360), { x: 5, y: 7 });
  });

  it('turning back undoes a turn', () => {
    const p = { x: 13.5, y: -4 };
    const c = { x: 2, y: 9 };
    close(rotatePoint(rotatePoint(p, c, 37), c, -37), p);
  });
});

describe('rotated elements', () => {
  const note = el({ type: 'note', x: 100, y: 50, w: 200, h: 100, rotation: 90 });

  it('bounds are the box around the rotated outline, about the same centre', () => {
    const b = elementBounds(note, none);
    expect(b.x).toBeCloseTo(150);
    expect(b.y).toBeCloseTo(0);
    expect(b.w).toBeCloseTo(100);
    expect(b.h).toBeCloseTo(200);
    expect(unrotatedBounds(note, none)).toEqual({ x: 100, y: 50, w: 200, h: 100 });
  });

  it('a 45° square grows by √2 in both directions', () => {
    const square = el({ type: 'rect', x: 0, y: 0, w: 100, h: 100, rotation: 45 });
    const b = elementBounds(square, none);
    expect(b.w).toBeCloseTo(100 * Math.SQRT2);
    expect(b.x + b.w / 2).toBeCloseTo(50);
  });

  it('hit-testing follows the rotation, not the unrotated box', () => {
    // Rotated by 90° the 200 × 100 note stands upright: x 150–250, y 0–200.
    expect(hitsElement(note, { x: 200, y: 10 }, none, 0)).toBe(true);
    expect(hitsElement(note, { x: 200, y: 190 }, none, 0)).toBe(true);
    expect(hitsElement(note, { x: 110, y: 100 }, none, 0)).toBe(false);
    expect(hitsElement(note, { x: 290, y: 100 }, none, 0)).toBe(false);
    // Unrotated, the same points answer the other way round.
    const flat = el({ type: 'note', x: 100, y: 50, w: 200, h: 100 });
    expect(hitsElement(flat, { x: 200, y: 10 }, none, 0)).toBe(false);
    expect(hitsElement(flat, { x: 110, y: 100 }, none, 0)).toBe(true);
  });

  it('a rotated diamond misses its box corners but hits near its tips', () => {
    const square = el({ type: 'rect', x: 0, y: 0, w: 100, h: 100, rotation: 45 });
    const b = elementBounds(square, none);
    expect(hitsElement(square, { x: b.x + 2, y: b.y + 2 }, none, 0)).toBe(false);
    expect(hitsElement(square, { x: 50, y: b.y + 3 }, none, 0)).toBe(true);
    expect(hitTest([square], { x: b.x + 2, y: b.y + 2 }, none, 0)).toBeUndefined();
  });

  it('rotated ellipses and strokes are tested in their own frame', () => {
    const ellipse = el({ type: 'ellipse', x: 0, y: 0, w: 200, h: 50, rotation: 90 });
    // Standing upright about (100, 25): x 75–125, y −75–125.
    expect(hitsElement(ellipse, { x: 100, y: -70 }, none, 0)).toBe(true);
    expect(hitsElement(ellipse, { x: 10, y: 25 }, none, 0)).toBe(false);
    const stroke = el({ type: 'stroke', x: 0, y: 0, points: [0, 0, 100, 0], strokeWidth: 2, rotation: 90 });
    // A horizontal line through (50, 0) turned upright: x = 50, y −50…50.
    expect(hitsElement(stroke, { x: 50, y: -45 }, none, 1)).toBe(true);
    expect(hitsElement(stroke, { x: 10, y: 0 }, none, 1)).toBe(false);
  });

  it('connectors ignore rotation: their ends decide where they go', () => {
    const connector = el({ type: 'connector', x: 0, y: 0, points: [0, 0, 100, 0], rotation: 90 });
    expect(rotationOf(connector)).toBe(0);
    expect(hitsElement(connector, { x: 90, y: 0 }, none, 1)).toBe(true);
  });
});
