import { describe, expect, it } from 'vitest';
import { createElements, updateElement } from '../../shared/ops/elements';
import { stockClient, synced, waitFor } from '../helpers/clients';
import { startServer, type TestServer } from '../helpers/server';
import { elementsOf } from '../../shared/schema/doc';

const json = { 'content-type': 'application/json' };
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function submitIdea(server: TestServer, boardId: string, token: string, body: Record<string, unknown>): Promise<string> {
  const form = await fetch(`${server.url}/api/boards/${boardId}/ideas/form`, { headers: bearer(token) });
  const path = new URL(((await form.json()) as { link: string }).link).pathname.replace('/idea/', '/ideas/');
  const res = await fetch(`${server.url}/api${path}`, { method: 'POST', headers: json, body: JSON.stringify(body) });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

const setEntry = (server: TestServer, boardId: string, token: string, ideaId: string, body: unknown) =>
  fetch(`${server.url}/api/boards/${boardId}/ideas/results/${ideaId}`, { method: 'PUT', headers: { ...json, ...bearer(token) }, body: JSON.stringify(body) });

describe("the public results page of residents' ideas", () => {
  it('shows only published decided ideas, with no contact, no name and no unpublished idea, and 404s once taken down', async () => {
    const server = await startServer();
    const board = await server.createBoard('Rynek 2030', { template: 'blank' });
    const t = board.tokens.facilitator;
    const accepted = await submitIdea(server, board.id, t, { title: 'Ławki nad rzeką', contact: 'jan@example.pl', place: 'Bulwar Tajny' });
    const merged = await submitIdea(server, board.id, t, { title: 'Więcej ławek', contact: '600 100 200' });
    const rejected = await submitIdea(server, board.id, t, { title: 'Parking na rynku', description: 'Opis niewidoczny' });
    const hidden = await submitIdea(server, board.id, t, { title: 'Pomysł nieopublikowany' });

    const boss = stockClient(server.wsUrl, board.id, t);
    await synced(boss);
    const [byName] = createElements(boss.doc, [{ type: 'idea', title: 'Z warsztatu', status: 'accepted', x: 0, y: 0, w: 280, h: 200 }], 'Anna Kowalska') as [string];
    updateElement(boss.doc, accepted, { status: 'accepted' });
    updateElement(boss.doc, merged, { status: 'merged', mergedInto: accepted });
    updateElement(boss.doc, rejected, { status: 'rejected' });
    updateElement(boss.doc, hidden, { status: 'accepted' });
    await server.warsztat.rooms.withRoom(board.id, (room) =>
      waitFor(() => elementsOf(room.doc).get(hidden)?.get('status') === 'accepted' && elementsOf(room.doc).has(byName), 5000, 'statuses reach the server'),
    );

    expect((await setEntry(server, board.id, t, accepted, { published: true, reply: 'Ławki staną wiosną.' })).status).toBe(204);
    expect((await setEntry(server, board.id, t, merged, { published: true })).status).toBe(204);
    expect((await setEntry(server, board.id, t, rejected, { published: true, reply: 'Rynek zostaje bez aut.' })).status).toBe(204);
    expect((await setEntry(server, board.id, t, byName, { published: true, reply: 'Tak.' })).status).toBe(204);
    expect((await setEntry(server, board.id, t, hidden, { published: false, reply: 'Jeszcze nie.' })).status).toBe(204);

    // Bad input names the field; only a facilitator may write.
    const bad = await setEntry(server, board.id, t, accepted, { published: 'yes' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/^published/);
    const extra = await setEntry(server, board.id, t, accepted, { published: true, contact: 'x' });
    expect(extra.status).toBe(400);
    expect((await setEntry(server, board.id, t, 'no-such-idea', { published: true })).status).toBe(404);
    expect((await setEntry(server, board.id, board.tokens.participant, accepted, { published: true })).status).toBe(403);

    // Nothing is public before publishing.
    const overview = await fetch(`${server.url}/api/boards/${board.id}/ideas/results`, { headers: bearer(t) });
    expect(((await overview.json()) as { link: string | null }).link).toBeNull();
    const published = await fetch(`${server.url}/api/boards/${board.id}/ideas/results/publish`, { method: 'POST', headers: bearer(t) });
    const { link } = (await published.json()) as { link: string };
    expect(link).toMatch(new RegExp(`^${server.url}/results/${board.id}/[A-Za-z0-9_-]{20,}$`));

    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html).toContain('<html lang="pl">');
    for (const shown of ['Ławki nad rzeką', 'Ławki staną wiosną.', 'Więcej ławek', 'Połączony z pomysłem „Ławki nad rzeką”', 'Parking na rynku', 'Odrzucony', 'Przyjęty', 'Z warsztatu']) expect(html).toContain(shown);
    for (const never of ['jan@example.pl', '600 100 200', 'Anna Kowalska', 'Pomysł nieopublikowany', 'Jeszcze nie.', 'Bulwar Tajny', 'Opis niewidoczny', board.tokens.facilitator, '<script']) {
      expect(html).not.toContain(never);
    }
    // The link opens nothing else: not the board, not the form.
    const key = new URL(link).pathname.split('/').pop()!;
    expect((await fetch(`${server.url}/api/boards/${board.id}/ideas/results`, { headers: bearer(key) })).status).toBe(401);
    expect((await fetch(`${server.url}/api/ideas/${board.id}/${key}`)).status).toBe(404);
    expect((await fetch(`${server.url}/results.css`)).headers.get('content-type')).toMatch(/text\/css/);

    const down = await fetch(`${server.url}/api/boards/${board.id}/ideas/results/publish`, { method: 'DELETE', headers: bearer(t) });
    expect(down.status).toBe(204);
    const gone = await fetch(link);
    expect(gone.status).toBe(404);
    expect(await gone.text()).not.toContain('Ławki');
    // Published again, it gets a new link; the old one stays dead.
    const again = (await (await fetch(`${server.url}/api/boards/${board.id}/ideas/results/publish`, { method: 'POST', headers: bearer(t) })).json()) as { link: string };
    expect(again.link).not.toBe(link);
    expect((await fetch(link)).status).toBe(404);
    expect((await fetch(again.link)).status).toBe(200);
    boss.destroy();
  });

  it('answers 404 for a wrong key and an unknown board, in the reader’s language, and 429 when flooded', async () => {
    const server = await startServer({ RESULTS_BURST: 2, RESULTS_PER_MINUTE: 1 });
    const board = await server.createBoard('Park', { template: 'blank', locale: 'en' });
    await fetch(`${server.url}/api/boards/${board.id}/ideas/results/publish`, { method: 'POST', headers: bearer(board.tokens.facilitator) });
    const wrong = await fetch(`${server.url}/results/${board.id}/AAAAAAAAAAAAAAAAAAAAAAAA`, { headers: { 'accept-language': 'en' } });
    expect(wrong.status).toBe(404);
    expect(await wrong.text()).toContain('<html lang="en">');
    expect((await fetch(`${server.url}/results/nope/AAAAAAAAAAAAAAAAAAAAAAAA`)).status).toBe(404);
    const flooded = await fetch(`${server.url}/results/${board.id}/AAAAAAAAAAAAAAAAAAAAAAAA`);
    expect(flooded.status).toBe(429);
    expect(flooded.headers.get('retry-after')).toBe('60');
  });
});
