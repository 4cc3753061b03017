import { describe, expect, it } from 'vitest';
import { browserUnavailable, launchBrowser, screenshot, trackErrors } from '../helpers/browser';
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
    // The lobby remembers the board on this device.
    await lobby.goto(server.url);
    await lobby.getByRole('link', { name: 'Warsztat: zażółć gęślą jaźń' }).waitFor();

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
