/**
 * Aggregation of participants' scores, shared by the board (reveal), the report and the
 * tables, so every place shows the same mean, spread and quadrant.
 */

/** Mean, spread and range of one axis. */
export interface AxisSummary {
  /** Arithmetic mean, rounded to one decimal as shown to people. */
  mean: number;
  /** Population standard deviation, one decimal: 0 is full agreement. */
  spread: number;
  min: number;
  max: number;
}

const oneDecimal = (value: number) => Math.round(value * 10) / 10;

/** Summary of one axis over several people's scores; null when nobody scored. */
export function summarise(values: readonly number[]): AxisSummary | null {
  if (values.length === 0) return null;
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  const variance = values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / values.length;
  return { mean: oneDecimal(mean), spread: oneDecimal(Math.sqrt(variance)), min: Math.min(...values), max: Math.max(...values) };
}

/** The four regions of the influence/engagement grid (Mendelow's matrix). */
export const STAKEHOLDER_QUADRANTS = ['manageClosely', 'keepSatisfied', 'keepInformed', 'monitor'] as const;
export type StakeholderQuadrant = (typeof STAKEHOLDER_QUADRANTS)[number];

/** The grid's midpoint: a score of exactly 5 counts as high, so 5/5 is "manage closely". */
export const QUADRANT_THRESHOLD = 5;

/** Which quadrant an (influence, engagement) pair falls in, both 0–10. */
export function quadrantOf(influence: number, engagement: number): StakeholderQuadrant {
  const highInfluence = influence >= QUADRANT_THRESHOLD;
  const highEngagement = engagement >= QUADRANT_THRESHOLD;
  if (highInfluence) return highEngagement ? 'manageClosely' : 'keepSatisfied';
  return highEngagement ? 'keepInformed' : 'monitor';
}

/** A factor with its aggregated ratings, as ranked. */
export interface RankedFactor {
  id: string;
  importance: number | null;
  state: number | null;
}

/**
 * Key development factors, most important first. Among equally important factors, the one in
 * the worse current state comes first: it needs the town's attention more. Unrated factors
 * go last, in the given order.
 */
export function rankFactors<F extends RankedFactor>(factors: readonly F[]): F[] {
  return factors
    .map((factor, index) => ({ factor, index }))
    .sort((a, b) => {
      const ai = a.factor.importance ?? -Infinity;
      const bi = b.factor.importance ?? -Infinity;
      if (ai !== bi) return bi - ai;
      const as = a.factor.state ?? Infinity;
      const bs = b.factor.state ?? Infinity;
      if (as !== bs) return as - bs;
      return a.index - b.index;
    })
    .map(({ factor }) => factor);
}
