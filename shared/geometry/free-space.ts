import { expand, intersects, type Point, type Rect } from './rect';

/**
 * Where a new box of `size` can go near `preferred` without covering anything in
 * `obstacles` (with `gap` around each): it slides right along its row past whatever it
 * would overlap, so a converted tree lands beside its source, not over the SWOT frame.
 */
export function freeSpot(size: { w: number; h: number }, preferred: Point, obstacles: readonly Rect[], gap: number): Point {
  const spot = { x: preferred.x, y: preferred.y };
  // Each step moves past one obstacle, so this many steps always reach free space.
  for (let step = 0; step <= obstacles.length; step++) {
    const box = { ...spot, ...size };
    const blocking = obstacles.filter((o) => intersects(expand(o, gap - 1), box));
    if (blocking.length === 0) return spot;
    spot.x = Math.max(...blocking.map((o) => o.x + o.w)) + gap;
  }
  return spot;
}
