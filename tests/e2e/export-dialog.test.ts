import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openBoard } from '../helpers/board-page';
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
});
