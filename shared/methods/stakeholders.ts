/**
 * Where a stakeholder sits on the influence/engagement map, and back: a card's centre is its
 * score. Engagement runs left (0) to right (10), influence bottom (0) to top (10), over the
 * plot area of the map's frame (the area the template's four quadrants cover).
 */
import type { Point, Rect } from '../geometry/rect';

/** Margins between the map frame's edge and its plot area, as the template draws it. */
export const MAP_INSETS = { left: 60, top: 30, right: 40, bottom: 70 } as const;

/** Highest score on either axis. */
export const MAX_SCORE = 10;

export interface StakeholderScores {
  influence: number;
  engagement: number;
}

/** The part of the map frame that the 0–10 axes span. */
export function plotArea(frame: Rect): Rect {
  return {
    x: frame.x + MAP_INSETS.left,
    y: frame.y + MAP_INSETS.top,
    w: Math.max(1, frame.w - MAP_INSETS.left - MAP_INSETS.right),
    h: Math.max(1, frame.h - MAP_INSETS.top - MAP_INSETS.bottom),
  };
}

const clampScore = (value: number) => Math.min(MAX_SCORE, Math.max(0, value));
const oneDecimal = (value: number) => Math.round(value * 10) / 10;

/** The board point that stands for a pair of scores. */
export function scorePoint(frame: Rect, scores: StakeholderScores): Point {
  const area = plotArea(frame);
  return {
    x: area.x + (clampScore(scores.engagement) / MAX_SCORE) * area.w,
    y: area.y + (1 - clampScore(scores.influence) / MAX_SCORE) * area.h,
  };
}

/** Board pixels per score point on each axis (to draw a spread of ±1 as a distance). */
export function pixelsPerPoint(frame: Rect): { x: number; y: number } {
  const area = plotArea(frame);
  return { x: area.w / MAX_SCORE, y: area.h / MAX_SCORE };
}

/** Top-left corner of a card of the given size whose centre sits at the scores. */
export function cardPosition(frame: Rect, scores: StakeholderScores, card: { w: number; h: number }): Point {
  const p = scorePoint(frame, scores);
  return { x: p.x - card.w / 2, y: p.y - card.h / 2 };
}

/** The scores a card's centre stands for, clamped to 0–10 and rounded to one decimal. */
export function scoresAt(frame: Rect, card: Rect): StakeholderScores {
  const area = plotArea(frame);
  const cx = card.x + card.w / 2;
  const cy = card.y + card.h / 2;
  return {
    engagement: oneDecimal(clampScore(((cx - area.x) / area.w) * MAX_SCORE)),
    influence: oneDecimal(clampScore((1 - (cy - area.y) / area.h) * MAX_SCORE)),
  };
}

/**
 * Where the n-th new, not yet scored card goes: a staggered pile in the lower-left
 * ("monitor") corner, where it says the least, so nobody reads a score into its place.
 */
export function unscoredPosition(frame: Rect, index: number, card: { w: number; h: number }): Point {
  const area = plotArea(frame);
  const perRow = Math.max(1, Math.floor((area.w / 2 - 40) / (card.w + 20)));
  const row = Math.floor(index / perRow) % 4;
  const column = index % perRow;
  const layer = Math.floor(index / (perRow * 4));
  return {
    x: area.x + 20 + column * (card.w + 20) + layer * 12,
    y: area.y + area.h - 20 - card.h - row * (card.h + 16) - layer * 12,
  };
}
