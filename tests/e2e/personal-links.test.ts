import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS_DIR, browserUnavailable, launchBrowser, screenshot, trackErrors } from '../helpers/browser';
import { openBoard } from '../helpers/board-page';
import { startServer } from '../helpers/server';

/** The facilitator issues a personal link from the share panel; returns it as shown. */
async function issueLink(page: Page, name: string, role: 'participant' | 'observer'): Promise<string> {
  const panel = page.getByTestId('personal-links');
  await panel.getByTestId('personal-link-name').fill(name);
  await panel.getByTestId('personal-link-role').selectOption(role);
  // Keyboard: Enter in the name field submits the form.
  await panel.getByTestId('personal-link-name').press('Enter');
  await panel.locator('[data-testid="personal-link"]', { hasText: name }).waitFor();
  return panel.getByTestId('personal-link-fresh-url').inputValue();
}

/** Every control of the section is at least 44 px both ways (a touch screen) and nothing sticks out sideways. */
async function checkTouchLayout(page: Page): Promise<void> {
  const section = page.getByTestId('personal-links');
  await section.scrollIntoViewIfNeeded();
  const sizes = await section.locator('button, input, select').evaluateAll((nodes) => nodes.map((n) => ({ what: n.outerHTML.slice(0, 60), ...n.getBoundingClientRect().toJSON() })));
  expect(sizes.length).toBeGreaterThan(3);
  for (const size of sizes) {
    expect(size.height, size.what).toBeGreaterThanOrEqual(44);
    expect(size.width, size.what).toBeGreaterThanOrEqual(44);
  }
  const overflow = await section.evaluate((node) => {
    const box = node.getBoundingClientRect();
    const inner = [...node.querySelectorAll('*')].map((child) => child.getBoundingClientRect());
    return { viewport: window.innerWidth, right: Math.max(box.right, ...inner.map((r) => r.right)), left: Math.min(box.left, ...inner.map((r) => r.left)) };
  });
  expect(overflow.left).toBeGreaterThanOrEqual(0);
  expect(overflow.right).toBeLessThanOrEqual(overflow.viewport);
}

async function openAsFacilitator(browser: Browser, link: string, viewport: { width: number; height: number }, mobile: boolean): Promise<Page> {
  const context = await browser.newContext({ locale: 'pl-PL', viewport, isMobile: mobile, hasTouch: mobile });
  return openBoard(context, link, 'Doradczyni Ewa');
}

describe.skipIf(browserUnavailable() !== null)('personal links in Chromium', () => {
  it('the facilitator issues a personal link, removes its holder, who is told so and cannot come back; a shared-link person is removed with the link replaced', { timeout: 120_000 }, async () => {
    const server = await startServer();
    const board = await server.createBoard('Warsztat PRL');
    const browser = await launchBrowser();
    const facilitator = await openAsFacilitator(browser, board.links.facilitator, { width: 1400, height: 900 }, false);
    const facilitatorErrors = trackErrors(facilitator);
    await facilitator.getByRole('heading', { name: 'Linki imienne' }).waitFor();
    const annaLink = await issueLink(facilitator, 'Anna Kowalska', 'participant');
    expect(annaLink).toMatch(new RegExp(`/b/${board.id}#token=`));
    await issueLink(facilitator, 'Radny Nowak', 'observer');
    await screenshot(facilitator, 'personal-links-desktop-page');
    await facilitator.getByTestId('personal-links').screenshot({ path: `${ARTIFACTS_DIR}/personal-links-desktop.png` });

    // Anna opens her link: her name is offered.
    const annaContext = await browser.newContext({ locale: 'pl-PL', viewport: { width: 1000, height: 800 } });
    const anna = await annaContext.newPage();
    await anna.goto(annaLink);
    await expect.poll(() => anna.getByTestId('name-input').inputValue()).toBe('Anna Kowalska');
    await anna.getByTestId('name-submit').click();
    await anna.locator('[data-testid="connection"][data-status="connected"]').waitFor();
    // Jan comes by the shared participant link.
    const janContext = await browser.newContext({ locale: 'pl-PL', viewport: { width: 1000, height: 800 } });
    const jan = await openBoard(janContext, board.links.participant, 'Jan');

    const annaRow = facilitator.locator('[data-testid="person"]', { hasText: 'Anna Kowalska' });
    await annaRow.waitFor();
    await annaRow.getByTestId('person-remove').click();
    const dialog = facilitator.getByTestId('remove-person-dialog');
    await expect.poll(() => dialog.getByTestId('remove-outcome').textContent()).toContain('link imienny');
    expect(await dialog.getByTestId('remove-and-replace').count()).toBe(0);
    await dialog.getByTestId('remove-confirm').click();
    await dialog.getByTestId('remove-close').click();

    // Anna is told, and her link no longer opens the board.
    await expect.poll(() => anna.getByTestId('board-error').textContent()).toBe('Prowadzący usunął Cię z tablicy.');
    await anna.reload();
    await expect.poll(() => anna.getByTestId('board-error').textContent(), { timeout: 10_000 }).toContain('Ten link jest nieprawidłowy');
    await expect.poll(() => facilitator.locator('[data-testid="personal-link"]').allTextContents()).toEqual([expect.stringContaining('Radny Nowak')]);
    // Jan was not disturbed.
    expect(await jan.getByTestId('board-error').count()).toBe(0);
    expect(await jan.locator('[data-testid="connection"][data-status="connected"]').count()).toBe(1);

    // Jan came by the shared link: the dialog says he could come back, and replaces the link in one click.
    await facilitator.locator('[data-testid="person"]', { hasText: 'Jan' }).getByTestId('person-remove').click();
    await expect.poll(() => dialog.getByTestId('remove-outcome').textContent()).toContain('dopóki go nie wymienisz');
    await screenshot(facilitator, 'remove-dialog-shared');
    await dialog.getByTestId('remove-and-replace').click();
    const replaced = await dialog.getByTestId('replaced-link-url').inputValue();
    expect(replaced).not.toBe(board.links.participant);
    expect(replaced).toMatch(new RegExp(`/b/${board.id}#token=`));
    await screenshot(facilitator, 'remove-dialog-replaced');
    await expect.poll(() => jan.getByTestId('board-error').textContent()).toBe('Prowadzący usunął Cię z tablicy.');
    await jan.goto(board.links.participant);
    await jan.reload();
    await expect.poll(() => jan.getByTestId('board-error').textContent(), { timeout: 10_000 }).toContain('Ten link jest nieprawidłowy');
    await dialog.getByTestId('remove-close').click();
    // The share panel shows the new shared link.
    expect(await facilitator.getByTestId('share-participant').inputValue()).toBe(replaced);
    expect(facilitatorErrors).toEqual([]);

    // On phones (390 and 320 px wide, touch): targets ≥ 44 px, nothing off screen.
    for (const width of [390, 320]) {
      const phone = await openAsFacilitator(browser, board.links.facilitator, { width, height: 844 }, true);
      await phone.getByTestId('personal-links').waitFor();
      await checkTouchLayout(phone);
      await phone.getByTestId('personal-links').screenshot({ path: `${ARTIFACTS_DIR}/personal-links-${width}.png` });
      await screenshot(phone, `personal-links-${width}-page`);
    }
  });
});
