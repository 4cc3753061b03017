import { describe, expect, it } from 'vitest';
import { BESIDE_GAP, keyboardPlacement, nearestInDirection, nextInOrder, nudgeDelta, panDelta, tabOrder } from '../../shared/geometry/keyboard';

describe('nudgeDelta: an arrow moves the same distance on screen at every zoom', () => {
  it.each([
    // key, Shift, zoom → board units
    ['ArrowRight', false, 1, { x: 10, y: 0 }],
    ['ArrowLeft', false, 1, { x: -10, y: 0 }],
    ['ArrowDown', true, 1, { x: 0, y: 50 }],
    ['ArrowUp', false, 0.05, { x: 0, y: -200 }],
    ['ArrowRight', false, 4, { x: 2.5, y: 0 }],
    ['ArrowRight', true, 0.875, { x: 57.14, y: 0 }],
    ['ArrowRight', false, 3, { x: 3.33, y: 0 }],
    // A broken zoom does not fling the element away.
    ['ArrowRight', false, 0, { x: 10, y: 0 }],
    ['ArrowRight', false, Number.NaN, { x: 10, y: 0 }],
  ] as const)('%s shift=%s at zoom %s', (key, big, scale, expected) => {
    const d = nudgeDelta(key, big, scale);
    expect({ x: d.x + 0, y: d.y + 0 }).toEqual(expected);
    // Times the zoom, it is the step on screen.
    if (scale > 0) expect(Math.abs(d.x + d.y) * scale).toBeCloseTo(big ? 50 : 10, 1);
  });

  it('pans the view the other way with nothing selected', () => {
    expect(panDelta('ArrowRight', false)).toEqual({ x: -80, y: -0 });
    expect(panDelta('ArrowUp', true)).toEqual({ x: -0, y: 320 });
  });
});

describe('keyboardPlacement: where a tool pressed by keyboard puts its element', () => {
  const note = { w: 200, h: 200 };
  it('in the middle of the view when nothing is selected', () => {
    expect(keyboardPlacement(note, null, { x: 500, y: 400 }, [])).toEqual({ x: 400, y: 300 });
  });
  it('to the right of the selection, level with its top', () => {
    expect(keyboardPlacement(note, { x: 100, y: 50, w: 200, h: 100 }, { x: 0, y: 0 }, [{ x: 100, y: 50, w: 200, h: 100 }])).toEqual({ x: 300 + BESIDE_GAP, y: 50 });
  });
  it('past whatever is already there, so repeated presses make a row', () => {
    const first = { x: 400, y: 300, w: 200, h: 200 };
    const second = keyboardPlacement(note, null, { x: 500, y: 400 }, [first]);
    expect(second).toEqual({ x: 600 + BESIDE_GAP, y: 300 });
    const third = keyboardPlacement(note, null, { x: 500, y: 400 }, [first, { ...second, w: 200, h: 200 }]);
    expect(third.x).toBe(800 + 2 * BESIDE_GAP);
  });
  it('not past what it sits on: a quadrant holding it or a shape many times its size', () => {
    const quadrants = [
      { x: 0, y: 0, w: 600, h: 600 },
      { x: 600, y: 0, w: 600, h: 600 },
    ];
    expect(keyboardPlacement(note, null, { x: 600, y: 300 }, quadrants)).toEqual({ x: 500, y: 200 });
    expect(keyboardPlacement(note, null, { x: 300, y: 300 }, [{ x: 0, y: 0, w: 600, h: 600 }])).toEqual({ x: 200, y: 200 });
  });
  it('rounds to whole board units', () => {
    expect(keyboardPlacement(note, null, { x: 100.4, y: 99.6 }, [])).toEqual({ x: 0, y: 0 });
  });
});

describe('tabOrder: the order Tab visits elements', () => {
  const box = (id: string, x: number, y: number, parentId: string | null = null, w = 100, h = 100) => ({ id, x, y, w, h, parentId });
  it('reads rows top to bottom, left to right, each frame followed by its contents', () => {
    const items = [box('note-b', 1200, 0), box('frame', 0, 0, null, 1000, 800), box('in-2', 500, 100, 'frame'), box('in-1', 100, 110, 'frame'), box('in-3', 100, 500, 'frame'), box('below', 0, 1000)];
    expect(tabOrder(items).map((i) => i.id)).toEqual(['frame', 'in-1', 'in-2', 'in-3', 'note-b', 'below']);
  });
  it('takes an element whose frame is gone as top-level, and survives frames holding each other', () => {
    expect(tabOrder([box('orphan', 0, 0, 'gone'), box('a', 200, 0)]).map((i) => i.id)).toEqual(['orphan', 'a']);
    const cycle = tabOrder([box('f1', 0, 0, 'f2'), box('f2', 200, 0, 'f1'), box('x', 0, 500)]);
    expect(cycle.map((i) => i.id).sort()).toEqual(['f1', 'f2', 'x']);
  });
});

describe('nextInOrder: Tab, Shift+Tab and leaving the canvas', () => {
  const order = ['a', 'b', 'c'];
  it.each([
    [null, false, 'a'],
    [null, true, 'c'],
    ['a', false, 'b'],
    ['b', true, 'a'],
    ['c', false, null],
    ['a', true, null],
    ['deleted', false, 'a'],
  ] as const)('from %s backwards=%s → %s', (current, backwards, expected) => {
    expect(nextInOrder(order, current, backwards)).toBe(expected);
  });
  it('has nowhere to go on an empty board', () => {
    expect(nextInOrder([], null, false)).toBeNull();
  });
});

describe('nearestInDirection: arrows choose where a connection goes', () => {
  const from = { x: 0, y: 0, w: 100, h: 100 };
  const right = { id: 'right', x: 300, y: 0, w: 100, h: 100 };
  const farBelowRight = { id: 'below-right', x: 200, y: 400, w: 100, h: 100 };
  const below = { id: 'below', x: 0, y: 250, w: 100, h: 100 };
  it('picks the box that way, a sideways offset counting double', () => {
    expect(nearestInDirection(from, [right, farBelowRight, below], 'ArrowRight')?.id).toBe('right');
    expect(nearestInDirection(from, [right, farBelowRight, below], 'ArrowDown')?.id).toBe('below');
    expect(nearestInDirection(from, [right, below], 'ArrowLeft')).toBeNull();
  });
});
