import type { ElementOf } from '../schema/elements';
import { rankFactors } from './scores';

/** Colours of the importance and current-state bars (and of a factor card's edge), on the canvas and in pictures. */
export const IMPORTANCE_COLOUR = '#2563eb';
export const STATE_COLOUR = '#f59e0b';

/** Most rows drawn: the priorities are the top few. */
export const FACTOR_RANKING_MAX_ROWS = 12;

export interface FactorRankingRow {
  id: string;
  text: string;
  importance: number;
  state: number | null;
  /** Top of the row, from the top of the box. */
  top: number;
}

/** Where the ranking box of a factors frame goes and what it shows (board units; rows relative to the box). */
export interface FactorRankingLayout {
  x: number;
  y: number;
  width: number;
  height: number;
  labelWidth: number;
  /** Width of a bar at 5 (the top of the 1–5 scale). */
  barSpace: number;
  rowHeight: number;
  rows: FactorRankingRow[];
}

/**
 * The ranking chart of a factors frame, as the canvas and the report pictures draw it: in the
 * frame's right half, factors with a revealed importance, most important first (worse current
 * state first among equals), at most twelve.
 */
export function factorRankingLayout(frame: ElementOf<'frame'>, factors: Iterable<ElementOf<'factor'>>): FactorRankingLayout {
  const ranked = rankFactors([...factors].filter((f) => f.parentId === frame.id && f.importance !== null));
  const width = frame.w / 2 - 60;
  const labelWidth = Math.min(260, width * 0.45);
  const rowHeight = 56;
  const rows = ranked.slice(0, FACTOR_RANKING_MAX_ROWS).map((f, i) => ({ id: f.id, text: f.text, importance: f.importance!, state: f.state, top: 74 + i * rowHeight }));
  return {
    x: frame.x + frame.w / 2 + 20,
    y: frame.y + 40,
    width,
    height: 70 + Math.max(1, rows.length) * rowHeight + 30,
    labelWidth,
    barSpace: width - labelWidth - 70,
    rowHeight,
    rows,
  };
}
