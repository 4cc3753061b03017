import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import type { BoardBackup } from '../../shared/backup';
import { metaOf } from '../../shared/schema/doc';
import { axeViolations, describeViolations } from '../helpers/axe';
import { ARTIFACTS_DIR, browserUnavailable, launchBrowser, trackErrors } from '../helpers/browser';
import { openBoard, waitForElement } from '../helpers/board-page';
import { createElements } from '../../shared/ops/elements';
import { controlClient } from '../helpers/control';
import { startServer, tempDir, type TestServer } from '../helpers/server';

/** The UI built for issues #14 and #15, checked with axe (WCAG 2.1 AA), by keyboard and on touch screens. */

const VIEWPORTS = [
  { name: 'desktop', viewport: { width: 1280, height: 800 }, mobile: false },
  { name: '390', viewport: { width: 390, height: 844 }, mobile: true },
  { name: '320', viewport: { width: 320, height: 640 }, mobile: true },
] as const;

const LOCALES = [
  { locale: 'pl-PL', personalTitle: 'Linki imienne', forget: 'Zapomnij', undo: 'Cofnij' },
  { locale: 'en-GB', personalTitle: 'Personal links', forget: 'Forget', undo: 'Undo' },
] as const;

/** Opens a board in a context that may already know the person's name (then no name is asked). */
async function openKnown(context: BrowserContext, link: string, name: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(link);
  const prompt = page.getByTestId('name-input');
  const connected = page.locator('[data-testid="connection"][data-status="connected"]');
  await prompt.or(connected).first().waitFor();
  if (await prompt.isVisible()) {
    await prompt.fill(name);
    await page.getByTestId('name-submit').click();
  }
  await connected.waitFor();
  return page;
}

async function expectNoViolations(page: Page, include: string[]): Promise<void> {
  const violations = await axeViolations(page, include);
  expect(violations, describeViolations(violations)).toEqual([]);
}

/**
 * Every visible control of `scope` lies inside the viewport (once scrolled to), is at least
 * 44×44 px, is not covered and does not cut off its label. Measured in one evaluation: a
 * round trip per control and check made this the slowest part of the browser tests.
 */
async function expectTouchTargets(page: Page, scope: Locator): Promise<void> {
  const width = page.viewportSize()!.width;
  const height = page.viewportSize()!.height;
  const controls = await scope.evaluate((root) => {
    const all = [...root.querySelectorAll<HTMLElement>('button, a, input, select, [tabindex="0"]')];
    const visible = all.filter((n) => n.getClientRects().length > 0 && getComputedStyle(n).visibility !== 'hidden');
    return {
      count: all.length,
      measured: visible.map((node) => {
        // To the middle of its scroller, as a person scrolls to it: at the very edge the fixed
        // bars at the bottom of a phone screen lie over the side panel (older UI, issue #16).
        node.scrollIntoView({ block: 'center', inline: 'nearest', behavior: 'instant' });
        const r = node.getBoundingClientRect();
        const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return {
          what: node.outerHTML.slice(0, 80),
          box: { x: r.left, y: r.top, width: r.width, height: r.height },
          covered: !(top && (node === top || node.contains(top))),
          by: top?.outerHTML.slice(0, 80) ?? null,
          // A text field scrolls its text by design; a label cut off is a defect.
          clipped: !['INPUT', 'SELECT'].includes(node.tagName) && node.scrollWidth > node.clientWidth + 1,
        };
      }),
    };
  });
  expect(controls.count).toBeGreaterThan(0);
  for (const { what, box, covered, by, clipped } of controls.measured) {
    expect(box.width, `${what} width`).toBeGreaterThanOrEqual(44);
    expect(box.height, `${what} height`).toBeGreaterThanOrEqual(44);
    expect(box.x, `${what} left`).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, `${what} right`).toBeLessThanOrEqual(width + 0.5);
    expect(box.y, `${what} top`).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height, `${what} bottom`).toBeLessThanOrEqual(height + 0.5);
    expect(covered, `${what} is covered by ${by}`).toBe(false);
    expect(clipped, `${what} has its text cut off`).toBe(false);
  }
}

/** Nothing lies over the middle of `target`, and its label is not cut off by its own box. */
async function expectUncovered(target: Locator, what: string): Promise<void> {
  const seen = await target.evaluate((node) => {
    const r = node.getBoundingClientRect();
    const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return { covered: !(top && (node === top || node.contains(top))), by: top?.outerHTML.slice(0, 80) ?? null, clipped: !['INPUT', 'SELECT'].includes(node.tagName) && node.scrollWidth > node.clientWidth + 1 };
  });
  expect(seen.covered, `${what} is covered by ${seen.by}`).toBe(false);
  expect(seen.clipped, `${what} has its text cut off`).toBe(false);
}

/**
 * From the first control of `scope`, Tab visits every visible, enabled control of it in turn
 * (none is left out of the tab order) before the focus leaves it.
 */
async function expectTabReachesAll(page: Page, scope: Locator): Promise<void> {
  const marked = await scope.evaluate((root) => {
    const controls = [...root.querySelectorAll<HTMLElement>('button, a[href], input, select, textarea')].filter((n) => !(n as HTMLButtonElement).disabled && n.getClientRects().length > 0);
    controls.forEach((n, i) => n.setAttribute('data-a11y-index', String(i)));
    return controls.length;
  });
  expect(marked).toBeGreaterThan(0);
  await scope.locator('[data-a11y-index="0"]').focus();
  const visited = new Set<string>(['0']);
  for (let i = 0; i < marked + 5; i++) {
    await page.keyboard.press('Tab');
    const index = await page.evaluate(() => document.activeElement?.getAttribute('data-a11y-index') ?? null);
    if (index === null) break;
    visited.add(index);
  }
  expect([...visited].sort(), 'controls reached by Tab').toEqual(Array.from({ length: marked }, (_, i) => String(i)).sort());
}

async function shoot(page: Page, scope: Locator, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await scope.scrollIntoViewIfNeeded();
  await scope.screenshot({ path: path.join(ARTIFACTS_DIR, `a11y-${name}.png`) });
}

/** A board whose stored content says a newer Warsztat saved it: it opens read-only. */
async function readOnlyBoard(server: TestServer) {
  const board = await server.createBoard('Tablica z przyszłości');
  const stored = new Y.Doc();
  Y.applyUpdate(stored, Y.mergeUpdates((await server.warsztat.store.loadUpdates(board.id)).map((u) => u.data)));
  const before = Y.encodeStateVector(stored);
  metaOf(stored).set('schemaVersion', 999);
  await server.warsztat.store.append([{ boardId: board.id, updates: [Y.encodeStateAsUpdate(stored, before)] }]);
  return board;
}

/** A backup file whose tree links form a loop: importing it shows the repair notice. */
async function loopedBackup(server: TestServer): Promise<string> {
  const original = await server.createBoard('Drzewo z pętlą', { template: 'swot' });
  const res = await fetch(`${server.url}/api/boards/${original.id}/backup`, { headers: { authorization: `Bearer ${original.tokens.participant}` } });
  const backup = (await res.json()) as BoardBackup;
  const node = (id: string, text: string, parentNode: string) => ({ id, type: 'treeNode', x: 0, y: 0, text, tree: 'problem', role: 'cause', parentNode });
  const file = path.join(tempDir(), 'petla.json');
  fs.writeFileSync(file, JSON.stringify({ ...backup, elements: [...backup.elements, node('a', 'Brak pracy', 'b'), node('b', 'Odpływ młodzieży', 'a')] }));
  return file;
}

describe.skipIf(browserUnavailable() !== null)('the new UI of #14 and #15: axe WCAG 2.1 AA, keyboard, 320 px touch', () => {
  for (const strings of LOCALES) {
    it(`in ${strings.locale}, on desktop and phones`, { timeout: 300_000 }, async () => {
      const server = await startServer();
      // Closed after the test by the helper.
      const browser = await launchBrowser();
      const backupFile = await loopedBackup(server);
      const frozen = await readOnlyBoard(server);

      for (const { name, viewport, mobile } of VIEWPORTS) {
        const tag = `${strings.locale}-${name}`;
        const board = await server.createBoard('Rynek w Sieradzu');
        await server.warsztat.rooms.withRoom(board.id, async (room) => {
          createElements(room.doc, [{ type: 'note', text: 'Dobra lokalizacja', x: 40, y: 60 }]);
          await room.whenDurable();
        });
        const context = await browser.newContext({ locale: strings.locale, viewport, isMobile: mobile, hasTouch: mobile });

        // ── Vote bar in an open round, for a participant. ──
        const participant = await openBoard(context, board.links.participant, 'Jan');
        const errors = trackErrors(participant);
        const note = await waitForElement(participant, `(e) => e.type === 'note'`);
        const control = await controlClient(server.url, { boardId: board.id, token: board.tokens.facilitator, sessionId: `ctl-${tag}`, name: 'Ewa' });
        expect((await control.send({ type: 'vote.start', title: 'Priorytety', frameId: null, itemIds: [note.id], votesPerPerson: 3 })).ok).toBe(true);
        const voteBar = participant.getByTestId('vote-bar');
        await voteBar.waitFor();
        await expectNoViolations(participant, ['[data-testid="vote-bar"]']);
        await expectTabReachesAll(participant, voteBar);
        // Keyboard: Space switches to take-back mode and back; Enter votes for the selected note.
        const retract = voteBar.getByTestId('vote-retract-mode');
        await retract.focus();
        await participant.keyboard.press('Space');
        await expect.poll(() => retract.getAttribute('aria-pressed')).toBe('true');
        await expectNoViolations(participant, ['[data-testid="vote-bar"]']);
        await participant.keyboard.press('Shift+Tab');
        await participant.keyboard.press('Space');
        await expect.poll(() => retract.getAttribute('aria-pressed')).toBe('false');
        await participant.evaluate((id) => (window as never as { __warsztat: { editor: { select(ids: string[]): void } } }).__warsztat.editor.select([id]), note.id);
        await voteBar.getByTestId('vote-selected').focus();
        await participant.keyboard.press('Enter');
        await expect.poll(async () => `${await voteBar.textContent()} | ${await participant.locator('[role="status"], [role="alert"]').allTextContents()}`).toMatch(/: 2\b/);
        if (mobile) await expectTouchTargets(participant, voteBar);
        await shoot(participant, voteBar, `vote-bar-${tag}`);
        expect(errors).toEqual([]);

        // The round ends first: on a phone its bar (fixed at the bottom) lies over the share
        // panel's controls once they are scrolled to (an open defect, see the report of #14).
        expect((await control.send({ type: 'vote.close' })).ok).toBe(true);
        await voteBar.waitFor({ state: 'detached' });

        // ── Personal links and the remove-person dialog, for the facilitator. ──
        const facilitator = await openKnown(context, board.links.facilitator, 'Doradczyni Ewa');
        const facilitatorErrors = trackErrors(facilitator);
        const links = facilitator.getByTestId('personal-links');
        await facilitator.getByRole('heading', { name: strings.personalTitle }).waitFor();
        await links.getByTestId('personal-link-name').fill('Anna Kowalska');
        await links.getByTestId('personal-link-name').press('Enter');
        await links.locator('[data-testid="personal-link"]', { hasText: 'Anna Kowalska' }).waitFor();
        await expectNoViolations(facilitator, ['[data-testid="personal-links"]']);
        await expectTabReachesAll(facilitator, links);
        if (mobile) await expectTouchTargets(facilitator, links);
        await shoot(facilitator, links, `personal-links-${tag}`);

        const remove = facilitator.locator('[data-testid="person"]', { hasText: 'Jan' }).getByTestId('person-remove');
        await remove.focus();
        await facilitator.keyboard.press('Enter');
        const dialog = facilitator.getByTestId('remove-person-dialog');
        await dialog.getByTestId('remove-outcome').waitFor();
        await expectNoViolations(facilitator, ['[data-testid="remove-person-dialog"]']);
        if (mobile) {
          await expectTouchTargets(facilitator, dialog);
          const box = (await dialog.boundingBox())!;
          expect(box.x, 'the dialog’s left edge').toBeGreaterThanOrEqual(0);
          expect(box.x + box.width, 'the dialog’s right edge').toBeLessThanOrEqual(viewport.width + 0.5);
        }
        await shoot(facilitator, dialog, `remove-dialog-${tag}`);
        // The focus stays in the dialog however far one tabs, either way.
        for (const key of ['Tab', 'Shift+Tab']) {
          for (let i = 0; i < 6; i++) {
            await facilitator.keyboard.press(key);
            expect(await dialog.evaluate((d) => d.contains(document.activeElement)), `${key} ×${i + 1} stays in the dialog`).toBe(true);
          }
        }
        // Escape closes it and gives the focus back to the button that opened it.
        await facilitator.keyboard.press('Escape');
        await dialog.waitFor({ state: 'detached' });
        expect(await remove.evaluate((b) => b === document.activeElement)).toBe(true);
        expect(facilitatorErrors).toEqual([]);

        // ── The read-only board banner. ──
        const frozenPage = await openKnown(context, frozen.links.facilitator, 'Prowadząca');
        const banner = frozenPage.getByTestId('read-only-board');
        await banner.waitFor();
        await expectNoViolations(frozenPage, ['[data-testid="read-only-board"]']);
        if (mobile) {
          const box = (await banner.boundingBox())!;
          expect(box.x).toBeGreaterThanOrEqual(0);
          expect(box.x + box.width).toBeLessThanOrEqual(viewport.width + 0.5);
        }
        await expectUncovered(banner, 'the read-only banner');
        expect(await frozenPage.evaluate(() => window.innerWidth), 'the page is laid out at the screen width').toBe(viewport.width);
        await shoot(frozenPage, banner, `read-only-${tag}`);

        // ── The lobby: boards this browser created or opened (three now), forget and undo by keyboard. ──
        const lobby = await context.newPage();
        const lobbyErrors = trackErrors(lobby);
        await lobby.goto(server.url);
        const recent = lobby.locator('section[aria-labelledby="recent-boards-title"]');
        await expect.poll(() => recent.getByTestId('recent-board').count()).toBeGreaterThanOrEqual(2);
        await expectNoViolations(lobby, ['section[aria-labelledby="recent-boards-title"]']);
        await expectTabReachesAll(lobby, recent);
        if (mobile) await expectTouchTargets(lobby, recent);
        await shoot(lobby, recent, `recent-${tag}`);
        const before = await recent.getByTestId('recent-board').count();
        await recent.getByTestId('recent-forget').first().focus();
        await lobby.keyboard.press('Enter');
        await recent.getByTestId('recent-forgotten').waitFor();
        expect(await recent.getByTestId('recent-board').count()).toBe(before - 1);
        await expectNoViolations(lobby, ['section[aria-labelledby="recent-boards-title"]']);
        if (mobile) await expectTouchTargets(lobby, recent.getByTestId('recent-forgotten'));
        await shoot(lobby, recent, `recent-forgotten-${tag}`);
        await recent.getByTestId('recent-undo').focus();
        await lobby.keyboard.press('Space');
        await expect.poll(() => recent.getByTestId('recent-board').count()).toBe(before);

        // ── The import's repair notice. ──
        await lobby.getByTestId('import-file').setInputFiles(backupFile);
        const notice = lobby.getByTestId('import-repairs');
        await notice.waitFor();
        await expectNoViolations(lobby, ['[data-testid="import-repairs"]']);
        if (mobile) await expectTouchTargets(lobby, notice);
        await shoot(lobby, notice, `import-repairs-${tag}`);
        expect(lobbyErrors).toEqual([]);
        await context.close();
      }
    });
  }
});
