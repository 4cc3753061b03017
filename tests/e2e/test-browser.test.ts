import { describe, expect, it } from 'vitest';
import { browserUnavailable, launchBrowser } from '../helpers/browser';

describe.skipIf(browserUnavailable() !== null)('the Chromium the browser tests share', () => {
  it('opens nothing but the test’s pages (no preloaded omnibox popup: it doubled the cost of every page)', async () => {
    const browser = await launchBrowser();
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.setContent('<p>Warsztat</p>');
    const session = await browser.newBrowserCDPSession();
    const { targetInfos } = (await session.send('Target.getTargets')) as { targetInfos: { type: string; url: string }[] };
    await session.detach();
    expect(targetInfos.filter((t) => t.type !== 'page').map((t) => `${t.type} ${t.url}`)).toEqual([]);
  });
});
