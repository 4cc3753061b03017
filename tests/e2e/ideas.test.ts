import { describe, expect, it } from 'vitest';
import { readElements } from '../../shared/schema/plain';
import { browserUnavailable, launchBrowser, screenshot, trackErrors } from '../helpers/browser';
import { openBoard, painted, waitForElement } from '../helpers/board-page';
import { startServer } from '../helpers/server';

describe.skipIf(browserUnavailable() !== null)("residents' idea cards in Chromium", () => {
  it('a resident submits an idea through the public form; it reaches the inbox and the facilitator accepts it', { timeout: 120_000 }, async () => {
    const server = await startServer();
    const board = await server.createBoard('Warsztat w Łowiczu', { template: 'workshop' });
    const browser = await launchBrowser();

    const facilitatorContext = await browser.newContext({ locale: 'pl-PL', viewport: { width: 1400, height: 900 } });
    const f = await openBoard(facilitatorContext, board.links.facilitator, 'Doradczyni Ewa');
    const fErrors = trackErrors(f);
    await f.getByTestId('idea-form-show').click();
    const link = await f.getByTestId('idea-form-link').inputValue();
    expect(link).toContain(`/idea/${board.id}/`);
    // The QR code (its encoder loads on first use) is there for posters and handouts.
    await f.getByTestId('idea-form-qr-toggle').click();
    expect(await f.locator('.idea-qr img').getAttribute('src')).toMatch(/^data:image\/png;base64,/);

    // The resident has no board link, no name prompt and no account: only the form.
    const resident = await (await browser.newContext({ locale: 'pl-PL', viewport: { width: 430, height: 900 } })).newPage();
    const rErrors = trackErrors(resident);
    await resident.goto(link);
    await resident.getByTestId('idea-title').waitFor();
    expect(await resident.locator('h1').textContent()).toBe('Zgłoś pomysł');
    expect(await resident.locator('canvas').count()).toBe(0);
    // A title is required before anything is sent.
    await resident.getByTestId('idea-submit').click();
    expect(await resident.getByTestId('idea-error').textContent()).toBe('Podaj tytuł pomysłu.');
    await resident.getByTestId('idea-title').fill('Ścieżka rowerowa nad Bzurą');
    await resident.getByTestId('idea-description').fill('Zażółć gęślą jaźń: połączyć osiedle Bratkowice z centrum bezpieczną trasą.');
    await resident.getByTestId('idea-place').fill('ul. Podrzeczna');
    await resident.getByTestId('idea-contact').fill('anna@example.pl');
    // A contact is kept only with the consent, worded as the form shows it; the clause is one tap away.
    await resident.getByTestId('idea-submit').click();
    expect(await resident.getByTestId('idea-error').textContent()).toContain('zaznacz zgodę');
    expect(await resident.getByTestId('idea-consent').isChecked()).toBe(false);
    await resident.getByTestId('idea-clause').locator('summary').click();
    expect(await resident.getByTestId('idea-clause').textContent()).toContain('Administrator danych');
    await resident.getByText(/Zgadzam się na przechowywanie podanego kontaktu przez 90 dni/).click();
    expect(await resident.getByTestId('idea-consent').isChecked()).toBe(true);
    await screenshot(resident, 'idea-form');
    await resident.getByTestId('idea-submit').click();
    await resident.getByTestId('idea-sent').waitFor();
    await screenshot(resident, 'idea-form-sent');

    // It appears on the facilitator's board, in the Ideas frame, and in the inbox list with the contact.
    const idea = await waitForElement(f, `(e) => e.type === 'idea' && e.title === 'Ścieżka rowerowa nad Bzurą'`, 10_000);
    expect(idea).toMatchObject({ place: 'ul. Podrzeczna', status: 'new' });
    const item = f.getByTestId('idea-item').filter({ hasText: 'Ścieżka rowerowa nad Bzurą' });
    await item.getByText('Kontakt: anna@example.pl').waitFor();
    await item.getByRole('button', { name: 'Ścieżka rowerowa nad Bzurą' }).click();
    await item.getByTestId('idea-accepted').click();
    await waitForElement(f, `(e) => e.type === 'idea' && e.status === 'accepted'`);
    await painted(f);
    await screenshot(f, 'idea-inbox-accepted');

    // The acceptance is on the server, for everyone; the contact never is.
    await server.warsztat.rooms.withRoom(board.id, (room) => {
      const { elements } = readElements(room.doc);
      expect(elements.find((e) => e.id === idea.id)).toMatchObject({ status: 'accepted' });
      expect(JSON.stringify(elements)).not.toContain('anna@example.pl');
    });
    const [kept] = await server.warsztat.store.listIdeaContacts(board.id);
    expect(kept).toMatchObject({ contact: 'anna@example.pl', consentText: expect.stringMatching(/^Zgadzam się/) });
    expect(fErrors).toEqual([]);
    expect(rErrors).toEqual([]);
    await browser.close();
  });

  it('a wrong form link says so instead of showing a form', { timeout: 60_000 }, async () => {
    const server = await startServer();
    const board = await server.createBoard('B');
    const browser = await launchBrowser();
    const page = await (await browser.newContext({ locale: 'en-GB' })).newPage();
    await page.goto(`${server.url}/idea/${board.id}/not-the-key`);
    expect(await page.getByTestId('idea-form-missing').textContent()).toContain('does not exist');
    await browser.close();
  });
});
