import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createElements, deleteElements } from '../../shared/ops';
import { elementsOf } from '../../shared/schema';
import type { BoardBackup } from '../../shared/backup';
import { openBoard } from '../helpers/board-page';
import { browserUnavailable, launchBrowser, screenshot, trackErrors } from '../helpers/browser';
import { stockClient, synced, waitFor } from '../helpers/clients';
import { startServer, tempDir } from '../helpers/server';

const count = (page: import('playwright-core').Page) => page.locator('[data-testid="element-count"]').getAttribute('data-count').then(Number);

describe.skipIf(browserUnavailable() !== null)('backup and version history in Chromium', () => {
  it('imports a board from a backup file in the lobby and opens it; a bad file shows why', async () => {
    const server = await startServer();
    const original = await server.createBoard('Plan Rozwoju Lokalnego – Żagań', { template: 'swot' });
    const client = stockClient(server.wsUrl, original.id, original.tokens.participant);
    await synced(client);
    createElements(client.doc, [{ type: 'note', id: 'polska', text: 'Zażółć gęślą jaźń', x: 40, y: 80 }]);
    await waitFor(() => server.warsztat.rooms.peek(original.id)?.doc.getMap('elements').has('polska') ?? false);
    const res = await fetch(`${server.url}/api/boards/${original.id}/backup`, { headers: { authorization: `Bearer ${original.tokens.participant}` } });
    const backup = (await res.json()) as BoardBackup;
    const dir = tempDir();
    const file = path.join(dir, 'kopia.json');
    fs.writeFileSync(file, JSON.stringify(backup));
    const broken = path.join(dir, 'zepsuta.json');
    fs.writeFileSync(broken, JSON.stringify({ ...backup, elements: [{ ...backup.elements.find((e) => e.type === 'note'), color: 'czerwony' }] }));
    const before = (await server.warsztat.store.listBoards()).length;

    const browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'pl-PL', viewport: { width: 1280, height: 900 } });
    const lobby = await context.newPage();
    const errors = trackErrors(lobby);
    await lobby.goto(server.url);
    await lobby.getByRole('heading', { name: 'Importuj tablicę z pliku' }).waitFor();
    await lobby.getByTestId('import-file').setInputFiles(broken);
    await lobby.getByTestId('import-error').filter({ hasText: 'Nie udało się zaimportować tablicy' }).waitFor();
    expect(await lobby.getByTestId('import-error').textContent()).toContain('color');
    await screenshot(lobby, 'history-import-error');
    expect((await server.warsztat.store.listBoards()).length).toBe(before);

    await lobby.getByTestId('import-file').setInputFiles(file);
    await lobby.waitForURL(/\/b\/[A-Za-z0-9_-]+#token=/);
    expect(lobby.url()).not.toContain(original.id);
    await lobby.getByTestId('name-input').fill('Doradczyni Ewa');
    await lobby.getByTestId('name-submit').click();
    await lobby.locator('[data-testid="board-title"]', { hasText: 'Plan Rozwoju Lokalnego – Żagań' }).waitFor();
    await lobby.locator(`[data-testid="element-count"][data-count="${backup.elements.length}"]`).waitFor();
    await screenshot(lobby, 'history-imported-board');
    expect((await server.warsztat.store.listBoards()).length).toBe(before + 1);
    expect(errors).toEqual([]);
  });

  it('an import that cut broken tree links says which, in the person’s language, before opening the board (320 px, keyboard)', async () => {
    const server = await startServer();
    const original = await server.createBoard('Drzewo z pętlą', { template: 'swot' });
    const res = await fetch(`${server.url}/api/boards/${original.id}/backup`, { headers: { authorization: `Bearer ${original.tokens.participant}` } });
    const backup = (await res.json()) as BoardBackup;
    const node = (id: string, text: string, parentNode: string) => ({ id, type: 'treeNode', x: 0, y: 0, text, tree: 'problem', role: 'cause', parentNode });
    const file = path.join(tempDir(), 'petla.json');
    fs.writeFileSync(file, JSON.stringify({ ...backup, elements: [...backup.elements, node('a', 'Brak pracy', 'b'), node('b', 'Odpływ młodzieży', 'a'), node('c', 'Mało zieleni', 'ghost')] }));

    const browser = await launchBrowser();
    for (const [locale, expected] of [
      ['pl-PL', ['„Brak pracy” zamykało krąg połączeń', '„Mało zieleni” było podpięte do pola spoza swojego drzewa', 'Otwórz tablicę']],
      ['en-GB', ['“Brak pracy” closed a circle of links', '“Mało zieleni” hung from a box that is not in its tree', 'Open the board']],
    ] as const) {
      const context = await browser.newContext({ locale, viewport: { width: 320, height: 640 }, hasTouch: true });
      const lobby = await context.newPage();
      const errors = trackErrors(lobby);
      await lobby.goto(server.url);

      await lobby.getByTestId('import-file').setInputFiles(file);
      const notice = lobby.getByTestId('import-repairs');
      await notice.waitFor();
      const text = (await notice.textContent()) ?? '';
      for (const words of expected) expect(text).toContain(words);
      // Nothing of the notice runs off a 320 px screen.
      expect(await notice.evaluate((e) => e.getBoundingClientRect().right)).toBeLessThanOrEqual(320);
      await screenshot(lobby, `history-import-repairs-${locale}`);
      const open = notice.getByRole('link', { name: expected[2] });
      await open.focus();
      await lobby.keyboard.press('Enter');
      await lobby.waitForURL(/\/b\/[A-Za-z0-9_-]+#token=/);
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  it('the facilitator saves a version, previews it and restores it; the participant sees the board change', async () => {
    const server = await startServer();
    const board = await server.createBoard('Historia wersji', { template: 'swot' });
    const browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'pl-PL', viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const facilitator = await openBoard(context, board.links.facilitator, 'Doradca Jan');
    const participant = await openBoard(await browser.newContext({ locale: 'pl-PL' }), board.links.participant, 'Ola');
    const errors = trackErrors(facilitator);
    const saved = await count(facilitator);
    expect(saved).toBeGreaterThan(0);

    // Something is selected on the board behind the dialog: Delete in the dialog must not remove it.
    await facilitator.evaluate(() => {
      const editor = (window as never as { __warsztat: { editor: { select(ids: string[]): void; store: { ordered(): { id: string }[] } } } }).__warsztat.editor;
      editor.select([editor.store.ordered()[0]!.id]);
    });
    await facilitator.getByTestId('open-history').click();
    await facilitator.getByTestId('history-panel').waitFor();
    await facilitator.keyboard.press('Delete');
    await facilitator.getByText('Nie ma jeszcze zapisanych wersji', { exact: false }).waitFor();
    await facilitator.getByTestId('version-name').fill('Przed dyskusją');
    await facilitator.getByTestId('save-version').click();
    await facilitator.getByTestId('history-done').filter({ hasText: 'Zapisano wersję „Przed dyskusją”' }).waitFor();
    expect(await count(facilitator)).toBe(saved);

    // The board changes (another person's edits, through the stock client).
    const client = stockClient(server.wsUrl, board.id, board.tokens.participant);
    await synced(client);
    const frames = [...elementsOf(client.doc).keys()].slice(0, 2);
    deleteElements(client.doc, frames);
    createElements(client.doc, [{ type: 'note', text: 'Nowa karteczka po zapisie', x: 0, y: -400 }]);
    await participant.locator(`[data-testid="element-count"]:not([data-count="${saved}"])`).waitFor();
    const changed = await count(participant);

    // Download the backup from the panel.
    const [download] = await Promise.all([facilitator.waitForEvent('download'), facilitator.getByTestId('download-backup').click()]);
    const downloaded = JSON.parse(fs.readFileSync((await download.path())!, 'utf8')) as BoardBackup;
    expect(downloaded.elements).toHaveLength(changed);
    expect(download.suggestedFilename()).toMatch(/^Historia wersji - \d{4}-\d{2}-\d{2}\.json$/);

    await facilitator.getByTestId('preview-version').first().click();
    await facilitator.getByTestId('version-preview').waitFor();
    expect(await facilitator.locator('.version-drawing rect').count()).toBeGreaterThan(3);
    await screenshot(facilitator, 'history-preview');

    await facilitator.getByTestId('restore-version').first().click();
    await facilitator.getByText('Tablica zmieni się u wszystkich', { exact: false }).waitFor();
    await facilitator.getByTestId('confirm-restore').click();
    await facilitator.getByTestId('history-done').filter({ hasText: 'Przywrócono wersję' }).waitFor();
    await participant.locator(`[data-testid="element-count"][data-count="${saved}"]`).waitFor();
    await facilitator.locator(`[data-testid="element-count"][data-count="${saved}"]`).waitFor();
    await facilitator.getByTestId('version').filter({ hasText: 'Przed przywróceniem „Przed dyskusją”' }).waitFor();
    await screenshot(facilitator, 'history-restored');

    // Undo the restore by restoring the version saved just before it.
    await facilitator.getByTestId('restore-version').first().click();
    await facilitator.getByTestId('confirm-restore').click();
    await participant.locator(`[data-testid="element-count"][data-count="${changed}"]`).waitFor();
    await screenshot(participant, 'history-participant-after-undo');

    // A participant may look, not restore.
    await participant.getByTestId('open-history').click();
    await participant.getByTestId('version').first().waitFor();
    expect(await participant.getByTestId('restore-version').count()).toBe(0);
    expect(await participant.getByTestId('save-version').count()).toBe(0);
    // Keys stay in the dialog; Escape closes it.
    await participant.keyboard.press('Escape');
    await participant.getByTestId('history-panel').waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
  });
});
