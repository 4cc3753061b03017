import { describe, expect, it } from 'vitest';
import { quadrantOf } from '../../shared/methods/scores';
import { cardPosition, MAP_INSETS, plotArea, scorePoint, scoresAt, unscoredPosition } from '../../shared/methods/stakeholders';
import { containsRect } from '../../shared/geometry/rect';

// The template's map: a 1280 × 1280 frame somewhere on the board.
const frame = { x: 500, y: -200, w: 1280, h: 1280 };
const card = { w: 220, h: 110 };

describe('stakeholder map: score ↔ position', () => {
  it('puts the corners of the score range at the corners of the plot area', () => {
    const area = plotArea(frame);
    expect(area).toEqual({ x: 500 + MAP_INSETS.left, y: -200 + MAP_INSETS.top, w: 1280 - MAP_INSETS.left - MAP_INSETS.right, h: 1280 - MAP_INSETS.top - MAP_INSETS.bottom });
    expect(scorePoint(frame, { influence: 10, engagement: 0 })).toEqual({ x: area.x, y: area.y });
    expect(scorePoint(frame, { influence: 0, engagement: 10 })).toEqual({ x: area.x + area.w, y: area.y + area.h });
  });

  it('puts 5/5 between the template quadrants (the gap between the four rectangles)', () => {
    // Template quadrants: x 60..640 and 660..1240, y 30..610 and 630..1210 inside the frame.
    expect(scorePoint(frame, { influence: 5, engagement: 5 })).toEqual({ x: 500 + 650, y: -200 + 620 });
  });

  it.each([
    [0, 0],
    [10, 10],
    [7.5, 2.3],
    [3.3, 8.9],
    [5, 5],
  ])('a card placed at influence %s, engagement %s reads back the same scores', (influence, engagement) => {
    const at = cardPosition(frame, { influence, engagement }, card);
    expect(scoresAt(frame, { ...at, ...card })).toEqual({ influence, engagement });
  });

  it('clamps positions outside the plot area to 0–10 and rounds to one decimal', () => {
    expect(scoresAt(frame, { x: -5000, y: -5000, ...card })).toEqual({ influence: 10, engagement: 0 });
    expect(scoresAt(frame, { x: 9000, y: 9000, ...card })).toEqual({ influence: 0, engagement: 10 });
    const nearly = cardPosition(frame, { influence: 6.04, engagement: 1.96 }, card);
    expect(scoresAt(frame, { ...nearly, ...card })).toEqual({ influence: 6, engagement: 2 });
  });

  it('a card dragged into a quadrant reads as that quadrant', () => {
    const area = plotArea(frame);
    const topRight = { x: area.x + area.w * 0.8 - card.w / 2, y: area.y + area.h * 0.1 - card.h / 2, ...card };
    const s = scoresAt(frame, topRight);
    expect(quadrantOf(s.influence, s.engagement)).toBe('manageClosely');
    const bottomLeft = { x: area.x + area.w * 0.1 - card.w / 2, y: area.y + area.h * 0.9 - card.h / 2, ...card };
    const b = scoresAt(frame, bottomLeft);
    expect(quadrantOf(b.influence, b.engagement)).toBe('monitor');
  });

  it('new unscored cards stay inside the frame, in the low-low corner, without covering each other', () => {
    const rects = Array.from({ length: 12 }, (_, i) => ({ ...unscoredPosition(frame, i, card), ...card }));
    for (const r of rects) {
      expect(containsRect(frame, r)).toBe(true);
      const s = scoresAt(frame, r);
      expect(quadrantOf(s.influence, s.engagement)).toBe('monitor');
    }
    const firstEight = rects.slice(0, 8).map((r) => `${r.x},${r.y}`);
    expect(new Set(firstEight).size).toBe(8);
  });
});
