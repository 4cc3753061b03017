import { describe, expect, it } from 'vitest';
import { browserUnavailable, launchBrowser, screenshot, trackErrors } from '../helpers/browser';
import { startServer } from '../helpers/server';

describe.skipIf(browserUnavailable() !== null)('the board loop in Chromium', () => {
  it('a facilitator creates a board in the lobby; two people see each other’s notes live', async () => {
    const server = await startServer();
    const browser = await launchBrowser();
    const facilitator = await browser.newContext({ locale: 'pl-PL' });
    const lobby = await facilitator.newPage();
    const lobbyErrors = trackErrors(lobby);
    await lobby.goto(server.url);
    await expectText(lobby.getByRole('heading', { name: 'Nowa tablica' }));
    await lobby.getByTestId('board-title-input').fill('Warsztat: zażółć gęślą jaźń');
    await lobby.getByTestId('create-board').click();
    await lobby.getByTestId('created-links').waitFor();
    await screenshot(lobby, 'lobby-created');
    const participantLink = await lobby.getByTestId('link-participant').inputValue();
    const observerLink = await lobby.getByTestId('link-observer').inputValue();
    expect(participantLink).toMatch(/\/b\/[A-Za-z0-9_-]+#token=/);

    const a = await facilitator.newPage();
    await a.goto(participantLink);
    const participant = await browser.newContext({ locale: 'pl-PL' });
    const b = await participant.newPage();
    const errors = trackErrors(b);
    await b.goto(participantLink);
    for (const page of [a, b]) {
      await expectText(page.getByTestId('board-title'), 'Warsztat: zażółć gęślą jaźń');
      await page.locator('[data-testid="connection"][data-status="connected"]').waitFor();
      await page.locator('[data-testid="element-count"][data-count="0"]').waitFor();
    }
    await a.getByTestId('add-note').click();
    await b.locator('[data-testid="element-count"][data-count="1"]').waitFor({ timeout: 3000 });
    await b.getByTestId('add-note').click();
    await a.locator('[data-testid="element-count"][data-count="2"]').waitFor({ timeout: 3000 });
    await expectText(b.getByTestId('present'), '2 osoby na tablicy');
    await screenshot(b, 'board-two-people');

    const observerContext = await browser.newContext({ locale: 'en-GB' });
    const observer = await observerContext.newPage();
    await observer.goto(observerLink);
    await observer.locator('[data-testid="element-count"][data-count="2"]').waitFor();
    await expectText(observer.getByText('Observer mode – view only'));
    expect(await observer.getByTestId('add-note').count()).toBe(0);
    await screenshot(observer, 'board-observer-en');
    expect([...lobbyErrors, ...errors]).toEqual([]);
  });

  it('a replaced or wrong link shows a clear message instead of a board', async () => {
    const server = await startServer();
    const board = await server.createBoard();
    const browser = await launchBrowser();
    const page = await (await browser.newContext({ locale: 'pl-PL' })).newPage();
    await page.goto(`${server.url}/b/${board.id}#token=zly-token`);
    await expectText(page.getByTestId('board-error'), 'Ten link jest nieprawidłowy');
    await page.goto(`${server.url}/b/${board.id}`);
    await page.reload();
    await expectText(page.getByTestId('board-error'), 'brakuje klucza dostępu');
    await screenshot(page, 'board-bad-link');
  });
});

async function expectText(locator: import('playwright-core').Locator, text?: string): Promise<void> {
  await locator.first().waitFor({ timeout: 5000 });
  if (text !== undefined) {
    const deadline = Date.now() + 5000;
    while (!(await locator.first().innerText()).includes(text)) {
      if (Date.now() > deadline) throw new Error(`expected “${text}”, saw “${await locator.first().innerText()}”`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
