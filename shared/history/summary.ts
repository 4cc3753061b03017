import type { Element, ElementType, FrameMethod } from '../schema/elements';

/** What one frame of a version holds. */
export interface FrameSummary {
  id: string;
  title: string;
  method: FrameMethod | null;
  /** Elements directly inside it (nested frames included), by type. */
  counts: Partial<Record<ElementType, number>>;
}

/** A version at a glance: its frames with what they hold, and totals. */
export interface BoardSummary {
  total: number;
  counts: Partial<Record<ElementType, number>>;
  frames: FrameSummary[];
  /** Elements in no frame (frames themselves excluded). */
  outsideFrames: number;
}

/** Counts a version's elements by type, per frame and overall (frames listed left to right, top to bottom). */
export function summarise(elements: readonly Element[]): BoardSummary {
  const frames = new Map<string, FrameSummary>();
  const framePositions = new Map<string, { x: number; y: number }>();
  for (const element of elements) {
    if (element.type !== 'frame') continue;
    frames.set(element.id, { id: element.id, title: element.title, method: element.method, counts: {} });
    framePositions.set(element.id, { x: element.x, y: element.y });
  }
  const summary: BoardSummary = { total: elements.length, counts: {}, frames: [], outsideFrames: 0 };
  for (const element of elements) {
    summary.counts[element.type] = (summary.counts[element.type] ?? 0) + 1;
    // Frames nested in a frame (SWOT quadrants, TOWS cells) count as its content.
    const frame = element.parentId ? frames.get(element.parentId) : undefined;
    if (frame) frame.counts[element.type] = (frame.counts[element.type] ?? 0) + 1;
    else if (element.type !== 'frame') summary.outsideFrames++;
  }
  summary.frames = [...frames.values()].sort((a, b) => {
    const pa = framePositions.get(a.id)!;
    const pb = framePositions.get(b.id)!;
    return pa.y - pb.y || pa.x - pb.x || a.id.localeCompare(b.id);
  });
  return summary;
}
