import { describe, expect, it } from 'vitest';
import { connectorPath } from '../../shared/geometry/elements';
import type { Element, ElementOf } from '../../shared/schema/elements';
import { browserUnavailable, launchBrowser, screenshot, trackErrors } from '../helpers/browser';
import { clickOnBoard, dragOnBoard, elementsOn, openBoard, painted, toPage, waitForElement } from '../helpers/board-page';
import { startServer } from '../helpers/server';

const POLISH = 'zażółć gęślą jaźń';

function pathOf(elements: Element[], id: string): number[] {
  const byId = new Map(elements.map((e) => [e.id, e]));
  return connectorPath(byId.get(id) as ElementOf<'connector'>, (x) => byId.get(x));
}

describe.skipIf(browserUnavailable() !== null)('two people on one canvas in Chromium', () => {
  it('typing, moving, per-user undo, offline editing and connectors all converge', { timeout: 90_000 }, async () => {
    const server = await startServer();
    const board = await server.createBoard('Drzewo problemów');
    const browser = await launchBrowser();
    const contextA = await browser.newContext({ locale: 'pl-PL', viewport: { width: 1280, height: 800 } });
    const contextB = await browser.newContext({ locale: 'pl-PL', viewport: { width: 1280, height: 800 } });
    const a = await openBoard(contextA, board.links.facilitator, 'Anna');
    const b = await openBoard(contextB, board.links.participant, 'Bartek');
    const errors = [...trackErrors(a), ...trackErrors(b)];

    // A adds a note and types Polish text; B sees it within a second.
    await a.getByTestId('tool-note').click();
    await clickOnBoard(a, 0, 0);
    await a.getByTestId('text-editor').waitFor();
    await a.keyboard.type(POLISH);
    await a.keyboard.press('Escape');
    const started = Date.now();
    const note = await waitForElement(b, `(e) => e.type === 'note' && e.text === ${JSON.stringify(POLISH)}`, 1000);
    expect(Date.now() - started).toBeLessThan(1000);

    // A recolours it (A's latest change); B then drags it; A sees the move.
    await a.getByRole('button', { name: '#fca5a5' }).click();
    await waitForElement(b, `(e) => e.id === '${note.id}' && e.color === '#fca5a5'`);
    await dragOnBoard(b, { x: note.x + 100, y: note.y + 100 }, { x: note.x + 400, y: note.y + 150 });
    // The drag is over when B's mouse is up; A must then see exactly where B left it.
    const final = (await elementsOn(b)).find((e) => e.id === note.id)!;
    expect(final.x).toBeGreaterThan(note.x + 250);
    expect(final.y).toBeGreaterThan(note.y + 20);
    const moved = await waitForElement(a, `(e) => e.id === '${note.id}' && e.x === ${final.x} && e.y === ${final.y}`);

    // A's undo takes back A's colour and leaves B's move alone.
    await a.locator('[data-testid="canvas"]').focus();
    await a.keyboard.press('Control+z');
    const undone = await waitForElement(a, `(e) => e.id === '${note.id}' && e.color === '#fde68a'`);
    expect([undone.x, undone.y]).toEqual([moved.x, moved.y]);
    await waitForElement(b, `(e) => e.id === '${note.id}' && e.color === '#fde68a' && e.x === ${moved.x}`);

    // Both cursors on one board: what B sees.
    const pointA = await toPage(a, moved.x + 50, moved.y + 260);
    await a.mouse.move(pointA.x, pointA.y);
    await b.waitForFunction(() => document.querySelectorAll('.presence .avatar').length === 2);
    await painted(b);
    await screenshot(b, 'board-two-cursors');

    // A goes offline and keeps working; B works too; after reconnecting both converge.
    await contextA.setOffline(true);
    await a.locator('[data-testid="connection"][data-status="disconnected"]').waitFor();
    await a.getByTestId('tool-rect').click();
    await clickOnBoard(a, -400, 300);
    await b.getByTestId('tool-ellipse').click();
    await clickOnBoard(b, 400, 300);
    await waitForElement(a, `(e) => e.type === 'rect'`);
    await waitForElement(b, `(e) => e.type === 'ellipse'`);
    // A is offline: its rectangle has no way to B until it reconnects.
    expect((await elementsOn(b)).some((e) => e.type === 'rect')).toBe(false);
    await contextA.setOffline(false);
    await waitForElement(b, `(e) => e.type === 'rect'`, 10_000);
    await waitForElement(a, `(e) => e.type === 'ellipse'`, 10_000);
    expect((await elementsOn(a)).map((e) => e.id).sort()).toEqual((await elementsOn(b)).map((e) => e.id).sort());

    // A connects the note to the rectangle; when B moves the note, A's line follows it.
    const rect = (await elementsOn(a)).find((e) => e.type === 'rect')!;
    await a.getByTestId('tool-connector').click();
    await dragOnBoard(a, { x: moved.x + 100, y: moved.y + 100 }, { x: rect.x + rect.w / 2, y: rect.y + rect.h / 2 });
    const connector = await waitForElement(b, `(e) => e.type === 'connector' && e.from === '${note.id}' && e.to === '${rect.id}'`);
    const before = pathOf(await elementsOn(a), connector.id);
    await b.getByTestId('tool-select').click();
    await dragOnBoard(b, { x: moved.x + 100, y: moved.y + 100 }, { x: moved.x + 100, y: moved.y - 200 });
    await waitForElement(a, `(e) => e.id === '${note.id}' && e.y < ${moved.y - 150}`);
    const after = pathOf(await elementsOn(a), connector.id);
    expect(after[1]! - before[1]!).toBeLessThan(-100); // the start rose with the note
    expect(Math.abs(after[after.length - 2]! - before[before.length - 2]!)).toBeLessThan(200); // the end stays on the rectangle
    await screenshot(a, 'board-connector-followed');
    expect(errors).toEqual([]);
  });
});
