import { describe, expect, it } from 'vitest';
import { browserUnavailable, launchBrowser, screenshot, trackCspViolations, trackErrors } from '../helpers/browser';
import { startServer } from '../helpers/server';

describe.skipIf(browserUnavailable() !== null)('lobby and links in Chromium', () => {
  it('creates a board in Polish and hands out three links that open it', async () => {
    const server = await startServer();
    const browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'pl-PL', viewport: { width: 1280, height: 800 } });
    const lobby = await context.newPage();
    const errors = trackErrors(lobby);
    await lobby.goto(server.url);
    await lobby.getByRole('heading', { name: 'Nowa tablica' }).waitFor();
    await lobby.getByTestId('board-title-input').fill('Warsztat: zażółć gęślą jaźń');
    await lobby.getByTestId('create-board').click();
    await lobby.getByTestId('created-links').waitFor();
    await screenshot(lobby, 'lobby');
    const links = await Promise.all(['facilitator', 'participant', 'observer'].map((role) => lobby.getByTestId(`link-${role}`).inputValue()));
    expect(new Set(links).size).toBe(3);
    for (const link of links) expect(link).toMatch(/\/b\/[A-Za-z0-9_-]+#token=[A-Za-z0-9_-]{32}$/);

    const board = await context.newPage();
    await board.goto(links[1]!);
    await board.getByTestId('name-prompt').waitFor();
    await board.getByTestId('name-input').fill('Jan');
    await board.getByTestId('name-submit').click();
    await board.locator('[data-testid="board-title"]', { hasText: 'Warsztat: zażółć gęślą jaźń' }).waitFor();
    // The lobby remembers the board in this browser: created (facilitator), then opened (participant).
    await lobby.goto(server.url);
    await lobby.locator('[data-testid="recent-board"][data-role="participant"]').getByRole('link', { name: 'Warsztat: zażółć gęślą jaźń' }).waitFor();
    expect(await lobby.locator('[data-testid="recent-board"][data-role="facilitator"]').getByRole('link').getAttribute('href')).toBe(links[0]);

    // Joining by a pasted link: text that is no board link, or a link cut before its key, is
    // explained; the whole link, even inside a sentence, opens the board.
    await lobby.getByTestId('join-link').fill('zażółć gęślą jaźń');
    await lobby.getByTestId('join-board').click();
    await lobby.getByTestId('join-error').filter({ hasText: 'To nie jest link do tablicy' }).waitFor();
    await lobby.getByTestId('join-link').fill(links[1]!.split('#')[0]!);
    await lobby.getByTestId('join-board').click();
    await lobby.getByTestId('join-error').filter({ hasText: 'brakuje klucza dostępu' }).waitFor();
    await screenshot(lobby, 'lobby-join-error');
    await lobby.getByTestId('join-link').fill(`Link na jutro: ${links[1]} – do zobaczenia!`);
    await lobby.getByTestId('join-board').click();
    await lobby.locator('[data-testid="board-title"]', { hasText: 'Warsztat: zażółć gęślą jaźń' }).waitFor();
    expect(new URL(lobby.url()).pathname).toBe(new URL(links[1]!).pathname);
    expect(errors).toEqual([]);
  });

  it('lists the boards this browser created or opened, keeps their titles, forgets one by keyboard; no CSP violation on lobby, board or idea form', { timeout: 120_000 }, async () => {
    const server = await startServer();
    // Made elsewhere: this browser knows it only once it opens the participant link.
    const other = await server.createBoard('Cudza tablica');
    const browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 390, height: 844 }, hasTouch: true });
    const violations = await trackCspViolations(context);
    const lobby = await context.newPage();
    const errors = trackErrors(lobby);
    await lobby.goto(server.url);
    await lobby.getByText('No board created or opened in this browser yet.').waitFor();
    // Nobody lists the server's boards without the admin token: the lobby does not need to.
    expect(await lobby.evaluate(async () => (await fetch('/api/boards')).status)).toBe(403);

    await lobby.getByTestId('board-title-input').fill('Rynek w Sieradzu');
    await lobby.getByTestId('create-board').click();
    await lobby.getByTestId('created-links').waitFor();
    const facilitatorLink = await lobby.getByTestId('link-facilitator').inputValue();
    const mine = lobby.locator('[data-testid="recent-board"][data-role="facilitator"]');
    await mine.getByRole('link', { name: 'Rynek w Sieradzu' }).waitFor();
    expect(await mine.getByRole('link').getAttribute('href')).toBe(facilitatorLink);
    await expect.poll(() => mine.textContent()).toContain('Facilitator (advisor)');

    // Opening a board (another page of this browser) lists it; a rename reaches the list too.
    const board = await context.newPage();
    const boardErrors = trackErrors(board);
    await board.goto(other.links.participant);
    await board.getByTestId('name-input').fill('Ola');
    await board.getByTestId('name-submit').click();
    await board.locator('[data-testid="board-title"]', { hasText: 'Cudza tablica' }).waitFor();
    await board.locator('[data-testid="canvas"]').waitFor();
    const renamed = await fetch(`${server.url}/api/boards/${other.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${other.tokens.facilitator}` },
      body: JSON.stringify({ title: 'Plac Wolności' }),
    });
    expect(renamed.status).toBe(200);
    await board.locator('[data-testid="board-title"]', { hasText: 'Plac Wolności' }).waitFor();
    const joined = lobby.locator(`[data-testid="recent-board"][data-board-id="${other.id}"]`);
    // The list follows the other tab (storage event), no reload needed.
    await joined.getByRole('link', { name: 'Plac Wolności' }).waitFor();
    expect(await joined.getAttribute('data-role')).toBe('participant');
    expect(await lobby.getByTestId('recent-board').first().getAttribute('data-board-id')).toBe(other.id);

    await lobby.reload();
    await joined.waitFor();
    // Narrow phone and desktop: nothing scrolls sideways, targets are finger-sized.
    for (const width of [320, 390]) {
      await lobby.setViewportSize({ width, height: 844 });
      expect(await lobby.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    }
    for (const box of await Promise.all((await lobby.locator('.recent a, .recent button').all()).map((l) => l.boundingBox()))) {
      expect(box!.height).toBeGreaterThanOrEqual(44);
      expect(box!.width).toBeGreaterThanOrEqual(44);
    }
    await screenshot(lobby, 'lobby-boards-390');
    await lobby.setViewportSize({ width: 1280, height: 900 });
    await screenshot(lobby, 'lobby-boards-desktop');

    // Forget by keyboard; Undo brings it back; forgotten again, it stays forgotten.
    const forget = joined.getByRole('button', { name: 'Forget “Plac Wolności”, Participant' });
    await forget.focus();
    await lobby.keyboard.press('Enter');
    await lobby.getByTestId('recent-forgotten').filter({ hasText: '“Plac Wolności” is forgotten in this browser' }).waitFor();
    expect(await joined.count()).toBe(0);
    await lobby.getByTestId('recent-undo').focus();
    await lobby.keyboard.press('Enter');
    await joined.waitFor();
    await joined.getByRole('button', { name: /^Forget/ }).click();
    await lobby.reload();
    await mine.waitFor();
    expect(await joined.count()).toBe(0);
    expect(await lobby.getByTestId('recent-board').count()).toBe(1);

    // The public idea form is a page of the same app, under the same policy (it switches the
    // interface to the board's language, so it comes last).
    const form = (await (await fetch(`${server.url}/api/boards/${other.id}/ideas/form`, { headers: { authorization: `Bearer ${other.tokens.facilitator}` } })).json()) as { link: string };
    await board.goto(form.link);
    await board.locator('form.idea-form', { hasText: 'Plac Wolności' }).waitFor();

    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
    expect(boardErrors).toEqual([]);
  });

  it('a wrong or missing token shows a clear message instead of a board', async () => {
    const server = await startServer();
    const board = await server.createBoard();
    const browser = await launchBrowser();
    const page = await (await browser.newContext({ locale: 'pl-PL' })).newPage();
    await page.goto(`${server.url}/b/${board.id}#token=zly-token`);
    await page.getByTestId('board-error').filter({ hasText: 'Ten link jest nieprawidłowy' }).waitFor();
    await page.goto(`${server.url}/b/${board.id}`);
    await page.reload();
    await page.getByTestId('board-error').filter({ hasText: 'brakuje klucza dostępu' }).waitFor();
    await screenshot(page, 'board-bad-link');
  });

  it('an observer sees the board but cannot change it', async () => {
    const server = await startServer();
    const board = await server.createBoard('Tylko podgląd');
    const browser = await launchBrowser();
    const page = await (await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 800 } })).newPage();
    await page.goto(board.links.observer);
    await page.getByTestId('name-input').fill('Observer');
    await page.getByTestId('name-submit').click();
    await page.getByText('Observer mode – view only').waitFor();
    expect(await page.getByTestId('tool-note').count()).toBe(0);
    await page.locator('[data-testid="canvas"]').click();
    await page.keyboard.press('Control+v');
    expect(await page.locator('[data-testid="element-count"]').getAttribute('data-count')).toBe('0');
    await screenshot(page, 'board-observer-en');
  });
});
