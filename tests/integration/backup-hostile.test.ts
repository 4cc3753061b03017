import { describe, expect, it } from 'vitest';
import { BACKUP_FORMAT } from '../../shared/backup';
import { SCHEMA_VERSION } from '../../shared/schema';
import { startServer, type TestServer } from '../helpers/server';

const json = { 'content-type': 'application/json' };

function importRaw(server: TestServer, body: string) {
  return fetch(`${server.url}/api/boards/import`, { method: 'POST', headers: json, body });
}

/** A small, sound backup: a frame and a note. */
function soundBackup(): Record<string, unknown> {
  return {
    format: BACKUP_FORMAT,
    version: SCHEMA_VERSION,
    exportedAt: '2026-11-22T10:00:00.000Z',
    meta: { title: 'Warsztat – Żory', locale: 'pl', createdAt: 1_700_000_000_000 },
    elements: [
      { id: 'f', type: 'frame', x: 0, y: 0, w: 2000, h: 1500, title: 'Drzewo problemów', method: 'problemTree' },
      { id: 'n', type: 'note', x: 20, y: 30, text: 'Notatka', parentId: 'f' },
    ],
    facilitation: { agenda: [{ id: 'p1', title: 'Drzewo', frameId: 'f', minutes: 10 }], rounds: [] },
  };
}

/** The documented bounds (docs/api.md): nesting depth and the longest string. */
const MAX_DEPTH = 32;
const MAX_STRING = 10_000;

const deepArray = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const deepObject = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

describe('POST /api/boards/import refuses hostile backups as a whole, creating nothing', () => {
  it.each([
    ['__proto__ in meta', JSON.stringify(soundBackup()).replace('"meta":{', '"meta":{"__proto__":{"admin":true},'), 'meta: unknown field "__proto__"', ['meta', '__proto__']],
    ['constructor.prototype in facilitation', JSON.stringify(soundBackup()).replace('"facilitation":{', '"facilitation":{"constructor":{"prototype":{"admin":true}},'), 'facilitation: unknown field "constructor"', ['facilitation', 'constructor']],
    ['an unknown top-level field', JSON.stringify({ ...soundBackup(), extra: 1 }), 'backup: unknown field "extra"', ['extra']],
    ['a 100,000-deep array in a top-level field', JSON.stringify({ ...soundBackup(), extra: 'DEEP' }).replace('"DEEP"', deepArray(100_000)), `extra${'[0]'.repeat(MAX_DEPTH - 1)}: nested deeper than ${MAX_DEPTH} levels`, ['extra', ...new Array<number>(MAX_DEPTH - 1).fill(0)]],
    ['a 100,000-deep array as the whole body', deepArray(100_000), 'backup: expected a JSON object', []],
    ['deep nesting in meta', JSON.stringify(soundBackup()).replace('"createdAt":1700000000000', `"createdAt":${deepObject(1_000)}`), `meta.createdAt${'.a'.repeat(MAX_DEPTH - 2)}: nested deeper than ${MAX_DEPTH} levels`, ['meta', 'createdAt', ...new Array<string>(MAX_DEPTH - 2).fill('a')]],
    ['shallow nesting in meta', JSON.stringify(soundBackup()).replace('"createdAt":1700000000000', `"createdAt":${deepObject(5)}`), 'meta.createdAt: ', ['meta', 'createdAt']],
    ['a string over the longest text', JSON.stringify({ ...soundBackup(), exportedAt: 'x'.repeat(MAX_STRING + 1) }), `exportedAt: text longer than ${MAX_STRING} characters`, ['exportedAt']],
    ['an unknown field in a phase', JSON.stringify(soundBackup()).replace('"minutes":10', '"minutes":10,"prototype":{}'), 'facilitation.agenda[0]: unknown field "prototype"', ['facilitation', 'agenda', 0, 'prototype']],
  ])('%s → 400 with the path', async (_name, body, message, path) => {
    const server = await startServer();
    const before = (await server.warsztat.store.listBoards()).length;
    const res = await importRaw(server, body);
    expect(res.status).toBe(400);
    const answer = (await res.json()) as { error: string; path: unknown };
    expect(answer.error.startsWith(message), `${answer.error} starts with ${message}`).toBe(true);
    expect(answer.path).toEqual(path);
    expect((await server.warsztat.store.listBoards()).length).toBe(before);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });

  it('a sound backup still imports, with no repairs', async () => {
    const server = await startServer();
    const res = await importRaw(server, JSON.stringify(soundBackup()));
    expect(res.status).toBe(201);
    expect(((await res.json()) as { repairs: unknown[] }).repairs).toEqual([]);
  });
});

describe('POST /api/boards/import repairs broken tree links and says so', () => {
  it('cuts a cycle and dangling links, answers 201 with the repairs, and every node is in the report', async () => {
    const server = await startServer();
    const node = (id: string, text: string, parentNode: string | null, extra: Record<string, unknown> = {}) => ({ id, type: 'treeNode', x: 100, y: 100, text, tree: 'problem', role: parentNode ? 'cause' : 'core', parentNode, parentId: 'f', ...extra });
    const backup = soundBackup();
    backup.elements = [
      { id: 'f', type: 'frame', x: 0, y: 0, w: 3000, h: 2000, title: 'Drzewo problemów', method: 'problemTree' },
      node('core', 'Odpływ młodzieży', null),
      node('cause', 'Brak pracy', 'core'),
      // c1 → c2 → c3 → c1: hangs from nothing but itself.
      node('c2', 'Słaba komunikacja', 'c3'),
      node('c1', 'Brak mieszkań', 'c2'),
      node('c3', 'Drogie bilety', 'c1'),
      node('lost', 'Mało zieleni', 'ghost'),
      node('self', 'Nuda', 'self'),
      node('other', 'Cel: praca', 'cause', { tree: 'objective' }),
      { id: 'n', type: 'note', x: 20, y: 30, text: 'Notatka', parentId: 'f' },
      node('on-note', 'Hałas', 'n'),
    ];
    const res = await importRaw(server, JSON.stringify(backup));
    expect(res.status).toBe(201);
    const answer = (await res.json()) as { id: string; tokens: Record<string, string>; repairs: unknown[] };
    expect(answer.repairs).toEqual([
      { element: 'lost', text: 'Mało zieleni', what: 'missing-parent', was: 'ghost' },
      { element: 'self', text: 'Nuda', what: 'missing-parent', was: 'self' },
      { element: 'other', text: 'Cel: praca', what: 'missing-parent', was: 'cause' },
      { element: 'on-note', text: 'Hałas', what: 'missing-parent', was: 'n' },
      { element: 'c1', text: 'Brak mieszkań', what: 'cycle', was: 'c2' },
    ]);
    const md = await (await fetch(`${server.url}/api/boards/${answer.id}/export?format=md`, { headers: { authorization: `Bearer ${answer.tokens.observer}` } })).text();
    for (const text of ['Odpływ młodzieży', 'Brak pracy', 'Słaba komunikacja', 'Brak mieszkań', 'Drogie bilety', 'Mało zieleni', 'Nuda', 'Cel: praca', 'Hałas']) expect(md, text).toContain(text);
    // The cycle now hangs from its smallest id: c1 is a root, c3 under it, c2 under c3.
    const lines = md.split('\n');
    const indentOf = (text: string) => lines.find((l) => l.includes(text))!.search(/\S/);
    expect(indentOf('Drogie bilety')).toBeGreaterThan(indentOf('Brak mieszkań'));
    expect(indentOf('Słaba komunikacja')).toBeGreaterThan(indentOf('Drogie bilety'));
    // A backup of the imported board is sound: importing it again repairs nothing.
    const again = await fetch(`${server.url}/api/boards/${answer.id}/backup`, { headers: { authorization: `Bearer ${answer.tokens.observer}` } });
    const second = await importRaw(server, await again.text());
    expect(second.status).toBe(201);
    expect(((await second.json()) as { repairs: unknown[] }).repairs).toEqual([]);
  });
});
