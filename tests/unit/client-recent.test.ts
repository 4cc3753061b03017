import { describe, expect, it } from 'vitest';
import { MAX_RECENT_BOARDS, asRecentRole, parseRecent, withForgotten, withOpened, type RecentBoard } from '../../client/src/sync/recent';

const entry = (id: string, role: RecentBoard['role'], openedAt: number, title = `Tablica ${id}`): RecentBoard => ({
  id,
  title,
  ...(role ? { role } : {}),
  link: `http://h/b/${id}#token=${role ?? 'x'}`,
  openedAt,
});

describe('the boards this browser created or opened', () => {
  it.each([
    ['nothing stored', null, []],
    ['not JSON', '{', []],
    ['not a list', '{"id":"a"}', []],
    ['entries without id or link are dropped', '[{"id":"a"},{"link":"l"},null,7]', []],
    ['an old entry without a role is kept, a made-up role dropped', '[{"id":"a","title":"A","link":"l","openedAt":5,"role":"admin"}]', [{ id: 'a', title: 'A', link: 'l', openedAt: 5 }]],
    ['a missing title shows the id', '[{"id":"a","link":"l","role":"observer"}]', [{ id: 'a', title: 'a', role: 'observer', link: 'l', openedAt: 0 }]],
  ])('parse: %s', (_name, raw, expected) => {
    expect(parseRecent(raw)).toEqual(expected);
  });

  it('opening a board puts it first with the link just used; another role of it is a second entry', () => {
    const list = [entry('a', 'participant', 1), entry('b', 'facilitator', 2)];
    const opened = withOpened(list, { id: 'b', title: 'Tablica b', role: 'facilitator', link: 'new-link' }, 10);
    expect(opened.map((b) => [b.id, b.role, b.openedAt, b.link])).toEqual([
      ['b', 'facilitator', 10, 'new-link'],
      ['a', 'participant', 1, 'http://h/b/a#token=participant'],
    ]);
    const both = withOpened(opened, { id: 'a', title: 'Tablica a', role: 'facilitator', link: 'fac' }, 11);
    expect(both.map((b) => `${b.id}/${b.role}`)).toEqual(['a/facilitator', 'b/facilitator', 'a/participant']);
  });

  it('a renamed board is renamed in every entry; an entry saved without a role is replaced', () => {
    const list = [entry('a', undefined, 1), entry('a', 'observer', 2), entry('c', 'observer', 3)];
    const opened = withOpened(list, { id: 'a', title: 'Nowy tytuł', role: 'participant', link: 'p' }, 9);
    expect(opened.map((b) => [b.id, b.role, b.title])).toEqual([
      ['a', 'participant', 'Nowy tytuł'],
      ['a', 'observer', 'Nowy tytuł'],
      ['c', 'observer', 'Tablica c'],
    ]);
  });

  it(`keeps at most ${MAX_RECENT_BOARDS}, dropping the longest unopened`, () => {
    let list: RecentBoard[] = [];
    for (let i = 0; i < MAX_RECENT_BOARDS + 5; i++) list = withOpened(list, { id: `b${i}`, title: 't', role: 'participant', link: 'l' }, i);
    expect(list).toHaveLength(MAX_RECENT_BOARDS);
    expect(list[0]!.id).toBe(`b${MAX_RECENT_BOARDS + 4}`);
    expect(list.at(-1)!.id).toBe('b5');
  });

  it('forgetting drops only that board and role', () => {
    const list = [entry('a', 'participant', 1), entry('a', 'facilitator', 2), entry('b', 'observer', 3)];
    expect(withForgotten(list, { id: 'a', role: 'facilitator' }).map((b) => `${b.id}/${b.role}`)).toEqual(['a/participant', 'b/observer']);
  });

  it.each([
    ['facilitator', 'facilitator'],
    ['observer', 'observer'],
    [null, undefined],
    ['admin', undefined],
  ])('role %s is remembered as %s', (role, expected) => {
    expect(asRecentRole(role)).toBe(expected);
  });
});
