import { describe, expect, it } from 'vitest';
import { quadrantOf, rankFactors, summarise } from '../../shared/methods/scores';

describe('summarise', () => {
  it('gives mean, spread and range of one axis', () => {
    expect(summarise([2, 4, 9])).toEqual({ mean: 5, spread: 2.9, min: 2, max: 9 });
  });
  it('has no spread when everyone agrees', () => {
    expect(summarise([7, 7, 7])).toEqual({ mean: 7, spread: 0, min: 7, max: 7 });
  });
  it('is null when nobody scored', () => {
    expect(summarise([])).toBeNull();
  });
  it('rounds the mean to one decimal as shown', () => {
    expect(summarise([1, 2, 2])!.mean).toBe(1.7);
  });
});

describe('quadrantOf', () => {
  it.each([
    [5, 5, 'manageClosely'],
    [5, 4.9, 'keepSatisfied'],
    [4.9, 5, 'keepInformed'],
    [4.9, 4.9, 'monitor'],
    [10, 10, 'manageClosely'],
    [0, 0, 'monitor'],
    [10, 0, 'keepSatisfied'],
    [0, 10, 'keepInformed'],
  ] as const)('influence %s, engagement %s → %s', (influence, engagement, quadrant) => {
    expect(quadrantOf(influence, engagement)).toBe(quadrant);
  });
});

describe('rankFactors', () => {
  it('puts the most important first, the worse state first among equals, unrated last', () => {
    const ranked = rankFactors([
      { id: 'unrated', importance: null, state: null },
      { id: 'mid', importance: 3, state: 2 },
      { id: 'top-good', importance: 4.5, state: 4 },
      { id: 'top-bad', importance: 4.5, state: 1.5 },
    ]);
    expect(ranked.map((f) => f.id)).toEqual(['top-bad', 'top-good', 'mid', 'unrated']);
  });
});
