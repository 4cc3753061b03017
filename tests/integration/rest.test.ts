import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMeta } from '../../shared/schema/doc';
import { closeOf, rawSocket, stockClient, synced, waitFor } from '../helpers/clients';
import { startServer } from '../helpers/server';

const json = { 'content-type': 'application/json' };
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('REST API', () => {
  it('GET /api/health answers ok', async () => {
    const server = await startServer();
    const res = await fetch(`${server.url}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('POST /api/boards creates a board with three distinct links and tokens', async () => {
    const server = await startServer();
    const res = await fetch(`${server.url}/api/boards`, { method: 'POST', headers: json, body: JSON.stringify({ title: '  Warsztat w Łowiczu ', locale: 'pl' }) });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { id: string; title: string; links: Record<string, string>; tokens: Record<string, string> };
    expect(body.title).toBe('Warsztat w Łowiczu');
    expect(Object.keys(body.links).sort()).toEqual(['facilitator', 'observer', 'participant']);
    expect(new Set(Object.values(body.tokens)).size).toBe(3);
    for (const [role, token] of Object.entries(body.tokens)) {
      expect(Buffer.from(token, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
      expect(body.links[role]).toBe(`${server.url}/b/${body.id}#token=${token}`);
    }
    // Tokens are stored hashed: the raw token appears nowhere in the database file.
    const fs = await import('node:fs');
    const path = await import('node:path');
    await server.stop();
    const raw = fs.readFileSync(path.join(server.dataDir, 'warsztat.sqlite')).toString('latin1') + (fs.existsSync(path.join(server.dataDir, 'warsztat.sqlite-wal')) ? fs.readFileSync(path.join(server.dataDir, 'warsztat.sqlite-wal')).toString('latin1') : '');
    for (const token of Object.values(body.tokens)) expect(raw.includes(token)).toBe(false);
  });

  it.each([
    [{}, 'title'],
    [{ title: '' }, 'title'],
    [{ title: 'x'.repeat(201) }, 'title'],
    [{ title: 42 }, 'title'],
    [{ title: 'ok', locale: 'de' }, 'locale'],
    [{ title: 'ok', template: 'no-such-template' }, 'unknown template'],
  ])('POST /api/boards with %j is a 400 naming %s', async (body, mention) => {
    const server = await startServer();
    const res = await fetch(`${server.url}/api/boards`, { method: 'POST', headers: json, body: JSON.stringify(body) });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: string };
    expect(error).toContain(mention);
  });

  it('malformed JSON is a 400, an oversized body a 413', async () => {
    const server = await startServer({ MAX_BODY_BYTES: 2048 });
    const bad = await fetch(`${server.url}/api/boards`, { method: 'POST', headers: json, body: '{"title":' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'body is not valid JSON' });
    const big = await fetch(`${server.url}/api/boards`, { method: 'POST', headers: json, body: JSON.stringify({ title: 'x'.repeat(5000) }) });
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({ error: 'request body too large' });
  });

  it('with ADMIN_TOKEN set, creating and listing boards need it', async () => {
    const server = await startServer({ ADMIN_TOKEN: 'sekret-admina' });
    const none = await fetch(`${server.url}/api/boards`, { method: 'POST', headers: json, body: JSON.stringify({ title: 'x' }) });
    expect(none.status).toBe(401);
    const wrong = await fetch(`${server.url}/api/boards`, { method: 'POST', headers: { ...json, ...bearer('nope') }, body: JSON.stringify({ title: 'x' }) });
    expect(wrong.status).toBe(403);
    const ok = await fetch(`${server.url}/api/boards`, { method: 'POST', headers: { ...json, ...bearer('sekret-admina') }, body: JSON.stringify({ title: 'x' }) });
    expect(ok.status).toBe(201);
    expect((await fetch(`${server.url}/api/boards`)).status).toBe(401);
    const list = await fetch(`${server.url}/api/boards`, { headers: bearer('sekret-admina') });
    expect(((await list.json()) as { boards: unknown[] }).boards).toHaveLength(1);
  });

  it('GET /api/boards/:id tells a token holder the board and their role', async () => {
    const server = await startServer();
    const board = await server.createBoard('Mapa interesariuszy');
    const res = await fetch(`${server.url}/api/boards/${board.id}`, { headers: bearer(board.tokens.observer) });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: board.id, title: 'Mapa interesariuszy', role: 'observer', locale: 'pl' });
    expect((await fetch(`${server.url}/api/boards/${board.id}`)).status).toBe(401);
    expect((await fetch(`${server.url}/api/boards/${board.id}`, { headers: bearer('x') })).status).toBe(401);
  });

  it('renaming needs the facilitator and reaches connected clients live', async () => {
    const server = await startServer();
    const board = await server.createBoard('Stara nazwa');
    const client = stockClient(server.wsUrl, board.id, board.tokens.participant);
    await synced(client);
    const denied = await fetch(`${server.url}/api/boards/${board.id}`, { method: 'PATCH', headers: { ...json, ...bearer(board.tokens.participant) }, body: JSON.stringify({ title: 'Nowa' }) });
    expect(denied.status).toBe(403);
    const empty = await fetch(`${server.url}/api/boards/${board.id}`, { method: 'PATCH', headers: { ...json, ...bearer(board.tokens.facilitator) }, body: JSON.stringify({ title: ' ' }) });
    expect(empty.status).toBe(400);
    const res = await fetch(`${server.url}/api/boards/${board.id}`, { method: 'PATCH', headers: { ...json, ...bearer(board.tokens.facilitator) }, body: JSON.stringify({ title: 'Nowa nazwa' }) });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ title: 'Nowa nazwa' });
    await waitFor(() => readMeta(client.doc).title === 'Nowa nazwa', 3000, 'live title');
  });

  it('deleting needs the facilitator, closes connections with 4404 and removes everything', async () => {
    const server = await startServer();
    const board = await server.createBoard();
    const { ws } = await rawSocket(`${server.wsUrl}/${board.id}?token=${board.tokens.participant}`);
    const closing = closeOf(ws);
    expect((await fetch(`${server.url}/api/boards/${board.id}`, { method: 'DELETE', headers: bearer(board.tokens.participant) })).status).toBe(403);
    const res = await fetch(`${server.url}/api/boards/${board.id}`, { method: 'DELETE', headers: bearer(board.tokens.facilitator) });
    expect(res.status).toBe(204);
    expect(await closing).toEqual({ code: 4404, reason: 'board deleted' });
    expect((await rawSocket(`${server.wsUrl}/${board.id}?token=${board.tokens.participant}`)).status).toBe(401);
    expect(await server.warsztat.store.loadUpdates(board.id)).toEqual([]);
  });

  it('rotating needs the facilitator and a known role', async () => {
    const server = await startServer();
    const board = await server.createBoard();
    const post = (role: string, token: string) => fetch(`${server.url}/api/boards/${board.id}/links/${role}/rotate`, { method: 'POST', headers: bearer(token) });
    expect((await post('observer', board.tokens.participant)).status).toBe(403);
    expect((await post('king', board.tokens.facilitator)).status).toBe(400);
    expect((await post('observer', board.tokens.facilitator)).status).toBe(200);
  });

  it('unknown API paths are JSON 404s; app routes serve the client', async () => {
    const server = await startServer();
    const res = await fetch(`${server.url}/api/nothing-here`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'not found' });
  });

  it('a client directory given relative to where the server starts serves its pages', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warsztat-client-'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Warsztat</title>');
    const server = await startServer({ CLIENT_DIR: path.relative(process.cwd(), dir) });
    const res = await fetch(`${server.url}/b/abc`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>Warsztat</title>');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('templates', () => {
  it.each(['blank', 'stakeholder-map', 'problem-tree', 'swot', 'workshop'])('POST /api/boards with template %s creates a valid board', async (template) => {
    const { readElements } = await import('../../shared/schema/plain');
    const server = await startServer();
    const res = await fetch(`${server.url}/api/boards`, { method: 'POST', headers: json, body: JSON.stringify({ title: 'Z szablonu', template, locale: 'pl' }) });
    expect(res.status).toBe(201);
    const board = (await res.json()) as { id: string; tokens: Record<string, string> };
    const client = stockClient(server.wsUrl, board.id, board.tokens.observer);
    await synced(client);
    const { elements, invalid } = readElements(client.doc);
    expect(invalid).toEqual([]);
    expect(elements.length > 0).toBe(template !== 'blank');
    if (template === 'workshop') {
      const control = JSON.parse((await server.warsztat.store.loadControl(board.id))!) as { state: { agenda: { title: string; frameId: string }[] } };
      expect(control.state.agenda.map((p) => p.title)).toEqual(['Mapa interesariuszy', 'Drzewo problemów', 'Drzewo celów', 'Analiza SWOT', 'Strategie TOWS', 'Kluczowe czynniki rozwoju', 'Pomysły mieszkańców']);
      for (const phase of control.state.agenda) expect(elements.find((e) => e.id === phase.frameId)?.type).toBe('frame');
    }
  });
});
