import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServer, tempDir, type TestServer } from '../helpers/server';

const json = { 'content-type': 'application/json' };
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** A client directory of its own: these tests must not depend on (or race) the real build. */
function fakeClient(): string {
  const dir = tempDir('warsztat-client-');
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><script type="module" src="/assets/app.js"></script>');
  // The residents' idea form is a page of its own (client/idea.html).
  fs.writeFileSync(path.join(dir, 'idea.html'), '<!doctype html><script type="module" src="/assets/app.js"></script>');
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'assets/app.js'), 'export {};');
  return dir;
}

/** The policy as directive → sources. */
function policy(res: Response): Map<string, string[]> {
  const header = res.headers.get('content-security-policy') ?? '';
  return new Map(
    header
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

function expectAppHeaders(res: Response, port: number): void {
  const csp = policy(res);
  expect(csp.get('default-src')).toEqual(["'self'"]);
  expect(csp.get('script-src')).toEqual(["'self'"]);
  expect(csp.get('script-src-attr')).toEqual(["'none'"]);
  expect(csp.get('style-src')).toEqual(["'self'"]);
  expect(csp.get('connect-src')).toEqual(["'self'", `ws://127.0.0.1:${port}`, `wss://127.0.0.1:${port}`]);
  expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
  expect(csp.get('object-src')).toEqual(["'none'"]);
  expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  // Plain http (no https PUBLIC_URL): nothing that would push the browser to https.
  expect(csp.has('upgrade-insecure-requests')).toBe(false);
  expect(res.headers.get('strict-transport-security')).toBeNull();
  expect(res.headers.get('x-frame-options')).toBe('DENY');
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  expect(res.headers.get('x-powered-by')).toBeNull();
}

/** The strict policy of a downloaded file: nothing runs, nothing loads. */
function expectDownloadPolicy(res: Response): void {
  const csp = policy(res);
  expect(csp.get('default-src')).toEqual(["'none'"]);
  expect(csp.get('style-src')).toEqual(["'unsafe-inline'"]);
  expect(csp.has('script-src')).toBe(false);
  expect(csp.has('sandbox')).toBe(true);
  expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
}

async function formPath(server: TestServer, boardId: string, token: string): Promise<string> {
  const res = await fetch(`${server.url}/api/boards/${boardId}/ideas/form`, { headers: bearer(token) });
  return new URL(((await res.json()) as { link: string }).link).pathname;
}

describe('security headers', () => {
  it('the lobby, a board page, the idea form, assets and the API send CSP, nosniff, no framing, no referrer', async () => {
    const server = await startServer({ CLIENT_DIR: fakeClient() });
    const board = await server.createBoard('Nagłówki');
    const form = await formPath(server, board.id, board.tokens.facilitator);
    const pages = ['/', `/b/${board.id}`, form, '/assets/app.js'];
    const api = ['/api/health', `/api/boards/${board.id}`, `/api${form.replace('/idea/', '/ideas/')}`, '/api/no-such-route'];
    for (const url of [...pages, ...api]) {
      const res = await fetch(`${server.url}${url}`, { headers: bearer(board.tokens.participant) });
      expect(res.status, url).toBeLessThan(500);
      expectAppHeaders(res, server.port);
    }
    // Errors too: a refused request is framed no more than a served one.
    const refused = await fetch(`${server.url}/api/boards/${board.id}`);
    expect(refused.status).toBe(401);
    expectAppHeaders(refused, server.port);
    const posted = await fetch(`${server.url}/api${form.replace('/idea/', '/ideas/')}`, { method: 'POST', headers: json, body: JSON.stringify({ title: 'Ławka' }) });
    expect(posted.status).toBe(201);
    expectAppHeaders(posted, server.port);
  });

  it('a Host header that could smuggle directives is left out of connect-src', async () => {
    const server = await startServer({ CLIENT_DIR: fakeClient() });
    const http = await import('node:http');
    const header = await new Promise<string>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: server.port, path: '/', headers: { host: "evil.example; script-src 'unsafe-inline'" } }, (res) => {
        res.resume();
        resolve(String(res.headers['content-security-policy']));
      });
      req.on('error', reject);
      req.end();
    });
    expect(header).not.toContain('evil');
    expect(header).toMatch(/script-src 'self';/);
  });

  it('exports and backups are served under a policy that runs no script (an SVG opened by its address)', async () => {
    const server = await startServer({ CLIENT_DIR: fakeClient() });
    const board = await server.createBoard('<script>alert(1)</script>');
    const svg = await fetch(`${server.url}/api/boards/${board.id}/export?format=svg`, { headers: bearer(board.tokens.observer) });
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(svg.headers.get('content-disposition')).toMatch(/^attachment;/);
    expectDownloadPolicy(svg);
    expect(await svg.text()).not.toMatch(/<script/i);
    for (const format of ['pdf', 'md', 'json']) {
      const res = await fetch(`${server.url}/api/boards/${board.id}/export?format=${format}`, { headers: bearer(board.tokens.observer) });
      expect(res.status, format).toBe(200);
      expectDownloadPolicy(res);
    }
    const backup = await fetch(`${server.url}/api/boards/${board.id}/backup`, { headers: bearer(board.tokens.observer) });
    expect(backup.status).toBe(200);
    expectDownloadPolicy(backup);
  });

  it('with an https PUBLIC_URL, HSTS and upgrade-insecure-requests are on', async () => {
    const server = await startServer({ CLIENT_DIR: fakeClient(), PUBLIC_URL: 'https://warsztat.example.org' });
    const res = await fetch(`${server.url}/`);
    expect(res.headers.get('strict-transport-security')).toBe('max-age=15552000');
    expect(policy(res).has('upgrade-insecure-requests')).toBe(true);
  });
});

describe('board creation limit and board listing', () => {
  const create = (server: TestServer, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/api/boards`, { method: 'POST', headers: { ...json, ...headers }, body: JSON.stringify({ title: 'Tablica' }) });

  it('past BOARD_CREATE_LIMIT one address gets 429 JSON with Retry-After, for creation and import alike; others are not held back', async () => {
    const server = await startServer({ BOARD_CREATE_LIMIT: 3, BOARD_CREATE_WINDOW_MS: 600_000 });
    const first = await create(server);
    expect(first.status).toBe(201);
    const { id, tokens } = (await first.json()) as { id: string; tokens: { facilitator: string } };
    const backup = await (await fetch(`${server.url}/api/boards/${id}/backup`, { headers: bearer(tokens.facilitator) })).text();
    const imported = await fetch(`${server.url}/api/boards/import`, { method: 'POST', headers: json, body: backup });
    expect(imported.status).toBe(201);
    expect((await create(server)).status).toBe(201);
    const before = (await server.warsztat.store.listBoards()).length;

    const refused = await create(server);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(590);
    expect(retryAfter).toBeLessThanOrEqual(600);
    expect(((await refused.json()) as { error: string }).error).toMatch(/too many boards created from this address/);
    const refusedImport = await fetch(`${server.url}/api/boards/import`, { method: 'POST', headers: json, body: backup });
    expect(refusedImport.status).toBe(429);
    expect(refusedImport.headers.get('retry-after')).toBeTruthy();
    expect((await server.warsztat.store.listBoards()).length).toBe(before);

    // Behind a proxy on this machine (trust proxy: loopback) the forwarded address is the client.
    expect((await create(server, { 'x-forwarded-for': '203.0.113.7' })).status).toBe(201);
    expect((await create(server, { 'x-forwarded-for': '2001:db8:1::1' })).status).toBe(201);
    // The rest of the API is not limited.
    expect((await fetch(`${server.url}/api/boards/${id}`, { headers: bearer(tokens.facilitator) })).status).toBe(200);
  });

  it('the admin token is not counted; wrong tokens are', async () => {
    const server = await startServer({ ADMIN_TOKEN: 'sekret-admina', BOARD_CREATE_LIMIT: 2 });
    for (let i = 0; i < 4; i++) expect((await create(server, bearer('sekret-admina'))).status).toBe(201);
    expect((await create(server, bearer('zgadywanie'))).status).toBe(403);
    expect((await create(server, bearer('zgadywanie'))).status).toBe(403);
    expect((await create(server, bearer('zgadywanie'))).status).toBe(429);
    expect((await create(server, bearer('sekret-admina'))).status).toBe(201);
  });

  it('without ADMIN_TOKEN nobody lists all boards (403 saying why); with it, only its bearer', async () => {
    const open = await startServer();
    await open.createBoard('Tajny tytuł');
    const refused = await fetch(`${open.url}/api/boards`);
    expect(refused.status).toBe(403);
    const { error } = (await refused.json()) as { error: string };
    expect(error).toContain('ADMIN_TOKEN');
    expect(error).not.toContain('Tajny');

    const guarded = await startServer({ ADMIN_TOKEN: 'sekret-admina' });
    await fetch(`${guarded.url}/api/boards`, { method: 'POST', headers: { ...json, ...bearer('sekret-admina') }, body: JSON.stringify({ title: 'Lista' }) });
    expect((await fetch(`${guarded.url}/api/boards`)).status).toBe(401);
    expect((await fetch(`${guarded.url}/api/boards`, { headers: bearer('zle') })).status).toBe(403);
    const listed = await fetch(`${guarded.url}/api/boards`, { headers: bearer('sekret-admina') });
    expect(listed.status).toBe(200);
    expect(((await listed.json()) as { boards: { title: string }[] }).boards.map((b) => b.title)).toEqual(['Lista']);
  });
});

