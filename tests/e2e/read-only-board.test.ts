import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { metaOf } from '../../shared/schema/doc';
import { browserUnavailable, launchBrowser, trackErrors } from '../helpers/browser';
import { clickOnBoard, openBoard } from '../helpers/board-page';
import { startServer } from '../helpers/server';

describe.skipIf(browserUnavailable() !== null)('a board saved by a newer Warsztat, in Chromium', () => {
  let closeBrowser: () => Promise<void> = async () => {};
  afterAll(() => closeBrowser());

  it('opens read-only with a message, and is editable again once a version is restored', { timeout: 90_000 }, async () => {
    const server = await startServer();
    const board = await server.createBoard('Tablica z przyszłości');
    const headers = { authorization: `Bearer ${board.tokens.facilitator}`, 'content-type': 'application/json' };
    const saved = await fetch(`${server.url}/api/boards/${board.id}/versions`, { method: 'POST', headers, body: JSON.stringify({ name: 'przed' }) });
    const { version } = (await saved.json()) as { version: { id: string } };
    const stored = new Y.Doc();
    Y.applyUpdate(stored, Y.mergeUpdates((await server.warsztat.store.loadUpdates(board.id)).map((u) => u.data)));
    const before = Y.encodeStateVector(stored);
    metaOf(stored).set('schemaVersion', 999);
    await server.warsztat.store.append([{ boardId: board.id, updates: [Y.encodeStateAsUpdate(stored, before)] }]);

    const browser = await launchBrowser();
    closeBrowser = () => browser.close();
    const page = await openBoard(await browser.newContext({ locale: 'pl-PL', viewport: { width: 1280, height: 800 } }), board.links.facilitator, 'Prowadząca');
    const errors = trackErrors(page);
    const banner = page.getByTestId('read-only-board');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('nowsza wersja Warsztatu');
    await page.screenshot({ path: 'test-results/read-only-board.png' });
    await page.keyboard.press('n');
    await clickOnBoard(page, 150, 300);
    const count = () => page.getByTestId('element-count').getAttribute('data-count');
    expect(await count()).toBe('0');

    const restored = await fetch(`${server.url}/api/boards/${board.id}/versions/${version.id}/restore`, { method: 'POST', headers, body: '{}' });
    expect(restored.status).toBe(200);
    await banner.waitFor({ state: 'detached' });
    await page.keyboard.press('n');
    await clickOnBoard(page, 150, 300);
    await page.waitForFunction(() => document.querySelector('[data-testid="element-count"]')?.getAttribute('data-count') === '1');
    expect(errors).toEqual([]);
  });
});
