import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { PostgresStore } from '../../server/storage/postgres';
import { SqliteStore } from '../../server/storage/sqlite';
import type { BoardStore } from '../../server/storage/types';
import { POSTGRES_URL, freshSchema, servicesUnavailable } from '../helpers/services';
import { onCleanup, startServer, tempDir, type TestServer } from '../helpers/server';

const skipReason = await servicesUnavailable();
const json = { 'content-type': 'application/json' };
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const DAY = 24 * 60 * 60 * 1000;

/** A store and a way to read every row of every table it has, as text. */
interface Backend {
  store: BoardStore;
  dump(): Promise<string>;
}

function sqliteBackend(): Backend {
  const file = path.join(tempDir(), 'privacy.sqlite');
  const store = new SqliteStore(file);
  return {
    store,
    async dump() {
      const db = new Database(file, { readonly: true, fileMustExist: true });
      try {
        const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all();
        return tables.map((t) => JSON.stringify(db.prepare(`SELECT * FROM "${t.name}"`).all(), (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('latin1') : v))).join('\n');
      } finally {
        db.close();
      }
    },
  };
}

function postgresBackend(): Backend {
  const schema = freshSchema();
  const store = new PostgresStore({ connectionString: POSTGRES_URL, schema });
  return {
    store,
    async dump() {
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      try {
        const { rows } = await client.query<{ table_name: string }>('SELECT table_name FROM information_schema.tables WHERE table_schema = $1', [schema]);
        const out: string[] = [];
        for (const { table_name } of rows) {
          const data = await client.query(`SELECT * FROM "${schema}"."${table_name}"`);
          out.push(JSON.stringify(data.rows, (_k, v: unknown) => (v && typeof v === 'object' && (v as { type?: string }).type === 'Buffer' ? Buffer.from((v as { data: number[] }).data).toString('latin1') : v)));
        }
        return out.join('\n');
      } finally {
        await client.end();
      }
    },
  };
}

async function formPath(server: TestServer, boardId: string, token: string): Promise<string> {
  const res = await fetch(`${server.url}/api/boards/${boardId}/ideas/form`, { headers: bearer(token) });
  return new URL(((await res.json()) as { link: string }).link).pathname.replace('/idea/', '/ideas/');
}

async function submit(server: TestServer, form: string, body: Record<string, unknown>): Promise<{ id: string; contactKept: boolean }> {
  const res = await fetch(`${server.url}/api${form}`, { method: 'POST', headers: json, body: JSON.stringify(body) });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; contactKept: boolean };
}

const post = (server: TestServer, p: string, token: string, body: unknown, method = 'POST') => fetch(`${server.url}/api${p}`, { method, headers: { ...json, ...bearer(token) }, body: JSON.stringify(body) });

/** Every place the server keeps something of a board, as text: its rows, each version, the backup, a CSV export. */
async function everywhere(server: TestServer, backend: Backend, boardId: string, token: string): Promise<string> {
  const parts = [await backend.dump()];
  const { versions } = (await (await fetch(`${server.url}/api/boards/${boardId}/versions`, { headers: bearer(token) })).json()) as { versions: { id: string }[] };
  expect(versions.length).toBeGreaterThan(0);
  for (const v of versions) parts.push(await (await fetch(`${server.url}/api/boards/${boardId}/versions/${v.id}`, { headers: bearer(token) })).text());
  parts.push(await (await fetch(`${server.url}/api/boards/${boardId}/backup`, { headers: bearer(token) })).text());
  parts.push(await (await fetch(`${server.url}/api/boards/${boardId}/ideas/contacts`, { headers: bearer(token) })).text());
  return parts.join('\n');
}

const backends: [string, () => Backend, boolean][] = [
  ['SQLite', sqliteBackend, true],
  ['PostgreSQL', postgresBackend, skipReason === null],
];

describe.each(backends)('%s: residents’ personal data', (_name, make, available) => {
  it.skipIf(!available)('a contact is kept only with consent, and the retention sweep (an injected clock, no waiting) removes it from rows, versions and backup', async () => {
    const backend = make();
    const server = await startServer({}, tempDir(), { store: backend.store });
    const board = await server.createBoard('Osiedle Słoneczne', { template: 'blank' });
    const t = board.tokens.facilitator;
    const form = await formPath(server, board.id, t);
    const without = await submit(server, form, { title: 'Bez zgody', contact: 'bezzgody@example.pl' });
    expect(without.contactKept).toBe(false);
    const early = await submit(server, form, { title: 'Ławki', contact: 'ewa.nowak@example.pl', consent: true });
    expect(early.contactKept).toBe(true);
    expect((await post(server, `/boards/${board.id}/privacy/retention`, t, { days: 0 }, 'PUT')).status).toBe(400);
    const badDays = await post(server, `/boards/${board.id}/privacy/retention`, t, { days: 'dużo' }, 'PUT');
    expect(((await badDays.json()) as { error: string }).error).toMatch(/^days/);
    expect((await post(server, `/boards/${board.id}/privacy/retention`, board.tokens.participant, { days: 30 }, 'PUT')).status).toBe(403);
    expect((await post(server, `/boards/${board.id}/privacy/retention`, t, { days: 30 }, 'PUT')).status).toBe(200);
    const notice = (await (await fetch(`${server.url}/api/boards/${board.id}/privacy/notice`, { headers: bearer(board.tokens.participant) })).json()) as { retentionDays: number; consent: string };
    expect(notice.retentionDays).toBe(30);
    expect(notice.consent).toContain('30 dni');
    const late = await submit(server, form, { title: 'Zieleń', contact: '+48 601 222 333', consent: true });
    expect((await post(server, `/boards/${board.id}/versions`, t, { name: 'Po zgłoszeniach', author: 'Prowadząca' })).status).toBe(201);

    const before = await everywhere(server, backend, board.id, t);
    expect(before).toContain('ewa.nowak@example.pl');
    expect(before).not.toContain('bezzgody@example.pl');

    // Day 29: nothing is due yet. Day 31: both contacts are past 30 days and go.
    expect(await server.warsztat.privacy.sweep(Date.now() + 29 * DAY)).toBe(0);
    expect(await server.warsztat.privacy.sweep(Date.now() + 31 * DAY)).toBe(2);
    const after = await everywhere(server, backend, board.id, t);
    for (const contact of ['ewa.nowak@example.pl', '+48 601 222 333', 'bezzgody@example.pl']) expect(after).not.toContain(contact);
    // The ideas themselves stay, anonymous.
    expect(after).toContain('Ławki');
    expect(late.id).not.toBe(early.id);
    const { audit } = (await (await fetch(`${server.url}/api/boards/${board.id}/privacy`, { headers: bearer(t) })).json()) as { audit: { action: string; actor: string }[] };
    expect(audit.map((a) => `${a.actor}:${a.action}`)).toEqual(['facilitator:retention-set', 'retention:contacts-expired']);
  });

  it.skipIf(!available)('a facilitator finds, exports and erases one resident by contact; erasure needs confirming, is logged, and leaves nothing of them anywhere', async () => {
    const backend = make();
    const server = await startServer({}, tempDir(), { store: backend.store });
    const board = await server.createBoard('Park Miejski', { template: 'blank' });
    const t = board.tokens.facilitator;
    const form = await formPath(server, board.id, t);
    const a = await submit(server, form, { title: 'Plac zabaw', contact: 'jan.kowalski@example.pl', consent: true });
    const b = await submit(server, form, { title: 'Toaleta', contact: ' Jan.Kowalski@Example.pl', consent: true });
    const other = await submit(server, form, { title: 'Fontanna', contact: 'maria@example.pl', consent: true });
    expect((await post(server, `/boards/${board.id}/versions`, t, { name: 'Przed', author: 'Prowadząca' })).status).toBe(201);
    const subject = { kind: 'resident', contact: 'jan.kowalski@example.pl' };

    const found = (await (await post(server, `/boards/${board.id}/privacy/search`, t, { subject })).json()) as { contacts: { ideaId: string; ideaTitle: string; consentText: string }[] };
    expect(found.contacts.map((c) => c.ideaId).sort()).toEqual([a.id, b.id].sort());
    expect(found.contacts.map((c) => c.ideaTitle).sort()).toEqual(['Plac zabaw', 'Toaleta']);
    const exported = await post(server, `/boards/${board.id}/privacy/export`, t, { subject });
    expect(exported.headers.get('content-disposition')).toMatch(/attachment/);
    const file = (await exported.json()) as { boardId: string; contacts: { consentText: string; consentAt: number }[] };
    expect(file.boardId).toBe(board.id);
    expect(file.contacts[0]!.consentText).toMatch(/^Zgadzam się/);

    // Bad input names the field; an erasure without its confirmation erases nothing.
    const noConfirm = await post(server, `/boards/${board.id}/privacy/erase`, t, { subject });
    expect(noConfirm.status).toBe(400);
    expect(((await noConfirm.json()) as { error: string }).error).toMatch(/^confirm/);
    const noContact = await post(server, `/boards/${board.id}/privacy/search`, t, { subject: { kind: 'resident', contact: ' ' } });
    expect(((await noContact.json()) as { error: string }).error).toMatch(/^subject\.contact/);
    expect((await post(server, `/boards/${board.id}/privacy/erase`, board.tokens.participant, { subject, confirm: 'ERASE' })).status).toBe(403);
    expect(await everywhere(server, backend, board.id, t)).toContain('jan.kowalski@example.pl');

    const erased = await post(server, `/boards/${board.id}/privacy/erase`, t, { subject, confirm: 'ERASE' });
    expect(await erased.json()).toEqual({ erased: 2 });
    const all = await everywhere(server, backend, board.id, t);
    expect(all.toLowerCase()).not.toContain('jan.kowalski@example.pl');
    expect(all).toContain('maria@example.pl');
    // Irreversible: a second search finds nothing, and there is nothing to restore it from.
    const again = (await (await post(server, `/boards/${board.id}/privacy/search`, t, { subject })).json()) as { contacts: unknown[] };
    expect(again.contacts).toEqual([]);
    const contacts = (await (await fetch(`${server.url}/api/boards/${board.id}/ideas/contacts`, { headers: bearer(t) })).json()) as { contacts: Record<string, string> };
    expect(contacts.contacts).toEqual({ [other.id]: 'maria@example.pl' });

    const { audit } = (await (await fetch(`${server.url}/api/boards/${board.id}/privacy`, { headers: bearer(t) })).json()) as { audit: { action: string; detail: string }[] };
    expect(audit.map((e) => e.action)).toEqual(['search', 'export', 'erase', 'search']);
    expect(JSON.stringify(audit).toLowerCase()).not.toContain('kowalski');
    // A participant by name cannot be erased yet, and the server says so.
    expect((await post(server, `/boards/${board.id}/privacy/erase`, t, { subject: { kind: 'participant', name: 'Ala' }, confirm: 'ERASE' })).status).toBe(501);
  });
});

describe('the stores', () => {
  it('keep no contact of a deleted board', async () => {
    const backend = sqliteBackend();
    onCleanup(() => backend.store.close());
    const server = await startServer({}, tempDir(), { store: backend.store });
    const board = await server.createBoard('Do usunięcia', { template: 'blank' });
    await submit(server, await formPath(server, board.id, board.tokens.facilitator), { title: 'X', contact: 'usun@example.pl', consent: true });
    expect(await backend.dump()).toContain('usun@example.pl');
    expect((await fetch(`${server.url}/api/boards/${board.id}`, { method: 'DELETE', headers: bearer(board.tokens.facilitator) })).status).toBeLessThan(300);
    expect(await backend.dump()).not.toContain('usun@example.pl');
  });
});
