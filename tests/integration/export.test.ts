import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ARTIFACTS_DIR } from '../helpers/browser';
import { bigBoard } from '../../bench/scenarios/report';
import { MAX_QUEUED_EXPORTS, MAX_QUEUED_EXPORTS_PER_BOARD } from '../../server/export/queue';
import { HeldRunner } from '../helpers/held-exports';
import { INJECTION, MARKUP, reportBoard } from '../helpers/report-board';
import { ROOT, startServer, tempDir, type CreatedBoard, type TestServer } from '../helpers/server';

const run = promisify(execFile);
const TITLE = 'Warsztat w Łęczycy – żółć';

/** A server with one board holding every method (tests/helpers/report-board.ts) and its facilitation state. */
async function boardWithContent(overrides: { ADMIN_TOKEN?: string } = {}, exportRunner?: HeldRunner): Promise<{ server: TestServer; board: CreatedBoard; ids: Record<string, string> }> {
  const server = await startServer(overrides, undefined, { exportRunner });
  const created = await fetch(`${server.url}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(overrides.ADMIN_TOKEN ? { authorization: `Bearer ${overrides.ADMIN_TOKEN}` } : {}) },
    body: JSON.stringify({ title: TITLE }),
  });
  const board = (await created.json()) as CreatedBoard;
  const content = reportBoard();
  await server.warsztat.rooms.withRoom(board.id, async (room) => {
    Y.applyUpdate(room.doc, Y.encodeStateAsUpdate(content.doc));
    await room.facilitation.commit(content.control, {}, {}, true);
    await room.whenDurable();
  });
  return { server, board, ids: content.ids };
}

/** The first `n` responses to arrive, in the order they came (the others stay pending). */
function firstAnswers(requests: Promise<Response>[], n: number): Promise<Response[]> {
  return new Promise((resolve, reject) => {
    const got: Response[] = [];
    for (const request of requests)
      request.then((res) => {
        got.push(res);
        if (got.length === n) resolve([...got]);
      }, reject);
  });
}

/** Polls a condition until it holds (no fixed sleep: each check is a request to the server). */
async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) if (Date.now() > until) throw new Error('condition not met in time');
}

function exportUrl(server: TestServer, board: CreatedBoard, query: string): string {
  return `${server.url}/api/boards/${board.id}/export?${query}`;
}

async function get(server: TestServer, board: CreatedBoard, query: string, token: string | null = board.tokens.participant): Promise<Response> {
  return fetch(exportUrl(server, board, query), { headers: token ? { authorization: `Bearer ${token}` } : {} });
}

async function zipText(zip: JSZip, pattern: RegExp): Promise<string> {
  const names = Object.keys(zip.files).filter((n) => pattern.test(n));
  return (await Promise.all(names.map((n) => zip.file(n)!.async('string')))).join('\n');
}

describe('GET /api/boards/:id/export', () => {
  it('DOCX: a Word document with the methods, frame pictures and DejaVu Sans embedded', async () => {
    const { server, board } = await boardWithContent();
    const res = await get(server, board, 'format=docx');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="Warsztat w Leczycy - zolc.docx"; filename*=UTF-8''${encodeURIComponent(`${TITLE}.docx`)}`,
    );
    const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()));
    const document = await zipText(zip, /^word\/document\.xml$/);
    for (const text of ['Raport z warsztatu', 'Uczestnicy', 'Program', 'Mapa interesariuszy', 'Urząd Gminy', 'Zarządzać blisko', 'Odpływ młodych mieszkańców', 'Słaba oferta szkół zawodowych', 'Mocne strony', 'Położenie przy autostradzie', 'Strefa inwestycyjna przy węźle', 'Dostępność komunikacyjna', 'Ścieżka rowerowa nad Bzurą', 'Przyjęty', 'Wyniki głosowań']) {
      expect(document, text).toContain(text);
    }
    // Board text is escaped XML, never markup.
    expect(document).not.toContain('<script>');
    // The stakeholder chart, each tree's overview and its branches (shared/picture), the other frames.
    expect(Object.keys(zip.files).filter((n) => /^word\/media\/.+\.png$/.test(n)).length).toBe(8);
    expect(Object.keys(zip.files).some((n) => /^word\/fonts\/.+\.odttf$/.test(n))).toBe(true);
    expect(await zipText(zip, /^word\/fontTable\.xml$/)).toMatch(/w:name="DejaVu Sans"[\s\S]*w:embedRegular/);
    // Headings keep with what follows, so none is left alone at the foot of a page.
    expect(document).toMatch(/<w:pStyle w:val="Heading1"\/>[\s\S]{0,200}<w:keepNext\/>|<w:keepNext\/>[\s\S]{0,200}<w:pStyle w:val="Heading1"\/>/);
  });

  it('PDF: text extracts with Polish letters intact; DejaVu Sans is embedded', async () => {
    const { server, board } = await boardWithContent();
    const res = await get(server, board, 'format=pdf');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const dir = tempDir();
    const file = path.join(dir, 'report.pdf');
    fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const { stdout: text } = await run('pdftotext', ['-layout', file, '-']);
    // Whole phrases where text runs on, single words inside table cells (which wrap).
    for (const phrase of [TITLE, 'Raport z warsztatu', 'Słaba oferta szkół zawodowych', 'Zagrożenia', 'Najważniejsze mocne strony', 'Młodzież', 'Zarządzać', 'Ścieżka', 'Źródlana', 'Przyjęty']) {
      expect(text, phrase).toContain(phrase);
    }
    // Table headers keep their words whole (columns are as wide as their widest word).
    for (const header of ['Interesariusz', 'Zaangażowanie:', 'Ćwiartka', 'ustalony']) expect(text, header).toContain(header);
    const { stdout: fonts } = await run('pdffonts', [file]);
    expect(fonts).toMatch(/DejaVuSans\s.*yes/);
    expect(fonts).toMatch(/DejaVuSans-Bold\s.*yes/);
    // A page as a picture, kept for people to look at.
    fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
    await run('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '2', file, path.join(ARTIFACTS_DIR, 'export-report-page')]);
  });

  it('XLSX: one sheet per method, hostile text as neutralised strings, no formulas', async () => {
    const { server, board } = await boardWithContent();
    const res = await get(server, board, 'format=xlsx');
    expect(res.status).toBe(200);
    const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()));
    const workbook = await zipText(zip, /^xl\/workbook\.xml$/);
    const sheets = [...workbook.matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1]);
    expect(sheets).toEqual(['Mapa interesariuszy', 'Drzewo problemów', 'Drzewo celów', 'Analiza SWOT', 'Strategie TOWS', 'Kluczowe czynniki rozwoju', 'Pomysły mieszkańców', 'Wyniki głosowań']);
    const xml = await zipText(zip, /^xl\/(sharedStrings|worksheets\/sheet\d+)\.xml$/);
    expect(xml).not.toMatch(/<f[ >]/);
    const cells = xml.replace(/&(apos|quot|lt|gt|amp);/g, (_, e: string) => ({ apos: "'", quot: '"', lt: '<', gt: '>', amp: '&' })[e]!);
    // Typed text, shown as written: no protective apostrophe, and still no formula.
    expect(cells).toContain(`>${INJECTION}<`);
    expect(cells).toContain('>+48 123<');
    expect(cells).toContain('>@SUM(1+1)*cmd|<');
    expect(cells).toContain('>-2+3<');
    expect(cells).not.toContain("'+48 123");
    expect(cells).not.toContain(`'${INJECTION}`);
    // Text cells carry the Text number format (@, built-in 49), so editing one keeps it text.
    expect(await zipText(zip, /^xl\/styles\.xml$/)).toMatch(/<xf [^>]*numFmtId="49"/);
    expect(cells).toContain('Słaba oferta szkół zawodowych');
  });

  it('CSV: one method per request (table=…), formulas neutralised; without a table a 400 lists them', async () => {
    const { server, board } = await boardWithContent();
    const res = await get(server, board, 'format=csv&table=stakeholders');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain('filename="Warsztat w Leczycy - zolc - stakeholders.csv"');
    const csv = Buffer.from(await res.arrayBuffer()).toString('utf8');
    // A Polish board: semicolons and decimal commas, for Polish Excel.
    expect(csv.startsWith('\uFEFF"Interesariusz";"Grupa";"Wpływ"')).toBe(true);
    expect(csv).toContain(`"'${INJECTION.replace(/"/g, '""')}";"'+48 123`);
    expect(csv).toContain('"Urząd Gminy";"dostawcy usług";8;7;"Zarządzać blisko"');
    const english = await (await get(server, board, 'format=csv&table=factors&csv=en')).text();
    expect(english).toContain('"Miejsce","Czynnik","Ważność"');
    expect(english).toContain('"Dostępność komunikacyjna",4.5,2');
    const polish = await (await get(server, board, 'format=csv&table=factors')).text();
    expect(polish).toContain('"Dostępność komunikacyjna";4,5;2');
    expect((await get(server, board, 'format=csv&table=factors&csv=de')).status).toBe(400);
    const ideas = await (await get(server, board, 'format=csv&table=ideas')).text();
    expect(ideas).toContain(`"'@SUM(1+1)*cmd|";"'-2+3`);
    const none = await get(server, board, 'format=csv');
    expect(none.status).toBe(400);
    expect((await none.json()).error).toContain('stakeholders, problemTree, objectivesTree, swot, tows, factors, ideas, votes');
    expect((await get(server, board, 'format=csv&table=nope')).status).toBe(400);
  });

  it('SVG and PNG of the board or one frame; text escaped; PNG signature and size', async () => {
    const { server, board, ids } = await boardWithContent();
    const svgRes = await get(server, board, `format=svg&frame=${ids.stakeholders}`);
    expect(svgRes.status).toBe(200);
    expect(svgRes.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect(svgRes.headers.get('content-disposition')).toContain("filename*=UTF-8''" + encodeURIComponent(`${TITLE} - Mapa interesariuszy.svg`));
    const svg = await svgRes.text();
    expect(svg).toContain('Urząd Gminy');
    expect(svg).not.toContain('Odpływ młodych');
    expect(svg).not.toContain(MARKUP);
    const png = Buffer.from(await (await get(server, board, 'format=png')).arrayBuffer());
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    expect(width).toBeGreaterThan(500);
    expect(width).toBeLessThanOrEqual(4096);
    expect(height).toBeGreaterThan(50);
    const framePng = Buffer.from(await (await get(server, board, `format=png&frame=${ids.swot}`)).arrayBuffer());
    expect(framePng.readUInt32BE(16)).toBe(2000);
    // 1300 × 1000 frame plus title room and padding, scaled to 2000 px wide.
    expect(framePng.readUInt32BE(20)).toBe(Math.round((1000 + 32 + 48) * (2000 / (1300 + 48))));
  });

  it('Markdown summary', async () => {
    const { server, board } = await boardWithContent();
    const res = await get(server, board, 'format=md', board.tokens.observer);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    const md = await res.text();
    expect(md).toContain(`# ${TITLE.replace('-', '\\-')}`);
    expect(md).toContain('**Problem główny:** Odpływ młodych mieszkańców');
  });

  it('a frame limits the report to its method', async () => {
    const { server, board, ids } = await boardWithContent();
    const md = await (await get(server, board, `format=md&frame=${ids.factors}`)).text();
    expect(md).toContain('Dostępność komunikacyjna');
    expect(md).not.toContain('Odpływ młodych');
  });

  it('errors: 401 without or with a wrong token, 400 for an unknown format or frame, 404 for no board', async () => {
    const { server, board } = await boardWithContent({ ADMIN_TOKEN: 'admin-secret' });
    const noToken = await get(server, board, 'format=pdf', null);
    expect(noToken.status).toBe(401);
    expect((await noToken.json()).error).toContain('token required');
    expect((await get(server, board, 'format=pdf', 'not-a-token')).status).toBe(401);
    const unknown = await get(server, board, 'format=exe');
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toEqual({ error: 'unknown format exe; formats: pdf, docx, xlsx, csv, md, svg, png, json' });
    expect((await get(server, board, 'format=')).status).toBe(400);
    expect((await get(server, board, 'format=pdf&format=docx')).status).toBe(400);
    const badFrame = await get(server, board, 'format=svg&frame=no-such-frame');
    expect(badFrame.status).toBe(400);
    expect((await badFrame.json()).error).toBe('no frame no-such-frame on this board');
    const missing = await fetch(`${server.url}/api/boards/AAAAAAAAAAAAAAAAAAAAAA/export?format=md`, { headers: { authorization: 'Bearer admin-secret' } });
    expect(missing.status).toBe(404);
  });

  it('a big report is made off the event loop: the server keeps answering meanwhile', async () => {
    const server = await startServer();
    const board = await server.createBoard('Duża tablica');
    const big = bigBoard();
    await server.warsztat.rooms.withRoom(board.id, async (room) => {
      Y.applyUpdate(room.doc, Y.encodeStateAsUpdate(big.doc));
      await room.whenDurable();
    });
    const started = performance.now();
    let done = false;
    const exporting = get(server, board, 'format=pdf').then(async (res) => {
      expect(res.status).toBe(200);
      await res.arrayBuffer();
      done = true;
    });
    let slowest = 0;
    while (!done) {
      const t = performance.now();
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
      slowest = Math.max(slowest, performance.now() - t);
      await new Promise((r) => setTimeout(r, 20));
    }
    await exporting;
    const took = performance.now() - started;
    // Reading the board into plain data stays on the main thread; the rest does not.
    expect(slowest).toBeLessThan(Math.max(400, took / 3));
  });

  it('a flood of exports is bounded: past one board share of the queue, 429 with Retry-After; other boards are still served', async () => {
    // Exports are held open until the test releases them: what waits at each moment is known exactly.
    const held = new HeldRunner();
    const { server, board } = await boardWithContent({}, held);
    const [b, c] = [await server.createBoard('Druga tablica'), await server.createBoard('Trzecia tablica')];
    const flood = Array.from({ length: MAX_QUEUED_EXPORTS + 6 }, () => get(server, board, 'format=pdf'));
    const refused = await firstAnswers(flood, flood.length - MAX_QUEUED_EXPORTS_PER_BOARD);
    expect(refused.map((r) => r.status)).toEqual(refused.map(() => 429));
    expect(Number(refused[0]!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const body = (await refused[0]!.json()) as { error: string; ahead: number; retryAfter: number };
    expect(body.error).toContain('try again');
    expect(body.ahead).toBe(MAX_QUEUED_EXPORTS_PER_BOARD);
    expect(body.retryAfter).toBe(Number(refused[0]!.headers.get('retry-after')));
    // The other boards get their share until the server's queue is full.
    const fromB = Array.from({ length: MAX_QUEUED_EXPORTS_PER_BOARD }, () => get(server, b, 'format=docx', b.tokens.observer));
    const fromC = Array.from({ length: MAX_QUEUED_EXPORTS_PER_BOARD }, () => get(server, c, 'format=xlsx', c.tokens.observer));
    const [full] = await firstAnswers(fromC, 1);
    expect(full!.status).toBe(429);
    expect(((await full!.json()) as { error: string }).error).toContain('too many exports');
    // The backup is not queued: it is served however full the queue is.
    expect((await get(server, board, 'format=json')).status).toBe(200);
    // Made one at a time, in the order asked.
    for (let n = 1; n <= MAX_QUEUED_EXPORTS; n++) (await held.nth(n)).release();
    const share = (format: string, n: number) => Array<string>(n).fill(format);
    expect(held.started.map((job) => job.format)).toEqual([...share('pdf', MAX_QUEUED_EXPORTS_PER_BOARD), ...share('docx', MAX_QUEUED_EXPORTS_PER_BOARD), ...share('xlsx', MAX_QUEUED_EXPORTS - 2 * MAX_QUEUED_EXPORTS_PER_BOARD)]);
    const served = (await Promise.all([...flood, ...fromB, ...fromC])).filter((r) => r.status === 200);
    expect(served).toHaveLength(MAX_QUEUED_EXPORTS);
    expect(await served[0]!.text()).toBe('held pdf');
  });

  it('a ticket keeps its place in line across retries, and its status shows the place, then the progress', async () => {
    const held = new HeldRunner();
    const { server, board } = await boardWithContent({}, held);
    const ticket = (n: number) => `ticket-number-${n}-abcdef`;
    const status = async (t: string) => (await fetch(`${server.url}/api/boards/${board.id}/export/status?ticket=${t}`, { headers: { authorization: `Bearer ${board.tokens.observer}` } })).json();
    const admitted = Array.from({ length: MAX_QUEUED_EXPORTS_PER_BOARD }, () => get(server, board, 'format=pdf'));
    const first = await get(server, board, `format=pdf&ticket=${ticket(1)}`);
    const second = await get(server, board, `format=pdf&ticket=${ticket(2)}`);
    expect([first.status, second.status]).toEqual([429, 429]);
    expect(((await first.json()) as { ahead: number }).ahead).toBe(MAX_QUEUED_EXPORTS_PER_BOARD);
    expect(((await second.json()) as { ahead: number }).ahead).toBe(MAX_QUEUED_EXPORTS_PER_BOARD + 1);
    expect(await status(ticket(2))).toEqual({ state: 'waiting', ahead: MAX_QUEUED_EXPORTS_PER_BOARD + 1 });
    const running = await held.nth(1);
    running.progress(0.25);
    running.release();
    await admitted[0];
    // One place is free: it is the first ticket's, however early the second asks again.
    expect((await get(server, board, `format=pdf&ticket=${ticket(2)}`)).status).toBe(429);
    const mine = get(server, board, `format=pdf&ticket=${ticket(1)}`);
    await waitFor(async () => (await status(ticket(1))).state === 'queued');
    expect(await status(ticket(1))).toEqual({ state: 'queued', ahead: MAX_QUEUED_EXPORTS_PER_BOARD - 1 });
    (await held.nth(2)).release();
    (await held.nth(3)).release();
    const own = await held.nth(4);
    own.progress(0.5);
    expect(await status(ticket(1))).toEqual({ state: 'running', ahead: 0, progress: 0.5 });
    own.release();
    expect((await mine).status).toBe(200);
    expect(await status(ticket(1))).toEqual({ state: 'unknown' });
    // Tickets are checked; the status needs a token of the board.
    expect((await get(server, board, 'format=pdf&ticket=a/b')).status).toBe(400);
    expect((await fetch(`${server.url}/api/boards/${board.id}/export/status?ticket=${ticket(1)}`)).status).toBe(401);
  });

  it('npm run export writes a report from DATA_DIR without the server running', async () => {
    const { server, board } = await boardWithContent();
    await server.stop();
    const out = path.join(tempDir(), 'raport.docx');
    // What `npm run export` runs: the bundle of server/cli.ts (scripts/export.mjs), rebuilt when a source changed.
    const cli = (args: string[]) => run(process.execPath, [path.join(ROOT, 'scripts/export.mjs'), 'export', ...args], { cwd: ROOT, env: { ...process.env, DATA_DIR: server.dataDir } });
    await cli([board.id, '--format', 'docx', '--out', out]);
    const zip = await JSZip.loadAsync(fs.readFileSync(out));
    expect(await zipText(zip, /^word\/document\.xml$/)).toContain('Słaba oferta szkół zawodowych');
    const { stdout } = await cli([board.id, '--format', 'csv', '--table', 'factors', '--out', '-']);
    // The board's language decides the CSV dialect here too (Polish: ; and decimal commas).
    expect(stdout).toContain('1;"Dostępność komunikacyjna";4,5;2');
    // --csv picks the dialect, as csv=pl|en does over HTTP; a wrong one is a usage error.
    const english = await cli([board.id, '--format', 'csv', '--table', 'factors', '--csv', 'en', '--out', '-']);
    expect(english.stdout).toContain('1,"Dostępność komunikacyjna",4.5,2');
    const badDialect = await cli([board.id, '--format', 'csv', '--table', 'factors', '--csv', 'de', '--out', '-']).catch((error: { code: number; stderr: string }) => error);
    expect(badDialect).toMatchObject({ code: 2 });
    expect((badDialect as { stderr: string }).stderr).toContain('csv must be pl or en');
    const failed = await cli(['AAAAAAAAAAAAAAAAAAAAAA', '--format', 'pdf']).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 2 });
    expect((failed as { stderr: string }).stderr).toContain('no board AAAAAAAAAAAAAAAAAAAAAA');
  });

  it('JSON: export → import → export gives the same content, every method included', async () => {
    const { server, board } = await boardWithContent();
    const first = await get(server, board, 'format=json');
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toContain('application/json');
    const backup = (await first.json()) as { elements: { type: string }[]; exportedAt: string };
    expect(new Set(backup.elements.map((e) => e.type))).toEqual(new Set(['frame', 'stakeholder', 'treeNode', 'note', 'strategy', 'factor', 'idea']));
    const imported = await fetch(`${server.url}/api/boards/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(backup) });
    expect(imported.status).toBe(201);
    const copy = (await imported.json()) as CreatedBoard;
    const again = (await (await get(server, copy, 'format=json', copy.tokens.observer)).json()) as typeof backup;
    expect({ ...again, exportedAt: '' }).toEqual({ ...backup, exportedAt: '' });
  });
});

