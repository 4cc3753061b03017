import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createElements } from '../../shared/ops/elements';
import { elementsOf } from '../../shared/schema/doc';
import { toPlain } from '../../shared/schema/plain';
import { cardPosition } from '../../shared/methods/stakeholders';
import { STAKEHOLDER_CARD } from '../../shared/methods/stakeholder-import';
import { browserUnavailable, launchBrowser, screenshot, trackErrors } from '../helpers/browser';
import { openBoard } from '../helpers/board-page';
import { startServer } from '../helpers/server';

type Frame = { id: string; x: number; y: number; w: number; h: number };
type Warsztat = { __warsztat: { editor: { zoomToElement(id: string): boolean; state: { viewport: { scale: number } } } } };

/**
 * Pixels of the labels' text colour (#0c4a6e) on the board's canvases: zoomed out, cards draw
 * no text of their own, so these are the names written over the map.
 */
function labelTextPixels(page: Page): Promise<number> {
  return page.evaluate(() => {
    let count = 0;
    for (const canvas of document.querySelectorAll<HTMLCanvasElement>('[data-testid="canvas"] canvas')) {
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i]! - 12) < 30 && Math.abs(data[i + 1]! - 74) < 30 && Math.abs(data[i + 2]! - 110) < 30 && data[i + 3]! > 200) count++;
    }
    return count;
  });
}

describe.skipIf(browserUnavailable() !== null)('the stakeholder map zoomed out, in Chromium', () => {
  let closeBrowser: () => Promise<void> = async () => {};
  afterAll(() => closeBrowser());

  it('40 stakeholders fitted to the screen show their names; cards with equal scores are named together; the table shows a card on its map', { timeout: 90_000 }, async () => {
    const server = await startServer();
    const board = await server.createBoard('Mapa interesariuszy – Nowe Miasto', { template: 'stakeholder-map', locale: 'pl' });
    const frame = await server.warsztat.rooms.withRoom(board.id, async (room) => {
      const map = [...elementsOf(room.doc).values()].map((e) => toPlain(e)).find((e) => e.method === 'stakeholders') as Frame;
      // Five pairs share their scores exactly: on the map they lie on top of each other.
      const scores = Array.from({ length: 40 }, (_, i) => (i < 10 ? { influence: 7, engagement: 2 + Math.floor(i / 2) } : { influence: (i * 37) % 11, engagement: (i * 53) % 11 }));
      createElements(room.doc, scores.map((s, i) => ({ type: 'stakeholder', name: `Interesariusz ${i + 1}`, ...s, ...cardPosition(map, s, STAKEHOLDER_CARD), parentId: map.id })));
      await room.whenDurable();
      return map;
    });
    const browser = await launchBrowser();
    closeBrowser = () => browser.close();
    const page = await openBoard(await browser.newContext({ locale: 'pl-PL', viewport: { width: 1024, height: 600 } }), board.links.participant, 'Ewa');
    const errors = trackErrors(page);
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="element-count"]')?.getAttribute('data-count')) >= 46);
    await page.evaluate((id) => (window as never as Warsztat).__warsztat.editor.zoomToElement(id), frame.id);
    const scale = await page.evaluate(() => (window as never as Warsztat).__warsztat.editor.state.viewport.scale);
    expect(scale).toBeLessThan(0.4);
    // Forty names of 12 px text: well over a hundred text pixels each.
    await expect.poll(() => labelTextPixels(page), { timeout: 10_000 }).toBeGreaterThan(40 * 100);
    await screenshot(page, 'stakeholder-map-zoomed-out');

    // The table's name shows the card on its map, fitted, not blown up alone; the table closes.
    await page.getByTestId('methods-toggle').click();
    await page.getByTestId('open-stakeholder-table').click();
    await page.getByTestId('stakeholder-table').getByRole('button', { name: 'Interesariusz 17', exact: true }).click();
    await page.getByTestId('stakeholder-table').waitFor({ state: 'detached' });
    // Fitted beside the open panel: a little smaller than before, nowhere near 200 %.
    const shown = await page.evaluate(() => (window as never as Warsztat).__warsztat.editor.state.viewport.scale);
    expect(shown).toBeLessThanOrEqual(scale);
    expect(shown).toBeGreaterThan(scale / 2);
    await screenshot(page, 'stakeholder-map-from-table');
    expect(errors).toEqual([]);
  });
});
