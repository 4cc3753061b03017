import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { axeViolations } from '../helpers/axe';
import { browserUnavailable, launchBrowser, screenshot, trackErrors } from '../helpers/browser';
import { openBoard } from '../helpers/board-page';
import { startServer, type TestServer } from '../helpers/server';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function submitIdea(server: TestServer, boardId: string, token: string, body: Record<string, unknown>): Promise<string> {
  const { link } = (await (await fetch(`${server.url}/api/boards/${boardId}/ideas/form`, { headers: bearer(token) })).json()) as { link: string };
  const res = await fetch(`${server.url}/api${new URL(link).pathname.replace('/idea/', '/ideas/')}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** What the server keeps of a board as text: the database file, every version and the backup. */
async function everythingKept(server: TestServer, boardId: string, token: string): Promise<string> {
  const parts: string[] = [];
  for (const file of fs.readdirSync(server.dataDir)) parts.push(fs.readFileSync(`${server.dataDir}/${file}`).toString('latin1'));
  const { versions } = (await (await fetch(`${server.url}/api/boards/${boardId}/versions`, { headers: bearer(token) })).json()) as { versions: { id: string }[] };
  for (const v of versions) parts.push(await (await fetch(`${server.url}/api/boards/${boardId}/versions/${v.id}`, { headers: bearer(token) })).text());
  parts.push(await (await fetch(`${server.url}/api/boards/${boardId}/backup`, { headers: bearer(token) })).text());
  return parts.join('\n');
}

describe.skipIf(browserUnavailable() !== null)('RODO in Chromium', () => {
  it('a participant is offered the information clause before giving a name', { timeout: 60_000 }, async () => {
    const server = await startServer();
    const board = await server.createBoard('Warsztat w Kutnie');
    const browser = await launchBrowser();
    const page = await (await browser.newContext({ locale: 'pl-PL', viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true })).newPage();
    await page.goto(board.links.participant);
    const clause = page.getByTestId('name-clause');
    await clause.locator('summary').click();
    expect(await clause.textContent()).toContain('Administrator danych');
    expect(await axeViolations(page, ['[data-testid="name-prompt"]'])).toEqual([]);
    await screenshot(page, 'privacy-name-clause');
    await browser.close();
  });

  it("the facilitator answers a resident's request: finds, hands over and erases their contact, and nothing of it is left", { timeout: 120_000 }, async () => {
    const server = await startServer();
    const board = await server.createBoard('Warsztat w Łowiczu', { template: 'workshop' });
    const contact = 'maria.nowak@example.pl';
    await submitIdea(server, board.id, board.tokens.facilitator, { title: 'Plac zabaw przy szkole', contact, consent: true });
    await submitIdea(server, board.id, board.tokens.facilitator, { title: 'Ławki na rynku', contact: ' Maria.Nowak@example.pl', consent: true });
    await submitIdea(server, board.id, board.tokens.facilitator, { title: 'Rower miejski', contact: 'jan@example.pl', consent: true });
    // A version taken while the contacts exist: erasure must not leave them there either.
    expect((await fetch(`${server.url}/api/boards/${board.id}/versions`, { method: 'POST', headers: { ...bearer(board.tokens.facilitator), 'content-type': 'application/json' }, body: JSON.stringify({ name: 'po zgłoszeniach', author: 'Ewa' }) })).status).toBe(201);

    const browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'pl-PL', viewport: { width: 1400, height: 900 }, acceptDownloads: true });
    const f = await openBoard(context, board.links.facilitator, 'Doradczyni Ewa');
    const errors = trackErrors(f);
    const section = f.getByTestId('privacy-section');
    await section.scrollIntoViewIfNeeded();

    await section.getByTestId('privacy-retention').fill('30');
    await section.getByRole('button', { name: 'Zapisz okres' }).click();
    expect(await section.getByTestId('privacy-status').textContent()).toBe('Zapisano: kontakty są przechowywane 30 dni.');

    await section.getByTestId('privacy-contact').fill('MARIA.nowak@example.pl');
    await section.getByTestId('privacy-search').click();
    const found = section.getByTestId('privacy-found');
    await found.getByText('Znaleziono 2 kontakty:').waitFor();
    expect(await found.textContent()).toContain('„Plac zabaw przy szkole”');

    const [download] = await Promise.all([f.waitForEvent('download'), found.getByTestId('privacy-export').click()]);
    const handed = JSON.parse(fs.readFileSync(await download.path(), 'utf8')) as { contacts: { contact: string; consentText: string }[] };
    expect(handed.contacts).toHaveLength(2);
    expect(handed.contacts[0]!.consentText).toMatch(/^Zgadzam się na przechowywanie podanego kontaktu przez 90 dni/);

    await found.getByTestId('privacy-erase').click();
    expect(await found.getByRole('alertdialog').textContent()).toContain('Tego nie można cofnąć.');
    expect(await axeViolations(f, ['[data-testid="privacy-section"]'])).toEqual([]);
    await screenshot(f, 'privacy-erase-confirm');
    await found.getByTestId('privacy-erase-yes').click();
    expect(await section.getByTestId('privacy-status').textContent()).toBe('Usunięto kontakty: 2.');

    const audit = section.getByTestId('privacy-audit');
    await audit.locator('summary').click();
    const log = (await audit.textContent()) ?? '';
    for (const action of ['zmiana okresu przechowywania', 'wyszukanie', 'wydanie danych', 'usunięcie']) expect(log).toContain(action);

    // The ideas stay, anonymous; the other resident's contact stays; Maria's is nowhere.
    const kept = await server.warsztat.store.listIdeaContacts(board.id);
    expect(kept.map((c) => c.contact)).toEqual(['jan@example.pl']);
    const everything = (await everythingKept(server, board.id, board.tokens.facilitator)).toLowerCase();
    expect(everything).toContain('plac zabaw przy szkole');
    expect(everything).not.toContain('maria.nowak');
    expect(errors).toEqual([]);
    await browser.close();
  });
});
