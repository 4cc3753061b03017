import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Page } from 'playwright-core';
import { createElement, createElements } from '../../shared/ops/elements';
import { elementsOf } from '../../shared/schema/doc';
import { browserUnavailable, launchBrowser, trackErrors } from '../helpers/browser';
import { clickOnBoard, openBoard, waitForElement } from '../helpers/board-page';
import { stockClient, synced, waitFor } from '../helpers/clients';
import { startServer } from '../helpers/server';

/** The browser's offline copy of a board (y-indexeddb's records), as one document. */
async function offlineCopy(page: Page, boardId: string): Promise<Y.Doc> {
  const records = await page.evaluate(
    (name) =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('updates')) return resolve([]);
          const all = db.transaction('updates').objectStore('updates').getAll();
          all.onerror = () => reject(all.error);
          all.onsuccess = () => resolve((all.result as Uint8Array[]).map((bytes) => btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(''))));
        };
      }),
    `warsztat:${boardId}`,
  );
  const doc = new Y.Doc();
  for (const record of records) Y.applyUpdate(doc, Buffer.from(record, 'base64'));
  return doc;
}

describe.skipIf(browserUnavailable() !== null)('the first sync of a big board in Chromium', () => {

  it('arrives whole (kept encoding and later changes), is kept offline, and later edits still reach the server', { timeout: 90_000 }, async () => {
    const server = await startServer();
    const board = await server.createBoard('Duża tablica');
    const helper = stockClient(server.wsUrl, board.id, board.tokens.facilitator);
    await synced(helper);
    // ≈ 200 KB: the server keeps it encoded for newcomers.
    const ids = createElements(helper.doc, Array.from({ length: 600 }, (_, i) => ({ type: 'note' as const, text: `Pomysł ${i}: ścieżka rowerowa nad Wisłą`, x: (i % 30) * 220, y: Math.floor(i / 30) * 220 })));
    const browser = await launchBrowser();

    // The first visitor makes the server encode the board; then it changes.
    const first = await openBoard(await browser.newContext({ locale: 'pl-PL', viewport: { width: 1280, height: 800 } }), board.links.participant, 'Ola');
    await first.waitForFunction(() => document.querySelector('[data-testid="element-count"]')?.getAttribute('data-count') === '600');
    elementsOf(helper.doc).get(ids[0]!)!.set('x', -700);
    elementsOf(helper.doc).delete(ids[1]!);
    const late = createElement(helper.doc, { type: 'note', text: 'dopisane później' });

    // A newcomer gets the kept encoding plus those changes.
    const context = await browser.newContext({ locale: 'pl-PL', viewport: { width: 1280, height: 800 } });
    const page = await openBoard(context, board.links.participant, 'Bartek');
    const errors = trackErrors(page);
    await waitForElement(page, `(e) => e.id === '${late}'`);
    await waitForElement(page, `(e) => e.id === '${ids[0]}' && e.x === -700`);
    await page.waitForFunction(() => document.querySelector('[data-testid="element-count"]')?.getAttribute('data-count') === '600');

    // The offline copy is written once the page is idle, and holds the whole board.
    let copy = new Y.Doc();
    for (const deadline = Date.now() + 10_000; Date.now() < deadline; await page.waitForTimeout(200)) {
      copy = await offlineCopy(page, board.id);
      if (elementsOf(copy).size === 600) break;
    }
    expect(elementsOf(copy).toJSON()).toEqual(elementsOf(helper.doc).toJSON());

    // Edits after the first sync go to the server and into the offline copy as before.
    await page.getByTestId('tool-note').click();
    await clickOnBoard(page, 0, 0);
    await page.getByTestId('text-editor').waitFor();
    await page.keyboard.type('nowa karteczka');
    await page.keyboard.press('Escape');
    const added = await waitForElement(page, `(e) => e.type === 'note' && e.text === 'nowa karteczka'`);
    await waitFor(() => elementsOf(helper.doc).has(added.id), 5000, 'the server to pass on the new note');
    for (const deadline = Date.now() + 5000; Date.now() < deadline; await page.waitForTimeout(200)) {
      copy = await offlineCopy(page, board.id);
      if (elementsOf(copy).has(added.id)) break;
    }
    expect(elementsOf(copy).has(added.id)).toBe(true);

    // Coming back: the offline copy is read first, the server sends only what it lacks.
    await page.reload();
    await page.locator('[data-testid="connection"][data-status="connected"]').waitFor();
    await waitForElement(page, `(e) => e.id === '${added.id}'`);
    await page.waitForFunction(() => document.querySelector('[data-testid="element-count"]')?.getAttribute('data-count') === '601');

    // With no room left in the browser for the offline copy (its writes fail unawaited inside
    // y-indexeddb), the page says so instead of failing silently; nothing surfaces as an error.
    await page.evaluate(() => {
      for (let i = 0; i < 3; i++) void Promise.reject(new DOMException('no room', 'QuotaExceededError'));
    });
    await page.getByTestId('notice').filter({ hasText: 'nie ma już miejsca na kopię tablicy offline' }).waitFor();
    expect(errors).toEqual([]);
  });
});
