import { describe, expect, it } from 'vitest';
import { updateElement } from '../../shared/ops/elements';
import { elementsOf } from '../../shared/schema/doc';
import { axeViolations, describeViolations } from '../helpers/axe';
import { browserUnavailable, launchBrowser, screenshot, trackErrors } from '../helpers/browser';
import { stockClient, synced, waitFor } from '../helpers/clients';
import { PHONES, sidewaysOverflow } from '../helpers/phone';
import { startServer, type TestServer } from '../helpers/server';

const json = { 'content-type': 'application/json' };
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function submitIdea(server: TestServer, formPath: string, body: Record<string, unknown>): Promise<string> {
  const res = await fetch(`${server.url}/api${formPath.replace('/idea/', '/ideas/')}`, { method: 'POST', headers: json, body: JSON.stringify(body) });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

describe.skipIf(browserUnavailable() !== null)('the public results page in Chromium', () => {
  it('a resident reads the published results on a 390 px phone: accessible, no script, gone once taken down', { timeout: 120_000 }, async () => {
    const server = await startServer();
    const board = await server.createBoard('Rewitalizacja Łowicza', { template: 'blank' });
    const t = board.tokens.facilitator;
    const form = (await (await fetch(`${server.url}/api/boards/${board.id}/ideas/form`, { headers: bearer(t) })).json()) as { link: string };
    const formPath = new URL(form.link).pathname;
    const ideas = {
      bike: await submitIdea(server, formPath, { title: 'Ścieżka rowerowa nad Bzurą, łącząca osiedle Bratkowice z centrum', contact: 'anna@example.pl' }),
      more: await submitIdea(server, formPath, { title: 'Rowerem do szkoły' }),
      parking: await submitIdea(server, formPath, { title: 'Parking wielopoziomowy na Starym Rynku' }),
      secret: await submitIdea(server, formPath, { title: 'Pomysł jeszcze nieogłoszony' }),
    };
    const boss = stockClient(server.wsUrl, board.id, t);
    await synced(boss);
    updateElement(boss.doc, ideas.bike, { status: 'accepted' });
    updateElement(boss.doc, ideas.more, { status: 'merged', mergedInto: ideas.bike });
    updateElement(boss.doc, ideas.parking, { status: 'rejected' });
    updateElement(boss.doc, ideas.secret, { status: 'accepted' });
    await server.warsztat.rooms.withRoom(board.id, (room) => waitFor(() => elementsOf(room.doc).get(ideas.secret)?.get('status') === 'accepted', 5000, 'statuses on the server'));
    const replies: [string, string][] = [
      [ideas.bike, 'Ścieżka jest w budżecie na 2027 r. Projekt przedstawimy na jesiennym spotkaniu.'],
      [ideas.more, 'Dołączyliśmy ten pomysł do ścieżki nad Bzurą.'],
      [ideas.parking, 'Rynek ma być strefą pieszą; parking powstanie przy dworcu.'],
    ];
    for (const [id, reply] of replies) {
      const res = await fetch(`${server.url}/api/boards/${board.id}/ideas/results/${id}`, { method: 'PUT', headers: { ...json, ...bearer(t) }, body: JSON.stringify({ published: true, reply }) });
      expect(res.status).toBe(204);
    }
    const { link } = (await (await fetch(`${server.url}/api/boards/${board.id}/ideas/results/publish`, { method: 'POST', headers: bearer(t) })).json()) as { link: string };

    const browser = await launchBrowser();
    const phone = PHONES.find((p) => p.name === '390')!;
    const context = await browser.newContext({ locale: 'pl-PL', viewport: phone.viewport, hasTouch: true, isMobile: true });
    const resident = await context.newPage();
    const errors = trackErrors(resident);
    const requested: string[] = [];
    resident.on('request', (request) => requested.push(new URL(request.url()).pathname));
    await resident.goto(link);
    expect(await resident.locator('h1').textContent()).toBe('Co stało się z pomysłami mieszkańców');
    expect(await resident.locator('html').getAttribute('lang')).toBe('pl');
    const items = resident.locator('main li');
    expect(await items.count()).toBe(3);
    await resident.getByText('Połączony z pomysłem „Ścieżka rowerowa nad Bzurą, łącząca osiedle Bratkowice z centrum”').waitFor();
    await resident.getByText('Rynek ma być strefą pieszą; parking powstanie przy dworcu.').waitFor();
    const text = (await resident.locator('body').textContent()) ?? '';
    expect(text).not.toContain('anna@example.pl');
    expect(text).not.toContain('Pomysł jeszcze nieogłoszony');
    // Light: the page and its stylesheet, nothing of the board's bundle, no script at all.
    expect(requested.sort()).toEqual([new URL(link).pathname, '/results.css'].sort());
    expect(await resident.locator('script').count()).toBe(0);
    expect(await sidewaysOverflow(resident)).toBeLessThanOrEqual(0);
    const violations = await axeViolations(resident, ['html']);
    expect(violations, describeViolations(violations)).toEqual([]);
    await screenshot(resident, 'idea-results-phone-390');

    const desktop = await (await browser.newContext({ locale: 'pl-PL', viewport: { width: 1280, height: 800 } })).newPage();
    await desktop.goto(link);
    expect((await axeViolations(desktop, ['html'])).length).toBe(0);
    await screenshot(desktop, 'idea-results-desktop');

    // Taken down: the same link answers 404 at once, saying so in words.
    expect((await fetch(`${server.url}/api/boards/${board.id}/ideas/results/publish`, { method: 'DELETE', headers: bearer(t) })).status).toBe(204);
    const gone = await resident.reload();
    expect(gone?.status()).toBe(404);
    expect(await resident.locator('h1').textContent()).toBe('Nie ma takiej strony');
    expect(await resident.locator('main').textContent()).not.toContain('Ścieżka');
    const goneViolations = await axeViolations(resident, ['html']);
    expect(goneViolations, describeViolations(goneViolations)).toEqual([]);
    await screenshot(resident, 'idea-results-gone-390');
    expect(errors).toEqual([]);
    boss.destroy();
  });
});
