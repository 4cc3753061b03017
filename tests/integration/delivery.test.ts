import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ROOT, startServer } from '../helpers/server';

const CLIENT = path.join(ROOT, 'dist/client');
const built = fs.existsSync(path.join(CLIENT, 'idea.html'));

/** A raw GET (fetch would decode and hide Content-Encoding). */
function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const parts: Buffer[] = [];
        res.on('data', (part: Buffer) => parts.push(part));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }));
      })
      .on('error', reject);
  });
}

function scriptsOf(html: string): string[] {
  return [...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="\/([^"]+\.js)"/g)].map((m) => m[1]!);
}

describe.skipIf(!built)('delivery over weak networks (#16)', () => {
  it('sends hashed assets precompressed and immutable for a year, pages compressed and revalidated', async () => {
    const server = await startServer();
    const page = await get(`${server.url}/`, { 'accept-encoding': 'gzip' });
    expect(page.headers['content-encoding']).toBe('gzip');
    expect(page.headers['cache-control']).toBe('no-cache');
    const html = zlib.gunzipSync(page.body).toString('utf8');
    const [entry] = scriptsOf(html);
    expect(entry).toMatch(/^assets\/index-[\w-]+\.js$/);

    const br = await get(`${server.url}/${entry}`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers.vary).toMatch(/Accept-Encoding/i);
    const plain = fs.readFileSync(path.join(CLIENT, entry!));
    expect(zlib.brotliDecompressSync(br.body).equals(plain)).toBe(true);
    const gz = await get(`${server.url}/${entry}`, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.body).equals(plain)).toBe(true);
    const none = await get(`${server.url}/${entry}`, { 'accept-encoding': 'identity' });
    expect(none.headers['content-encoding']).toBeUndefined();
    expect(none.body.equals(plain)).toBe(true);

    // Stylesheets too, and the API's JSON (compressed on the fly when large enough).
    const css = html.match(/href="\/(assets\/[^"]+\.css)"/)![1]!;
    expect((await get(`${server.url}/${css}`, { 'accept-encoding': 'br' })).headers['content-encoding']).toBe('br');
    const board = await server.createBoard('Kompresja', { template: 'workshop' });
    const api = await get(`${server.url}/api/boards/${board.id}/backup`, { 'accept-encoding': 'gzip', authorization: `Bearer ${board.tokens.facilitator}` });
    expect(api.status).toBe(200);
    expect(api.headers['content-encoding']).toBe('gzip');
  });

  it('publishes no source maps', async () => {
    const server = await startServer();
    const files = fs.readdirSync(path.join(CLIENT, 'assets'));
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    const js = files.filter((f) => f.endsWith('.js'));
    for (const file of js) expect(fs.readFileSync(path.join(CLIENT, 'assets', file), 'utf8')).not.toContain('sourceMappingURL');
    const res = await get(`${server.url}/assets/${js[0]}.map`);
    expect(res.status).toBe(404);
  });

  it('puts the loading message in the board’s language into the page, before any script', async () => {
    const server = await startServer();
    const en = await server.createBoard('English board', { locale: 'en' });
    const pl = await server.createBoard('Polska tablica', { locale: 'pl' });
    const enPage = (await get(`${server.url}/b/${en.id}`, { 'accept-language': 'pl' })).body.toString('utf8');
    expect(enPage).toContain('<html lang="en">');
    expect(enPage).toMatch(/<p class="boot"[^>]*>Loading the board…<\/p>/);
    const plPage = (await get(`${server.url}/b/${pl.id}`, { 'accept-language': 'en' })).body.toString('utf8');
    expect(plPage).toMatch(/<p class="boot"[^>]*>Wczytuję tablicę…<\/p>/);
    const lobby = (await get(`${server.url}/`, { 'accept-language': 'en-GB,en;q=0.9' })).body.toString('utf8');
    expect(lobby).toMatch(/Loading Warsztat…/);
  });

  it('serves the idea form as its own page with the workshop filled in, within 40 KB of gzipped JavaScript and none of the board', async () => {
    const server = await startServer();
    const board = await server.createBoard('Budżet <obywatelski> & "Łowicz"', { template: 'workshop' });
    const form = (await (await fetch(`${server.url}/api/boards/${board.id}/ideas/form`, { headers: { authorization: `Bearer ${board.tokens.facilitator}` } })).json()) as { link: string };
    const res = await get(form.link.replace(/^https?:\/\/[^/]+/, server.url));
    expect(res.status).toBe(200);
    const html = res.body.toString('utf8');
    expect(html).toContain('data-title="Budżet &lt;obywatelski&gt; &amp; &quot;Łowicz&quot;"');
    expect(html).not.toContain('Wczytuję tablicę');
    // Its stylesheet comes after the loading line, so it cannot hold back the first paint.
    const head = html.slice(0, html.indexOf('</head>'));
    expect(head).not.toMatch(/rel="stylesheet"/);
    expect(html.indexOf('rel="stylesheet"')).toBeGreaterThan(html.indexOf('data-boot'));
    const scripts = scriptsOf(html);
    expect(scripts.length).toBeGreaterThan(0);
    let gzipped = 0;
    for (const script of scripts) {
      const code = fs.readFileSync(path.join(CLIENT, script));
      gzipped += zlib.gzipSync(code, { level: 9 }).length;
      // Neither the canvas, nor the board's sync, nor facilitation, nor React.
      expect(code.toString('utf8')).not.toMatch(/Konva|socket\.io|yjs|y-websocket|react\.production|__reactContainer/i);
    }
    expect(gzipped).toBeLessThanOrEqual(40 * 1024);
    const wrong = await get(`${server.url}/idea/${board.id}/not-the-key`, { 'accept-language': 'en' });
    expect(wrong.status).toBe(404);
    expect(wrong.body.toString('utf8')).toContain('data-state="missing"');
  });
});
