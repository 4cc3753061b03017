import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createElement, deleteElements, updateElement } from '../../shared/ops';
import { elementsOf, readElements } from '../../shared/schema';
import type { SnapshotRecord } from '../../server/storage/types';
import type { VersionPreview, RestoreResult } from '../../server/history/versions';
import { eventually, stockClient, synced, waitFor } from '../helpers/clients';
import { controlClient } from '../helpers/control';
import { startServer, type TestServer } from '../helpers/server';
import { POSTGRES_URL, servicesUnavailable, freshSchema } from '../helpers/services';

const skipReason = await servicesUnavailable();

async function sqliteServer(): Promise<TestServer> {
  return startServer();
}

async function postgresServer(): Promise<TestServer> {
  const schema = freshSchema();
  return startServer({ DATABASE_URL: POSTGRES_URL, DATABASE_SCHEMA: schema });
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });

function api(server: TestServer, token: string | null) {
  const headers = token ? bearer(token) : { 'content-type': 'application/json' };
  return {
    get: (path: string) => fetch(`${server.url}/api${path}`, { headers }),
    post: (path: string, body: unknown = {}) => fetch(`${server.url}/api${path}`, { method: 'POST', headers, body: JSON.stringify(body) }),
  };
}

const texts = (doc: Y.Doc) => Object.fromEntries(readElements(doc).elements.map((e) => [e.id, 'text' in e ? e.text : e.type]));

describe.each([
  ['SQLite', sqliteServer, true],
  ['PostgreSQL', postgresServer, skipReason === null],
] as const)('version history on %s', (_name, start, available) => {
  it.skipIf(!available)('the facilitator saves, lists, previews and restores; a connected stock client sees the restore live; restoring "before" undoes it', async () => {
    const server = await start();
    const board = await server.createBoard('Historia', { template: 'blank' });
    const facilitator = api(server, board.tokens.facilitator);
    const participant = api(server, board.tokens.participant);
    const client = stockClient(server.wsUrl, board.id, board.tokens.participant);
    await synced(client);
    const frame = createElement(client.doc, { type: 'frame', id: 'f1', title: 'Pomysły', w: 800, h: 600 });
    createElement(client.doc, { type: 'note', id: 'n1', text: 'Pierwsza wersja – ąę', parentId: frame, x: 10, y: 10 });
    createElement(client.doc, { type: 'note', id: 'n2', text: 'Druga', parentId: frame, x: 250, y: 10 });
    await waitFor(() => server.warsztat.rooms.peek(board.id)?.doc.getMap('elements').size === 3, 5000, 'edits on the server');

    // Only the facilitator creates; anyone with a token lists; nobody without one.
    expect((await participant.post(`/boards/${board.id}/versions`, { name: 'x' })).status).toBe(403);
    expect((await api(server, null).get(`/boards/${board.id}/versions`)).status).toBe(401);
    const bad = await facilitator.post(`/boards/${board.id}/versions`, { name: '' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/^name: /);
    const created = await facilitator.post(`/boards/${board.id}/versions`, { name: 'Po burzy mózgów', author: 'Łucja' });
    expect(created.status).toBe(201);
    const { version } = (await created.json()) as { version: SnapshotRecord };
    expect(version).toMatchObject({ name: 'Po burzy mózgów', author: 'Łucja', kind: 'manual', boardId: board.id });
    const saved = texts(client.doc);

    const list = (await (await api(server, board.tokens.observer).get(`/boards/${board.id}/versions`)).json()) as { versions: SnapshotRecord[] };
    expect(list.versions.map((v) => v.id)).toEqual([version.id]);

    const preview = (await (await participant.get(`/boards/${board.id}/versions/${version.id}`)).json()) as VersionPreview;
    expect(preview.summary).toMatchObject({ total: 3, frames: [{ id: 'f1', title: 'Pomysły', counts: { note: 2 } }] });
    expect(preview.elements.map((e) => e.id).sort()).toEqual(['f1', 'n1', 'n2']);
    expect((await participant.get(`/boards/${board.id}/versions/nope`)).status).toBe(404);

    // The board moves on…
    updateElement(client.doc, 'n1', { text: 'Zmieniona' });
    deleteElements(client.doc, ['n2']);
    createElement(client.doc, { type: 'note', id: 'n3', text: 'Nowa' });
    await waitFor(() => server.warsztat.rooms.peek(board.id)?.doc.getMap('elements').has('n3') ?? false, 5000, 'later edits on the server');
    const changed = texts(client.doc);

    // …and is restored: participants may not, the facilitator may.
    expect((await participant.post(`/boards/${board.id}/versions/${version.id}/restore`)).status).toBe(403);
    const restored = await facilitator.post(`/boards/${board.id}/versions/${version.id}/restore`, { author: 'Łucja' });
    expect(restored.status).toBe(200);
    const result = (await restored.json()) as RestoreResult;
    expect(result.changes).toEqual({ added: 1, removed: 1, updated: 1 });
    expect(result.before).toMatchObject({ kind: 'restore', name: 'Po burzy mózgów', author: 'Łucja' });
    await waitFor(() => JSON.stringify(texts(client.doc)) === JSON.stringify(saved), 5000, 'restore seen by the stock client');
    expect(elementsOf(client.doc).get('n1')!.get('text')).toBeInstanceOf(Y.Text);

    // Nothing was destroyed: restoring the version made just before brings the changes back.
    const undo = await facilitator.post(`/boards/${board.id}/versions/${result.before.id}/restore`, { author: 'Łucja' });
    expect(undo.status).toBe(200);
    await waitFor(() => JSON.stringify(texts(client.doc)) === JSON.stringify(changed), 5000, 'undo seen by the stock client');
    const kinds = ((await (await facilitator.get(`/boards/${board.id}/versions`)).json()) as { versions: SnapshotRecord[] }).versions.map((v) => v.kind);
    expect(kinds).toEqual(['restore', 'restore', 'manual']);

    // The result is durable: after a restart the board is as restored.
    client.destroy();
    await waitFor(() => server.warsztat.rooms.peek(board.id) === undefined, 5000, 'board unloaded');
    const again = stockClient(server.wsUrl, board.id, board.tokens.participant);
    await synced(again);
    expect(texts(again.doc)).toEqual(changed);
  });

  it.skipIf(!available)('a version saved by a newer Warsztat is refused with 409 and changes nothing', async () => {
    const server = await start();
    const board = await server.createBoard('Z przyszłości', { template: 'blank' });
    const future = new Y.Doc();
    future.getMap('meta').set('schemaVersion', 99);
    await server.warsztat.store.createSnapshot({ id: 'future', boardId: board.id, name: 'z przyszłości', author: '', kind: 'manual', createdAt: Date.now() }, Y.encodeStateAsUpdate(future));
    const facilitator = api(server, board.tokens.facilitator);
    const preview = await facilitator.get(`/boards/${board.id}/versions/future`);
    expect(preview.status).toBe(409);
    expect(((await preview.json()) as { error: string }).error).toMatch(/newer Warsztat/);
    expect((await facilitator.post(`/boards/${board.id}/versions/future/restore`)).status).toBe(409);
    const kinds = ((await (await facilitator.get(`/boards/${board.id}/versions`)).json()) as { versions: SnapshotRecord[] }).versions.map((v) => v.id);
    expect(kinds).toEqual(['future']);
  });

  it.skipIf(!available)('starting a phase saves a version named after it, by the facilitator', async () => {
    const server = await start();
    const board = await server.createBoard('Fazy', { template: 'workshop' });
    const facilitator = await controlClient(server.url, { boardId: board.id, token: board.tokens.facilitator, sessionId: 'fac-1', name: 'Doradca Jan' });
    const state = facilitator.last<{ state: { agenda: { title: string }[] } }>('state')!.state;
    expect(state.agenda.length).toBeGreaterThan(1);
    expect((await facilitator.send({ type: 'phase.go', index: 1 })).ok).toBe(true);
    const versions = async () => ((await (await api(server, board.tokens.participant).get(`/boards/${board.id}/versions`)).json()) as { versions: SnapshotRecord[] }).versions;
    // The version is written after the command's answer: poll until it is listed.
    let list: SnapshotRecord[] = [];
    for (const deadline = Date.now() + 5000; list.length === 0 && Date.now() < deadline; ) {
      list = await versions();
      if (list.length === 0) await new Promise((r) => setTimeout(r, 20));
    }
    expect(list).toEqual([expect.objectContaining({ kind: 'phase', name: state.agenda[1]!.title, author: 'Doradca Jan' })]);
    // The version holds the board (the template's frames).
    const preview = (await (await api(server, board.tokens.participant).get(`/boards/${board.id}/versions/${list[0]!.id}`)).json()) as VersionPreview;
    expect(preview.summary.frames.length).toBeGreaterThan(3);
    // A participant cannot start phases, so cannot make versions that way either.
    const participant = await controlClient(server.url, { boardId: board.id, token: board.tokens.participant, sessionId: 'par-1', name: 'Ola' });
    expect((await participant.send({ type: 'phase.go', index: 0 })).ok).toBe(false);
    expect(await versions()).toHaveLength(1);
    // Clicking through phases without changing the board adds no copies; after a change it does.
    expect((await facilitator.send({ type: 'phase.go', index: 2 })).ok).toBe(true);
    const writer = stockClient(server.wsUrl, board.id, board.tokens.participant);
    await synced(writer);
    createElement(writer.doc, { type: 'note', text: 'nowa karteczka' });
    await waitFor(() => server.warsztat.rooms.peek(board.id)!.doc.getMap('elements').size > preview.summary.total, 5000, 'note stored');
    expect((await facilitator.send({ type: 'phase.go', index: 3 })).ok).toBe(true);
    await eventually(async () => (await versions()).some((v) => v.name === state.agenda[3]!.title), 5000, 'the phase 4 version');
    // Versions are written in command order, so a copy made for phase 3 would be listed by now.
    expect((await versions()).map((v) => v.name).sort()).toEqual([state.agenda[1]!.title, state.agenda[3]!.title].sort());
  });

  it.skipIf(!available)('keeps at most MAX_VERSIONS_PER_BOARD versions: automatic ones go first, oldest first, then manual ones; a restored version stays', async () => {
    const limited = start === sqliteServer ? await startServer({ MAX_VERSIONS_PER_BOARD: 3 }) : await startServer({ DATABASE_URL: POSTGRES_URL, DATABASE_SCHEMA: freshSchema(), MAX_VERSIONS_PER_BOARD: 3 });
    const board = await limited.createBoard('Limit', { template: 'blank' });
    const versions = limited.warsztat.versions;
    const client = stockClient(limited.wsUrl, board.id, board.tokens.facilitator);
    await synced(client);
    const room = () => limited.warsztat.rooms.peek(board.id)!;
    const names = async () => (await versions.list(board.id)).map((v) => `${v.kind}:${v.name}`);

    const manual = await versions.create(board.id, { name: 'Ręczna', author: 'Łucja', kind: 'manual' });
    for (const phase of ['Faza 1', 'Faza 2']) {
      createElement(client.doc, { type: 'note', text: phase });
      await waitFor(() => room().doc.getMap('elements').size > 0, 5000, 'the note on the server');
      await versions.create(board.id, { name: phase, author: 'Łucja', kind: 'phase' });
    }
    expect(await names()).toEqual(['phase:Faza 2', 'phase:Faza 1', 'manual:Ręczna']);
    // A fourth: the oldest automatic one goes, the manual one stays.
    await versions.create(board.id, { name: 'Ręczna 2', author: 'Łucja', kind: 'manual' });
    expect(await names()).toEqual(['manual:Ręczna 2', 'phase:Faza 2', 'manual:Ręczna']);
    // Restoring the oldest manual one keeps it, and the "before restoring" copy.
    const restored = await versions.restore(board.id, manual!.id, 'Łucja');
    expect(restored).toBeDefined();
    const after = await versions.list(board.id);
    expect(after).toHaveLength(3);
    expect(after.map((v) => v.id)).toContain(manual!.id);
    expect(after.map((v) => v.id)).toContain(restored!.before.id);
    await limited.stop();
  });
});
