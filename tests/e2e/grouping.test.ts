import { describe, expect, it } from 'vitest';
import { addIdeaToInbox } from '../../shared/methods/ideas';
import { readElements } from '../../shared/schema/plain';
import type { Element } from '../../shared/schema/elements';
import { axeViolations, describeViolations } from '../helpers/axe';
import { browserUnavailable, launchBrowser, screenshot, trackErrors } from '../helpers/browser';
import { openBoard } from '../helpers/board-page';
import { touchTargetProblems } from '../helpers/phone';
import { startServer } from '../helpers/server';
import { GROUPING_FIXTURE } from '../fixtures/grouping-ideas';

describe.skipIf(browserUnavailable() !== null)('group similar ideas in Chromium', () => {
  it('the facilitator groups 50 ideas, renames and moves one, applies, and one undo restores', { timeout: 120_000 }, async () => {
    const server = await startServer();
    const board = await server.createBoard('Pomysły mieszkańców');
    // 50 ideas of the fixture, every third one (several topics), as residents' cards in the inbox.
    const texts = GROUPING_FIXTURE.filter((_, i) => i % 3 === 0).slice(0, 50).map((it) => it.text);
    expect(texts).toHaveLength(50);
    let frameId = '';
    await server.warsztat.rooms.withRoom(board.id, (room) => {
      for (const [i, title] of texts.entries()) addIdeaToInbox(room.doc, { title, description: '', place: '' }, { frameTitle: 'Pomysły', now: 1_700_000_000_000 + i });
      frameId = readElements(room.doc).elements.find((e) => e.type === 'frame' && e.method === 'ideas')!.id;
    });
    const read = async () => {
      let elements: Element[] = [];
      await server.warsztat.rooms.withRoom(board.id, (room) => {
        elements = readElements(room.doc).elements;
      });
      return elements;
    };
    const before = (await read()).filter((e) => e.type === 'idea').map((e) => ({ id: e.id, x: e.x, y: e.y, parentId: e.parentId }));

    const browser = await launchBrowser();
    const page = await openBoard(await browser.newContext({ locale: 'pl-PL', viewport: { width: 1400, height: 900 } }), board.links.facilitator, 'Doradczyni Ewa');
    const errors = trackErrors(page);
    await page.waitForFunction((id) => (window as unknown as { __warsztat?: { editor: { store: { get(id: string): unknown } } } }).__warsztat?.editor.store.get(id) !== undefined, frameId);
    await page.evaluate((id) => (window as unknown as { __warsztat: { editor: { select(ids: string[]): void } } }).__warsztat.editor.select([id]), frameId);
    await page.getByTestId('grouping-open').click();
    await page.getByTestId('grouping-panel').waitFor();
    expect(await page.getByTestId('grouping-suggestion').textContent()).toContain('propozycja');
    const groupCount = await page.getByTestId('grouping-group').count();
    expect(groupCount).toBeGreaterThanOrEqual(3);
    expect(await page.getByTestId('grouping-overlay').locator('.grouping-box').count()).toBe(groupCount);
    await screenshot(page, 'grouping-proposal-desktop');
    expect(describeViolations(await axeViolations(page, ['[data-testid="grouping-panel"]']))).toBe('');

    // Keyboard: rename the first group, and move the first card of the second group into the first.
    const firstLabel = page.getByTestId('grouping-label').first();
    await firstLabel.focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Parkingi i drogi');
    const second = page.getByTestId('grouping-group').nth(1);
    const moved = second.getByTestId('grouping-move').first();
    const movedName = (await second.locator('.grouping-item').first().textContent())!;
    const firstKey = await page.getByTestId('grouping-group').first().getByTestId('grouping-move').first().inputValue();
    await moved.focus();
    await moved.selectOption(firstKey);
    await page.getByTestId('grouping-group').first().getByText(movedName, { exact: true }).waitFor();
    await page.getByTestId('grouping-apply').click();
    await page.getByTestId('grouping-panel').waitFor({ state: 'detached' });

    // On the server: every idea now sits inside a new labelled frame inside the inbox, within its box.
    const poll = async <T,>(fn: () => Promise<T | null>): Promise<T> => {
      for (;;) {
        const value = await fn();
        if (value !== null) return value;
        await page.waitForFunction(() => true, null, { polling: 100, timeout: 200 }).catch(() => undefined);
      }
    };
    const after = await poll(async () => {
      const elements = await read();
      return elements.some((e) => e.type === 'frame' && e.title === 'Parkingi i drogi') ? elements : null;
    });
    const byId = new Map(after.map((e) => [e.id, e]));
    const groups = after.filter((e) => e.type === 'frame' && e.parentId === frameId);
    expect(groups).toHaveLength(groupCount);
    const ideas = after.filter((e) => e.type === 'idea');
    for (const idea of ideas) {
      const group = byId.get(idea.parentId!)!;
      expect(group.type === 'frame' && group.parentId === frameId).toBe(true);
      expect(idea.x >= group.x && idea.y >= group.y && idea.x + idea.w <= group.x + group.w && idea.y + idea.h <= group.y + group.h).toBe(true);
    }
    const renamed = groups.find((g) => g.type === 'frame' && g.title === 'Parkingi i drogi')!;
    expect(ideas.find((e) => e.type === 'idea' && e.title === movedName)!.parentId).toBe(renamed.id);
    const inbox = byId.get(frameId)!;
    for (const g of groups) expect(g.x >= inbox.x && g.y >= inbox.y && g.x + g.w <= inbox.x + inbox.w && g.y + g.h <= inbox.y + inbox.h).toBe(true);
    await screenshot(page, 'grouping-applied-desktop');

    // One undo takes the whole grouping back: no group frames, every idea where it was.
    await page.getByTestId('canvas').focus();
    await page.keyboard.press('Control+z');
    const undone = await poll(async () => {
      const elements = await read();
      return elements.some((e) => e.type === 'frame' && e.parentId === frameId) ? null : elements;
    });
    expect(undone.filter((e) => e.type === 'idea').map((e) => ({ id: e.id, x: e.x, y: e.y, parentId: e.parentId }))).toEqual(before);

    // A phone: the proposal's panel is the bottom sheet, its controls are finger-sized.
    const phone = await openBoard(await browser.newContext({ locale: 'pl-PL', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }), board.links.facilitator, 'Doradczyni Ewa');
    await phone.waitForFunction((id) => (window as unknown as { __warsztat?: { editor: { store: { get(id: string): unknown } } } }).__warsztat?.editor.store.get(id) !== undefined, frameId);
    await phone.evaluate((id) => (window as unknown as { __warsztat: { editor: { select(ids: string[]): void } } }).__warsztat.editor.select([id]), frameId);
    await phone.getByTestId('grouping-open').tap();
    await phone.getByTestId('grouping-panel').waitFor();
    await screenshot(phone, 'grouping-proposal-phone');
    expect(await touchTargetProblems(phone.getByTestId('grouping-panel'))).toEqual([]);
    await phone.getByTestId('grouping-cancel').tap();
    expect(errors).toEqual([]);
    await browser.close();
  });
});
