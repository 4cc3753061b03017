import { describe, expect, it } from 'vitest';
import { aggregate, countRatings, putRating, ratingsOf, revealPatch, spreadOf, takeRatings, validateRating, withEarlierRatings, type PendingRatings } from '../../shared/methods/ratings';
import { rankFactors, summarise } from '../../shared/methods/scores';
import { cardPosition } from '../../shared/methods/stakeholders';

describe('validateRating', () => {
  it.each([
    ['stakeholder', { influence: 0, engagement: 10 }],
    ['stakeholder', { influence: 5.5, engagement: 3 }],
    ['factor', { importance: 1, state: 5 }],
  ] as const)('accepts a %s score %j', (type, values) => {
    expect(validateRating(type, values)).toEqual({ ok: true, values });
  });

  it.each([
    ['stakeholder', { influence: 10.1, engagement: 3 }, 'influence must be between 0 and 10 (got 10.1)'],
    ['stakeholder', { influence: 3, engagement: -0.5 }, 'engagement must be between 0 and 10 (got -0.5)'],
    ['stakeholder', { influence: 3 }, 'engagement is missing'],
    ['stakeholder', { influence: 3, engagement: 4, importance: 2 }, 'a stakeholder is scored on influence and engagement, not importance'],
    ['stakeholder', { influence: '3', engagement: 4 }, 'influence must be a number'],
    ['stakeholder', { influence: Number.NaN, engagement: 4 }, 'influence must be a number'],
    ['factor', { importance: 0, state: 3 }, 'importance must be between 1 and 5 (got 0)'],
    ['factor', { importance: 3, state: 6 }, 'state must be between 1 and 5 (got 6)'],
  ] as const)('refuses a %s score %j: %s', (type, values, error) => {
    expect(validateRating(type, values as Record<string, unknown>)).toEqual({ ok: false, error });
  });
});

describe('pending ratings', () => {
  const a = { by: 'Anna', values: { influence: 8, engagement: 2 } };
  const b = { by: 'Bartek', values: { influence: 6, engagement: 4 } };
  let pending: PendingRatings = {};
  pending = putRating(pending, 'card-1', 's1', a);
  pending = putRating(pending, 'card-1', 's2', b);
  pending = putRating(pending, 'card-2', 's1', { by: 'Anna', values: { importance: 5, state: 1 } });

  it('counts people per card and gives each person only their own scores', () => {
    expect(countRatings(pending)).toEqual({ 'card-1': 2, 'card-2': 1 });
    expect(ratingsOf(pending, 's1')).toEqual({ 'card-1': a.values, 'card-2': { importance: 5, state: 1 } });
    expect(ratingsOf(pending, 's2')).toEqual({ 'card-1': b.values });
    expect(ratingsOf(pending, 's3')).toEqual({});
  });

  it('a second score from the same person replaces the first, without changing the original', () => {
    const again = putRating(pending, 'card-1', 's2', { by: 'Bartek', values: { influence: 1, engagement: 1 } });
    expect(countRatings(again)).toEqual({ 'card-1': 2, 'card-2': 1 });
    expect(ratingsOf(again, 's2')).toEqual({ 'card-1': { influence: 1, engagement: 1 } });
    expect(ratingsOf(pending, 's2')).toEqual({ 'card-1': b.values });
  });

  it('takes the scores of some cards and keeps the rest', () => {
    const { taken, kept } = takeRatings(pending, ['card-1', 'card-9']);
    expect(Object.keys(taken)).toEqual(['card-1']);
    expect(countRatings(kept)).toEqual({ 'card-2': 1 });
  });
});

describe('aggregate and reveal', () => {
  const scores = [
    { by: 'Anna', values: { influence: 8, engagement: 2 } },
    { by: 'Bartek', values: { influence: 6, engagement: 4 } },
    { by: 'Celina', values: { influence: 9, engagement: 3 } },
  ];

  it('means come from summarise; individual scores are kept with their author', () => {
    const revealed = aggregate('stakeholder', scores)!;
    expect(revealed.means).toEqual({ influence: summarise([8, 6, 9])!.mean, engagement: summarise([2, 4, 3])!.mean });
    expect(revealed.ratings).toEqual([
      { by: 'Anna', influence: 8, engagement: 2 },
      { by: 'Bartek', influence: 6, engagement: 4 },
      { by: 'Celina', influence: 9, engagement: 3 },
    ]);
    expect(aggregate('stakeholder', [])).toBeNull();
    expect(aggregate('stakeholder', scores, 2)!.ratings).toHaveLength(2);
  });

  it('spread per axis from the kept scores', () => {
    const spread = spreadOf('stakeholder', aggregate('stakeholder', scores)!.ratings)!;
    expect(spread.influence).toEqual(summarise([8, 6, 9]));
    expect(spread.engagement).toEqual({ mean: 3, spread: 0.8, min: 2, max: 4 });
    expect(spreadOf('factor', [])).toBeNull();
  });

  it('a stakeholder in the map frame moves to sit at its mean; elsewhere it stays put', () => {
    const frame = { method: 'stakeholders', x: 0, y: 0, w: 1280, h: 1280 };
    const card = { type: 'stakeholder' as const, x: 10, y: 20, w: 220, h: 110 };
    const revealed = aggregate('stakeholder', scores)!;
    const patch = revealPatch(card, frame, revealed);
    expect(patch).toEqual({ influence: revealed.means.influence, engagement: revealed.means.engagement, ratings: revealed.ratings, ...cardPosition(frame, { influence: revealed.means.influence!, engagement: revealed.means.engagement! }, card) });
    expect(revealPatch(card, { ...frame, method: null }, revealed)).not.toHaveProperty('x');
  });

  it('factors get mean importance and state, and rank by them', () => {
    const reveal = (values: [number, number][]) => aggregate('factor', values.map(([importance, state], i) => ({ by: `p${i}`, values: { importance, state } })))!;
    const transport = revealPatch({ type: 'factor', x: 0, y: 0, w: 360, h: 80 }, null, reveal([[5, 2], [4, 1], [5, 2]]));
    const tourism = revealPatch({ type: 'factor', x: 0, y: 0, w: 360, h: 80 }, null, reveal([[3, 4], [2, 4]]));
    const schools = revealPatch({ type: 'factor', x: 0, y: 0, w: 360, h: 80 }, null, reveal([[5, 4], [4, 4], [5, 4]]));
    expect(transport).toMatchObject({ importance: 4.7, state: 1.7 });
    const ranked = rankFactors([
      { id: 'tourism', importance: tourism.importance as number, state: tourism.state as number },
      { id: 'schools', importance: schools.importance as number, state: schools.state as number },
      { id: 'unrated', importance: null, state: null },
      { id: 'transport', importance: transport.importance as number, state: transport.state as number },
    ]);
    // Equally important: the one in the worse state comes first.
    expect(ranked.map((f) => f.id)).toEqual(['transport', 'schools', 'tourism', 'unrated']);
  });
});

describe('a second reveal adds to the first', () => {
  it('keeps earlier scores and lets a person who scored again replace theirs', () => {
    const earlier = [
      { by: 'Anna', influence: 8, engagement: 2 },
      { by: 'Bartek', influence: 4, engagement: 6 },
    ];
    const merged = withEarlierRatings('stakeholder', earlier, [{ by: 'Anna', values: { influence: 6, engagement: 3 } }]);
    expect(merged).toEqual([
      { by: 'Bartek', values: { influence: 4, engagement: 6 } },
      { by: 'Anna', values: { influence: 6, engagement: 3 } },
    ]);
    expect(aggregate('stakeholder', merged)!.means).toEqual({ influence: 5, engagement: 4.5 });
  });
  it('ignores what is not a list of ratings', () => {
    expect(withEarlierRatings('factor', null, [])).toEqual([]);
    expect(withEarlierRatings('factor', [{ nope: 1 }], [])).toEqual([]);
  });
});
