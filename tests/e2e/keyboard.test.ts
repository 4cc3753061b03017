import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createElements } from '../../shared/ops/elements';
import { elementsOf } from '../../shared/schema/doc';
import { toPlain } from '../../shared/schema/plain';
import { STAKEHOLDER_CARD } from '../../shared/methods/stakeholder-import';
import { unscoredPosition } from '../../shared/methods/stakeholders';
import { NUDGE_SCREEN_PX } from '../../shared/geometry/keyboard';
import { axeViolations, describeViolations } from '../helpers/axe';
import { browserUnavailable, launchBrowser, screenshot, trackErrors } from '../helpers/browser';
import { elementsOn, openBoard, waitForElement } from '../helpers/board-page';
import { controlClient } from '../helpers/control';
import { startServer } from '../helpers/server';

/**
 * Issue #16, keyboard: a participant takes part in a workshop with the keyboard alone
 * (page.keyboard only, from the name prompt on); the page is only read, never clicked.
 */

interface Seen {
  focused: string | null;
  selection: string[];
  editing: string | null;
  scale: number;
  connecting: string | null;
}

function editorState(page: Page): Promise<Seen> {
  return page.evaluate(() => {
    const s = (window as never as { __warsztat: { editor: { state: { focused: string | null; selection: Set<string>; editing: { id: string } | null; viewport: { scale: number }; connecting: { from: string } | null } } } }).__warsztat.editor.state;
    return { focused: s.focused, selection: [...s.selection], editing: s.editing?.id ?? null, scale: s.viewport.scale, connecting: s.connecting?.from ?? null };
  });
}

/** What has the keyboard focus: its test id, else its tag. */
function activeControl(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const a = document.activeElement;
    return a ? (a.getAttribute('data-testid') ?? a.tagName.toLowerCase()) : null;
  });
}

/** Presses `key` until `done` holds (checked before each press), at most `max` times. */
async function pressUntil(page: Page, key: string, done: () => Promise<boolean>, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await done()) return;
    await page.keyboard.press(key);
  }
  if (!(await done())) throw new Error(`${key} pressed ${max} times without reaching the goal (focus on ${await activeControl(page)})`);
}

const onElement = (page: Page, id: string) => async () => (await editorState(page)).focused === id && (await activeControl(page)) === 'canvas';

describe.skipIf(browserUnavailable() !== null)('the board by keyboard alone', () => {
  it('joins, adds and types a note, moves it, connects, votes, scores a stakeholder and uses the export dialog', { timeout: 180_000 }, async () => {
    const server = await startServer();
    const board = await server.createBoard('Rewitalizacja rynku w Łasku', { template: 'stakeholder-map', locale: 'pl' });
    // A stakeholder to score, waiting in the map's unscored corner.
    const stakeholderId = await server.warsztat.rooms.withRoom(board.id, async (room) => {
      const frame = [...elementsOf(room.doc).values()].map((e) => toPlain(e)).find((e) => e.method === 'stakeholders') as { id: string; x: number; y: number; w: number; h: number };
      const [id] = createElements(room.doc, [{ type: 'stakeholder', name: 'Rada Osiedla', ...STAKEHOLDER_CARD, ...unscoredPosition(frame, 0, STAKEHOLDER_CARD), parentId: frame.id }], 'Ewa');
      await room.whenDurable();
      return id!;
    });
    const facilitator = await controlClient(server.url, { boardId: board.id, token: board.tokens.facilitator, sessionId: 'prowadzaca', name: 'Ewa' });

    const browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'pl-PL', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors = trackErrors(page);
    await page.goto(board.links.participant);

    // The name prompt has the focus; Tab cannot leave it for the board behind.
    await page.getByTestId('name-input').waitFor();
    expect(await activeControl(page)).toBe('name-input');
    await page.keyboard.type('Jan Nowak');
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => Boolean(document.activeElement?.closest('[data-testid="name-prompt"]')))).toBe(true);
    }
    await pressUntil(page, 'Tab', async () => (await activeControl(page)) === 'name-input');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="connection"][data-status="connected"]').waitFor();
    await page.waitForFunction(() => Boolean((window as never as { __warsztat?: unknown }).__warsztat));
    await waitForElement(page, `(e) => e.id === '${stakeholderId}'`);

    // The canvas has a name and is reached by Tab; axe finds nothing with the focus on it.
    const canvas = page.getByTestId('canvas');
    expect(await canvas.getAttribute('aria-label')).toBe('Tablica warsztatu');
    await pressUntil(page, 'Tab', async () => (await activeControl(page)) === 'canvas');
    expect(await canvas.evaluate((n) => getComputedStyle(n, '::after').borderTopStyle)).toBe('solid');
    await screenshot(page, 'keyboard-canvas-focus');
    const violations = await axeViolations(page, ['body']);
    expect(violations, describeViolations(violations)).toEqual([]);

    // The note tool pressed with Enter makes a note in the middle of the view, open for typing.
    await pressUntil(page, 'Shift+Tab', async () => (await activeControl(page)) === 'tool-note');
    await page.keyboard.press('Enter');
    await page.getByTestId('text-editor').waitFor();
    await page.keyboard.type('Więcej ławek na rynku');
    await page.keyboard.press('Escape');
    const first = await waitForElement(page, "(e) => e.type === 'note' && e.text === 'Więcej ławek na rynku'");
    expect(await activeControl(page)).toBe('canvas');
    expect(await editorState(page)).toMatchObject({ focused: first.id, selection: [first.id], editing: null });
    await screenshot(page, 'keyboard-focus-ring');

    // Arrows move it by 10 px on screen at this zoom, each press one undo step.
    const { scale } = await editorState(page);
    const step = Math.round((NUDGE_SCREEN_PX / scale) * 100) / 100;
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    await waitForElement(page, `(e) => e.id === '${first.id}' && Math.abs(e.x - ${first.x + 3 * step}) < 0.01 && Math.abs(e.y - ${first.y + step}) < 0.01`);
    await page.keyboard.press('Control+z');
    await waitForElement(page, `(e) => e.id === '${first.id}' && Math.abs(e.x - ${first.x + 3 * step}) < 0.01 && Math.abs(e.y - ${first.y}) < 0.01`);
    await page.keyboard.press('Control+z');
    await waitForElement(page, `(e) => e.id === '${first.id}' && Math.abs(e.x - ${first.x + 2 * step}) < 0.01`);
    await page.keyboard.press('Control+Shift+z');
    const moved = await waitForElement(page, `(e) => e.id === '${first.id}' && Math.abs(e.x - ${first.x + 3 * step}) < 0.01`);

    // Alt+T goes to the tools with the note still selected: the next note comes beside it.
    await page.keyboard.press('Alt+t');
    expect(await activeControl(page)).toBe('tool-select');
    await pressUntil(page, 'Tab', async () => (await activeControl(page)) === 'tool-note');
    await page.keyboard.press(' ');
    await page.getByTestId('text-editor').waitFor();
    await page.keyboard.type('Plac zabaw');
    await page.keyboard.press('Escape');
    const second = await waitForElement(page, "(e) => e.type === 'note' && e.text === 'Plac zabaw'");
    expect(second.x).toBeGreaterThanOrEqual(moved.x + moved.w);
    expect(second.y).toBe(Math.round(moved.y));
    expect(await editorState(page)).toMatchObject({ focused: second.id });

    // Ctrl+K connects the focused note: Shift+Tab chooses the first note, Enter connects.
    await page.keyboard.press('Control+k');
    expect((await editorState(page)).connecting).toBe(second.id);
    await pressUntil(page, 'Shift+Tab', async () => (await editorState(page)).focused === first.id, 20);
    await screenshot(page, 'keyboard-connecting');
    await page.keyboard.press('Enter');
    const connector = await waitForElement(page, `(e) => e.type === 'connector' && e.from === '${second.id}' && e.to === '${first.id}'`);
    expect(await editorState(page)).toMatchObject({ focused: connector.id, connecting: null });

    // A vote round: Space votes for the focused note, Shift+Space takes the vote back.
    expect(await facilitator.send({ type: 'vote.start', title: 'Co najpierw?', frameId: null, itemIds: [first.id, second.id], votesPerPerson: 3 })).toEqual({ ok: true });
    const bar = page.getByTestId('vote-bar');
    await bar.filter({ hasText: 'Zostało: 3' }).waitFor();
    await pressUntil(page, 'Tab', onElement(page, first.id));
    await page.keyboard.press(' ');
    await bar.filter({ hasText: 'Zostało: 2' }).waitFor();
    await pressUntil(page, 'Tab', onElement(page, second.id));
    await page.keyboard.press(' ');
    await bar.filter({ hasText: 'Zostało: 1' }).waitFor();
    await page.keyboard.press('Shift+ ');
    await bar.filter({ hasText: 'Zostało: 2' }).waitFor();
    await screenshot(page, 'keyboard-voting');
    await facilitator.send({ type: 'vote.close' });
    await bar.waitFor({ state: 'detached' });

    // The stakeholder: Tab to it, Enter opens its score, Enter saves it, Escape goes back to the board.
    await pressUntil(page, 'Tab', onElement(page, stakeholderId));
    await page.getByTestId('card-details').waitFor();
    await page.keyboard.press('Enter');
    expect(await activeControl(page)).toBe('rate-influence');
    await page.keyboard.type('8');
    await page.keyboard.press('Tab');
    expect(await activeControl(page)).toBe('rate-engagement');
    await page.keyboard.type('3');
    await page.keyboard.press('Enter');
    await page.getByTestId('rate-saved').waitFor();
    expect(await page.getByTestId('rate-saved').textContent()).toContain('Wpływ 8, Zaangażowanie 3');
    await page.keyboard.press('Escape');
    expect(await activeControl(page)).toBe('canvas');
    expect((await editorState(page)).focused).toBe(stakeholderId);

    // The export dialog: 30 Tabs and 10 Shift+Tabs stay in it, Escape closes it, the focus goes back.
    await page.keyboard.press('Escape');
    await pressUntil(page, 'Shift+Tab', async () => (await activeControl(page)) === 'export-button');
    await page.keyboard.press('Enter');
    const dialog = page.getByTestId('export-dialog');
    await dialog.waitFor();
    const inDialog = () => page.evaluate(() => Boolean(document.activeElement?.closest('[data-testid="export-dialog"]')));
    const visited = new Set<string | null>();
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      expect(await inDialog(), `Tab ${i + 1} left the dialog for ${await activeControl(page)}`).toBe(true);
      visited.add(await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 60) ?? null));
    }
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('Shift+Tab');
      expect(await inDialog(), `Shift+Tab ${i + 1} left the dialog`).toBe(true);
    }
    // Tab went round its controls, not stuck on one.
    expect(visited.size).toBeGreaterThan(2);
    const dialogViolations = await axeViolations(page, ['[data-testid="export-dialog"]']);
    expect(dialogViolations, describeViolations(dialogViolations)).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await activeControl(page)).toBe('export-button');

    // The help dialog lists the keyboard's keys, in Polish; Escape closes it.
    await page.keyboard.press('Alt+t');
    await page.keyboard.press('?');
    const help = page.getByTestId('help-panel');
    await help.waitFor();
    expect(await help.textContent()).toContain('Połącz zaznaczony element z innym');
    expect(await help.textContent()).toContain('spacja + przeciągnij');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });

    const notes = (await elementsOn(page)).filter((e) => e.type === 'note');
    expect(notes).toHaveLength(2);
    expect(errors).toEqual([]);
  });

  it('the seven "Przejdź" buttons of the agenda have names of their own', async () => {
    const server = await startServer();
    const board = await server.createBoard('Warsztat strategiczny', { template: 'workshop', locale: 'pl' });
    const browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'pl-PL', viewport: { width: 1400, height: 900 } });
    const page = await openBoard(context, board.links.facilitator, 'Ewa');
    const go = page.locator('button[data-testid^="phase-"]:not([data-testid^="phase-preview"]):not([data-testid^="phase-instruction"])');
    await expect.poll(() => go.count()).toBe(7);
    const names = await go.evaluateAll((buttons) => buttons.map((b) => ({ text: b.textContent?.trim(), label: b.getAttribute('aria-label') })));
    expect(new Set(names.map((n) => n.label)).size).toBe(7);
    // Each name starts with what the button shows (WCAG 2.5.3 label in name).
    for (const { text, label } of names) expect(label?.startsWith(text ?? '—')).toBe(true);
    expect(names[0]!.label).toContain('Mapa interesariuszy');
  });
});
