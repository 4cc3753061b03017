import { describe, expect, it } from 'vitest';
import { createElement } from '../../shared/ops/elements';
import { elementsOf } from '../../shared/schema/doc';
import { readElements } from '../../shared/schema/plain';
import { stockClient, synced, waitFor } from '../helpers/clients';
import { startServer, type TestServer } from '../helpers/server';

const json = { 'content-type': 'application/json' };
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function formLink(server: TestServer, boardId: string, token: string): Promise<{ link: string; path: string }> {
  const res = await fetch(`${server.url}/api/boards/${boardId}/ideas/form`, { headers: bearer(token) });
  expect(res.status).toBe(200);
  const { link } = (await res.json()) as { link: string };
  return { link, path: new URL(link).pathname };
}

function submit(server: TestServer, path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${server.url}/api${path.replace(/^\/idea\//, '/ideas/')}`, { method: 'POST', headers: { ...json, ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

describe("residents' idea cards", () => {
  it('a submission through the public form lands in the Ideas frame, live, with the contact kept off the board', async () => {
    const server = await startServer();
    const board = await server.createBoard('Warsztat', { template: 'workshop' });
    const { link, path } = await formLink(server, board.id, board.tokens.facilitator);
    expect(link).toMatch(new RegExp(`^${server.url}/idea/${board.id}/[A-Za-z0-9_-]{20,}$`));

    const watcher = stockClient(server.wsUrl, board.id, board.tokens.participant);
    await synced(watcher);
    const form = await fetch(`${server.url}/api${path.replace('/idea/', '/ideas/')}`);
    const formInfo = (await form.json()) as { title: string; locale: string; privacy: { clause: { heading: string }[]; consent: string; retentionDays: number } };
    expect(formInfo).toMatchObject({ title: 'Warsztat', locale: 'pl', privacy: { retentionDays: 90 } });
    expect(formInfo.privacy.clause.map((s) => s.heading)).toEqual(['Administrator danych', 'Cel', 'Podstawa prawna', 'Okres przechowywania', 'Twoje prawa']);

    const res = await submit(server, path, { title: '  Ławki   nad rzeką ', description: 'Przy bulwarze, zażółć gęślą jaźń', place: 'Bulwar', contact: 'jan@example.pl', consent: true });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    await waitFor(() => readElements(watcher.doc).elements.some((e) => e.id === id), 5000, 'the idea reaches a connected client');
    const { elements } = readElements(watcher.doc);
    const idea = elements.find((e) => e.id === id)!;
    const inbox = elements.find((e) => e.type === 'frame' && e.method === 'ideas')!;
    expect(idea).toMatchObject({ type: 'idea', title: 'Ławki nad rzeką', description: 'Przy bulwarze, zażółć gęślą jaźń', place: 'Bulwar', status: 'new', parentId: inbox.id });
    expect(JSON.stringify(elements)).not.toContain('jan@example.pl');

    const contacts = await fetch(`${server.url}/api/boards/${board.id}/ideas/contacts`, { headers: bearer(board.tokens.facilitator) });
    const kept = (await contacts.json()) as { contacts: Record<string, string>; consents: Record<string, { text: string; at: number }> };
    expect(kept.contacts).toEqual({ [id]: 'jan@example.pl' });
    // The consent is kept with the words the resident agreed to, in the board's language.
    expect(kept.consents[id]!.text).toMatch(/^Zgadzam się na przechowywanie podanego kontaktu przez 90 dni/);
    const asParticipant = await fetch(`${server.url}/api/boards/${board.id}/ideas/contacts`, { headers: bearer(board.tokens.participant) });
    expect(asParticipant.status).toBe(403);
    // Deleting the card deletes the contact with it.
    const boss = stockClient(server.wsUrl, board.id, board.tokens.facilitator);
    await synced(boss);
    elementsOf(boss.doc).delete(id);
    await waitFor(() => !elementsOf(watcher.doc).has(id), 3000, 'card deleted');
    const after = await fetch(`${server.url}/api/boards/${board.id}/ideas/contacts`, { headers: bearer(board.tokens.facilitator) });
    expect(await after.json()).toEqual({ contacts: {}, consents: {} });
    await server.warsztat.rooms.withRoom(board.id, async (room) => {
      await room.facilitation.flush();
      expect(await server.warsztat.store.loadControl(board.id)).not.toContain('jan@example.pl');
    });
    expect(await server.warsztat.store.listIdeaContacts(board.id)).toEqual([]);
    watcher.destroy();
  });

  it('the consent is stored in the language the resident read it in, and the page carries the notice in both', async () => {
    const server = await startServer();
    const board = await server.createBoard('Warsztat');
    const { path } = await formLink(server, board.id, board.tokens.facilitator);
    const page = await (await fetch(`${server.url}${path}`)).text();
    const privacy = /data-privacy="([^"]*)"/.exec(page)?.[1];
    expect(privacy).toBeDefined();
    const notices = JSON.parse(privacy!.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')) as Record<'pl' | 'en', { consent: string }>;
    expect(notices.en.consent).toMatch(/^I agree/);
    expect(notices.pl.consent).toMatch(/^Zgadzam się/);
    const res = await submit(server, path, { title: 'Bench by the river', contact: 'tom@example.org', consent: true, language: 'en' });
    expect(res.status).toBe(201);
    const [kept] = await server.warsztat.store.listIdeaContacts(board.id);
    expect(kept!.consentText).toBe(notices.en.consent);
    expect((await submit(server, path, { title: 'x', language: 'de' })).status).toBe(400);
  });

  it('ideas fill the inbox without overlapping, and a board without one gets an Ideas frame', async () => {
    const server = await startServer();
    const board = await server.createBoard('Pusta', { template: 'blank', locale: 'en' });
    const { path } = await formLink(server, board.id, board.tokens.facilitator);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await submit(server, path, { title: `Idea ${i}` });
      expect(res.status).toBe(201);
      ids.push(((await res.json()) as { id: string }).id);
    }
    const reader = stockClient(server.wsUrl, board.id, board.tokens.observer);
    await synced(reader);
    const { elements } = readElements(reader.doc);
    const frame = elements.find((e) => e.type === 'frame' && e.method === 'ideas')!;
    expect(frame).toMatchObject({ title: "Residents' ideas" });
    const cards = elements.filter((e) => e.type === 'idea');
    expect(cards.map((c) => c.id).sort()).toEqual([...ids].sort());
    for (const a of cards) {
      expect(a.x >= frame.x && a.x + a.w <= frame.x + frame.w && a.y >= frame.y && a.y + a.h <= frame.y + frame.h).toBe(true);
      for (const b of cards) if (a !== b) expect(a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y).toBe(true);
    }
    reader.destroy();
  });

  it.each([
    [{}, 'title'],
    [{ title: '   ' }, 'title'],
    [{ title: 'x'.repeat(121) }, 'title'],
    [{ title: 'ok', description: 'd'.repeat(2001) }, 'description'],
    [{ title: 'ok', place: 7 }, 'place'],
    [{ title: 'ok', contact: 'c'.repeat(201) }, 'contact'],
  ])('a submission %j is a 400 naming %s, and nothing lands on the board', async (body, field) => {
    const server = await startServer();
    const board = await server.createBoard('B', { template: 'workshop' });
    const { path } = await formLink(server, board.id, board.tokens.facilitator);
    const res = await submit(server, path, body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toContain(field);
    const reader = stockClient(server.wsUrl, board.id, board.tokens.observer);
    await synced(reader);
    expect(readElements(reader.doc).elements.filter((e) => e.type === 'idea')).toEqual([]);
    reader.destroy();
  });

  it('a wrong or replaced key is a 404, a board token is not a form key, and a malformed body is a 400', async () => {
    const server = await startServer();
    const board = await server.createBoard('B');
    const { path } = await formLink(server, board.id, board.tokens.facilitator);
    expect((await submit(server, `/idea/${board.id}/wrongkey`, { title: 'x' })).status).toBe(404);
    expect((await submit(server, `/idea/${board.id}/${board.tokens.participant}`, { title: 'x' })).status).toBe(404);
    expect((await submit(server, `/idea/nosuchboard/${path.split('/').pop()}`, { title: 'x' })).status).toBe(404);
    expect((await submit(server, path, '{"title": ')).status).toBe(400);
    const rotated = await fetch(`${server.url}/api/boards/${board.id}/ideas/form/rotate`, { method: 'POST', headers: bearer(board.tokens.facilitator) });
    const { link } = (await rotated.json()) as { link: string };
    expect((await submit(server, path, { title: 'old link' })).status).toBe(404);
    expect((await submit(server, new URL(link).pathname, { title: 'new link' })).status).toBe(201);
    // Only facilitators hand out the form.
    expect((await fetch(`${server.url}/api/boards/${board.id}/ideas/form`, { headers: bearer(board.tokens.participant) })).status).toBe(403);
    expect((await fetch(`${server.url}/api/boards/${board.id}/ideas/form`)).status).toBe(401);
  });

  it('a flood from one address gets 429 with Retry-After, and other boards’ forms keep working', async () => {
    const server = await startServer({ IDEAS_BURST: 3, IDEAS_PER_MINUTE: 1 });
    const board = await server.createBoard('B');
    const { path } = await formLink(server, board.id, board.tokens.facilitator);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await submit(server, path, { title: `spam ${i}` })).status);
    expect(statuses).toEqual([201, 201, 201, 429, 429, 429]);
    const refused = await submit(server, path, { title: 'again' });
    expect(refused.headers.get('retry-after')).toBe('60');
    expect(((await refused.json()) as { error: string }).error).toMatch(/too many/);
    // Another address (a proxy from loopback says who the client is) is not held back.
    expect((await submit(server, path, { title: 'neighbour' }, { 'x-forwarded-for': '203.0.113.9' })).status).toBe(201);
  });

  it('the form key and contacts survive a restart', async () => {
    const server = await startServer();
    const board = await server.createBoard('B');
    const { path } = await formLink(server, board.id, board.tokens.facilitator);
    const { id } = (await (await submit(server, path, { title: 'Rower miejski', contact: '+48 600 000 000', consent: true })).json()) as { id: string };
    await server.stop();
    const again = await startServer({}, server.dataDir);
    expect((await submit(again, path, { title: 'after restart' })).status).toBe(201);
    const contacts = await fetch(`${again.url}/api/boards/${board.id}/ideas/contacts`, { headers: bearer(board.tokens.facilitator) });
    expect(((await contacts.json()) as { contacts: Record<string, string> }).contacts[id]).toBe('+48 600 000 000');
  });

  it('only a facilitator can decide on an idea: a participant’s status change is reverted, their other edits stay', async () => {
    const server = await startServer();
    const board = await server.createBoard('B', { template: 'workshop' });
    const { path } = await formLink(server, board.id, board.tokens.facilitator);
    const { id } = (await (await submit(server, path, { title: 'Plac zabaw' })).json()) as { id: string };
    const participant = stockClient(server.wsUrl, board.id, board.tokens.participant);
    const watcher = stockClient(server.wsUrl, board.id, board.tokens.observer);
    const boss = stockClient(server.wsUrl, board.id, board.tokens.facilitator);
    await Promise.all([synced(participant), synced(watcher), synced(boss)]);
    const idea = () => elementsOf(watcher.doc).get(id)!;

    // A participant may move the card and create a card of their own…
    elementsOf(participant.doc).get(id)!.set('x', 4321);
    const own = createElement(participant.doc, { type: 'idea', title: 'Mój pomysł', status: 'new' });
    await waitFor(() => idea().get('x') === 4321 && elementsOf(watcher.doc).has(own), 3000, 'participant edits relayed');
    // …but not accept, reject or merge one; only the decision is put back, not the rest of the edit.
    participant.doc.transact(() => {
      elementsOf(participant.doc).get(id)!.set('status', 'accepted');
      elementsOf(participant.doc).get(id)!.set('y', 1234);
    });
    await waitFor(() => elementsOf(participant.doc).get(id)!.get('status') === 'new', 3000, 'participant copy corrected');
    expect(idea().get('status')).toBe('new');
    expect(idea().get('y')).toBe(1234);
    elementsOf(participant.doc).get(own)!.set('mergedInto', id);
    await waitFor(() => elementsOf(participant.doc).get(own)!.get('mergedInto') === null, 3000, 'merge reverted');

    elementsOf(boss.doc).get(id)!.set('status', 'accepted');
    await waitFor(() => idea().get('status') === 'accepted', 3000, 'facilitator decision relayed');
  });

  it('anonymous ideas cannot fill a board to its limit: past 80 % of MAX_DOC_BYTES the form answers 409', async () => {
    const server = await startServer({ MAX_DOC_BYTES: 16_384, IDEAS_BURST: 200 });
    const board = await server.createBoard('B');
    const { path } = await formLink(server, board.id, board.tokens.facilitator);
    const statuses: number[] = [];
    for (let i = 0; i < 100 && !statuses.includes(409); i++) statuses.push((await submit(server, path, { title: `Pomysł ${i}`, description: 'x'.repeat(100) })).status);
    expect(statuses.at(-1)).toBe(409);
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThan(0);
    // The workshop itself keeps its headroom: a participant can still write.
    const participant = stockClient(server.wsUrl, board.id, board.tokens.participant);
    await synced(participant);
    const id = createElement(participant.doc, { type: 'note', text: 'nadal działa' });
    const watcher = stockClient(server.wsUrl, board.id, board.tokens.observer);
    await synced(watcher);
    await waitFor(() => elementsOf(watcher.doc).has(id), 3000, 'participant edit after the inbox filled');
  });
});

