import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createElement } from '../../shared/ops/elements';
import { elementsOf } from '../../shared/schema/doc';
import { browserUnavailable, launchBrowser, screenshot, trackErrors } from '../helpers/browser';
import { clickOnBoard, openBoard, toPage } from '../helpers/board-page';
import { stockClient, synced, waitFor } from '../helpers/clients';
import { controlClient } from '../helpers/control';
import { startServer, type TestServer } from '../helpers/server';

/** The SWOT frame as the workshop template draws it: four quadrant frames, a note in one. */
async function swotBoard(server: TestServer) {
  const board = await server.createBoard('Warsztat SWOT');
  const writer = stockClient(server.wsUrl, board.id, board.tokens.facilitator);
  await synced(writer);
  const swot = createElement(writer.doc, { type: 'frame', title: 'Analiza SWOT', x: 0, y: 0, w: 1000, h: 800 });
  const strengths = createElement(writer.doc, { type: 'frame', title: 'Mocne strony', x: 20, y: 40, w: 460, h: 340, parentId: swot });
  const weaknesses = createElement(writer.doc, { type: 'frame', title: 'Słabe strony', x: 520, y: 40, w: 460, h: 340, parentId: swot });
  const note = createElement(writer.doc, { type: 'note', text: 'Aktywne organizacje pozarządowe', x: 80, y: 120, parentId: strengths });
  const control = await controlClient(server.url, { boardId: board.id, token: board.tokens.facilitator, sessionId: 'prowadzaca' });
  return { board, writer, control, swot, strengths, weaknesses, note };
}

const count = (page: Page) => page.getByTestId('element-count').getAttribute('data-count');

async function fit(page: Page) {
  await page.evaluate(() => (window as never as { __warsztat: { editor: { zoomToFit(): void } } }).__warsztat.editor.zoomToFit());
}

describe.skipIf(browserUnavailable() !== null)('methods in the facilitator’s order, in Chromium', () => {

  it('a vote on the whole SWOT frame counts a quadrant’s note; on a phone a vote is cast and taken back by taps', { timeout: 90_000 }, async () => {
    const server = await startServer();
    const { board, control, swot, note } = await swotBoard(server);
    const browser = await launchBrowser();
    const phone = await openBoard(await browser.newContext({ locale: 'pl-PL', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }), board.links.participant, 'Jan');
    const errors = trackErrors(phone);
    await phone.waitForFunction(() => document.querySelector('[data-testid="element-count"]')?.getAttribute('data-count') === '4');
    expect(await control.send({ type: 'vote.start', title: 'Najważniejsze', frameId: swot, itemIds: null, votesPerPerson: 3 })).toEqual({ ok: true });
    const bar = phone.getByTestId('vote-bar');
    await bar.filter({ hasText: 'Zostało: 3' }).waitFor();
    await fit(phone);
    const at = await toPage(phone, 180, 220);
    await phone.touchscreen.tap(at.x, at.y);
    await bar.filter({ hasText: 'Zostało: 2' }).waitFor();
    await phone.getByTestId('vote-retract-mode').tap();
    await phone.touchscreen.tap(at.x, at.y);
    await bar.filter({ hasText: 'Zostało: 3' }).waitFor();
    await phone.getByRole('button', { name: 'Oddaj głos' }).tap();
    await phone.touchscreen.tap(at.x, at.y);
    await bar.filter({ hasText: 'Zostało: 2' }).waitFor();
    await screenshot(phone, 'method-flows-vote-phone');
    const closed = control.next<{ state: { rounds: { results: Record<string, number> }[] } }>('state');
    expect(await control.send({ type: 'vote.close' })).toEqual({ ok: true });
    expect((await closed).state.rounds.at(-1)!.results).toEqual({ [note]: 1 });
    expect(errors).toEqual([]);
  });

  it('a locked frame refuses a new note and says why; a private frame turns a note at its edge into a hidden draft', { timeout: 90_000 }, async () => {
    const server = await startServer();
    const { board, control, writer, swot, weaknesses } = await swotBoard(server);
    const browser = await launchBrowser();
    const page = await openBoard(await browser.newContext({ locale: 'pl-PL', viewport: { width: 1280, height: 800 } }), board.links.participant, 'Maria');
    const errors = trackErrors(page);
    await page.waitForFunction(() => document.querySelector('[data-testid="element-count"]')?.getAttribute('data-count') === '4');
    await fit(page);

    expect(await control.send({ type: 'lock.frame', frameId: swot, locked: true })).toEqual({ ok: true });
    await page.waitForFunction(() => {
      const editor = (window as never as { __warsztat: { editor: { isLockedArea(r: object): boolean } } }).__warsztat.editor;
      return editor.isLockedArea({ x: 10, y: 10, w: 1, h: 1 });
    });
    await page.keyboard.press('n');
    await clickOnBoard(page, 700, 600);
    await page.getByTestId('notice').filter({ hasText: 'Ramka jest zablokowana' }).waitFor();
    expect(await count(page)).toBe('4');
    await screenshot(page, 'method-flows-locked');
    expect(await control.send({ type: 'lock.frame', frameId: swot, locked: false })).toEqual({ ok: true });

    expect(await control.send({ type: 'private.set', frameId: weaknesses, on: true })).toEqual({ ok: true });
    await page.waitForFunction(() => document.body.textContent?.includes('widzisz tylko Ty') ?? false);
    await page.keyboard.press('n');
    // Just left of the quadrant: the new note's box reaches across its edge.
    await clickOnBoard(page, 500, 200);
    await page.getByTestId('draft-text').fill('Słaby transport publiczny');
    await page.getByTestId('draft-save').click();
    await page.getByTestId('draft-text').waitFor({ state: 'detached' });
    expect(await count(page)).toBe('4');
    // The hidden note reached the server as a draft (an ordered marker: the board's edits before it arrived first).
    const room = server.warsztat.rooms.peek(board.id)!;
    await waitFor(() => JSON.stringify(room.facilitation.drafts).includes('Słaby transport publiczny'), 5000, 'the draft on the server');
    expect(elementsOf(room.doc).size).toBe(4);
    expect(elementsOf(writer.doc).size).toBe(4);
    expect(errors).toEqual([]);
  });

  it('on another device the share panel explains the unknown link, and replacing it always asks first and says who loses access', { timeout: 90_000 }, async () => {
    const server = await startServer();
    const { board } = await swotBoard(server);
    const browser = await launchBrowser();
    const page = await openBoard(await browser.newContext({ locale: 'pl-PL', viewport: { width: 1280, height: 800 } }), board.links.facilitator, 'Prowadząca');
    const errors = trackErrors(page);
    const panel = page.getByTestId('facilitator-panel');
    await panel.getByText('Ten link zna tylko urządzenie, na którym utworzono tablicę', { exact: false }).first().waitFor();
    const participantStillValid = async () => (await fetch(`${server.url}/api/boards/${board.id}`, { headers: { authorization: `Bearer ${board.tokens.participant}` } })).status;
    const replace = panel.getByRole('button', { name: 'Wymień link' }).first();
    const asked: string[] = [];
    page.once('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.dismiss();
    });
    await replace.click();
    await expect.poll(() => asked.length).toBe(1);
    expect(asked[0]).toContain('stracą dostęp');
    expect(await participantStillValid()).toBe(200);
    page.once('dialog', (dialog) => void dialog.accept());
    await replace.click();
    await page.getByTestId('share-participant').waitFor();
    expect(await page.getByTestId('share-participant').inputValue()).toContain(`/b/${board.id}#token=`);
    expect(await participantStillValid()).toBe(401);
    await screenshot(page, 'method-flows-share-replaced');
    expect(errors).toEqual([]);
  });

  it('a phase can be previewed by the facilitator alone: nobody moves, the phase stays, no version is saved', { timeout: 90_000 }, async () => {
    const server = await startServer();
    const { board, control, swot } = await swotBoard(server);
    expect(await control.send({ type: 'agenda.set', phases: [{ id: 'p1', title: 'Analiza SWOT', frameId: swot, minutes: 10 }] })).toEqual({ ok: true });
    const browser = await launchBrowser();
    const page = await openBoard(await browser.newContext({ locale: 'pl-PL', viewport: { width: 1280, height: 800 } }), board.links.facilitator, 'Prowadząca');
    const errors = trackErrors(page);
    await page.evaluate(() => (window as never as { __warsztat: { editor: { setViewport(v: object): void } } }).__warsztat.editor.setViewport({ x: 3000, y: 3000, scale: 1 }));
    const preview = page.getByRole('button', { name: 'Podgląd etapu „Analiza SWOT” (tylko u Ciebie)' });
    await preview.click();
    // The SWOT frame (0,0 1000×800) is now in the facilitator's view.
    await page.waitForFunction(() => {
      const { editor } = (window as never as { __warsztat: { editor: { viewCenter(): { x: number; y: number } } } }).__warsztat;
      const c = editor.viewCenter();
      return Math.abs(c.x - 500) < 80 && Math.abs(c.y - 400) < 80;
    });
    // An ordered marker: a command after the click has been answered, so anything the click sent has been too.
    expect(await control.send({ type: 'timer.start', seconds: 60 })).toEqual({ ok: true });
    expect(server.warsztat.rooms.peek(board.id)!.facilitation.state.currentPhase).toBeNull();
    expect(await server.warsztat.store.listSnapshots(board.id)).toEqual([]);
    expect(await page.getByRole('button', { name: 'Przejdź do etapu „Analiza SWOT” ze wszystkimi (zapisuje wersję)' }).count()).toBe(1);
    expect(errors).toEqual([]);
  });
});
