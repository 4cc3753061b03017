import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createElements } from '../../shared/ops/elements';
import { elementsOf } from '../../shared/schema/doc';
import { toPlain } from '../../shared/schema/plain';
import { axeViolations, describeViolations } from '../helpers/axe';
import { ARTIFACTS_DIR, browserUnavailable, launchBrowser, trackErrors } from '../helpers/browser';
import { toPage, waitForElement } from '../helpers/board-page';
import { controlClient } from '../helpers/control';
import { fingerTap, PHONES, sidewaysOverflow, touchTargetProblems } from '../helpers/phone';
import { startServer } from '../helpers/server';

/**
 * A participant on a phone takes part in a whole workshop (issue #16): joins, finds every
 * top-bar action in the menu, adds a note and edits it by tap, scores a stakeholder, votes,
 * and a resident sends an idea; nothing runs off the screen, every control is a 44 px target
 * that nothing covers, and axe finds no WCAG 2.1 AA violation.
 */

type Rect = { x: number; y: number; w: number; h: number };

async function shoot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS_DIR, `phone-${name}.png`) });
}

async function expectAxeClean(page: Page, include: string[]): Promise<void> {
  const violations = await axeViolations(page, include);
  expect(violations, describeViolations(violations)).toEqual([]);
}

async function expectPhoneFriendly(page: Page, scope: string, what: string): Promise<void> {
  expect(await sidewaysOverflow(page), `${what}: sideways scroll`).toBeLessThanOrEqual(0);
  expect(await touchTargetProblems(page.locator(scope)), `${what}: touch targets`).toEqual([]);
}

/** Where a board rectangle lies on the screen. */
async function onScreen(page: Page, r: Rect): Promise<{ left: number; top: number; right: number; bottom: number }> {
  const a = await toPage(page, r.x, r.y);
  const b = await toPage(page, r.x + r.w, r.y + r.h);
  return { left: a.x, top: a.y, right: b.x, bottom: b.y };
}

async function tapOnBoard(page: Page, x: number, y: number): Promise<void> {
  const p = await toPage(page, x, y);
  await page.touchscreen.tap(p.x, p.y);
}

/** Brings a frame into view, as a person would by pinching and dragging. */
async function showFrame(page: Page, frame: Rect): Promise<void> {
  await page.evaluate((r) => {
    const editor = (window as never as { __warsztat: { editor: { fitView(r: unknown, m: number): unknown; setViewport(v: unknown): void } } }).__warsztat.editor;
    editor.setViewport(editor.fitView(r, 16));
  }, { x: frame.x, y: frame.y, w: frame.w, h: frame.h });
}

function editing(page: Page): Promise<{ id: string } | null> {
  return page.evaluate(() => (window as never as { __warsztat: { editor: { state: { editing: { id: string } | null } } } }).__warsztat.editor.state.editing);
}

describe.skipIf(browserUnavailable() !== null)('a participant on a phone', () => {
  for (const phone of PHONES) {
    it(`at ${phone.name} px joins, finds every action, adds and edits a note, scores, votes and sends an idea`, { timeout: 240_000 }, async () => {
      const server = await startServer();
      const browser = await launchBrowser();
      const board = await server.createBoard('Strategia Rozwoju Gminy Sieradz 2030', { template: 'workshop', locale: 'pl' });
      // The map of stakeholders is the first phase; one stakeholder waits there to be scored.
      const { mapFrame, card } = await server.warsztat.rooms.withRoom(board.id, async (room) => {
        const frame = [...elementsOf(room.doc).values()].map((e) => toPlain(e) as unknown as Rect & { id: string; method?: string }).find((e) => e.method === 'stakeholders')!;
        const [cardId] = createElements(room.doc, [{ type: 'stakeholder', name: 'Rada Osiedla Centrum', group: 'użytkownicy miasta', x: frame.x + 120, y: frame.y + 700, w: 220, h: 110, parentId: frame.id }]);
        await room.whenDurable();
        return { mapFrame: frame, card: { id: cardId!, x: frame.x + 120, y: frame.y + 700, w: 220, h: 110 } };
      });
      const facilitator = await controlClient(server.url, { boardId: board.id, token: board.tokens.facilitator, sessionId: `ewa-${phone.name}`, name: 'Doradczyni Ewa' });
      expect((await facilitator.send({ type: 'phase.go', index: 0 })).ok).toBe(true);

      const context = await browser.newContext({ locale: 'pl-PL', viewport: phone.viewport, isMobile: true, hasTouch: true });

      // ── The lobby fits the screen. ──
      const lobby = await context.newPage();
      const lobbyErrors = trackErrors(lobby);
      await lobby.goto(`${server.url}/`);
      await lobby.locator('main').waitFor();
      await expectPhoneFriendly(lobby, 'body', 'lobby');
      await expectAxeClean(lobby, ['body']);
      await shoot(lobby, `lobby-${phone.name}`);
      expect(lobbyErrors).toEqual([]);
      await lobby.close();

      // ── Joining: the name prompt, by taps. ──
      const page = await context.newPage();
      const errors = trackErrors(page);
      await page.goto(board.links.participant);
      await page.getByTestId('name-input').tap();
      await page.keyboard.type('Jan Kowalski');
      await expectPhoneFriendly(page, '[data-testid="name-prompt"]', 'name prompt');
      await page.getByTestId('name-submit').tap();
      await page.locator('[data-testid="connection"][data-status="connected"]').waitFor();
      await page.waitForFunction(() => Boolean((window as never as { __warsztat?: unknown }).__warsztat));

      // ── The board opens at the current phase's frame: whole, and filling the width. ──
      const canvas = (await page.getByTestId('canvas').boundingBox())!;
      await expect
        .poll(async () => {
          const frame = await onScreen(page, mapFrame);
          return frame.left >= canvas.x - 1 && frame.right <= canvas.x + canvas.width + 1 && frame.top >= canvas.y - 1 && frame.bottom <= canvas.y + canvas.height + 1 && frame.right - frame.left >= canvas.width * 0.8;
        }, { message: `the stakeholder map fills the canvas ${JSON.stringify(canvas)} ${JSON.stringify(await onScreen(page, mapFrame))} ${JSON.stringify(mapFrame)}` })
        .toBe(true);
      await shoot(page, `board-${phone.name}`);
      await expectPhoneFriendly(page, 'main.board', 'board');
      await expectAxeClean(page, ['main.board']);

      // ── Every top-bar action is in the menu, reachable and finger-sized. ──
      const more = page.getByTestId('topbar-more');
      expect(await more.getAttribute('aria-expanded')).toBe('false');
      await more.tap();
      expect(await more.getAttribute('aria-expanded')).toBe('true');
      const menu = page.getByTestId('topbar-menu');
      for (const name of ['Historia', 'Konspekt', 'Eksportuj wyniki', 'Cofnij', 'Ponów', 'Oddal', 'Przybliż', 'Pokaż całą tablicę', 'Pomoc']) {
        await expect.poll(() => menu.getByRole('button', { name, exact: true }).isVisible(), { message: `${name} in the menu` }).toBe(true);
      }
      await expect.poll(() => menu.getByRole('combobox').isVisible(), { message: 'language in the menu' }).toBe(true);
      await expectPhoneFriendly(page, '[data-testid="topbar-menu"]', 'menu');
      await expectAxeClean(page, ['main.board']);
      await shoot(page, `menu-${phone.name}`);
      // Zooming leaves the menu open (to be pressed again); Escape closes it and gives the focus back.
      const zoom = await page.getByTestId('zoom').textContent();
      await menu.getByRole('button', { name: 'Przybliż', exact: true }).tap();
      await expect.poll(() => page.getByTestId('zoom').textContent()).not.toBe(zoom);
      expect(await more.getAttribute('aria-expanded')).toBe('true');
      await page.keyboard.press('Escape');
      expect(await more.getAttribute('aria-expanded')).toBe('false');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('topbar-more');
      // The outline opens from the menu as a bottom sheet with its close button on the screen.
      await more.tap();
      await menu.getByRole('button', { name: 'Konspekt', exact: true }).tap();
      expect(await menu.isVisible()).toBe(false);
      const outline = page.getByTestId('outline-panel');
      await outline.waitFor();
      await expectPhoneFriendly(page, '[data-testid="outline-panel"] header', 'outline');
      await shoot(page, `outline-${phone.name}`);
      await outline.getByRole('button', { name: 'Zamknij konspekt' }).tap();
      await outline.waitFor({ state: 'detached' });
      // Help speaks of taps.
      await more.tap();
      await menu.getByRole('button', { name: 'Pomoc', exact: true }).tap();
      await page.getByTestId('touch-help').waitFor();
      await expectPhoneFriendly(page, '[data-testid="help-panel"]', 'help');
      await page.getByTestId('help-panel').getByRole('button', { name: 'Zamknij' }).tap();
      // A tap outside the open menu closes it.
      await more.tap();
      await page.getByTestId('board-title').tap();
      expect(await more.getAttribute('aria-expanded')).toBe('false');

      // ── A note by one tap of a finger (which rolls a few pixels): created and open for typing. ──
      await page.getByTestId('tool-note').tap();
      const spot = { x: mapFrame.x + mapFrame.w - 300, y: mapFrame.y + 250 };
      const at = await toPage(page, spot.x, spot.y);
      await fingerTap(page, at.x, at.y);
      const note = await waitForElement(page, `(e) => e.type === 'note'`);
      expect(note.w).toBeGreaterThan(100);
      await expect.poll(() => editing(page)).toEqual(expect.objectContaining({ id: note.id }));
      await page.keyboard.type('Park nad Żegliną');
      await shoot(page, `note-typing-${phone.name}`);
      // A tap on an empty spot ends the typing.
      const empty = await toPage(page, mapFrame.x + mapFrame.w / 2, mapFrame.y - 200);
      await page.touchscreen.tap(empty.x, empty.y);
      await expect.poll(() => editing(page)).toBeNull();
      await waitForElement(page, `(e) => e.id === '${note.id}' && e.text === 'Park nad Żegliną'`);
      // A double tap edits it again.
      const noteCentre = await toPage(page, note.x + note.w / 2, note.y + note.h / 2);
      await page.touchscreen.tap(noteCentre.x, noteCentre.y);
      await page.touchscreen.tap(noteCentre.x, noteCentre.y);
      await expect.poll(() => editing(page)).toEqual(expect.objectContaining({ id: note.id }));
      await page.keyboard.press('End');
      await page.keyboard.type(' i plac zabaw');
      await page.touchscreen.tap(empty.x, empty.y);
      await waitForElement(page, `(e) => e.id === '${note.id}' && e.text === 'Park nad Żegliną i plac zabaw'`);

      // ── Scoring the stakeholder: a tap opens its sheet; the confirmation is not covered. ──
      // Typing zoomed in on the note; the person comes back to the map (as a pinch would).
      await showFrame(page, mapFrame);
      await tapOnBoard(page, card.x + card.w / 2, card.y + card.h / 2);
      const sheet = page.getByTestId('methods-panel');
      await sheet.getByTestId('rating-form').waitFor();
      await sheet.getByTestId('rate-influence').tap();
      await page.keyboard.type('8');
      await sheet.getByTestId('rate-engagement').tap();
      await page.keyboard.type('6,5');
      await sheet.getByTestId('rate-submit').tap();
      const saved = sheet.getByTestId('rate-saved');
      await saved.or(sheet.getByTestId('rate-error')).first().waitFor();
      expect(await sheet.getByTestId('rate-error').count(), await sheet.textContent() ?? '').toBe(0);
      expect(await saved.textContent()).toContain('Wpływ 8, Zaangażowanie 6,5');
      await saved.evaluate((n) => n.scrollIntoView({ block: 'nearest' }));
      const uncovered = await saved.evaluate((n) => {
        const r = n.getBoundingClientRect();
        const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return top !== null && n.contains(top);
      });
      expect(uncovered, 'the rating confirmation is not covered').toBe(true);
      await expectPhoneFriendly(page, 'main.board', 'board with the scoring sheet');
      await expectAxeClean(page, ['main.board']);
      await shoot(page, `scored-${phone.name}`);

      // ── Voting: the facilitator opens a round; a tap on the note is a vote. ──
      expect((await facilitator.send({ type: 'vote.start', title: 'Priorytety', frameId: null, itemIds: [note.id], votesPerPerson: 3 })).ok).toBe(true);
      const voteBar = page.getByTestId('vote-bar');
      await voteBar.waitFor();
      expect(await voteBar.textContent()).toContain('dotknij karteczki');
      expect(await voteBar.textContent()).not.toMatch(/klik/i);
      await shoot(page, `vote-open-${phone.name}`);
      // The sheet closes, and the person brings the note into view.
      await sheet.getByRole('button', { name: 'Zamknij', exact: true }).tap();
      await sheet.waitFor({ state: 'detached' });
      await showFrame(page, mapFrame);
      await tapOnBoard(page, note.x + note.w / 2, note.y + note.h / 2);
      await expect.poll(() => voteBar.textContent()).toContain('Zostało: 2');
      // With the round open and the sheet up, each still has its own place.
      await page.getByTestId('methods-toggle').tap();
      await sheet.getByTestId('rating-form').waitFor();
      await expectPhoneFriendly(page, 'main.board', 'board while voting');
      await expectAxeClean(page, ['main.board']);
      await shoot(page, `voting-${phone.name}`);
      expect(errors).toEqual([]);

      // ── A resident sends an idea from the form. ──
      const res = await fetch(`${server.url}/api/boards/${board.id}/ideas/form`, { headers: { authorization: `Bearer ${board.tokens.facilitator}` } });
      const { link } = (await res.json()) as { link: string };
      const resident = await context.newPage();
      const residentErrors = trackErrors(resident);
      await resident.goto(link);
      await resident.getByTestId('idea-title').waitFor();
      // Its colour contrast is the axe sweep's of #16 (another branch): here only the reflow and the targets.
      await expectPhoneFriendly(resident, 'body', 'idea form');
      await resident.getByTestId('idea-title').tap();
      await resident.keyboard.type('Ścieżka rowerowa nad Bzurą');
      await resident.getByTestId('idea-description').tap();
      await resident.keyboard.type('Połączyć osiedle z centrum bezpieczną trasą.');
      await resident.getByTestId('idea-submit').tap();
      await resident.getByTestId('idea-sent').waitFor();
      await expectPhoneFriendly(resident, 'body', 'idea sent');
      await shoot(resident, `idea-${phone.name}`);
      expect(residentErrors).toEqual([]);
    });
  }
});
