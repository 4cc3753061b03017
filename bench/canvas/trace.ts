/** Chrome trace categories the frame analysis needs: top-level tasks and user timing marks. */
export const TRACE_CATEGORIES = ['toplevel', 'blink.user_timing', '__metadata'];

/** The name of the mark the in-page recorder sets at the start of every animation frame. */
const FRAME_MARK = 'canvas-bench-frame';

interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
}

export interface MainThreadWork {
  /** Busy time of the renderer's main thread in each frame interval (ms). */
  perFrame: number[];
  /** Durations of the top-level tasks in the recorded window (ms). */
  tasks: number[];
}

/**
 * Main-thread busy time per frame from a trace: the page's renderer main thread is the one
 * that set the frame marks; its top-level tasks (ThreadControllerImpl::RunTask, merged where
 * nested) are cut at the marks, so each interval between two frames gets the work done in it,
 * whatever it was (input, rAF callbacks, Konva drawing, style, paint, canvas raster, GC).
 */
export function mainThreadWork(traceJson: Buffer | string): MainThreadWork {
  const parsed = JSON.parse(traceJson.toString()) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const marks = events.filter((e) => e.name === FRAME_MARK && e.cat?.includes('blink.user_timing')).sort((a, b) => a.ts - b.ts);
  if (marks.length < 2) return { perFrame: [], tasks: [] };
  const { pid, tid } = marks[0]!;
  const tasks = events
    .filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && typeof e.dur === 'number')
    .map((e) => [e.ts, e.ts + e.dur!] as [number, number])
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [start, end] of tasks) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  const first = marks[0]!.ts;
  const lastMark = marks[marks.length - 1]!.ts;
  const perFrame: number[] = [];
  let k = 0;
  for (let i = 0; i + 1 < marks.length; i++) {
    const from = marks[i]!.ts;
    const to = marks[i + 1]!.ts;
    while (k < merged.length && merged[k]![1] <= from) k++;
    let busy = 0;
    for (let j = k; j < merged.length && merged[j]![0] < to; j++) busy += Math.max(0, Math.min(to, merged[j]![1]) - Math.max(from, merged[j]![0]));
    perFrame.push(busy / 1000);
  }
  const inWindow = merged.filter(([s, e]) => e > first && s < lastMark).map(([s, e]) => (e - s) / 1000);
  return { perFrame, tasks: inWindow };
}
