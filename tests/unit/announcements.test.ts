import { describe, expect, it } from 'vitest';
import { announceBoardChanges, announceControlChanges, timerMilestone, type BoardChange } from '../../shared/methods/announcements';
import { defaultVoteTitle } from '../../shared/methods/voting';
import { SHORTCUTS } from '../../client/src/board/shortcuts';
import pl from '../../client/src/i18n/pl.json';
import { initialControlState, type ControlState, type VoteRound } from '../../shared/protocol/state';

const change = (kind: BoardChange['kind'], by: string | null, type: BoardChange['type'], frame: string | null): BoardChange => ({ kind, by, type, frame });
const round = (id: string, open: boolean, extra: Partial<VoteRound> = {}): VoteRound => ({ id, title: 'Priorytety', frameId: null, itemIds: ['a'], votesPerPerson: 3, open, openedAt: 1, closedAt: open ? null : 2, results: open ? null : { a: 2 }, voters: open ? null : 4, ...extra });
const state = (patch: Partial<ControlState>): ControlState => ({ ...initialControlState(), ...patch });

describe('live announcements of other people’s changes', () => {
  it.each<[string, BoardChange[], { key: string; values: Record<string, unknown> }[]]>([
    ['nothing', [], []],
    ['one note by Anna in a frame', [change('added', 'Anna', 'note', 'Mocne strony')], [{ key: 'addedByIn', values: { who: 'Anna', type: 'note', frame: 'Mocne strony', count: 1 } }]],
    [
      'three notes by Anna batched into one sentence',
      [change('added', 'Anna', 'note', 'Mocne strony'), change('added', 'Anna', 'note', 'Mocne strony'), change('added', 'Anna', 'note', 'Mocne strony')],
      [{ key: 'addedByIn', values: { who: 'Anna', type: 'note', frame: 'Mocne strony', count: 3 } }],
    ],
    [
      'different people, kinds and frames stay apart, in the order seen',
      [change('changed', null, 'note', 'Szanse'), change('added', 'Jan', 'stakeholder', null), change('changed', null, 'note', 'Szanse'), change('removed', null, 'idea', null)],
      [
        { key: 'changedIn', values: { type: 'note', frame: 'Szanse', count: 2 } },
        { key: 'addedBy', values: { who: 'Jan', type: 'stakeholder', count: 1 } },
        { key: 'removed', values: { type: 'idea', count: 1 } },
      ],
    ],
    [
      'past three sentences the rest is summed up',
      [change('added', 'A', 'note', null), change('added', 'B', 'note', null), change('added', 'C', 'note', null), change('added', 'D', 'note', null), change('removed', null, 'text', 'X'), change('removed', null, 'text', 'X')],
      [
        { key: 'addedBy', values: { who: 'A', type: 'note', count: 1 } },
        { key: 'addedBy', values: { who: 'B', type: 'note', count: 1 } },
        { key: 'addedBy', values: { who: 'C', type: 'note', count: 1 } },
        { key: 'more', values: { count: 3 } },
      ],
    ],
    ['a name that looks like a key separator does not merge groups', [change('added', 'a","b', 'note', null), change('added', 'a', 'note', 'b')], [
      { key: 'addedBy', values: { who: 'a","b', type: 'note', count: 1 } },
      { key: 'addedByIn', values: { who: 'a', type: 'note', frame: 'b', count: 1 } },
    ]],
  ])('%s', (_name, changes, expected) => {
    expect(announceBoardChanges(changes)).toEqual(expected);
  });
});

describe('live announcements of the facilitation', () => {
  const agenda = [
    { id: 'p1', title: 'Interesariusze', frameId: null, minutes: 0 },
    { id: 'p2', title: 'SWOT', frameId: null, minutes: 10 },
  ];
  const running = { running: true, durationMs: 600_000, remainingMs: 600_000, endsAt: 1_000_000 };
  it.each<[string, ControlState | null, ControlState, { key: string; values: Record<string, unknown> }[]]>([
    ['the first state says nothing', null, state({ agenda, currentPhase: 1, rounds: [round('r1', true)] }), []],
    ['no change, nothing', state({ agenda, currentPhase: 0 }), state({ agenda, currentPhase: 0 }), []],
    ['a new phase', state({ agenda, currentPhase: 0 }), state({ agenda, currentPhase: 1 }), [{ key: 'phase', values: { title: 'SWOT', number: 2, total: 2 } }]],
    ['a round opens', state({}), state({ rounds: [round('r1', true)] }), [{ key: 'voteOpened', values: { title: 'Priorytety', count: 3 } }]],
    ['a round closes', state({ rounds: [round('r1', true)] }), state({ rounds: [round('r1', false)] }), [{ key: 'voteClosed', values: { title: 'Priorytety', voters: 4 } }]],
    [
      'one round closes as the next opens',
      state({ rounds: [round('r1', true)] }),
      state({ rounds: [round('r1', false), round('r2', true, { title: 'Drugie', votesPerPerson: 1 })] }),
      [
        { key: 'voteClosed', values: { title: 'Priorytety', voters: 4 } },
        { key: 'voteOpened', values: { title: 'Drugie', count: 1 } },
      ],
    ],
    ['the timer starts', state({}), state({ timer: running }), [{ key: 'timerStarted', values: { count: 10 } }]],
    ['the timer pauses', state({ timer: running }), state({ timer: { ...running, running: false, endsAt: null, remainingMs: 300_000 } }), [{ key: 'timerPaused', values: {} }]],
    ['the timer ends (its end is a milestone, not a pause)', state({ timer: running }), state({ timer: { ...running, running: false, endsAt: null, remainingMs: 0 } }), []],
  ])('%s', (_name, prev, next, expected) => {
    expect(announceControlChanges(prev, next)).toEqual(expected);
  });

  const timer = { running: true, durationMs: 600_000, remainingMs: 600_000, endsAt: 600_000 };
  it.each<[string, ControlState['timer'], number, number, { key: string; values: Record<string, unknown> } | null]>([
    ['nothing crossed', timer, 0, 1_000, null],
    ['five minutes left', timer, 299_000, 301_000, { key: 'timerLeft', values: { count: 5 } }],
    ['one minute left', timer, 539_000, 540_500, { key: 'timerLeft', values: { count: 1 } }],
    ['a late reading crossing both says the nearer one', timer, 200_000, 560_000, { key: 'timerLeft', values: { count: 1 } }],
    ['time is up', timer, 599_000, 601_000, { key: 'timerEnd', values: {} }],
    ['after the end, nothing more', timer, 601_000, 602_000, null],
    ['a paused timer says nothing', { ...timer, running: false, endsAt: null, remainingMs: 30_000 }, 0, 600_000, null],
    ['time going backwards says nothing', timer, 301_000, 299_000, null],
  ])('%s', (_name, t, before, now, expected) => {
    expect(timerMilestone(t, before, now)).toEqual(expected);
  });
});

describe('language leaks (#16)', () => {
  it.each([
    ['pl', null, 'Głosowanie'],
    ['en', null, 'Vote'],
    ['en', '  ', 'Vote'],
    ['pl', 'Mocne strony', 'Mocne strony'],
    ['pl', 'x'.repeat(200), 'x'.repeat(120)],
  ] as const)('a vote on a %s board titled %j is called %j, whatever the facilitator’s screen language', (locale, frame, title) => {
    expect(defaultVoteTitle(locale, frame)).toBe(title);
  });

  it('the Polish help names no key or gesture in English', () => {
    const t = (key: string) => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], pl) as string;
    const shown = SHORTCUTS.map((s) => (s.keysText ? t(`keyboard.keys.${s.keysText}`) : s.keys)).join(' | ');
    expect(shown).not.toMatch(/\b(drag|click|wheel)\b/i);
    expect(shown).toContain('spacja + przeciągnij');
  });
});
