import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BACKUP_FORMAT, type BoardBackup } from '../../shared/backup';
import { createElements } from '../../shared/ops';
import { ELEMENT_TYPES, elementsOf, SCHEMA_VERSION } from '../../shared/schema';
import { stockClient, synced, waitFor } from '../helpers/clients';
import { startServer, type CreatedBoard, type TestServer } from '../helpers/server';
import { EVERY_ELEMENT } from '../fixtures/every-element';

const json = { 'content-type': 'application/json' };
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** A workshop board (with its agenda) plus one element of every type, written by a stock client. */
async function fullBoard(server: TestServer): Promise<CreatedBoard> {
  const board = await server.createBoard('Warsztat – Żory', { template: 'workshop' });
  const client = stockClient(server.wsUrl, board.id, board.tokens.participant);
  await synced(client);
  createElements(client.doc, ELEMENT_TYPES.map((type) => ({ ...EVERY_ELEMENT[type], parentId: null })), 'Ktoś');
  await waitFor(() => server.warsztat.rooms.peek(board.id)?.doc.getMap('elements').has('idea-1') ?? false, 5000, 'edits on the server');
  await server.warsztat.rooms.peek(board.id)!.whenDurable();
  client.destroy();
  return board;
}

async function backupOf(server: TestServer, boardId: string, token: string): Promise<BoardBackup> {
  const res = await fetch(`${server.url}/api/boards/${boardId}/backup`, { headers: bearer(token) });
  expect(res.status).toBe(200);
  return (await res.json()) as BoardBackup;
}

function importRaw(server: TestServer, body: string, headers: Record<string, string> = json) {
  return fetch(`${server.url}/api/boards/import`, { method: 'POST', headers, body });
}

const withoutTime = (backup: BoardBackup) => ({ ...backup, exportedAt: undefined });

describe('JSON backup and import', () => {
  it('GET /backup gives any token of the board a lossless JSON file; no token is a 401', async () => {
    const server = await startServer();
    const board = await fullBoard(server);
    const other = await server.createBoard('Inna');

    const res = await fetch(`${server.url}/api/boards/${board.id}/backup`, { headers: bearer(board.tokens.observer) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const day = new Date().toISOString().slice(0, 10);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="Warsztat - Zory - ${day}.json"; filename*=UTF-8''${encodeURIComponent(`Warsztat – Żory - ${day}.json`)}`);
    const backup = (await res.json()) as BoardBackup;
    expect(backup).toMatchObject({ format: BACKUP_FORMAT, version: SCHEMA_VERSION, meta: { title: 'Warsztat – Żory', locale: 'pl' } });
    expect(new Set(backup.elements.map((e) => e.type))).toEqual(new Set(ELEMENT_TYPES));
    expect(backup.facilitation.agenda.length).toBeGreaterThan(0);

    // The same file as the export's json format: one exporter, one name.
    const exported = await fetch(`${server.url}/api/boards/${board.id}/export?format=json`, { headers: bearer(board.tokens.observer) });
    expect(exported.headers.get('content-disposition')).toBe(res.headers.get('content-disposition'));
    expect(withoutTime((await exported.json()) as BoardBackup)).toEqual(withoutTime(backup));

    expect((await fetch(`${server.url}/api/boards/${board.id}/backup`)).status).toBe(401);
    const wrong = await fetch(`${server.url}/api/boards/${board.id}/backup`, { headers: bearer(other.tokens.facilitator) });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ error: expect.any(String) });
  });

  it('POST /api/boards/import makes a new board with links, equal in content to the original', async () => {
    const server = await startServer();
    const board = await fullBoard(server);
    const original = await backupOf(server, board.id, board.tokens.facilitator);

    const res = await importRaw(server, JSON.stringify(original));
    expect(res.status).toBe(201);
    const created = (await res.json()) as CreatedBoard & { locale: string };
    expect(created).toMatchObject({ title: 'Warsztat – Żory', locale: 'pl' });
    expect(created.id).not.toBe(board.id);
    for (const role of ['facilitator', 'participant', 'observer'] as const) expect(created.links[role]).toBe(`${server.url}/b/${created.id}#token=${created.tokens[role]}`);

    const again = await backupOf(server, created.id, created.tokens.participant);
    expect(withoutTime(again)).toEqual(withoutTime(original));
    // The new board is live: a stock client gets it, text fields as Y.Text.
    const client = stockClient(server.wsUrl, created.id, created.tokens.participant);
    await synced(client);
    expect(elementsOf(client.doc).size).toBe(original.elements.length);
    expect(elementsOf(client.doc).get('note-1')!.get('text')).toBeInstanceOf(Y.Text);
    // The old board's tokens grant nothing on the new one.
    expect((await fetch(`${server.url}/api/boards/${created.id}`, { headers: bearer(board.tokens.facilitator) })).status).toBe(401);
  });

  it('bad imports are 400s naming what is wrong, too large ones 413, and none leaves a board behind', async () => {
    const server = await startServer({ MAX_IMPORT_BYTES: 512 * 1024, MAX_DOC_BYTES: 128 * 1024 });
    const board = await fullBoard(server);
    const good = await backupOf(server, board.id, board.tokens.facilitator);
    const count = async () => (await server.warsztat.store.listBoards()).length;
    const before = await count();

    const cases: [string, string, Record<string, string>?][] = [
      ['{"format":', 'body is not valid JSON'],
      [JSON.stringify({ ...good, format: 'miro' }), 'format: '],
      [JSON.stringify({ ...good, version: SCHEMA_VERSION + 1 }), `version: backup version ${SCHEMA_VERSION + 1} is newer`],
      [JSON.stringify({ ...good, meta: { ...good.meta, title: '' } }), 'meta.title: '],
      [JSON.stringify({ ...good, elements: good.elements.map((e, i) => (i === 2 ? { ...e, x: 'far' } : e)) }), 'elements[2].x: '],
      [JSON.stringify({ ...good, elements: [...good.elements, { ...good.elements[0] }] }), 'duplicate id'],
      [JSON.stringify(good), 'send the backup as JSON', { 'content-type': 'text/plain' }],
    ];
    for (const [body, message, headers] of cases) {
      const res = await importRaw(server, body, headers);
      expect(res.status, message).toBe(400);
      expect(((await res.json()) as { error: string }).error).toContain(message);
    }

    // Over the request limit…
    const huge = JSON.stringify({ ...good, elements: good.elements.map((e) => (e.type === 'note' ? { ...e, padding: 'x'.repeat(600_000) } : e)) });
    const tooLarge = await importRaw(server, huge);
    expect(tooLarge.status).toBe(413);
    // …and a board that would be over MAX_DOC_BYTES once built.
    const many = { ...good, elements: Array.from({ length: 100 }, (_, i) => ({ ...good.elements.find((e) => e.type === 'note')!, id: `n${i}`, text: 'ż'.repeat(1000) })) };
    const tooBig = await importRaw(server, JSON.stringify(many));
    expect(tooBig.status).toBe(413);
    expect(((await tooBig.json()) as { error: string }).error).toMatch(/board too large/);

    expect(await count()).toBe(before);
  });

  it('hostile backups are refused cleanly and the server carries on', async () => {
    const server = await startServer();
    const board = await fullBoard(server);
    const good = await backupOf(server, board.id, board.tokens.facilitator);
    const before = (await server.warsztat.store.listBoards()).length;
    const note = good.elements.find((e) => e.type === 'note')!;
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const hostile: [string, string][] = [
      [JSON.stringify({ ...good, elements: [note] }).replace('"type":"note"', '"__proto__":{"admin":true},"type":"note"'), 'elements[0]: key __proto__ is not allowed'],
      [JSON.stringify({ ...good, elements: [{ ...note, points: 'DEEP' }] }).replace('"DEEP"', deep), 'nested deeper than 32 levels'],
      // Nothing of a backup goes unchecked, unknown top-level fields included.
      [JSON.stringify({ ...good, extra: 'DEEP' }).replace('"DEEP"', deep), 'nested deeper than 32 levels'],
      [JSON.stringify({ ...good, elements: new Array(50_001).fill({}) }), 'elements: more than 50000'],
      [JSON.stringify({ ...good, elements: [{ ...note, ratings: new Array(20_000).fill(1) }] }), 'elements[0].ratings: too many entries'],
    ];
    for (const [body, message] of hostile) {
      const res = await importRaw(server, body);
      expect(res.status, message).toBe(400);
      expect(((await res.json()) as { error: string }).error).toContain(message);
    }
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    expect((await server.warsztat.store.listBoards()).length).toBe(before);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });

  it('a backup over MAX_BODY_BYTES but under MAX_IMPORT_BYTES imports; ADMIN_TOKEN guards import like creation', async () => {
    const server = await startServer({ MAX_BODY_BYTES: 1024, ADMIN_TOKEN: 'admin-secret' });
    const res = await fetch(`${server.url}/api/boards`, { method: 'POST', headers: { ...json, ...bearer('admin-secret') }, body: JSON.stringify({ title: 'Mała', template: 'workshop' }) });
    const board = (await res.json()) as CreatedBoard;
    const backup = JSON.stringify(await backupOf(server, board.id, board.tokens.facilitator));
    expect(backup.length).toBeGreaterThan(1024);
    expect((await importRaw(server, backup)).status).toBe(401);
    expect((await importRaw(server, backup, { ...json, ...bearer('admin-secret') })).status).toBe(201);
  });
});
