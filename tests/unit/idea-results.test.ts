import { describe, expect, it } from 'vitest';
import { ideaResultSchema, publicIdeaResults, type IdeaCardFacts, type IdeaResultEntry } from '../../shared/methods/idea-results';

const card = (id: string, status: IdeaCardFacts['status'], mergedInto: string | null = null): IdeaCardFacts => ({ id, title: `Pomysł ${id}`, status, mergedInto });
const entry = (published: boolean, at = 1, reply = ''): IdeaResultEntry => ({ published, reply, at });

describe('publicIdeaResults', () => {
  it.each([
    ['a published decided idea is shown', [card('a', 'accepted')], { a: entry(true, 5, 'Zrobimy') }, [{ title: 'Pomysł a', status: 'accepted', mergedIntoTitle: null, reply: 'Zrobimy', at: 5 }]],
    ['an unpublished idea is not shown', [card('a', 'accepted')], { a: entry(false) }, []],
    ['an idea without an entry is not shown', [card('a', 'rejected')], {}, []],
    ['an undecided idea is not shown even when published', [card('a', 'new')], { a: entry(true) }, []],
    ['an entry whose card is gone shows nothing', [], { a: entry(true) }, []],
    ['a merge names its target when the target is published', [card('a', 'merged', 'b'), card('b', 'accepted')], { a: entry(true, 1), b: entry(true, 2) }, [
      { title: 'Pomysł b', status: 'accepted', mergedIntoTitle: null, reply: '', at: 2 },
      { title: 'Pomysł a', status: 'merged', mergedIntoTitle: 'Pomysł b', reply: '', at: 1 },
    ]],
    ['a merge hides an unpublished target', [card('a', 'merged', 'b'), card('b', 'accepted')], { a: entry(true) }, [{ title: 'Pomysł a', status: 'merged', mergedIntoTitle: null, reply: '', at: 1 }]],
    ['an inherited key is no entry', [card('constructor', 'accepted')], {}, []],
  ] as const)('%s', (_name, cards, entries, expected) => {
    expect(publicIdeaResults(cards, entries as Record<string, IdeaResultEntry>)).toEqual(expected);
  });

  it('puts the newest decisions first, ties by title', () => {
    const cards = [card('c', 'accepted'), card('a', 'rejected'), card('b', 'accepted')];
    const out = publicIdeaResults(cards, { a: entry(true, 1), b: entry(true, 3), c: entry(true, 3) });
    expect(out.map((r) => r.title)).toEqual(['Pomysł b', 'Pomysł c', 'Pomysł a']);
  });
});

describe('ideaResultSchema', () => {
  it.each([
    [{ published: true, reply: '  Dziękujemy\r\n ' }, { published: true, reply: 'Dziękujemy' }],
    [{ published: false }, { published: false, reply: '' }],
  ])('accepts %j', (input, expected) => {
    expect(ideaResultSchema.parse(input)).toEqual(expected);
  });
  it.each([
    [{ reply: 'x' }, 'published'],
    [{ published: true, reply: 'x'.repeat(2001) }, 'reply'],
    [{ published: true, contact: 'jan@example.pl' }, ''],
  ])('rejects %j naming %s', (input, field) => {
    const parsed = ideaResultSchema.safeParse(input);
    expect(parsed.success).toBe(false);
    if (field) expect(parsed.error!.issues[0]!.path).toEqual([field]);
  });
});
