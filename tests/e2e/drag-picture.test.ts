import { describe, expect, it } from 'vitest';
import { createElements } from '../../shared/ops/elements';
import { elementsOf } from '../../shared/schema/doc';
import { browserUnavailable, launchBrowser, screenshot, trackErrors } from '../helpers/browser';
import { elementsOn, openBoard, painted, toPage } from '../helpers/board-page';
import { stockClient, synced } from '../helpers/clients';
import { startServer } from '../helpers/server';

describe.skipIf(browserUnavailable() !== null)('dragging shows the carried elements as a moving picture in Chromium', () => {

  it('the picture follows the mouse, the note lands where it was dropped, and connectors that must follow are still redrawn', { timeout: 60_000 }, async () => {
    const server = await startServer();
    const board = await server.createBoard('Przeciąganie');
    const helper = stockClient(server.wsUrl, board.id, board.tokens.facilitator);
    await synced(helper);
    const [free, left, right] = createElements(helper.doc, [
      { type: 'note', text: 'Swobodna karteczka', x: 0, y: 0 },
      { type: 'note', text: 'Przyczyna', x: 0, y: 400 },
      { type: 'note', text: 'Skutek', x: 500, y: 400 },
    ]);
    createElements(helper.doc, [{ type: 'connector', from: left, to: right }]);
    const browser = await launchBrowser();
    const page = await openBoard(await browser.newContext({ locale: 'pl-PL', viewport: { width: 1280, height: 800 } }), board.links.participant, 'Ola');
    const errors = trackErrors(page);
    await page.waitForFunction(() => document.querySelector('[data-testid="element-count"]')?.getAttribute('data-count') === '4');
    const scale = await page.evaluate(() => (window as never as { __warsztat: { editor: { state: { viewport: { scale: number } } } } }).__warsztat.editor.state.viewport.scale);
    const picture = page.getByTestId('floating-lift');

    // A note on its own: carried as a picture that moves with the mouse.
    const start = await toPage(page, 100, 100);
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move(start.x + 40, start.y + 20, { steps: 4 });
    await picture.waitFor();
    const before = (await picture.boundingBox())!;
    await page.mouse.move(start.x + 140, start.y + 70, { steps: 6 });
    await expect.poll(async () => Math.round((await picture.boundingBox())!.x - before.x)).toBe(100);
    const after = (await picture.boundingBox())!;
    expect(after.y - before.y).toBeCloseTo(50, 0);
    await screenshot(page, 'drag-picture');
    await page.mouse.up();
    await expect.poll(() => picture.count()).toBe(0);
    const moved = (await elementsOn(page)).find((e) => e.id === free)!;
    // It lands where the picture last showed it (the picture has a 6 px margin)…
    const landed = await toPage(page, moved.x, moved.y);
    expect(Math.abs(landed.x - (after.x + 6))).toBeLessThanOrEqual(1);
    // …which is where the mouse took it (less the few pixels before a press becomes a drag).
    expect(Math.abs(moved.x - 140 / scale)).toBeLessThan(5);
    expect(Math.abs(moved.y - 70 / scale)).toBeLessThan(5);

    // Resizing it draws it live: no picture, and the note grows under the mouse.
    const corner = await toPage(page, moved.x + moved.w, moved.y + moved.h);
    await page.mouse.move(corner.x, corner.y);
    await page.mouse.down();
    await page.mouse.move(corner.x + 60, corner.y + 40, { steps: 6 });
    await painted(page);
    expect(await picture.count()).toBe(0);
    await page.mouse.up();
    const resized = (await elementsOn(page)).find((e) => e.id === free)!;
    expect(resized.w).toBeGreaterThan(moved.w + 30);

    // Someone else recolours the note while it is carried: the picture gives way to the live drawing.
    const middle = await toPage(page, resized.x + resized.w / 2, resized.y + resized.h / 2);
    await page.mouse.move(middle.x, middle.y);
    await page.mouse.down();
    await page.mouse.move(middle.x + 30, middle.y + 10, { steps: 4 });
    await picture.waitFor();
    elementsOf(helper.doc).get(free!)!.set('color', '#93c5fd');
    await expect.poll(() => picture.count()).toBe(0);
    await page.mouse.move(middle.x + 80, middle.y + 30, { steps: 4 });
    await page.mouse.up();
    const recoloured = (await elementsOn(page)).find((e) => e.id === free)!;
    expect(recoloured.type === 'note' && recoloured.color).toBe('#93c5fd');
    expect(Math.abs(recoloured.x - (resized.x + 80 / scale))).toBeLessThan(5);

    // A note joined to one that stays: no picture, the connector is redrawn as it moves.
    const cause = await toPage(page, 100, 500);
    await page.mouse.move(cause.x, cause.y);
    await page.mouse.down();
    await page.mouse.move(cause.x + 30, cause.y + 60, { steps: 6 });
    await painted(page);
    expect(await picture.count()).toBe(0);
    await page.mouse.up();
    const afterJoin = (await elementsOn(page)).find((e) => e.id === left)!;
    expect(Math.abs(afterJoin.y - (400 + 60 / scale))).toBeLessThan(5);

    // Both joined notes together (marquee: the connector comes along whole): one picture, moving.
    const all = await elementsOn(page);
    const [a, b] = [all.find((e) => e.id === left)!, all.find((e) => e.id === right)!];
    const corner1 = await toPage(page, Math.min(a.x, b.x) - 30, Math.min(a.y, b.y) - 30);
    const corner2 = await toPage(page, Math.max(a.x + a.w, b.x + b.w) + 30, Math.max(a.y + a.h, b.y + b.h) + 30);
    await page.mouse.move(corner1.x, corner1.y);
    await page.mouse.down();
    await page.mouse.move(corner2.x, corner2.y, { steps: 5 });
    await page.mouse.up();
    const pair = await toPage(page, b.x + b.w / 2, b.y + b.h / 2);
    await page.mouse.move(pair.x, pair.y);
    await page.mouse.down();
    await page.mouse.move(pair.x + 20, pair.y - 20, { steps: 4 });
    await picture.waitFor();
    const pairBefore = (await picture.boundingBox())!;
    await page.mouse.move(pair.x + 70, pair.y - 70, { steps: 5 });
    await expect.poll(async () => Math.round((await picture.boundingBox())!.x - pairBefore.x)).toBe(50);
    await page.mouse.up();
    const movedPair = (await elementsOn(page)).filter((e) => e.id === left || e.id === right);
    expect(movedPair.every((e) => Math.abs(e.y - ((e.id === left ? a.y : b.y) - 70 / scale)) < 5)).toBe(true);
    expect(errors).toEqual([]);
  });
});
