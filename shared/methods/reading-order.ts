/** A box with an id: all reading order needs. */
export interface Placed {
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * Boxes in the order people read them: rows top to bottom, each row left to right. A box joins
 * the current row while its top is above the middle of the row's first box, so notes placed
 * by hand a few pixels apart still read as one row. Used by the outline and TOWS.
 */
export function readingOrder<T extends Placed>(items: readonly T[]): T[] {
  const byTop = [...items].sort((a, b) => a.y - b.y || a.x - b.x || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const out: T[] = [];
  let row: T[] = [];
  let rowLimit = -Infinity;
  const flush = () => {
    out.push(...row.sort((a, b) => a.x - b.x || (a.id < b.id ? -1 : 1)));
    row = [];
  };
  for (const item of byTop) {
    if (row.length && item.y >= rowLimit) flush();
    if (row.length === 0) rowLimit = item.y + Math.max(1, item.h) / 2;
    row.push(item);
  }
  flush();
  return out;
}
