import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createElements, putIntoFrame } from '../../shared/ops/elements';
import { elementsOf } from '../../shared/schema/doc';
import { browserUnavailable, launchBrowser, screenshot, trackErrors } from '../helpers/browser';
import { clickOnBoard, dragOnBoard, elementsOn, openBoard, pageSentEverything, toPage, waitForElement } from '../helpers/board-page';
import { roundTrip, stockClient, synced } from '../helpers/clients';
import { startServer } from '../helpers/server';

/** Server-controlled checkboxes change only when the server answers: click, then wait. */
async function toggle(page: Page, testId: string, checked: boolean): Promise<void> {
  const box = page.getByTestId(testId);
  await box.click();
  await page.waitForFunction(([id, want]) => (document.querySelector(`[data-testid="${id}"]`) as HTMLInputElement | null)?.checked === want, [testId, checked] as const);
}

async function viewCenter(page: Page): Promise<{ x: number; y: number; scale: number }> {
  return page.evaluate(() => {
    const { editor } = (window as never as { __warsztat: { editor: { viewCenter(): { x: number; y: number }; state: { viewport: { scale: number } } } } }).__warsztat;
    return { ...editor.viewCenter(), scale: editor.state.viewport.scale };
  });
}

describe.skipIf(browserUnavailable() !== null)('facilitation with four people in Chromium', () => {
  it('timer, summon, voting, locks and the observer, as people see them', { timeout: 120_000 }, async () => {
    const server = await startServer();
    const board = await server.createBoard('Warsztat SWOT');
    // A SWOT frame with three strengths, prepared on the server.
    let frameId = '';
    let noteIds: string[] = [];
    await server.warsztat.rooms.withRoom(board.id, async (room) => {
      [frameId] = createElements(room.doc, [{ type: 'frame', title: 'Mocne strony', x: 0, y: 0, w: 900, h: 500 }]) as [string];
      noteIds = createElements(room.doc, [
        { type: 'note', text: 'Dobra lokalizacja', x: 40, y: 60 },
        { type: 'note', text: 'Aktywne organizacje', x: 340, y: 60 },
        { type: 'note', text: 'Zabytki', x: 640, y: 60 },
      ]);
      putIntoFrame(room.doc, noteIds, frameId);
      await room.whenDurable();
    });
    const browser = await launchBrowser();
    const open = async (role: 'facilitator' | 'participant' | 'observer', name: string) => {
      const context = await browser.newContext({ locale: 'pl-PL', viewport: { width: 1400, height: 860 } });
      const page = await openBoard(context, board.links[role], name);
      return { page, errors: trackErrors(page) };
    };
    const f = await open('facilitator', 'Doradczyni Ewa');
    const p1 = await open('participant', 'Jan');
    const p2 = await open('participant', 'Maria');
    const o = await open('observer', 'Radny');
    const everyone = [f, p1, p2, o];
    await f.page.locator('[data-testid="person"]').nth(3).waitFor();
    // What the server's document holds, read in Node: the marker for edits that must not stick.
    const watcher = stockClient(server.wsUrl, board.id, board.tokens.observer);
    await synced(watcher);

    // The timer is seen by all, counting down from one server clock.
    await f.page.getByTestId('timer-minutes').fill('3');
    await f.page.getByTestId('timer-start').click();
    for (const { page } of everyone) {
      const remaining = Number(await page.getByTestId('timer').getAttribute('data-remaining'));
      expect(remaining).toBeGreaterThan(170);
      expect(remaining).toBeLessThanOrEqual(180);
    }

    // Summon moves every viewport to the facilitator's.
    await f.page.getByTestId('tool-hand').click();
    await dragOnBoard(f.page, { x: 0, y: 0 }, { x: 600, y: 400 });
    const target = await viewCenter(f.page);
    await f.page.getByTestId('summon').click();
    for (const { page } of [p1, p2, o]) {
      await page.waitForFunction(
        ([x, y]) => {
          const { editor } = (window as never as { __warsztat: { editor: { viewCenter(): { x: number; y: number } } } }).__warsztat;
          const c = editor.viewCenter();
          return Math.abs(c.x - x!) < 2 && Math.abs(c.y - y!) < 2;
        },
        [target.x, target.y],
      );
    }

    // A dot-voting round on the frame: votes are hidden until it closes, then shown.
    await f.page.getByTestId('tool-select').click();
    await f.page.evaluate((id) => (window as never as { __warsztat: { editor: { select(ids: string[]): void } } }).__warsztat.editor.select([id]), frameId);
    await f.page.getByTestId('vote-count').fill('2');
    await f.page.getByTestId('vote-start').click();
    await p1.page.getByTestId('vote-bar').waitFor();
    // Bring the notes to the middle of the screen, clear of the bars at the top and bottom.
    for (const { page } of [p1, p2]) await page.evaluate(() => (window as never as { __warsztat: { editor: { zoomToFit(): void } } }).__warsztat.editor.zoomToFit());
    const notes = (await elementsOn(p1.page)).filter((e) => e.type === 'note');
    const [first, second] = [notes.find((n) => n.id === noteIds[0])!, notes.find((n) => n.id === noteIds[1])!];
    // One vote at a time: each click is confirmed by the server before the next.
    await clickOnBoard(p1.page, first.x + 100, first.y + 100);
    await p1.page.getByTestId('vote-bar').filter({ hasText: 'Zostało: 1' }).waitFor();
    // Konva takes two clicks within its 400 ms window (Date.now()) as a double click: a rule of time, not a state to wait on.
    await p1.page.waitForTimeout(400);
    await clickOnBoard(p1.page, first.x + 100, first.y + 100);
    await p1.page.getByTestId('vote-bar').filter({ hasText: 'Zostało: 0' }).waitFor();
    await clickOnBoard(p2.page, second.x + 100, second.y + 100);
    await p2.page.getByTestId('vote-bar').filter({ hasText: 'Zostało: 1' }).waitFor();
    await screenshot(p1.page, 'facilitation-voting');
    await f.page.getByTestId('vote-close').click();
    await f.page.getByTestId('vote-summary').filter({ hasText: 'głosowało 2' }).waitFor();
    await o.page.waitForFunction(() => !document.querySelector('[data-testid="vote-bar"]'));
    const stored = JSON.parse((await server.warsztat.store.loadControl(board.id))!) as { state: { rounds: { results: Record<string, number> }[] } };
    expect(stored.state.rounds[0]!.results).toEqual({ [first.id]: 2, [second.id]: 1 });
    await screenshot(o.page, 'facilitation-results-observer');

    // The facilitator locks the frame: a participant's move inside it does not stick.
    await toggle(f.page, 'lock-frame', true);
    await p1.page.waitForFunction((id) => (window as never as { __warsztat: { editor: { isLocked(id: string): boolean } } }).__warsztat.editor.isLocked(id), second.id);
    await p1.page.evaluate((id) => {
      // Straight into the document, as a modified client would, past the interface's own lock.
      const { editor } = (window as never as { __warsztat: { editor: { doc: { getMap(n: string): { get(id: string): { set(k: string, v: number): void } } } } } }).__warsztat;
      editor.doc.getMap('elements').get(id).set('x', 5000);
    }, first.id);
    await waitForElement(p1.page, `(e) => e.id === '${first.id}' && e.x === ${first.x}`, 5000);
    expect((await elementsOn(f.page)).find((e) => e.id === first.id)!.x).toBe(first.x);
    // …and the interface says why when one tries with the mouse.
    await dragOnBoard(p1.page, { x: second.x + 100, y: second.y + 100 }, { x: second.x + 300, y: second.y + 300 });
    await p1.page.getByTestId('notice').filter({ hasText: 'zablokowana' }).waitFor();

    // The observer cannot change anything: no tools, and its document edits are dropped.
    expect(await o.page.getByTestId('tool-note').count()).toBe(0);
    const countBefore = (await elementsOn(f.page)).length;
    await o.page.evaluate((id) => {
      const { editor } = (window as never as { __warsztat: { editor: { doc: { getMap(n: string): { delete(k: string): void } } } } }).__warsztat;
      editor.doc.getMap('elements').delete(id);
    }, second.id);
    await o.page.locator('[data-testid="canvas"]').click();
    await o.page.keyboard.press('Delete');
    await pageSentEverything(o.page, watcher);
    await roundTrip(watcher);
    expect(elementsOf(watcher.doc).has(second.id)).toBe(true);
    expect((await elementsOn(f.page)).length).toBe(countBefore);
    await screenshot(f.page, 'facilitation-facilitator');

    // Private brainstorming: a participant's new note in the frame stays hidden until revealed.
    await toggle(f.page, 'lock-frame', false);
    await toggle(f.page, 'private-frame', true);
    await p2.page.getByTestId('private-banner').waitFor();
    await p2.page.evaluate(() => (window as never as { __warsztat: { editor: { zoomToFit(): void } } }).__warsztat.editor.zoomToFit());
    await p2.page.getByTestId('tool-note').click();
    await clickOnBoard(p2.page, 450, 390);
    await p2.page.getByTestId('draft-text').fill('Ścieżka rowerowa nad rzeką');
    await p2.page.getByTestId('draft-save').click();
    await f.page.getByTestId('private-reveal').filter({ hasText: '(1)' }).waitFor();
    await screenshot(p2.page, 'facilitation-private-note');
    // The author's copy follows the server's change (my-drafts.changed): the note opens again with its text.
    const hiddenNote = await toPage(p2.page, 450, 390);
    await p2.page.mouse.dblclick(hiddenNote.x, hiddenNote.y);
    expect(await p2.page.getByTestId('draft-text').inputValue()).toBe('Ścieżka rowerowa nad rzeką');
    await p2.page.keyboard.press('Escape');
    await p2.page.getByTestId('draft-editor').waitFor({ state: 'detached' });
    // The server counted the hidden note above, and its document does not hold it.
    await roundTrip(watcher);
    expect([...elementsOf(watcher.doc).values()].some((e) => String(e.get('text') ?? '').includes('rowerowa'))).toBe(false);
    expect((await elementsOn(p1.page)).some((e) => e.type === 'note' && e.text.includes('rowerowa'))).toBe(false);
    await f.page.getByTestId('private-reveal').click();
    const revealed = await waitForElement(p1.page, `(e) => e.type === 'note' && e.text === 'Ścieżka rowerowa nad rzeką'`);
    expect(revealed).toMatchObject({ parentId: frameId, createdBy: 'Maria' });
    for (const { errors } of everyone) expect(errors).toEqual([]);
  });
});
