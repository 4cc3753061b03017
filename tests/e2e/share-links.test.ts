import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { firstNetworkAddress } from '../../shared/protocol/link-origin';
import { browserUnavailable, launchBrowser, screenshot, trackErrors } from '../helpers/browser';
import { startServer } from '../helpers/server';

/** Plain http on another machine's address: no Clipboard API at all; `copyCommand` says whether the old copy command works. */
function withoutClipboard(copyCommand: boolean): string {
  return `Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined, configurable: true });
    window.__copies = [];
    document.execCommand = (command) => { window.__copies.push(command); return ${copyCommand}; };`;
}

describe.skipIf(browserUnavailable() !== null)('links that work from a phone (#16)', () => {
  it('says when links only open on this computer, and copying never claims what it did not do', { timeout: 120_000 }, async () => {
    const server = await startServer();
    const browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'pl-PL', viewport: { width: 1400, height: 900 } });
    await context.addInitScript(withoutClipboard(false));
    const page = await context.newPage();
    const errors = trackErrors(page);
    await page.goto(server.url);
    await page.getByTestId('board-title-input').fill('Warsztat w Sochaczewie');
    await page.getByTestId('create-board').click();
    await page.getByTestId('created-links').waitFor();
    // npm start's default HOST: links to 127.0.0.1, which no phone can open, and the page says so.
    const warning = page.getByTestId('local-link-warning');
    expect(await warning.textContent()).toContain('działają tylko na tym komputerze');
    expect(await warning.textContent()).toContain('HOST=0.0.0.0');
    expect(await warning.textContent()).toContain('PUBLIC_URL');

    // Nothing could be copied: the link is selected for copying by hand, and the status says so.
    const row = page.locator('li').filter({ has: page.getByTestId('link-participant') });
    await row.getByTestId('copy-link').click();
    const status = row.getByTestId('copy-status');
    await expect.poll(() => status.textContent()).toContain('Nie udało się skopiować');
    expect(await status.textContent()).toContain('Ctrl+C');
    expect(await status.textContent()).not.toContain('Skopiowano');
    const selected = await page.getByTestId('link-participant').evaluate((input: HTMLInputElement) => document.activeElement === input && input.selectionStart === 0 && input.selectionEnd === input.value.length);
    expect(selected).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { __copies: string[] }).__copies)).toEqual(['copy']);
    await screenshot(page, 'share-copy-fallback');

    // The board's share panel: the same warning, a copy button per link and the QR code for phones.
    const facilitatorLink = await page.getByTestId('link-facilitator').inputValue();
    await page.goto(facilitatorLink);
    await page.getByTestId('name-input').fill('Prowadząca');
    await page.getByTestId('name-submit').click();
    await page.getByTestId('share-participant').waitFor();
    await page.getByTestId('local-link-warning').waitFor();
    const qr = page.getByTestId('share-qr');
    await qr.waitFor();
    expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(errors).toEqual([]);
    await browser.close();
  });

  it('says "copied" when the old copy command did copy', { timeout: 60_000 }, async () => {
    const server = await startServer();
    const browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'en-GB' });
    await context.addInitScript(withoutClipboard(true));
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByTestId('board-title-input').fill('Copy');
    await page.getByTestId('create-board').click();
    const row = page.locator('li').filter({ has: page.getByTestId('link-observer') });
    await row.getByTestId('copy-link').click();
    await expect.poll(() => row.getByTestId('copy-status').textContent()).toBe('Copied');
    await browser.close();
  });

  const network = firstNetworkAddress(os.networkInterfaces());
  it.skipIf(network === null)('with HOST=0.0.0.0 the links carry this machine’s network address, and no warning', { timeout: 60_000 }, async () => {
    const server = await startServer({ HOST: '0.0.0.0' });
    const board = await server.createBoard('LAN');
    expect(board.links.participant).toMatch(new RegExp(`^http://${network!.replaceAll('.', '\\.')}:${server.port}/b/`));
    const browser = await launchBrowser();
    const page = await (await browser.newContext({ locale: 'pl-PL' })).newPage();
    await page.goto(server.url);
    await page.getByTestId('board-title-input').fill('LAN');
    await page.getByTestId('create-board').click();
    await page.getByTestId('created-links').waitFor();
    expect(await page.getByTestId('link-participant').inputValue()).toContain(`http://${network}:`);
    expect(await page.getByTestId('local-link-warning').count()).toBe(0);
    await browser.close();
  });
});
