import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createElements } from '../../shared/ops/elements';
import { browserUnavailable, launchBrowser, screenshot, trackErrors } from '../helpers/browser';
import { openBoard, toPage } from '../helpers/board-page';
import { stockClient, synced } from '../helpers/clients';
import { startServer } from '../helpers/server';

interface View {
  x: number;
  y: number;
  scale: number;
}
const viewOf = (page: Page) => page.evaluate(() => (window as never as { __warsztat: { editor: { state: { viewport: View } } } }).__warsztat.editor.state.viewport);
const setView = (page: Page, view: View) => page.evaluate((v) => (window as never as { __warsztat: { editor: { setViewport(v: View): void } } }).__warsztat.editor.setViewport(v), view);

/** Dark pixels a layer's canvas (0: the board's, 1: the overlay) has in a screen box: where titles are drawn. */
function inkOn(page: Page, layer: 0 | 1, box: { x: number; y: number; w: number; h: number }): Promise<number> {
  return page.evaluate(([index, b]) => {
    const canvases = [...document.querySelectorAll<HTMLCanvasElement>('[data-testid="canvas"] .konvajs-content canvas')].filter((c) => !c.dataset.testid);
    const overlay = canvases[index]!;
    const ratio = overlay.width / overlay.getBoundingClientRect().width;
    const data = overlay.getContext('2d')!.getImageData(Math.round(b.x * ratio), Math.round(b.y * ratio), Math.round(b.w * ratio), Math.round(b.h * ratio)).data;
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i + 3]! > 128 && data[i]! < 120) ink++;
    return ink;
  }, [layer, box] as const);
}

describe.skipIf(browserUnavailable() !== null)('a board seen from afar in Chromium', () => {
  let closeBrowser: () => Promise<void> = async () => {};
  afterAll(() => closeBrowser());

  it('frame titles stay legible at screen size, and a note placed from afar is typed into close up', { timeout: 60_000 }, async () => {
    const server = await startServer();
    const board = await server.createBoard('Z daleka');
    const helper = stockClient(server.wsUrl, board.id, board.tokens.facilitator);
    await synced(helper);
    createElements(helper.doc, [
      { type: 'frame', title: 'Mapa interesariuszy', x: 0, y: 0, w: 4000, h: 3000 },
      { type: 'frame', title: 'Drzewo problemów', x: 4400, y: 0, w: 4000, h: 3000 },
    ]);
    const browser = await launchBrowser();
    closeBrowser = () => browser.close();
    const page = await openBoard(await browser.newContext({ locale: 'pl-PL', viewport: { width: 1280, height: 800 } }), board.links.participant, 'Ola');
    const errors = trackErrors(page);
    await page.waitForFunction(() => document.querySelector('[data-testid="element-count"]')?.getAttribute('data-count') === '2');

    // From afar (10 %) the title is drawn at screen size above the frame.
    await setView(page, { x: 100, y: 200, scale: 0.1 });
    await expect.poll(() => inkOn(page, 0, { x: 100, y: 200 - 20, w: 130, h: 18 })).toBeGreaterThan(50);
    await screenshot(page, 'zoomed-out-frame-titles');
    // Its title picks it; dragged, it takes its title along (drawn on the overlay while it moves).
    const body = await toPage(page, 500, -100);
    await page.mouse.move(body.x, body.y);
    await page.mouse.down();
    await page.mouse.move(body.x, body.y + 150, { steps: 6 });
    await expect.poll(() => inkOn(page, 1, { x: 100, y: 350 - 20, w: 130, h: 18 })).toBeGreaterThan(50);
    expect(await inkOn(page, 0, { x: 100, y: 200 - 20, w: 130, h: 18 })).toBe(0);
    await page.mouse.up();
    await expect.poll(() => inkOn(page, 0, { x: 100, y: 350 - 20, w: 130, h: 18 })).toBeGreaterThan(50);

    // Just inside the frame's top, away from its title, a drag selects by marquee: the frame stays.
    const frameBefore = await page.evaluate(() => (window as never as { __warsztat: { editor: { store: { ofType(t: string): { x: number; y: number }[] } } } }).__warsztat.editor.store.ofType('frame')[0]!);
    const inside = await toPage(page, 2500, frameBefore.y + 150);
    await page.mouse.move(inside.x, inside.y);
    await page.mouse.down();
    await page.mouse.move(inside.x + 60, inside.y + 60, { steps: 4 });
    await page.mouse.up();
    const frameAfter = await page.evaluate(() => (window as never as { __warsztat: { editor: { store: { ofType(t: string): { x: number; y: number }[] } } } }).__warsztat.editor.store.ofType('frame')[0]!);
    expect(frameAfter).toMatchObject({ x: frameBefore.x, y: frameBefore.y });

    // A note placed at 10 % brings the view close enough to read what is typed.
    await setView(page, { x: 100, y: 200, scale: 0.1 });
    await page.keyboard.press('n');
    const at = await toPage(page, 2000, 3600);
    await page.mouse.click(at.x, at.y);
    await page.getByTestId('text-editor').waitFor();
    const view = await viewOf(page);
    expect(view.scale * 16).toBeGreaterThanOrEqual(14);
    await page.keyboard.type('Zażółć gęślą jaźń');
    const fontSize = await page.getByTestId('text-editor').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    expect(fontSize).toBeGreaterThanOrEqual(14);
    // The text is typed where the note is.
    const note = await page.evaluate(() => (window as never as { __warsztat: { editor: { store: { ofType(t: string): { x: number; y: number }[] } } } }).__warsztat.editor.store.ofType('note')[0]!);
    const corner = await toPage(page, note.x, note.y);
    const box = (await page.getByTestId('text-editor').boundingBox())!;
    expect(box.x).toBeCloseTo(corner.x, 0);
    expect(box.y).toBeCloseTo(corner.y, 0);
    await screenshot(page, 'zoomed-out-typing');
    await page.keyboard.press('Escape');

    // A trackpad pinch in Safari arrives as gesture events with the scale since it began.
    const before = await viewOf(page);
    await page.getByTestId('canvas').evaluate((canvas) => {
      const send = (type: string, scale: number) => canvas.dispatchEvent(Object.assign(new Event(type, { cancelable: true }), { scale, clientX: 400, clientY: 300 }));
      send('gesturestart', 1);
      send('gesturechange', 1.5);
      send('gesturechange', 2);
      send('gestureend', 2);
    });
    expect((await viewOf(page)).scale).toBeCloseTo(before.scale * 2, 5);
    expect(errors).toEqual([]);
  });
});
