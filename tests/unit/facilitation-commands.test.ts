import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import pino from 'pino';
import { runCommand, SERVER_COMMANDS, type CommandContext } from '../../server/facilitation/commands';
import { BoardFacilitation, publicSessionId, type SessionLink } from '../../server/facilitation/state';
import { SqliteStore } from '../../server/storage/sqlite';
import type { Ack, Command } from '../../shared/protocol/commands';
import { EXCLUSION_REASONS } from '../../shared/protocol/personal-links';

/**
 * Every command the reducer does not decide, by name (server/facilitation/commands.ts
 * SERVER_COMMANDS), plus the reaction, which now goes through the reducer: what each answers
 * and what it sends to whom. Real facilitation state over a real (in-memory) SQLite store;
 * the outbox records what the socket.io transport would deliver.
 */
const log = pino({ level: 'silent' });
let store: SqliteStore;
beforeAll(() => {
  store = new SqliteStore(':memory:');
});
afterAll(() => store.close());

type Sent = { to: string; event: string; payload: unknown };

async function setUp() {
  const facilitation = await BoardFacilitation.load('b1', store, log);
  const closed: string[] = [];
  const link = (who: string): SessionLink => ({ kind: 'facilitation', close: (reason) => closed.push(`${who}:${reason}`) });
  facilitation.join('fac', 'Ala', 'facilitator', link('fac'));
  facilitation.join('bob', 'Bob', 'participant', link('bob'), 'link-bob');
  const sent: Sent[] = [];
  const linkCalls: string[] = [];
  const ctx: CommandContext = {
    board: { boardId: 'b1', doc: new Y.Doc(), facilitation },
    sessionId: 'fac',
    out: {
      toBoard: (event, payload, options) => sent.push({ to: options?.exceptSession ? `board-${options.exceptSession}` : 'board', event, payload }),
      toSession: (sessionId, event, payload) => sent.push({ to: sessionId, event, payload }),
    },
    log,
    now: () => 1000,
    newId: () => 'id-1',
    personalLinks: {
      revoke: async (boardId, id) => linkCalls.push(`revoke ${boardId} ${id}`),
      setRole: async (boardId, id, role) => linkCalls.push(`setRole ${boardId} ${id} ${role}`),
    },
  };
  return { ctx, facilitation, sent, closed, linkCalls };
}

const BOB = publicSessionId('bob');
const FAC = publicSessionId('fac');

interface Row {
  name: string;
  command: Command;
  from?: string;
  ack: Ack;
  /** Events sent, as `to event`. */
  events: string[];
  check?: (s: Awaited<ReturnType<typeof setUp>>) => void;
}

const rows: Row[] = [
  { name: 'hand.raise puts the hand up and sends the people list', command: { type: 'hand.raise', up: true }, from: 'bob', ack: { ok: true }, events: ['board people'], check: ({ facilitation }) => expect(facilitation.peopleList().find((p) => p.sessionId === BOB)?.handUp).toBe(true) },
  { name: 'reaction goes to everyone with the sender’s public id and name', command: { type: 'reaction', emoji: '👍' }, from: 'bob', ack: { ok: true }, events: ['board reaction'], check: ({ sent }) => expect(sent[0]!.payload).toEqual({ sessionId: BOB, name: 'Bob', emoji: '👍' }) },
  { name: 'role.set tells the person, updates the list and sticks to the personal link', command: { type: 'role.set', sessionId: BOB, role: 'observer' }, ack: { ok: true }, events: ['bob you', 'board people'], check: ({ facilitation, linkCalls }) => { expect(facilitation.roleOf('bob', 'participant')).toBe('observer'); expect(linkCalls).toEqual(['setRole b1 link-bob observer']); } },
  { name: 'role.set of oneself is refused', command: { type: 'role.set', sessionId: FAC, role: 'observer' }, ack: { ok: false, error: 'you cannot change your own role' }, events: [] },
  { name: 'role.set of nobody present is refused', command: { type: 'role.set', sessionId: 'nobody', role: 'observer' }, ack: { ok: false, error: 'no such person on the board' }, events: [] },
  { name: 'person.remove closes their links and revokes the personal link', command: { type: 'person.remove', sessionId: BOB }, ack: { ok: true }, events: ['board people'], check: ({ facilitation, closed, linkCalls }) => { expect(closed).toEqual([`bob:${EXCLUSION_REASONS.removed}`]); expect(facilitation.isRemoved('bob')).toBe(true); expect(linkCalls).toEqual(['revoke b1 link-bob']); } },
  { name: 'person.remove of oneself is refused', command: { type: 'person.remove', sessionId: FAC }, ack: { ok: false, error: 'you cannot remove yourself' }, events: [] },
  { name: 'person.remove of nobody present is refused', command: { type: 'person.remove', sessionId: 'nobody' }, ack: { ok: false, error: 'no such person on the board' }, events: [] },
  { name: 'rating.submit of a card not on the board is refused', command: { type: 'rating.submit', elementId: 'missing', values: { power: 3 } }, from: 'bob', ack: { ok: false, error: 'no such stakeholder or factor on the board' }, events: [] },
  { name: 'rating.reveal of a frame not on the board is refused', command: { type: 'rating.reveal', frameId: 'missing' }, ack: { ok: false, error: 'no such frame' }, events: [] },
  { name: 'rating.clear of a frame not on the board is refused', command: { type: 'rating.clear', frameId: 'missing' }, ack: { ok: false, error: 'no such frame' }, events: [] },
];

describe('facilitation commands outside the reducer', () => {
  it('names exactly the commands about people and blind scores', () => {
    expect(Object.keys(SERVER_COMMANDS).sort()).toEqual(['hand.raise', 'person.remove', 'rating.clear', 'rating.reveal', 'rating.submit', 'role.set']);
  });

  for (const row of rows) {
    it(row.name, async () => {
      const setup = await setUp();
      const ack = await runCommand(row.command, { ...setup.ctx, sessionId: row.from ?? 'fac' });
      expect(ack).toEqual(row.ack);
      expect(setup.sent.map((s) => `${s.to} ${s.event}`)).toEqual(row.events);
      row.check?.(setup);
    });
  }
});
