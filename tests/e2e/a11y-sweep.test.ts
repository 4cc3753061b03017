import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readElements } from '../../shared/schema/plain';
import { createElements, putIntoFrame } from '../../shared/ops/elements';
import type { ElementOf } from '../../shared/schema/elements';
import { axeViolations, describeViolations, type AxeViolation } from '../helpers/axe';
import { ARTIFACTS_DIR, browserUnavailable, launchBrowser, trackErrors } from '../helpers/browser';
import { openBoard, waitForElement } from '../helpers/board-page';
import { controlClient } from '../helpers/control';
import { startServer, type TestServer } from '../helpers/server';

/**
 * The axe proof of issue #16: every page, every role's board, the outline, every dialog and
 * panel, the version preview and the idea form, in Polish and in English, with zero WCAG 2.1
 * A/AA violations. One browser and one context per language; pages are reused, dialogs opened
 * and closed in turn, so the sweep stays quick.
 */

const LOCALES = ['pl', 'en'] as const;

/** A workshop board with something in every method frame: stakeholders, a factor, an idea, a note. */
async function seededBoard(server: TestServer, locale: 'pl' | 'en') {
  const board = await server.createBoard(locale === 'pl' ? 'Warsztat w Sieradzu' : 'Workshop in Sieradz', { template: 'workshop', locale });
  await server.warsztat.rooms.withRoom(board.id, async (room) => {
    const frames = readElements(room.doc).elements.filter((e): e is ElementOf<'frame'> => e.type === 'frame');
    const frame = (method: string) => frames.find((f) => f.method === method)!;
    const put = (method: string, inputs: Parameters<typeof createElements>[1]) => {
      const f = frame(method);
      putIntoFrame(room.doc, createElements(room.doc, inputs.map((i) => ({ ...i, x: f.x + 60 + Number(i.x ?? 0), y: f.y + 60 + Number(i.y ?? 0) })), 'Anna'), f.id);
    };
    put('stakeholders', [
      { type: 'stakeholder', name: 'Urząd Miasta', group: 'dostawcy usług', influence: 8, engagement: 7, ratings: [{ by: 'Anna', influence: 8, engagement: 7 }] },
      { type: 'stakeholder', name: 'Rada Seniorów', x: 300 },
    ]);
    put('factors', [{ type: 'factor', text: 'Dostępność komunikacyjna' }]);
    put('ideas', [{ type: 'idea', title: 'Ścieżka rowerowa', description: 'Nad Wartą', place: 'ul. Rzeczna', status: 'new' }]);
    put('swot-s', [{ type: 'note', text: 'Zabytkowy rynek' }]);
    await room.whenDurable();
  });
  return board;
}

describe.skipIf(browserUnavailable() !== null)('axe WCAG 2.1 AA on every page, role, dialog and panel (#16)', () => {
  it('finds no violation in Polish or in English', { timeout: 300_000 }, async () => {
    const server = await startServer();
    const browser = await launchBrowser();
    const found: string[] = [];
    const check = async (page: Page, what: string, include: string[] = ['body']) => {
      const violations: AxeViolation[] = await axeViolations(page, include);
      if (violations.length) found.push(`── ${what}\n${describeViolations(violations)}`);
    };
    fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
    const shoot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS_DIR, `a11y-sweep-${name}.png`) });

    for (const locale of LOCALES) {
      const board = await seededBoard(server, locale);
      const context = await browser.newContext({ locale: locale === 'pl' ? 'pl-PL' : 'en-GB', viewport: { width: 1280, height: 860 } });
      const page = await context.newPage();
      const errors = trackErrors(page);

      // ── The lobby, with the links of a board just created. ──
      await page.goto(server.url);
      await page.getByTestId('board-title-input').fill('Rynek');
      await page.getByTestId('create-board').click();
      await page.getByTestId('created-links').waitFor();
      await check(page, `${locale} lobby`);

      // ── The accessibility statement, linked from the lobby. ──
      await page.getByTestId('statement-link').click();
      await page.getByTestId('statement').waitFor();
      await check(page, `${locale} statement`);
      await page.screenshot({ path: path.join(ARTIFACTS_DIR, `a11y-sweep-statement-${locale}.png`), fullPage: true });

      // ── The name prompt, then the facilitator's board with its panel. ──
      await page.goto(board.links.facilitator);
      await page.getByTestId('name-prompt').waitFor();
      await check(page, `${locale} name prompt`);
      await page.getByTestId('name-input').fill('Ewa');
      await page.getByTestId('name-submit').click();
      await page.locator('[data-testid="connection"][data-status="connected"]').waitFor();
      await page.waitForFunction(() => Boolean((window as never as { __warsztat?: unknown }).__warsztat));
      await waitForElement(page, `(e) => e.type === 'idea'`);
      await check(page, `${locale} facilitator board`);

      const modal = async (open: string, testId: string, what: string) => {
        await page.getByTestId(open).click();
        await page.getByTestId(testId).waitFor();
        await check(page, `${locale} ${what}`);
        await page.keyboard.press('Escape');
        await page.getByTestId(testId).waitFor({ state: 'detached' });
      };
      await modal('help-button', 'help-panel', 'help');
      await modal('export-button', 'export-dialog', 'export dialog');

      // ── History and a version's preview. ──
      await page.getByTestId('open-history').click();
      await page.getByTestId('history-panel').waitFor();
      await check(page, `${locale} history`);
      await page.getByTestId('version-name').fill('Przed głosowaniem');
      await page.getByTestId('save-version').click();
      await page.getByTestId('preview-version').first().click();
      await page.getByTestId('version-preview').waitFor();
      await check(page, `${locale} version preview`);
      await page.getByTestId('history-panel').getByRole('button').first().click();
      await page.getByTestId('history-panel').waitFor({ state: 'detached' });

      // ── The methods panel, a stakeholder's details with the rating form. ──
      const stakeholder = await waitForElement(page, `(e) => e.type === 'stakeholder' && e.name === 'Rada Seniorów'`);
      await page.evaluate((id) => (window as never as { __warsztat: { editor: { select(ids: string[]): void } } }).__warsztat.editor.select([id]), stakeholder.id);
      await page.getByTestId('rating-form').waitFor();
      await check(page, `${locale} methods panel, card details, rating form`);

      // ── The outline. ──
      await page.getByTestId('toggle-outline').click();
      await page.getByTestId('outline-panel').waitFor();
      await check(page, `${locale} outline`);
      const outline = page.getByTestId('outline-panel');
      // Stakeholders and ideas are read by their names, not as "(no text)".
      await outline.getByRole('button', { name: locale === 'pl' ? 'Interesariusz: Urząd Miasta' : 'Stakeholder: Urząd Miasta', exact: true }).waitFor();
      await outline.getByRole('button', { name: /: Ścieżka rowerowa$/ }).waitFor();
      // A frame's actions: add a note to the strengths quadrant from the outline.
      const strengths = outline.getByRole('heading', { name: locale === 'pl' ? 'Ramka: Mocne strony' : 'Frame: Strengths' }).getByRole('button');
      await strengths.focus();
      await page.keyboard.press('Enter');
      await outline.getByTestId('outline-actions').waitFor();
      await check(page, `${locale} outline, a frame's actions`);
      await outline.getByTestId('outline-add-words').fill('Aktywne organizacje');
      await outline.getByTestId('outline-add').click();
      await waitForElement(page, `(e) => e.type === 'note' && e.text === 'Aktywne organizacje' && e.parentId !== null`);
      await outline.getByRole('button', { name: /: Aktywne organizacje$/ }).waitFor();
      // A stakeholder's actions hold the rating form.
      await outline.getByRole('button', { name: /: Rada Seniorów$/ }).click();
      await outline.getByTestId('outline-actions').getByTestId('rating-form').waitFor();
      await check(page, `${locale} outline, a stakeholder's actions`);
      await shoot(page, `outline-${locale}`);

      // ── A vote round, seen by a participant and an observer. ──
      const control = await controlClient(server.url, { boardId: board.id, token: board.tokens.facilitator, sessionId: `sweep-${locale}`, name: 'Ewa' });
      expect((await control.send({ type: 'vote.start', title: 'Priorytety', frameId: null, itemIds: [stakeholder.id], votesPerPerson: 3 })).ok).toBe(true);
      for (const role of ['participant', 'observer'] as const) {
        const other = await openBoard(await browser.newContext({ locale: locale === 'pl' ? 'pl-PL' : 'en-GB', viewport: { width: 1280, height: 860 } }), board.links[role], role === 'participant' ? 'Jan' : 'Olga');
        await other.getByTestId('vote-bar').waitFor();
        await check(other, `${locale} ${role} board`);
        await other.getByTestId('toggle-outline').click();
        await other.getByTestId('outline-panel').waitFor();
        await check(other, `${locale} ${role} outline`);
        if (role === 'participant') {
          // Voting from the outline, as on the canvas.
          await other.getByTestId('outline-panel').getByRole('button', { name: /: Rada Seniorów$/ }).click();
          await other.getByTestId('outline-vote').click();
          await other.getByTestId('outline-status').filter({ hasText: /: 2\./ }).waitFor();
          await other.getByTestId('outline-panel').getByText(locale === 'pl' ? 'Twoje głosy: 1' : 'your votes: 1').waitFor();
          await check(other, `${locale} participant outline, voting`);
          // A remote change is announced in the live region.
          await server.warsztat.rooms.withRoom(board.id, (room) => {
            createElements(room.doc, [{ type: 'note', text: 'Z zewnątrz', x: -2000, y: -2000 }], 'Anna');
          });
          await other.getByTestId('live-region').filter({ hasText: locale === 'pl' ? 'Anna dodaje: karteczka' : 'Anna added: note' }).waitFor();
          await other.screenshot({ path: path.join(ARTIFACTS_DIR, `a11y-sweep-participant-outline-${locale}.png`) });
        }
        await other.context().close();
      }
      expect((await control.send({ type: 'vote.close' })).ok).toBe(true);

      // ── The residents' idea form. ──
      const res = await fetch(`${server.url}/api/boards/${board.id}/ideas/form`, { headers: { authorization: `Bearer ${board.tokens.facilitator}` } });
      const { link } = (await res.json()) as { link: string };
      await page.goto(link);
      await page.getByTestId('idea-title').waitFor();
      await check(page, `${locale} idea form`);
      expect(errors).toEqual([]);
      await context.close();
    }
    expect(found.join('\n'), 'axe violations').toBe('');
  });
});
