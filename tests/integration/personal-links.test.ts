import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PostgresStore } from '../../server/storage/postgres';
import { SqliteStore } from '../../server/storage/sqlite';
import { publicSessionId } from '../../server/facilitation/state';
import { MAX_PERSONAL_LINKS } from '../../shared/protocol/personal-links';
import type { Person } from '../../shared/protocol/state';
import { controlClient, controlRefused } from '../helpers/control';
import { closeOf, rawSocket, stockClient, synced, waitFor } from '../helpers/clients';
import { onCleanup, startServer, tempDir, type TestServer } from '../helpers/server';
import { POSTGRES_URL, REDIS_URL, freshSchema, servicesUnavailable } from '../helpers/services';

const skipReason = await servicesUnavailable();

const servers: [string, () => Promise<TestServer>, boolean][] = [
  ['SQLite', () => startServer(), true],
  ['PostgreSQL', () => startServer({ DATABASE_URL: POSTGRES_URL, DATABASE_SCHEMA: freshSchema() }), skipReason === null],
];

const bearer = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });

interface IssuedLink {
  id: string;
  name: string;
  role: string;
  link: string;
  token: string;
}

async function issue(server: TestServer, boardId: string, facilitatorToken: string, body: unknown): Promise<IssuedLink> {
  const res = await fetch(`${server.url}/api/boards/${boardId}/links`, { method: 'POST', headers: bearer(facilitatorToken), body: JSON.stringify(body) });
  expect(res.status).toBe(201);
  return (await res.json()) as IssuedLink;
}

async function listLinks(server: TestServer, boardId: string, token: string): Promise<{ id: string; name: string; role: string }[]> {
  const res = await fetch(`${server.url}/api/boards/${boardId}/links`, { headers: bearer(token) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { links: { id: string; name: string; role: string }[] }).links;
}

function addNote(doc: Y.Doc, id: string): void {
  const element = new Y.Map<unknown>();
  doc.transact(() => {
    doc.getMap('elements').set(id, element);
    element.set('id', id);
    element.set('type', 'note');
    element.set('x', 0);
    element.set('y', 0);
    element.set('w', 100);
    element.set('h', 100);
    element.set('text', id);
    element.set('color', 'yellow');
    element.set('z', 1);
  });
}

describe.each(servers)('personal links (%s)', (_name, start, available) => {
  it.skipIf(!available)('work for REST, sync and facilitation; revoking one closes its sockets at once and refuses it after, leaving everyone else alone', async () => {
    const server = await start();
    const board = await server.createBoard();
    const anna = await issue(server, board.id, board.tokens.facilitator, { name: '  Anna Kowalska ', role: 'participant' });
    expect(anna).toMatchObject({ name: 'Anna Kowalska', role: 'participant' });
    expect(anna.link).toBe(`${server.url}/b/${board.id}#token=${anna.token}`);
    const piotr = await issue(server, board.id, board.tokens.facilitator, { name: 'Piotr', role: 'observer' });

    // Listed without tokens.
    const listed = await listLinks(server, board.id, board.tokens.facilitator);
    expect(listed.map((l) => [l.name, l.role])).toEqual([['Anna Kowalska', 'participant'], ['Piotr', 'observer']]);
    expect(JSON.stringify(listed)).not.toContain(anna.token);

    // REST: the token grants its role and names its holder.
    const info = await fetch(`${server.url}/api/boards/${board.id}`, { headers: bearer(anna.token) });
    expect(await info.json()).toMatchObject({ role: 'participant', personName: 'Anna Kowalska' });

    // Live sync with a stock client: Anna edits, the facilitator sees it.
    const facilitatorDoc = stockClient(server.wsUrl, board.id, board.tokens.facilitator);
    const annaDoc = stockClient(server.wsUrl, board.id, anna.token);
    const sharedDoc = stockClient(server.wsUrl, board.id, board.tokens.participant);
    await Promise.all([synced(facilitatorDoc), synced(annaDoc), synced(sharedDoc)]);
    addNote(annaDoc.doc, 'note-anna');
    await waitFor(() => facilitatorDoc.doc.getMap('elements').has('note-anna'), 5000, 'Anna’s note at the facilitator');

    // Facilitation: the link's name stands in for a name not typed; she is marked as a personal-link holder.
    const facilitator = await controlClient(server.url, { boardId: board.id, token: board.tokens.facilitator, sessionId: 's-ewa', name: 'Ewa' });
    const annaControl = await controlClient(server.url, { boardId: board.id, token: anna.token, sessionId: 's-anna' });
    const sharedControl = await controlClient(server.url, { boardId: board.id, token: board.tokens.participant, sessionId: 's-jan', name: 'Jan' });
    const piotrControl = await controlClient(server.url, { boardId: board.id, token: piotr.token, sessionId: 's-piotr' });
    expect(await annaControl.send({ type: 'hand.raise', up: true })).toEqual({ ok: true });
    await waitFor(() => (facilitator.last<Person[]>('people') ?? []).some((p) => p.name === 'Anna Kowalska' && p.handUp), 5000, 'Anna in the presence list');
    const people = facilitator.last<Person[]>('people')!;
    expect(people.find((p) => p.name === 'Anna Kowalska')).toMatchObject({ arrivedBy: 'personal', linkRole: 'participant', role: 'participant' });
    expect(people.find((p) => p.name === 'Jan')).toMatchObject({ arrivedBy: 'shared', linkRole: 'participant' });

    // A raw socket with the same link (a second tab) goes too.
    const raw = await rawSocket(`${server.wsUrl}/${board.id}?token=${anna.token}`);
    expect(raw.opened).toBe(true);
    const rawClosed = closeOf(raw.ws);
    const annaRemoved = annaControl.next<{ reason: string }>('removed');

    const revoked = await fetch(`${server.url}/api/boards/${board.id}/links/${anna.id}`, { method: 'DELETE', headers: bearer(board.tokens.facilitator) });
    expect(revoked.status).toBe(204);
    expect(await rawClosed).toEqual({ code: 4401, reason: 'personal link revoked' });
    expect(await annaRemoved).toEqual({ reason: 'personal link revoked' });
    await waitFor(() => !annaControl.socket.connected && !annaDoc.provider.wsconnected, 5000, 'Anna’s sockets closed');

    // Refused thereafter, everywhere, with a JSON reason.
    const again = await fetch(`${server.url}/api/boards/${board.id}`, { headers: bearer(anna.token) });
    expect(again.status).toBe(401);
    expect(await again.json()).toEqual({ error: 'invalid token for this board' });
    const upgrade = await rawSocket(`${server.wsUrl}/${board.id}?token=${anna.token}&session=s-anna-2`);
    expect({ status: upgrade.status, body: JSON.parse(upgrade.body ?? '{}') }).toEqual({ status: 401, body: { error: 'invalid token' } });
    expect(await controlRefused(server.url, { boardId: board.id, token: anna.token, sessionId: 's-anna-3', name: 'Anna' })).toBe('invalid token');
    expect((await listLinks(server, board.id, board.tokens.facilitator)).map((l) => l.name)).toEqual(['Piotr']);

    // Nobody else was disturbed: they still edit and command.
    expect(facilitator.socket.connected && sharedControl.socket.connected && piotrControl.socket.connected).toBe(true);
    expect(sharedDoc.provider.wsconnected).toBe(true);
    addNote(sharedDoc.doc, 'note-jan');
    await waitFor(() => facilitatorDoc.doc.getMap('elements').has('note-jan'), 5000, 'Jan’s note after the revocation');
    expect(await sharedControl.send({ type: 'hand.raise', up: true })).toEqual({ ok: true });
    // Piotr (an observer) still gets answers: his socket is alive.
    expect(await piotrControl.send({ type: 'hand.raise', up: true })).toEqual({ ok: false, error: 'hand.raise is not allowed for the observer role' });
    // Revoking twice: there is nothing left to revoke.
    const twice = await fetch(`${server.url}/api/boards/${board.id}/links/${anna.id}`, { method: 'DELETE', headers: bearer(board.tokens.facilitator) });
    expect({ status: twice.status, body: await twice.json() }).toEqual({ status: 404, body: { error: 'no such personal link' } });
  });

  it.skipIf(!available)('removing someone who came by a personal link revokes it; someone on the shared link can come back', async () => {
    const server = await start();
    const board = await server.createBoard();
    const anna = await issue(server, board.id, board.tokens.facilitator, { name: 'Anna', role: 'participant' });
    const other = await issue(server, board.id, board.tokens.facilitator, { name: 'Basia', role: 'participant' });
    const facilitator = await controlClient(server.url, { boardId: board.id, token: board.tokens.facilitator, sessionId: 's-ewa', name: 'Ewa' });
    const annaControl = await controlClient(server.url, { boardId: board.id, token: anna.token, sessionId: 's-anna', name: 'Anna' });
    const basia = await controlClient(server.url, { boardId: board.id, token: other.token, sessionId: 's-basia', name: 'Basia' });
    const jan = await controlClient(server.url, { boardId: board.id, token: board.tokens.participant, sessionId: 's-jan', name: 'Jan' });
    const annaSync = await rawSocket(`${server.wsUrl}/${board.id}?token=${anna.token}&session=s-anna`);
    const annaSyncClosed = closeOf(annaSync.ws);
    const removed = annaControl.next<{ reason: string }>('removed');

    expect(await facilitator.send({ type: 'person.remove', sessionId: publicSessionId('s-anna') })).toEqual({ ok: true });
    expect(await removed).toEqual({ reason: 'removed by the facilitator' });
    expect(await annaSyncClosed).toEqual({ code: 4403, reason: 'removed by the facilitator' });
    expect((await listLinks(server, board.id, board.tokens.facilitator)).map((l) => l.name)).toEqual(['Basia']);
    // A new tab (a new session) with the same link is refused.
    expect((await rawSocket(`${server.wsUrl}/${board.id}?token=${anna.token}&session=s-anna-new`)).status).toBe(401);
    expect(await controlRefused(server.url, { boardId: board.id, token: anna.token, sessionId: 's-anna-new', name: 'Anna' })).toBe('invalid token');
    expect(basia.socket.connected && jan.socket.connected).toBe(true);

    // The shared link is not revoked by removing Jan: under a new session he is back (the remove dialog says so).
    expect(await facilitator.send({ type: 'person.remove', sessionId: publicSessionId('s-jan') })).toEqual({ ok: true });
    await waitFor(() => !jan.socket.connected, 5000, 'Jan disconnected');
    const janAgain = await controlClient(server.url, { boardId: board.id, token: board.tokens.participant, sessionId: 's-jan-new', name: 'Jan' });
    expect(janAgain.socket.connected).toBe(true);
    expect(basia.socket.connected).toBe(true);
  });

  it.skipIf(!available)('a demoted holder of a personal link keeps the new role when coming back under a new session', async () => {
    const server = await start();
    const board = await server.createBoard();
    const anna = await issue(server, board.id, board.tokens.facilitator, { name: 'Anna', role: 'participant' });
    const facilitator = await controlClient(server.url, { boardId: board.id, token: board.tokens.facilitator, sessionId: 's-ewa', name: 'Ewa' });
    const first = await controlClient(server.url, { boardId: board.id, token: anna.token, sessionId: 's-anna', name: 'Anna' });
    expect(await facilitator.send({ type: 'role.set', sessionId: publicSessionId('s-anna'), role: 'observer' })).toEqual({ ok: true });
    expect((await listLinks(server, board.id, board.tokens.facilitator))[0]).toMatchObject({ role: 'observer' });
    first.socket.disconnect();

    const again = await controlClient(server.url, { boardId: board.id, token: anna.token, sessionId: 's-anna-2', name: 'Anna' });
    expect(again.last<{ role: string }>('you')).toMatchObject({ role: 'observer' });
    expect(await again.send({ type: 'hand.raise', up: true })).toEqual({ ok: false, error: 'hand.raise is not allowed for the observer role' });
    const info = await fetch(`${server.url}/api/boards/${board.id}`, { headers: bearer(anna.token) });
    expect(await info.json()).toMatchObject({ role: 'observer' });
    // Her sync connection is read-only now: what she writes never reaches the others.
    const watcher = stockClient(server.wsUrl, board.id, board.tokens.facilitator);
    const annaDoc = stockClient(server.wsUrl, board.id, anna.token);
    await Promise.all([synced(watcher), synced(annaDoc)]);
    addNote(annaDoc.doc, 'note-demoted');
    addNote(watcher.doc, 'note-marker');
    await waitFor(() => annaDoc.doc.getMap('elements').has('note-marker'), 5000, 'marker at Anna');
    const late = stockClient(server.wsUrl, board.id, board.tokens.facilitator);
    await synced(late);
    expect(late.doc.getMap('elements').has('note-demoted')).toBe(false);
  });

  it.skipIf(!available)('replacing the shared participant link leaves personal participant links connected', async () => {
    const server = await start();
    const board = await server.createBoard();
    const anna = await issue(server, board.id, board.tokens.facilitator, { name: 'Anna', role: 'participant' });
    const annaControl = await controlClient(server.url, { boardId: board.id, token: anna.token, sessionId: 's-anna', name: 'Anna' });
    const annaSync = await rawSocket(`${server.wsUrl}/${board.id}?token=${anna.token}`);
    const shared = await controlClient(server.url, { boardId: board.id, token: board.tokens.participant, sessionId: 's-jan', name: 'Jan' });
    const rotated = await fetch(`${server.url}/api/boards/${board.id}/links/participant/rotate`, { method: 'POST', headers: bearer(board.tokens.facilitator) });
    expect(rotated.status).toBe(200);
    await waitFor(() => !shared.socket.connected, 5000, 'shared-link socket closed');
    expect(annaControl.socket.connected).toBe(true);
    expect(annaSync.ws.readyState).toBe(annaSync.ws.OPEN);
  });

  it.skipIf(!available)('refuses bad input and anyone but the facilitator with JSON errors; deleting the board deletes its links', async () => {
    const server = await start();
    const board = await server.createBoard();
    const anna = await issue(server, board.id, board.tokens.facilitator, { name: 'Anna', role: 'participant' });
    const post = (token: string | null, body: string) =>
      fetch(`${server.url}/api/boards/${board.id}/links`, { method: 'POST', headers: token ? bearer(token) : { 'content-type': 'application/json' }, body });
    const answer = async (res: Response) => ({ status: res.status, body: (await res.json()) as { error: string } });

    for (const [body, error] of [
      ['{}', 'name: Invalid input: expected string, received undefined'],
      [JSON.stringify({ name: '   ', role: 'participant' }), 'name: name must not be empty'],
      [JSON.stringify({ name: 'x'.repeat(41), role: 'participant' }), 'name: name must be at most 40 characters'],
      [JSON.stringify({ name: 'A\u0007B', role: 'participant' }), 'name: name must not contain control characters'],
      [JSON.stringify({ name: 'Anna', role: 'facilitator' }), 'role: Invalid option: expected one of "participant"|"observer"'],
      [JSON.stringify({ name: 'Anna', role: 'participant', token: 'mine' }), 'Unrecognized key: "token"'],
      [JSON.stringify(['Anna']), 'Invalid input: expected object, received array'],
      ['{"name": ', 'body is not valid JSON'],
    ] as const) {
      expect(await answer(await post(board.tokens.facilitator, body))).toEqual({ status: 400, body: { error } });
    }
    const good = JSON.stringify({ name: 'Eve', role: 'participant' });
    for (const token of [board.tokens.participant, board.tokens.observer, anna.token]) {
      expect((await answer(await post(token, good))).status).toBe(403);
      const list = await fetch(`${server.url}/api/boards/${board.id}/links`, { headers: bearer(token) });
      expect((await answer(list)).status).toBe(403);
      const revoke = await fetch(`${server.url}/api/boards/${board.id}/links/${anna.id}`, { method: 'DELETE', headers: bearer(token) });
      expect(await answer(revoke)).toEqual({ status: 403, body: { error: 'this needs the facilitator link' } });
    }
    expect(await answer(await post(null, good))).toEqual({ status: 401, body: { error: 'token required (Authorization: Bearer <token>)' } });
    const unknown = await fetch(`${server.url}/api/boards/${board.id}/links/no-such-link`, { method: 'DELETE', headers: bearer(board.tokens.facilitator) });
    expect(await answer(unknown)).toEqual({ status: 404, body: { error: 'no such personal link' } });
    // Still there after all of that.
    expect((await listLinks(server, board.id, board.tokens.facilitator)).map((l) => l.name)).toEqual(['Anna']);

    const deleted = await fetch(`${server.url}/api/boards/${board.id}`, { method: 'DELETE', headers: bearer(board.tokens.facilitator) });
    expect(deleted.status).toBe(204);
    expect(await server.warsztat.store.findToken((await import('../../server/tokens')).hashToken(anna.token))).toBeUndefined();
    expect(await server.warsztat.store.listPersonalLinks(board.id)).toEqual([]);
  });

  it.skipIf(!available)(`keeps at most ${MAX_PERSONAL_LINKS} personal links per board, even when asked at once`, async () => {
    const server = await start();
    const board = await server.createBoard();
    const store = server.warsztat.store;
    // Up to the cap through storage, the last few at once over REST.
    for (let i = 0; i < MAX_PERSONAL_LINKS - 3; i++) {
      expect(await store.createPersonalLink({ id: `l${i}`, boardId: board.id, name: `Osoba ${i}`, role: 'participant', createdAt: i }, `hash-${i}`, MAX_PERSONAL_LINKS)).toBe('created');
    }
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        fetch(`${server.url}/api/boards/${board.id}/links`, { method: 'POST', headers: bearer(board.tokens.facilitator), body: JSON.stringify({ name: `Nowa ${i}`, role: 'observer' }) }).then(async (res) => ({ status: res.status, body: (await res.json()) as { error?: string } })),
      ),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(3);
    expect(answers.filter((a) => a.status === 409).map((a) => a.body.error)).toEqual(Array(5).fill(`a board has at most ${MAX_PERSONAL_LINKS} personal links; revoke some first`));
    expect(await store.listPersonalLinks(board.id)).toHaveLength(MAX_PERSONAL_LINKS);
    expect(await store.createPersonalLink({ id: 'gone', boardId: 'no-board', name: 'X', role: 'participant', createdAt: 0 }, 'hash-gone', MAX_PERSONAL_LINKS)).toBe('noBoard');
  });
});

describe('storage of personal links, upgrading an existing database', () => {
  const initial = new Uint8Array(Y.encodeStateAsUpdate(new Y.Doc()));
  const record = { id: 'old', title: 'Stara tablica', locale: 'pl' as const, createdAt: 1, updatedAt: 1 };
  const hashes = { facilitator: 'old-f', participant: 'old-p', observer: 'old-o' };

  it('SQLite: a file made before personal links gains them at the personal-links step and keeps its boards', async () => {
    const file = path.join(tempDir(), 'old.sqlite');
    const before = new SqliteStore(file);
    await before.createBoard(record, initial, hashes);
    await before.close();
    // What a file looked like before personal links: three steps, no personal_links (nor the hidden notes' table after it).
    const raw = new Database(file);
    raw.exec(`DROP TABLE personal_links; DROP TABLE control_drafts; DELETE FROM schema_migrations WHERE name IN ('personal-links', 'control-drafts')`);
    raw.close();

    const after = new SqliteStore(file);
    onCleanup(() => after.close());
    expect(await after.getBoard('old')).toMatchObject({ title: 'Stara tablica' });
    expect(await after.createPersonalLink({ id: 'l1', boardId: 'old', name: 'Anna', role: 'participant', createdAt: 2 }, 'hash-l1', 500)).toBe('created');
    expect(await after.findToken('hash-l1')).toEqual({ boardId: 'old', role: 'participant', personalLink: { id: 'l1', name: 'Anna' } });
    expect(await after.findToken('old-p')).toEqual({ boardId: 'old', role: 'participant' });
  });

  it.skipIf(skipReason !== null)('PostgreSQL: a schema made before personal links gains them at the personal-links step and keeps its boards', async () => {
    const schema = freshSchema();
    const before = new PostgresStore({ connectionString: POSTGRES_URL, schema });
    await before.createBoard(record, initial, hashes);
    await before.close();
    const raw = new pg.Client({ connectionString: POSTGRES_URL, options: `-c search_path=${schema}` });
    await raw.connect();
    await raw.query(`DROP TABLE personal_links; DROP TABLE control_drafts; DELETE FROM schema_migrations WHERE name IN ('personal-links', 'control-drafts')`);
    await raw.end();

    const after = new PostgresStore({ connectionString: POSTGRES_URL, schema });
    onCleanup(() => after.close());
    expect(await after.getBoard('old')).toMatchObject({ title: 'Stara tablica' });
    expect(await after.createPersonalLink({ id: 'l1', boardId: 'old', name: 'Anna', role: 'observer', createdAt: 2 }, 'hash-l1', 500)).toBe('created');
    expect(await after.setPersonalLinkRole('old', 'l1', 'participant')).toBe(true);
    expect(await after.findToken('hash-l1')).toEqual({ boardId: 'old', role: 'participant', personalLink: { id: 'l1', name: 'Anna' } });
    expect(await after.deletePersonalLink('old', 'l1')).toBe('hash-l1');
    expect(await after.findToken('hash-l1')).toBeUndefined();
  });
});

describe.skipIf(skipReason !== null)('revoking a personal link across two processes (PostgreSQL + Redis)', () => {
  it('closes its sync and facilitation sockets on the other process too', async () => {
    const config = { DATABASE_URL: POSTGRES_URL, DATABASE_SCHEMA: freshSchema(), REDIS_URL };
    const a = await startServer(config);
    const b = await startServer(config);
    const board = await a.createBoard();
    const anna = await issue(a, board.id, board.tokens.facilitator, { name: 'Anna', role: 'participant' });
    const annaSync = await rawSocket(`${b.wsUrl}/${board.id}?token=${anna.token}&session=s-anna`);
    expect(annaSync.opened).toBe(true);
    const annaControl = await controlClient(b.url, { boardId: board.id, token: anna.token, sessionId: 's-anna', name: 'Anna' });
    const jan = await rawSocket(`${b.wsUrl}/${board.id}?token=${board.tokens.participant}`);
    const syncClosed = closeOf(annaSync.ws);
    const removed = annaControl.next<{ reason: string }>('removed');
    const revoked = await fetch(`${a.url}/api/boards/${board.id}/links/${anna.id}`, { method: 'DELETE', headers: bearer(board.tokens.facilitator) });
    expect(revoked.status).toBe(204);
    expect(await removed).toEqual({ reason: 'personal link revoked' });
    expect(await syncClosed).toEqual({ code: 4401, reason: 'personal link revoked' });
    expect(jan.ws.readyState).toBe(jan.ws.OPEN);
  });
});
