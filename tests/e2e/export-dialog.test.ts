import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { axeViolations, describeViolations } from '../helpers/axe';
import { openBoard } from '../helpers/board-page';
import { HeldRunner } from '../helpers/held-exports';
import { browserUnavailable, launchBrowser, screenshot, trackErrors } from '../helpers/browser';
import { reportBoard } from '../helpers/report-board';
import { startServer, tempDir } from '../helpers/server';

describe.skipIf(browserUnavailable() !== null)('export dialog in Chromium', () => {
  it('picks a format and a frame, shows progress and downloads the report', async () => {
    const server = await startServer();
    const board = await server.createBoard('Warsztat w Łęczycy – żółć');
    const content = reportBoard();
    await server.warsztat.rooms.withRoom(board.id, async (room) => {
      Y.applyUpdate(room.doc, Y.encodeStateAsUpdate(content.doc));
      await room.facilitation.commit(content.control, {}, {}, true);
      await room.whenDurable();
    });
    const browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'pl-PL', viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    const page = await openBoard(context, board.links.participant, 'Ewa Śliwińska');
    const errors = trackErrors(page);

    // Escape straight after opening closes it, and the focus goes back where it was.
    await page.getByTestId('export-button').click();
    const dialog = page.getByTestId('export-dialog');
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('export-button');
    await page.getByTestId('export-button').click();
    await dialog.waitFor();
    await page.getByTestId('export-format-docx').check();
    await screenshot(page, 'export-dialog');

    // The whole board as a Word report.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
    expect(download.suggestedFilename()).toBe('Warsztat w Łęczycy – żółć.docx');
    const file = path.join(tempDir(), 'report.docx');
    await download.saveAs(file);
    const zip = await JSZip.loadAsync(fs.readFileSync(file));
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('Słaba oferta szkół zawodowych');
    await dialog.waitFor({ state: 'detached' });

    // One frame as a CSV table: the table picker appears for CSV only.
    await page.getByTestId('export-button').click();
    expect(await page.getByTestId('export-table').count()).toBe(0);
    await page.getByTestId('export-format-csv').check();
    await page.getByTestId('export-table').selectOption('factors');
    await page.getByTestId('export-frame').selectOption({ label: 'Kluczowe czynniki rozwoju' });
    await screenshot(page, 'export-dialog-csv');
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
    expect(csv.suggestedFilename()).toBe('Warsztat w Łęczycy – żółć - Kluczowe czynniki rozwoju - factors.csv');
    const csvFile = path.join(tempDir(), 'factors.csv');
    await csv.saveAs(csvFile);
    expect(fs.readFileSync(csvFile, 'utf8')).toContain('1;"Dostępność komunikacyjna";4,5;2');

    // A table the chosen frame does not have: the server's reason is shown, nothing downloads.
    await page.getByTestId('export-button').click();
    await page.getByTestId('export-format-csv').check();
    await page.getByTestId('export-table').selectOption('ideas');
    await page.getByTestId('export-frame').selectOption({ label: 'Kluczowe czynniki rozwoju' });
    await page.getByTestId('export-download').click();
    await page.getByTestId('export-error').filter({ hasText: 'no ideas table' }).waitFor();
    await screenshot(page, 'export-dialog-error');
    expect(errors).toEqual([]);
  });

  it('waits in the queue on 429 with its place shown, then shows the progress of a slow export (keyboard, axe, 320 px)', async () => {
    // The server's exports are held open until released: the dialog is looked at in each state.
    const held = new HeldRunner();
    const server = await startServer({}, undefined, { exportRunner: held });
    const board = await server.createBoard('Raport w kolejce');
    const headers = { authorization: `Bearer ${board.tokens.facilitator}` };
    // Three exports of this board fill its share of the queue.
    const ticket = (i: number) => `other-export-ticket-${i}`;
    const others = Array.from({ length: 3 }, (_, i) => fetch(`${server.url}/api/boards/${board.id}/export?format=pdf&ticket=${ticket(i)}`, { headers }));
    const state = async (i: number) => ((await (await fetch(`${server.url}/api/boards/${board.id}/export/status?ticket=${ticket(i)}`, { headers })).json()) as { state: string }).state;
    for (let i = 0; i < 3; i++) while ((await state(i)) === 'unknown');
    const browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'pl-PL', viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true, acceptDownloads: true });
    const page = await openBoard(context, board.links.participant, 'Jan Żółkiewski');
    const errors = trackErrors(page);
    // On a phone the top bar's actions are in its menu.
    await page.getByTestId('topbar-more').tap();
    await page.getByTestId('topbar-menu').getByRole('button', { name: 'Eksportuj wyniki', exact: true }).tap();
    const dialog = page.getByTestId('export-dialog');
    await dialog.waitFor();
    // By keyboard: the PDF format, then the download button.
    await page.getByTestId('export-format-pdf').focus();
    await page.keyboard.press('Space');
    await page.getByTestId('export-download').focus();
    const downloaded = page.waitForEvent('download');
    await page.keyboard.press('Enter');

    // 429: in line, three ahead, with the countdown to the next try.
    const progress = page.getByTestId('export-progress');
    await progress.and(page.locator('[data-state="waiting"]')).waitFor();
    expect(await page.getByTestId('export-progress-text').textContent()).toBe('Serwer przygotowuje teraz inne pliki. Czekasz w kolejce: przed Tobą 3 pliki.');
    expect(await page.getByRole('status').filter({ hasText: 'Czekasz w kolejce' }).count()).toBe(1);
    expect(await page.getByTestId('export-progressbar').getAttribute('aria-valuenow')).toBeNull();
    await screenshot(page, 'export-dialog-queue-320');
    const violations = await axeViolations(page, ['[data-testid="export-dialog"]']);
    expect(violations, describeViolations(violations)).toEqual([]);
    const box = await page.getByTestId('export-download').boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(320);

    // A place frees up: the retry (after Retry-After) is admitted behind the two still queued.
    held.started[0]!.release();
    await progress.and(page.locator('[data-state="queued"]')).waitFor();
    expect(await page.getByTestId('export-progress-text').textContent()).toBe('W kolejce: przed Twoim plikiem są 2 inne.');
    (await held.nth(2)).release();
    (await held.nth(3)).release();
    const mine = await held.nth(4);
    mine.progress(0.5);
    await page.locator('[data-testid="export-progressbar"][aria-valuenow="50"]').waitFor();
    expect(await page.getByTestId('export-progress-text').textContent()).toBe('Przygotowywanie pliku…');
    await screenshot(page, 'export-dialog-progress-320');
    mine.release({ body: Buffer.from('%PDF-1.7 test'), contentType: 'application/pdf', extension: 'pdf' });
    expect((await downloaded).suggestedFilename()).toBe('Raport w kolejce.pdf');
    await dialog.waitFor({ state: 'detached' });
    expect((await Promise.all(others)).map((r) => r.status)).toEqual([200, 200, 200]);
    expect(errors).toEqual([]);
  });
});
