/**
 * Blind rating of stakeholders and factors: everyone scores alone, nobody sees the others'
 * scores until the facilitator reveals; then the mean and the individual scores go onto the
 * card. Pure functions over the ratings the server keeps.
 */
import { keyed, own, setOwn, withKey } from '../schema/records';
import { summarise, type AxisSummary } from './scores';
import { cardPosition } from './stakeholders';

/** The axes each ratable element type is scored on, with their ranges. */
export const RATING_AXES = {
  stakeholder: { influence: { min: 0, max: 10 }, engagement: { min: 0, max: 10 } },
  factor: { importance: { min: 1, max: 5 }, state: { min: 1, max: 5 } },
} as const;

export type RatableType = keyof typeof RATING_AXES;
export type RatingValues = Record<string, number>;

export function isRatable(type: unknown): type is RatableType {
  return type === 'stakeholder' || type === 'factor';
}

/** Axis names of a ratable type, in order. */
export function axesOf(type: RatableType): string[] {
  return Object.keys(RATING_AXES[type]);
}

/** One person's pending score of one element. */
export interface PendingRating {
  /** Display name at the time of scoring (kept on the card after the reveal). */
  by: string;
  values: RatingValues;
}

/** Scores not yet revealed: element id → session id → score. Kept on the server only; both keys are clients' (records.ts). */
export type PendingRatings = Record<string, Record<string, PendingRating>>;

export type Checked = { ok: true; values: RatingValues } | { ok: false; error: string };

/**
 * Checks one person's score of an element of `type`: every axis present, a number within
 * its range; nothing else. The message says what is wrong, in the API's language.
 */
export function validateRating(type: RatableType, values: Record<string, unknown>): Checked {
  const axes = RATING_AXES[type] as Record<string, { min: number; max: number }>;
  const extra = Object.keys(values).filter((key) => !Object.hasOwn(axes, key));
  if (extra.length) return { ok: false, error: `a ${type} is scored on ${Object.keys(axes).join(' and ')}, not ${extra.join(', ')}` };
  const checked: RatingValues = {};
  for (const [axis, { min, max }] of Object.entries(axes)) {
    const value = values[axis];
    if (value === undefined) return { ok: false, error: `${axis} is missing` };
    if (typeof value !== 'number' || !Number.isFinite(value)) return { ok: false, error: `${axis} must be a number` };
    if (value < min || value > max) return { ok: false, error: `${axis} must be between ${min} and ${max} (got ${value})` };
    checked[axis] = value;
  }
  return { ok: true, values: checked };
}

/** Records (or replaces) one person's score of one element. */
export function putRating(pending: PendingRatings, elementId: string, sessionId: string, rating: PendingRating): PendingRatings {
  return withKey(pending, elementId, withKey(own(pending, elementId) ?? {}, sessionId, rating));
}

/** How many people scored each element: the only thing everyone sees before the reveal. */
export function countRatings(pending: PendingRatings): Record<string, number> {
  const counts = keyed<number>();
  for (const [id, bySession] of Object.entries(pending)) {
    const n = Object.keys(bySession).length;
    if (n > 0) setOwn(counts, id, n);
  }
  return counts;
}

/** One person's own scores, by element. */
export function ratingsOf(pending: PendingRatings, sessionId: string): Record<string, RatingValues> {
  const mine = keyed<RatingValues>();
  for (const [id, bySession] of Object.entries(pending)) {
    const rating = own(bySession, sessionId);
    if (rating) setOwn(mine, id, rating.values);
  }
  return mine;
}

/** Splits the pending scores into those of `ids` (taken) and the rest (kept). */
export function takeRatings(pending: PendingRatings, ids: Iterable<string>): { taken: PendingRatings; kept: PendingRatings } {
  const wanted = new Set(ids);
  const taken: PendingRatings = keyed();
  const kept: PendingRatings = keyed();
  for (const [id, bySession] of Object.entries(pending)) setOwn(wanted.has(id) ? taken : kept, id, bySession);
  return { taken, kept };
}

/** What a reveal writes onto one card: the mean of each axis and every individual score. */
export interface Revealed {
  /** Mean per axis (one decimal, as summarise gives it). */
  means: RatingValues;
  /** Individual scores as the card keeps them: `{ by, ...axes }`, in order of scoring. */
  ratings: { by: string; [axis: string]: string | number }[];
}

/**
 * A second reveal adds to the first: scores revealed earlier stay, and someone who scored
 * again replaces their earlier score (people are known by name on the card).
 */
export function withEarlierRatings(type: 'stakeholder' | 'factor', earlier: unknown, fresh: readonly PendingRating[]): PendingRating[] {
  const renewed = new Set(fresh.map((r) => r.by));
  const kept = (Array.isArray(earlier) ? (earlier as Record<string, unknown>[]) : [])
    .filter((r) => typeof r.by === 'string' && !renewed.has(r.by))
    .map((r) => ({ by: r.by as string, values: Object.fromEntries(axesOf(type).map((axis) => [axis, Number(r[axis])])) }));
  return [...kept, ...fresh];
}

/** Aggregates the scores of one element; null when nobody scored it. */
export function aggregate(type: RatableType, scores: readonly PendingRating[], maxKept = Infinity): Revealed | null {
  if (scores.length === 0) return null;
  const means: RatingValues = {};
  for (const axis of axesOf(type)) means[axis] = summarise(scores.map((s) => s.values[axis] ?? 0))!.mean;
  return { means, ratings: scores.slice(0, maxKept).map((s) => ({ by: s.by, ...s.values })) };
}

/** Spread of each axis over the scores kept on a card (for drawing and tables). */
export function spreadOf(type: RatableType, ratings: readonly object[]): Record<string, AxisSummary> | null {
  if (ratings.length === 0) return null;
  const out: Record<string, AxisSummary> = {};
  for (const axis of axesOf(type)) out[axis] = summarise(ratings.map((r) => Number((r as Record<string, unknown>)[axis] ?? 0)))!;
  return out;
}

/** The fields a reveal changes on a card, given its frame (the map's frame moves the card). */
export function revealPatch(
  card: { type: RatableType; x: number; y: number; w: number; h: number },
  frame: { method: string | null; x: number; y: number; w: number; h: number } | null,
  revealed: Revealed,
): Record<string, unknown> {
  if (card.type === 'factor') return { importance: revealed.means.importance, state: revealed.means.state, ratings: revealed.ratings };
  const scores = { influence: revealed.means.influence!, engagement: revealed.means.engagement! };
  const patch: Record<string, unknown> = { ...scores, ratings: revealed.ratings };
  if (frame?.method === 'stakeholders') Object.assign(patch, cardPosition(frame, scores, card));
  return patch;
}
