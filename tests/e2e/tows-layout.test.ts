import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createElements } from '../../shared/ops/elements';
import { addStrategy, buildTows, TOWS_GEOMETRY } from '../../shared/methods/tows-ops';
import { elementsOf } from '../../shared/schema/doc';
import { toPlain } from '../../shared/schema/plain';
import { browserUnavailable, launchBrowser, screenshot, trackErrors } from '../helpers/browser';
import { clickOnBoard, openBoard, waitForElement } from '../helpers/board-page';
import { startServer } from '../helpers/server';

type Frame = { id: string; method: string | null; x: number; y: number; w: number; h: number; parentId: string | null };
type Warsztat = { __warsztat: { editor: { setViewport(v: object): void; state: { selection: Set<string> } } } };

const setView = (page: Page, view: { x: number; y: number; scale: number }) => page.evaluate((v) => (window as never as Warsztat).__warsztat.editor.setViewport(v), view);
const selection = (page: Page) => page.evaluate(() => [...(window as never as Warsztat).__warsztat.editor.state.selection]);

describe.skipIf(browserUnavailable() !== null)('TOWS laid out so that it reads, in Chromium', () => {
  let closeBrowser: () => Promise<void> = async () => {};
  afterAll(() => closeBrowser());

  it('cell titles, S/O labels and strategies do not overlap at any zoom, and a click in a cell picks the cell', { timeout: 90_000 }, async () => {
    const server = await startServer();
    const board = await server.createBoard('SWOT i TOWS – Nowe Miasto', { template: 'swot', locale: 'pl' });
    const cells = await server.warsztat.rooms.withRoom(board.id, async (room) => {
      const frames = [...elementsOf(room.doc).values()].map((e) => toPlain(e) as Frame).filter((e) => (e as { type?: string }).type === 'frame');
      const swot = frames.find((f) => f.method === 'swot')!;
      const texts: Record<string, string[]> = {
        'swot-s': ['Aktywne organizacje pozarządowe działające od lat na rzecz mieszkańców', 'Położenie przy drodze krajowej', 'Zabytkowy rynek'],
        'swot-w': ['Odpływ młodych ludzi do dużych miast i za granicę', 'Słaba oferta kulturalna', 'Brak terenów inwestycyjnych'],
        'swot-o': ['Fundusze unijne na lata 2021–2027 dla małych miast', 'Rozwój turystyki rowerowej', 'Praca zdalna'],
        'swot-t': ['Starzenie się społeczeństwa', 'Konkurencja sąsiednich gmin o inwestorów', 'Rosnące koszty energii'],
      };
      for (const [method, list] of Object.entries(texts)) {
        const q = frames.find((f) => f.method === method)!;
        createElements(room.doc, list.map((text, i) => ({ type: 'note', text, x: q.x + 20 + i * 190, y: q.y + 60, parentId: q.id })));
      }
      const built = buildTows(room.doc, swot.id, []);
      for (let i = 0; i < 4; i++) addStrategy(room.doc, built.cells['tows-so'], `Strategia numer ${i + 1}: wykorzystać aktywność organizacji i fundusze unijne do przyciągnięcia młodych rodzin`, []);
      await room.whenDurable();
      return [...elementsOf(room.doc).values()].map((e) => toPlain(e) as Frame).filter((e) => e.method?.startsWith('tows-'));
    });
    const browser = await launchBrowser();
    closeBrowser = () => browser.close();
    const page = await openBoard(await browser.newContext({ locale: 'pl-PL', viewport: { width: 1280, height: 800 } }), board.links.participant, 'Ewa');
    const errors = trackErrors(page);
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="element-count"]')?.getAttribute('data-count')) > 30);
    const so = cells.find((c) => c.method === 'tows-so')!;
    const st = cells.find((c) => c.method === 'tows-st')!;
    for (const scale of [0.3, 0.45, 0.6, 1]) {
      await setView(page, { scale, x: 640 - (so.x + 620) * scale, y: 400 - (so.y + 540) * scale });
      await screenshot(page, `tows-layout-${Math.round(scale * 100)}`);
    }
    // The S/O labels end above the first row of strategies, in every cell.
    const g = TOWS_GEOMETRY;
    expect(g.ref.top + 3 * g.ref.h).toBeLessThanOrEqual(g.strategy.top);
    // A note put in a cell's empty part belongs to that cell, not to the whole TOWS frame.
    await setView(page, { scale: 0.6, x: 640 - (so.x + 620) * 0.6, y: 400 - (so.y + 540) * 0.6 });
    await page.getByTestId('canvas').focus();
    await page.keyboard.press('n');
    await clickOnBoard(page, st.x + st.w / 2, st.y + st.h / 2 + 60);
    const note = await waitForElement(page, "(e) => e.type === 'note' && e.parentId !== null && !e.text");
    expect(note.parentId).toBe(st.id);
    await page.keyboard.press('Escape');
    // Zoomed out, a cell's title picks the cell.
    await setView(page, { scale: 0.3, x: 640 - (so.x + 620) * 0.3, y: 400 - (so.y + 540) * 0.3 });
    await clickOnBoard(page, st.x + 60 / 0.3, st.y - 10 / 0.3);
    await expect.poll(() => selection(page)).toEqual([st.id]);
    expect(errors).toEqual([]);
  });
});
