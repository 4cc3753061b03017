import { describe, expect, it } from 'vitest';
import { placeLabels, stacksOf, type LabelOptions, type LabelSource, type PlacedLabel } from '../../shared/geometry/label-placement';

const options: LabelOptions = { measure: (text) => 7 * [...text].length, lineHeight: 15, maxWidth: 120, maxLines: 3, padding: 2 };

function card(id: string, x: number, y: number, text = id): LabelSource {
  return { id, text, x, y, w: 48, h: 27 };
}

/** A repeatable scatter (a linear congruential generator), so the test reads the same cases each run. */
function scatter(count: number, width: number, height: number, seed = 7): LabelSource[] {
  let state = seed;
  const next = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  return Array.from({ length: count }, (_, i) => card(`s${i}`, Math.round(next() * width), Math.round(next() * height), `Interesariusz ${i + 1}`));
}

function overlaps(a: PlacedLabel, b: PlacedLabel): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

function expectNamesEveryCardOnceWithoutOverlap(sources: LabelSource[], labels: PlacedLabel[]): void {
  const named = labels.flatMap((l) => l.ids).sort();
  expect(named).toEqual(sources.map((s) => s.id).sort());
  for (let i = 0; i < labels.length; i++) for (let j = i + 1; j < labels.length; j++) expect(overlaps(labels[i]!, labels[j]!), `labels ${i} and ${j}`).toBe(false);
}

describe('stacks of cards', () => {
  it.each([
    ['apart', [card('a', 0, 0), card('b', 200, 0)], [['a'], ['b']]],
    ['on top of each other', [card('a', 0, 0), card('b', 2, 3), card('c', 200, 0)], [['a', 'b'], ['c']]],
    ['touching only at an edge', [card('a', 0, 0), card('b', 40, 0)], [['a'], ['b']]],
    ['a chain of stacked cards', [card('a', 0, 0), card('b', 10, 0), card('c', 20, 0)], [['a', 'b', 'c']]],
  ])('%s', (_, sources, expected) => {
    const stacks = stacksOf(sources).map((s) => s.map((c) => c.id).sort());
    expect(stacks.sort()).toEqual(expected);
  });
});

describe('labels placed without overlap', () => {
  it('puts a lone card\'s name on the card', () => {
    const [label] = placeLabels([card('a', 100, 100, 'Urząd Miasta')], options);
    expect(label!.lines).toEqual(['Urząd Miasta']);
    expect(label!.x + label!.w / 2).toBeCloseTo(124);
    expect(label!.y + label!.h / 2).toBeCloseTo(113.5);
  });

  it('names a stack of cards with equal scores in one label, with a count when they are more than its lines', () => {
    const three = [card('a', 0, 0, 'Szkoła'), card('b', 0, 0, 'Parafia'), card('c', 0, 0, 'OSP')];
    expect(placeLabels(three, options).map((l) => l.lines)).toEqual([['OSP', 'Parafia', 'Szkoła']]);
    const five = [...three, card('d', 0, 0, 'KGW'), card('e', 0, 0, 'LGD')];
    const [label] = placeLabels(five, options);
    expect(label!.lines).toEqual(['KGW', 'LGD', '+3']);
    expect(label!.ids).toHaveLength(5);
  });

  it('moves a name beside its card when the card\'s own place is taken', () => {
    const labels = placeLabels([card('a', 100, 100, 'Stowarzyszenie przedsiębiorców'), card('b', 150, 100, 'Gminny ośrodek kultury')], options);
    expect(labels).toHaveLength(2);
    expect(overlaps(labels[0]!, labels[1]!)).toBe(false);
  });

  it('shortens long names to the widest label', () => {
    const [label] = placeLabels([card('a', 0, 0, 'Stowarzyszenie na rzecz rozwoju gminy i okolic')], options);
    expect(label!.lines[0]!.endsWith('…')).toBe(true);
    expect(label!.w).toBeLessThanOrEqual(options.maxWidth);
  });

  it.each([
    [10, 700, 500],
    [40, 700, 500],
    [40, 300, 200],
    [500, 700, 500],
  ])('%i cards over %i×%i px: every card named once, no two labels overlapping', (count, width, height) => {
    const sources = scatter(count, width, height);
    const labels = placeLabels(sources, options);
    expectNamesEveryCardOnceWithoutOverlap(sources, labels);
  });

  it('at 40 cards over a fitted map, every name is written out (none only counted)', () => {
    const sources = scatter(40, 900, 600);
    const labels = placeLabels(sources, options);
    const counted = labels.filter((l) => /\+\d+$/.test(l.lines[l.lines.length - 1]!));
    expect(counted).toEqual([]);
  });
});
