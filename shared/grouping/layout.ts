import type { Rect } from '../geometry/rect';

/** Spacing of a grouping's layout, in board units. */
export const GROUP_LAYOUT = { gap: 24, padding: 24, header: 48, margin: 40, columns: 3 } as const;

export interface LaidOutGroup {
  /** The group frame's box. */
  frame: Rect;
  /** Where each item's top-left corner goes, in the group's order. */
  items: { id: string; x: number; y: number }[];
}

export interface GroupingLayout {
  groups: LaidOutGroup[];
  /** The box all groups take (the frame they go into grows to hold it). */
  bounds: Rect;
}

/**
 * Places groups as frames in rows (shelf packing) inside the container from its top-left
 * corner below its title, or from `origin` on the board; each group's items on a grid of up
 * to three columns, every cell as big as the largest item. Pure: the overlay previews what
 * applying will write.
 */
export function layoutGroups(groups: readonly (readonly { id: string; w: number; h: number }[])[], area: { x: number; y: number; w: number }): GroupingLayout {
  const { gap, padding, header, columns } = GROUP_LAYOUT;
  const all = groups.flat();
  const cellW = Math.max(1, ...all.map((i) => i.w));
  const cellH = Math.max(1, ...all.map((i) => i.h));
  const out: LaidOutGroup[] = [];
  let x = area.x;
  let y = area.y;
  let rowHeight = 0;
  let right = area.x;
  for (const items of groups) {
    const cols = Math.max(1, Math.min(columns, items.length));
    const rows = Math.max(1, Math.ceil(items.length / cols));
    const w = 2 * padding + cols * cellW + (cols - 1) * gap;
    const h = header + padding + rows * cellH + (rows - 1) * gap;
    if (x > area.x && x + w > area.x + area.w) {
      x = area.x;
      y += rowHeight + gap;
      rowHeight = 0;
    }
    const frame = { x, y, w, h };
    out.push({
      frame,
      items: items.map((item, k) => ({ id: item.id, x: x + padding + (k % cols) * (cellW + gap), y: y + header + Math.floor(k / cols) * (cellH + gap) })),
    });
    x += w + gap;
    right = Math.max(right, frame.x + w);
    rowHeight = Math.max(rowHeight, h);
  }
  return { groups: out, bounds: { x: area.x, y: area.y, w: right - area.x, h: y + rowHeight - area.y } };
}
