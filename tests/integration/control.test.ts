import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { COMMAND_ROLES, type CommandType } from '../../shared/protocol/commands';
import type { ControlState, Person } from '../../shared/protocol/state';
import { createElement, putIntoFrame } from '../../shared/ops/elements';
import { elementsOf } from '../../shared/schema/doc';
import { roundTrip, stockClient, synced, waitFor } from '../helpers/clients';
import { controlClient, controlRefused } from '../helpers/control';
import { publicSessionId } from '../../server/facilitation/state';
import { startServer, type CreatedBoard, type TestServer } from '../helpers/server';

const ROLES = ['facilitator', 'participant', 'observer'] as const;

/** A valid example of every command, so that only the role decides the outcome. */
function example(type: CommandType, ids: { note: string; frame: string; sessionId: string; stakeholder?: string }): Record<string, unknown> {
  const view = { x: 0, y: 0, scale: 1 };
  const examples: Record<CommandType, Record<string, unknown>> = {
    'agenda.set': { phases: [{ id: 'p1', title: 'Mapa interesariuszy', frameId: ids.frame, minutes: 0 }] },
    'phase.go': { index: 0 },
    'timer.start': { seconds: 300 },
    'timer.pause': {},
    'timer.resume': {},
    'timer.add': { seconds: 60 },
    'timer.reset': {},
    summon: { view },
    'follow.set': { on: true },
    'follow.view': { view },
    'lock.board': { locked: false },
    'lock.frame': { frameId: ids.frame, locked: false },
    'vote.start': { title: 'Priorytety', frameId: ids.frame, itemIds: null, votesPerPerson: 3 },
    'vote.cast': { itemId: ids.note },
    'vote.retract': { itemId: ids.note },
    'vote.close': {},
    'vote.cancel': {},
    'private.set': { frameId: ids.frame, on: true },
    'private.reveal': { frameId: ids.frame },
    'draft.put': { id: 'draft-1', frameId: ids.frame, text: 'Pomysł', x: 10, y: 10, color: '#fde68a' },
    'draft.delete': { id: 'draft-1' },
    'hand.raise': { up: true },
    reaction: { emoji: '👍' },
    'role.set': { sessionId: publicSessionId(ids.sessionId), role: 'participant' },
    'person.remove': { sessionId: publicSessionId(ids.sessionId) },
    'rating.submit': { elementId: ids.stakeholder ?? 'none', values: { influence: 5, engagement: 5 } },
    'rating.reveal': { frameId: ids.frame },
    'rating.clear': { frameId: ids.frame },
  };
  return { type, ...examples[type] };
}

async function boardWithContent(server: TestServer): Promise<{ board: CreatedBoard; note: string; frame: string; stakeholder: string }> {
  const board = await server.createBoard('Macierz ról');
  const writer = stockClient(server.wsUrl, board.id, board.tokens.facilitator);
  await synced(writer);
  const frame = createElement(writer.doc, { type: 'frame', title: 'SWOT', w: 1000, h: 800 });
  const note = createElement(writer.doc, { type: 'note', text: 'Mocna strona', x: 100, y: 100 });
  const stakeholder = createElement(writer.doc, { type: 'stakeholder', name: 'Rada Osiedla', x: 400, y: 100 });
  putIntoFrame(writer.doc, [note, stakeholder], frame);
  await waitFor(() => elementsOf(server.warsztat.rooms.peek(board.id)!.doc).has(stakeholder));
  return { board, note, frame, stakeholder };
}

describe('facilitation channel: handshake', () => {
  it.each([
    ['no auth at all', {}],
    ['a missing token', { boardId: 'abc', sessionId: 's1' }],
    ['a wrong token', { boardId: 'abc', token: 'nope', sessionId: 's1' }],
  ])('refuses %s with connect_error', async (_name, auth) => {
    const server = await startServer();
    const message = await controlRefused(server.url, auth);
    expect(message).toMatch(/invalid/);
  });

  it('refuses a token of another board', async () => {
    const server = await startServer();
    const [one, two] = await Promise.all([server.createBoard('A'), server.createBoard('B')]);
    expect(await controlRefused(server.url, { boardId: one.id, token: two.tokens.facilitator, sessionId: 's1' })).toBe('invalid token');
  });
});

describe('facilitation channel: role × command matrix over real sockets', () => {
  const commandTypes = Object.keys(COMMAND_ROLES) as CommandType[];
  it.each(ROLES)('as %s, every command is allowed exactly when its role list says so', async (role) => {
    const server = await startServer();
    const { board, note, frame, stakeholder } = await boardWithContent(server);
    const target = await controlClient(server.url, { boardId: board.id, token: board.tokens.participant, sessionId: 'target', name: 'Cel' });
    for (const type of commandTypes) {
      // A fresh connection per command keeps the rate limit and removals out of the way.
      const sessionId = `actor-${type}`;
      const actor = await controlClient(server.url, { boardId: board.id, token: board.tokens[role], sessionId, name: 'Aktor' });
      if (type === 'phase.go' && role === 'facilitator') await actor.send(example('agenda.set', { note, frame, sessionId: 'target' }));
      if (['vote.cast', 'vote.retract', 'vote.close', 'vote.cancel'].includes(type)) {
        const facilitator = await controlClient(server.url, { boardId: board.id, token: board.tokens.facilitator, sessionId: `f-${type}` });
        await facilitator.send({ type: 'vote.cancel' });
        expect(await facilitator.send(example('vote.start', { note, frame, sessionId: 'target' }))).toEqual({ ok: true });
        if (type === 'vote.retract' && role !== 'observer') await actor.send(example('vote.cast', { note, frame, sessionId: 'target' }));
      }
      if (type === 'timer.pause' || type === 'timer.resume') {
        const facilitator = await controlClient(server.url, { boardId: board.id, token: board.tokens.facilitator, sessionId: `f-${type}` });
        await facilitator.send({ type: 'timer.start', seconds: 100 });
        if (type === 'timer.resume') await facilitator.send({ type: 'timer.pause' });
      }
      if (type === 'draft.put' || type === 'draft.delete') {
        const facilitator = await controlClient(server.url, { boardId: board.id, token: board.tokens.facilitator, sessionId: `f-${type}` });
        await facilitator.send({ type: 'private.set', frameId: frame, on: true });
        if (type === 'draft.delete' && role !== 'observer') await actor.send(example('draft.put', { note, frame, sessionId: 'target' }));
      }
      if (type === 'follow.view') {
        const facilitator = await controlClient(server.url, { boardId: board.id, token: board.tokens.facilitator, sessionId: `f-${type}` });
        await facilitator.send({ type: 'follow.set', on: true });
      }
      if (type === 'rating.reveal') {
        const facilitator = await controlClient(server.url, { boardId: board.id, token: board.tokens.facilitator, sessionId: `f-${type}` });
        expect(await facilitator.send(example('rating.submit', { note, frame, sessionId: 'target', stakeholder }))).toEqual({ ok: true });
      }
      const ack = await actor.send(example(type, { note, frame, sessionId: 'target', stakeholder }));
      const allowed = COMMAND_ROLES[type].includes(role);
      if (allowed) expect(ack, `${role} ${type}`).toEqual({ ok: true });
      else expect(ack, `${role} ${type}`).toEqual({ ok: false, error: `${type} is not allowed for the ${role} role` });
      actor.socket.disconnect();
      if (type === 'person.remove' && allowed) {
        // The removed target cannot come back while the board is loaded.
        expect(target.socket.connected).toBe(false);
      }
    }
  });

  it('malformed commands get an error acknowledgement and change nothing', async () => {
    const server = await startServer();
    const board = await server.createBoard();
    const facilitator = await controlClient(server.url, { boardId: board.id, token: board.tokens.facilitator, sessionId: 'f' });
    const before = facilitator.last<{ state: ControlState }>('state')!.state;
    for (const bad of [null, 42, 'timer.start', { type: 'nope' }, { type: 'timer.start', seconds: -5 }, { type: 'timer.start', seconds: '60' }, { type: 'vote.start', title: '', frameId: null, itemIds: null, votesPerPerson: 0 }]) {
      const ack = await facilitator.send(bad as never);
      expect(ack.ok).toBe(false);
      expect((ack as { error: string }).error).toMatch(/^invalid command/);
    }
    expect((await facilitator.send({ type: 'vote.start', title: 'X', frameId: null, itemIds: null, votesPerPerson: 2 })).ok).toBe(false);
    const after = await facilitator.send({ type: 'timer.reset' });
    expect(after).toEqual({ ok: true });
    expect(before.rounds).toEqual([]);
  });

  it('flooding commands is rate-limited per connection', async () => {
    const server = await startServer({ COMMANDS_PER_SECOND: 5 });
    const board = await server.createBoard();
    const participant = await controlClient(server.url, { boardId: board.id, token: board.tokens.participant, sessionId: 'p' });
    const acks = await Promise.all(Array.from({ length: 40 }, () => participant.send({ type: 'reaction', emoji: '👍' })));
    const refused = acks.filter((a) => !a.ok);
    expect(refused.length).toBeGreaterThan(20);
    expect(refused[0]).toEqual({ ok: false, error: 'too many commands, slow down' });
  });
});

describe('facilitation channel: Yjs messages by role', () => {
  it.each(ROLES)('as %s: document updates apply unless observer; awareness is always relayed', async (role) => {
    const server = await startServer();
    const board = await server.createBoard();
    const watcher = stockClient(server.wsUrl, board.id, board.tokens.facilitator);
    const actor = stockClient(server.wsUrl, board.id, board.tokens[role], { connect: false });
    // Content made before connecting travels in sync step 2; content made after, as updates.
    const inStep2 = createElement(actor.doc, { type: 'note', text: 'przed połączeniem' });
    actor.provider.connect();
    await Promise.all([synced(watcher), synced(actor)]);
    const asUpdate = createElement(actor.doc, { type: 'note', text: 'po połączeniu' });
    actor.provider.awareness.setLocalStateField('user', { name: role });
    await waitFor(() => watcher.provider.awareness.getStates().has(actor.doc.clientID), 3000, 'awareness');
    // The actor's frames are handled once it gets its answer; the watcher's answer then holds them if applied.
    await roundTrip(actor);
    await roundTrip(watcher);
    const applied = role !== 'observer';
    expect(elementsOf(watcher.doc).has(inStep2)).toBe(applied);
    expect(elementsOf(watcher.doc).has(asUpdate)).toBe(applied);
    void awarenessProtocol;
  });
});

describe('facilitation state and effects', () => {
  it('late joiners get the state; the timer is one server clock; state survives a restart', async () => {
    const server = await startServer();
    const board = await server.createBoard();
    const facilitator = await controlClient(server.url, { boardId: board.id, token: board.tokens.facilitator, sessionId: 'f' });
    expect(await facilitator.send({ type: 'timer.start', seconds: 600 })).toEqual({ ok: true });
    const late = await controlClient(server.url, { boardId: board.id, token: board.tokens.observer, sessionId: 'o' });
    const { state, serverNow } = late.last<{ state: ControlState; serverNow: number }>('state')!;
    expect(state.timer.running).toBe(true);
    expect(state.timer.endsAt! - serverNow).toBeGreaterThan(590_000);
    await server.stop();
    const again = await startServer({}, server.dataDir);
    const reader = await controlClient(again.url, { boardId: board.id, token: board.tokens.participant, sessionId: 'p' });
    expect(reader.last<{ state: ControlState }>('state')!.state.timer.running).toBe(true);
  });

  it('votes stay hidden until the round closes; results are kept with the board', async () => {
    const server = await startServer();
    const { board, note, frame } = await boardWithContent(server);
    const facilitator = await controlClient(server.url, { boardId: board.id, token: board.tokens.facilitator, sessionId: 'f' });
    const p1 = await controlClient(server.url, { boardId: board.id, token: board.tokens.participant, sessionId: 'p1' });
    const p2 = await controlClient(server.url, { boardId: board.id, token: board.tokens.participant, sessionId: 'p2' });
    expect(await facilitator.send({ type: 'vote.start', title: 'Priorytety', frameId: frame, itemIds: null, votesPerPerson: 2 })).toEqual({ ok: true });
    const myVotes = p1.next<{ itemIds: string[] }>('my-votes');
    expect(await p1.send({ type: 'vote.cast', itemId: note })).toEqual({ ok: true });
    expect((await myVotes).itemIds).toEqual([note]);
    expect(await p1.send({ type: 'vote.cast', itemId: note })).toEqual({ ok: true });
    expect(await p1.send({ type: 'vote.cast', itemId: note })).toEqual({ ok: false, error: 'no votes left (2 per person)' });
    expect(await p2.send({ type: 'vote.cast', itemId: frame })).toEqual({ ok: false, error: 'this item is not part of the vote' });
    expect(await p2.send({ type: 'vote.cast', itemId: note })).toEqual({ ok: true });
    // Nobody's state shows any count while the round is open.
    expect(JSON.stringify(p2.last('state'))).not.toContain('"results":{');
    const closed = p2.next<{ state: ControlState }>('state');
    expect(await facilitator.send({ type: 'vote.close' })).toEqual({ ok: true });
    const round = (await closed).state.rounds.at(-1)!;
    expect(round).toMatchObject({ open: false, results: { [note]: 3 }, voters: 2 });
    const stored = JSON.parse((await server.warsztat.store.loadControl(board.id))!);
    expect(stored.state.rounds[0].results).toEqual({ [note]: 3 });
  });

  it('summon reaches everyone; phase.go brings everyone to the phase frame', async () => {
    const server = await startServer();
    const { board, frame } = await boardWithContent(server);
    const facilitator = await controlClient(server.url, { boardId: board.id, token: board.tokens.facilitator, sessionId: 'f' });
    const observer = await controlClient(server.url, { boardId: board.id, token: board.tokens.observer, sessionId: 'o' });
    const summoned = observer.next<{ view: unknown }>('summon');
    await facilitator.send({ type: 'summon', view: { x: 10, y: 20, scale: 1.5 } });
    expect((await summoned).view).toEqual({ x: 10, y: 20, scale: 1.5 });
    await facilitator.send({ type: 'agenda.set', phases: [{ id: 'a', title: 'SWOT', frameId: frame, minutes: 10 }] });
    const toPhase = observer.next<{ view: unknown }>('summon');
    await facilitator.send({ type: 'phase.go', index: 0 });
    expect((await toPhase).view).toEqual({ frameId: frame });
    expect(observer.last<{ state: ControlState }>('state')!.state.currentPhase).toBe(0);
  });

  it('a live role change reaches the sync connection: a participant made observer can no longer edit', async () => {
    const server = await startServer();
    const board = await server.createBoard();
    const facilitator = await controlClient(server.url, { boardId: board.id, token: board.tokens.facilitator, sessionId: 'f' });
    await controlClient(server.url, { boardId: board.id, token: board.tokens.participant, sessionId: 'p', name: 'Piotr' });
    const doc = new Y.Doc();
    const sync = stockClient(server.wsUrl, board.id, board.tokens.participant, { doc, connect: false });
    sync.provider.params = { token: board.tokens.participant, session: 'p' };
    sync.provider.connect();
    const watcher = stockClient(server.wsUrl, board.id, board.tokens.facilitator);
    await Promise.all([synced(sync), synced(watcher)]);
    const first = createElement(doc, { type: 'note', text: 'jako uczestnik' });
    await waitFor(() => elementsOf(watcher.doc).has(first));
    const people = facilitator.last<Person[]>('people')!;
    // Others see a public id, never the session id itself (which would let them act as Piotr).
    expect(people.some((p) => p.sessionId === 'p')).toBe(false);
    const piotr = people.find((p) => p.name === 'Piotr')!;
    expect(piotr).toMatchObject({ sessionId: publicSessionId('p'), role: 'participant' });
    expect(await facilitator.send({ type: 'role.set', sessionId: 'p', role: 'observer' })).toEqual({ ok: false, error: 'no such person on the board' });
    expect(await facilitator.send({ type: 'role.set', sessionId: piotr.sessionId, role: 'observer' })).toEqual({ ok: true });
    const second = createElement(doc, { type: 'note', text: 'jako obserwator' });
    await roundTrip(sync);
    await roundTrip(watcher);
    expect(elementsOf(watcher.doc).has(second)).toBe(false);
  });
});

describe('private brainstorming', () => {
  it('hidden notes reach nobody else until the facilitator reveals them; then everyone has them', async () => {
    const server = await startServer();
    const { board, frame } = await boardWithContent(server);
    const facilitator = await controlClient(server.url, { boardId: board.id, token: board.tokens.facilitator, sessionId: 'f' });
    const author = await controlClient(server.url, { boardId: board.id, token: board.tokens.participant, sessionId: 'a', name: 'Ala' });
    const other = await controlClient(server.url, { boardId: board.id, token: board.tokens.participant, sessionId: 'b' });
    const watcher = stockClient(server.wsUrl, board.id, board.tokens.observer);
    await synced(watcher);
    const draft = { type: 'draft.put', id: 'ukryty-1', frameId: frame, text: 'Nowy park', x: 50, y: 50, color: '#fde68a' };
    expect(await author.send(draft)).toEqual({ ok: false, error: 'this frame is not in private brainstorming' });
    expect(await facilitator.send({ type: 'private.set', frameId: frame, on: true })).toEqual({ ok: true });
    // The author gets the change (my-drafts.changed), not the whole list again.
    const mine = author.next<{ put: { text: string }[] }>('my-drafts.changed');
    expect(await author.send(draft)).toEqual({ ok: true });
    expect((await mine).put.map((d) => d.text)).toEqual(['Nowy park']);
    // Whatever the draft made the server send to the other participant has arrived by now.
    await other.flush();
    await roundTrip(watcher);
    // Others see only how many notes are hidden, never their text.
    expect(other.last('my-drafts.changed')).toBeUndefined();
    expect(JSON.stringify(other.last('my-drafts'))).not.toContain('Nowy park');
    expect(JSON.stringify(other.last('state'))).not.toContain('Nowy park');
    expect(other.last<{ state: ControlState }>('state')!.state.draftCounts).toEqual({ [frame]: 1 });
    expect(elementsOf(watcher.doc).has('ukryty-1')).toBe(false);

    expect(await facilitator.send({ type: 'private.reveal', frameId: frame })).toEqual({ ok: true });
    await waitFor(() => elementsOf(watcher.doc).has('ukryty-1'), 3000, 'revealed note');
    const revealed = elementsOf(watcher.doc).get('ukryty-1')!;
    expect(String(revealed.get('text'))).toBe('Nowy park');
    expect(revealed.get('parentId')).toBe(frame);
    expect(revealed.get('createdBy')).toBe('Ala');
  });
});

describe('locks are enforced by the server', () => {
  it('a participant’s edit inside a locked frame does not stick; outside it does; the facilitator may edit', async () => {
    const server = await startServer();
    const { board, note, frame } = await boardWithContent(server);
    const facilitator = await controlClient(server.url, { boardId: board.id, token: board.tokens.facilitator, sessionId: 'f' });
    expect(await facilitator.send({ type: 'lock.frame', frameId: frame, locked: true })).toEqual({ ok: true });
    const participant = stockClient(server.wsUrl, board.id, board.tokens.participant);
    const watcher = stockClient(server.wsUrl, board.id, board.tokens.observer);
    const boss = stockClient(server.wsUrl, board.id, board.tokens.facilitator);
    await Promise.all([synced(participant), synced(watcher), synced(boss)]);
    const originalX = elementsOf(participant.doc).get(note)!.get('x');

    elementsOf(participant.doc).get(note)!.set('x', 999);
    const outside = createElement(participant.doc, { type: 'note', text: 'poza ramką', x: 5000 });
    await waitFor(() => elementsOf(watcher.doc).has(outside), 3000, 'the edit outside the frame');
    // The locked move was undone everywhere, including on the participant's own copy.
    await waitFor(() => elementsOf(participant.doc).get(note)!.get('x') === originalX, 3000, 'participant copy corrected');
    expect(elementsOf(watcher.doc).get(note)!.get('x')).toBe(originalX);
    // Deleting inside the locked frame is undone too.
    elementsOf(participant.doc).delete(note);
    await waitFor(() => elementsOf(participant.doc).has(note), 3000, 'deleted note restored');

    elementsOf(boss.doc).get(note)!.set('x', 777);
    await waitFor(() => elementsOf(watcher.doc).get(note)!.get('x') === 777, 3000, 'facilitator edit relayed');
  });

  it('a locked board refuses every participant edit, and unlocking allows them again', async () => {
    const server = await startServer();
    const board = await server.createBoard();
    const facilitator = await controlClient(server.url, { boardId: board.id, token: board.tokens.facilitator, sessionId: 'f' });
    await facilitator.send({ type: 'lock.board', locked: true });
    const participant = stockClient(server.wsUrl, board.id, board.tokens.participant);
    const watcher = stockClient(server.wsUrl, board.id, board.tokens.observer);
    await Promise.all([synced(participant), synced(watcher)]);
    const refused = createElement(participant.doc, { type: 'note', text: 'zablokowane' });
    await waitFor(() => !elementsOf(participant.doc).has(refused), 3000, 'creation undone');
    await facilitator.send({ type: 'lock.board', locked: false });
    const allowed = createElement(participant.doc, { type: 'note', text: 'odblokowane' });
    await waitFor(() => elementsOf(watcher.doc).has(allowed), 3000, 'edit after unlock');
  });
});
