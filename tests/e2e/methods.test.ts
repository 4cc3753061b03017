import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createElements, putIntoFrame } from '../../shared/ops/elements';
import { readElements } from '../../shared/schema';
import type { Element, ElementOf } from '../../shared/schema/elements';
import { browserUnavailable, launchBrowser, screenshot, trackErrors } from '../helpers/browser';
import { clickOnBoard, elementsOn, openBoard, waitForElement } from '../helpers/board-page';
import { controlClient } from '../helpers/control';
import { startServer } from '../helpers/server';

type Editor = { select(ids: string[]): void; zoomToSelection(): void; state: { selection: Set<string>; editing: unknown } };
const editorOf = (page: Page, fn: string, arg?: unknown) =>
  page.evaluate(([source, value]) => (new Function('editor', 'value', `return (${source})(editor, value)`) as (e: Editor, v: unknown) => unknown)((window as never as { __warsztat: { editor: Editor } }).__warsztat.editor, value), [fn, arg] as const);

const nodes = async (page: Page, tree: 'problem' | 'objective') => (await elementsOn(page)).filter((e): e is ElementOf<'treeNode'> => e.type === 'treeNode' && e.tree === tree);

/** Types into the selected tree node from the keyboard, as a person would, and leaves editing. */
async function typeNode(page: Page, text: string): Promise<void> {
  await page.keyboard.press(text[0]!);
  await page.getByTestId('text-editor').waitFor();
  await page.keyboard.type(text.slice(1));
  await page.keyboard.press('Escape');
  await page.getByTestId('text-editor').waitFor({ state: 'detached' });
}

async function showFrame(page: Page, id: string): Promise<void> {
  await editorOf(page, '(e, id) => { e.select([id]); e.zoomToSelection(); }', id);
}

describe.skipIf(browserUnavailable() !== null)('workshop methods in Chromium', () => {
  it('builds a problem tree from the keyboard and converts it to objectives; the outline lists and edits it', { timeout: 120_000 }, async () => {
    const server = await startServer();
    const board = await server.createBoard('Warsztat Brzeg', { template: 'workshop', locale: 'pl' });
    const browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'pl-PL', viewport: { width: 1400, height: 900 } });
    const page = await openBoard(context, board.links.facilitator, 'Doradczyni Ewa');
    const errors = trackErrors(page);
    const core = await waitForElement(page, `(e) => e.type === 'treeNode' && e.role === 'core'`);
    const problemFrame = (await elementsOn(page)).find((e) => e.type === 'frame' && e.method === 'problemTree')!;
    await showFrame(page, problemFrame.id);

    // The template's core: select it with the mouse, then everything from the keyboard.
    await clickOnBoard(page, core.x + core.w / 2, core.y + core.h / 2);
    await page.keyboard.press('F2');
    await page.getByTestId('text-editor').fill('Odpływ młodych ludzi');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    await typeNode(page, 'Brak pracy');
    await page.keyboard.press('Enter');
    // Tab while typing finishes the box and adds a cause under it.
    await page.keyboard.press('D');
    await page.getByTestId('text-editor').waitFor();
    await page.keyboard.type('rogie mieszkania');
    await page.keyboard.press('Tab');
    await page.getByTestId('text-editor').waitFor({ state: 'detached' });
    await typeNode(page, 'Mało gruntów');
    // The toolbar's buttons do the same, and leave the keyboard on the board.
    await page.getByTestId('tree-add-sibling').click();
    await typeNode(page, 'Brak terenów inwestycyjnych');
    await editorOf(page, '(e, id) => e.select([id])', core.id);
    await page.keyboard.press('Shift+Tab');
    await typeNode(page, 'Starzenie się miasta');
    await page.keyboard.press('Enter');
    await typeNode(page, 'Brak pracy.');

    // The help panel lists the tree keys.
    await page.keyboard.press('?');
    await expect(page.getByTestId('tree-shortcuts').textContent()).resolves.toContain('Shift+Tab');
    // Keys pressed while the dialog is open stay in it (no tool change, nothing deleted
    // behind it, typing does not open a box); Escape closes it, as the button does.
    const toolBefore = await editorOf(page, '(e) => e.state.tool');
    const selectedBefore = await editorOf(page, '(e) => [...e.state.selection]');
    for (const key of ['n', 'Delete', 'x']) await page.keyboard.press(key);
    expect(await editorOf(page, '(e) => e.state.tool')).toBe(toolBefore);
    expect(await editorOf(page, '(e) => e.state.editing')).toBeNull();
    expect(await editorOf(page, '(e) => [...e.state.selection]')).toEqual(selectedBefore);
    await page.keyboard.press('Escape');
    await page.getByTestId('help-panel').waitFor({ state: 'detached' });
    // Clicked on its text, it still holds the keys.
    await page.keyboard.press('?');
    await page.getByTestId('help-panel').locator('h2').click();
    await page.keyboard.press('n');
    expect(await editorOf(page, '(e) => e.state.tool')).toBe(toolBefore);
    await page.getByTestId('help-panel').getByRole('button').click();

    let tree = await nodes(page, 'problem');
    const byText = (text: string) => tree.find((n) => n.text === text)!;
    expect(tree).toHaveLength(7);
    expect(byText('Brak terenów inwestycyjnych')).toMatchObject({ role: 'cause', parentNode: byText('Drogie mieszkania').id });
    expect(byText('Brak pracy')).toMatchObject({ role: 'cause', parentNode: core.id });
    expect(byText('Drogie mieszkania')).toMatchObject({ role: 'cause', parentNode: core.id });
    expect(byText('Mało gruntów')).toMatchObject({ role: 'cause', parentNode: byText('Drogie mieszkania').id });
    expect(byText('Starzenie się miasta')).toMatchObject({ role: 'effect', parentNode: core.id });
    const coreNow = byText('Odpływ młodych ludzi');
    for (const n of tree) {
      if (n.role === 'cause') expect(n.y).toBeGreaterThan(coreNow.y + coreNow.h);
      if (n.role === 'effect') expect(n.y + n.h).toBeLessThan(coreNow.y);
    }
    // The repeated text is flagged where the person works.
    await expect(page.getByTestId('tree-duplicate').textContent()).resolves.toContain('Brak pracy');

    // Fold and unfold a branch with '/'.
    await editorOf(page, '(e, id) => e.select([id])', byText('Drogie mieszkania').id);
    await page.keyboard.press('/');
    await waitForElement(page, `(e) => e.type === 'treeNode' && e.text === 'Drogie mieszkania' && e.collapsed`);
    await showFrame(page, problemFrame.id);
    await screenshot(page, 'methods-problem-tree-folded');
    // The "+1" pill on the folded box unfolds it with a click.
    const folded = (await nodes(page, 'problem')).find((n) => n.text === 'Drogie mieszkania')!;
    await clickOnBoard(page, folded.x + folded.w / 2, folded.y + folded.h + 1);
    await waitForElement(page, `(e) => e.type === 'treeNode' && e.text === 'Drogie mieszkania' && !e.collapsed`);
    await editorOf(page, '(e, id) => e.select([id])', byText('Brak pracy.').id);
    await screenshot(page, 'methods-problem-tree');

    // Convert: every problem becomes an objective, with its source shown and marked for rewording.
    await showFrame(page, problemFrame.id);
    await page.getByTestId('tree-convert').click();
    await page.waitForFunction(() => (window as never as { __warsztat: { editor: { store: { ordered(): { type: string; tree?: string }[] } } } }).__warsztat.editor.store.ordered().filter((e) => e.type === 'treeNode' && e.tree === 'objective').length === 7);
    tree = await nodes(page, 'problem');
    const objectives = await nodes(page, 'objective');
    for (const o of objectives) {
      const source = tree.find((p) => p.id === o.sourceId)!;
      expect(o).toMatchObject({ text: source.text, role: source.role });
      if (source.parentNode) expect(objectives.find((x) => x.id === o.parentNode)!.sourceId).toBe(source.parentNode);
    }
    const objectivesFrame = (await elementsOn(page)).find((e) => e.type === 'frame' && e.method === 'objectivesTree')!;
    expect(objectives.every((o) => o.parentId === objectivesFrame.id)).toBe(true);
    await editorOf(page, '(e, id) => e.select([id])', objectives.find((o) => o.role === 'core')!.id);
    await page.keyboard.press('F2');
    await page.getByTestId('text-editor').fill('Młodzi zostają w mieście');
    await page.keyboard.press('Escape');
    // Converting again updates the same objectives and keeps the reworded one.
    await showFrame(page, problemFrame.id);
    await page.getByTestId('tree-convert').click();
    await page.getByTestId('notice').filter({ hasText: 'nowe cele – 0' }).waitFor();
    expect(await nodes(page, 'objective')).toHaveLength(7);
    expect((await nodes(page, 'objective')).find((o) => o.role === 'core')!.text).toBe('Młodzi zostają w mieście');
    await showFrame(page, objectivesFrame.id);
    await editorOf(page, '(e) => e.select([])');
    await screenshot(page, 'methods-objectives-tree');

    // The outline: frames as headings with their items, walked from the keyboard, and editing from it.
    await page.getByTestId('toggle-outline').click();
    const outline = page.getByTestId('outline-panel');
    await outline.waitFor();
    const frameItem = outline.getByRole('button', { name: 'Ramka: Drzewo problemów', exact: true });
    await expect(frameItem.evaluate((b) => b.parentElement?.tagName)).resolves.toBe('H3');
    const cause = outline.getByRole('button', { name: /^Przyczyna: Mało gruntów/ });
    await cause.waitFor();
    const items = outline.getByTestId('outline-item');
    await items.first().focus();
    await page.keyboard.press('End');
    await expect.poll(() => page.evaluate(() => document.activeElement === [...document.querySelectorAll('[data-testid="outline-item"]')].at(-1))).toBe(true);
    await page.keyboard.press('Home');
    await expect.poll(() => page.evaluate(() => document.activeElement === document.querySelector('[data-testid="outline-item"]'))).toBe(true);
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.evaluate(() => document.activeElement === document.querySelectorAll('[data-testid="outline-item"]')[1])).toBe(true);
    // A click (or Enter) shows the item on the canvas and opens its actions; F2 edits it through its Y.Text.
    await cause.click();
    await page.waitForFunction((id) => (window as never as { __warsztat: { editor: Editor } }).__warsztat.editor.state.selection.has(id), byText('Mało gruntów').id);
    await outline.getByTestId('outline-actions').waitFor();
    await cause.focus();
    await page.keyboard.press('F2');
    const input = page.getByTestId('outline-input');
    await input.waitFor();
    await page.keyboard.press('End');
    await page.keyboard.type(' pod budownictwo');
    await page.keyboard.press('Enter');
    await waitForElement(page, `(e) => e.type === 'treeNode' && e.text === 'Mało gruntów pod budownictwo'`);
    await outline.getByRole('button', { name: /Mało gruntów pod budownictwo/ }).waitFor();
    await screenshot(page, 'methods-outline');

    // What the server stored matches.
    await server.warsztat.rooms.withRoom(board.id, async (room) => {
      const stored = readElements(room.doc).elements;
      expect(stored.some((e) => e.type === 'treeNode' && e.text === 'Mało gruntów pod budownictwo')).toBe(true);
      expect(stored.filter((e) => e.type === 'treeNode' && e.tree === 'objective')).toHaveLength(7);
    });
    expect(errors).toEqual([]);
  });

  it('builds TOWS from the voted SWOT items and adds a strategy with its sources', { timeout: 120_000 }, async () => {
    const server = await startServer();
    const board = await server.createBoard('Warsztat SWOT', { template: 'workshop', locale: 'pl' });
    let swotId = '';
    const items: Record<string, string[]> = {};
    await server.warsztat.rooms.withRoom(board.id, async (room) => {
      const frames = readElements(room.doc).elements.filter((e): e is ElementOf<'frame'> => e.type === 'frame');
      swotId = frames.find((f) => f.method === 'swot')!.id;
      const texts: Record<string, string[]> = {
        'swot-s': ['Położenie przy autostradzie', 'Zabytkowy rynek', 'Aktywne organizacje', 'Dobre szkoły'],
        'swot-w': ['Zły stan dróg', 'Odpływ młodych'],
        'swot-o': ['Fundusze UE', 'Rosnąca turystyka'],
        'swot-t': ['Konkurencja sąsiednich gmin'],
      };
      for (const [method, list] of Object.entries(texts)) {
        const q = frames.find((f) => f.method === method)!;
        items[method] = createElements(room.doc, list.map((text, i) => ({ type: 'note' as const, text, x: q.x + 20 + (i % 2) * 220, y: q.y + 20 + Math.floor(i / 2) * 210 })));
        putIntoFrame(room.doc, items[method]!, q.id);
      }
      await room.whenDurable();
    });
    // A closed vote on the strengths: "Dobre szkoły" first, "Zabytkowy rynek" second.
    const facilitator = await controlClient(server.url, { boardId: board.id, token: board.tokens.facilitator, sessionId: 'f', name: 'Ewa' });
    const voter = await controlClient(server.url, { boardId: board.id, token: board.tokens.participant, sessionId: 'p', name: 'Jan' });
    const s = items['swot-s']!;
    expect(await facilitator.send({ type: 'vote.start', title: 'Mocne strony', frameId: null, itemIds: s, votesPerPerson: 3 })).toMatchObject({ ok: true });
    for (const id of [s[3], s[3], s[1]]) expect(await voter.send({ type: 'vote.cast', itemId: id })).toMatchObject({ ok: true });
    expect(await facilitator.send({ type: 'vote.close' })).toMatchObject({ ok: true });

    const browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'pl-PL', viewport: { width: 1400, height: 900 } });
    const page = await openBoard(context, board.links.facilitator, 'Doradczyni Ewa');
    const errors = trackErrors(page);
    await showFrame(page, swotId);
    await page.getByTestId('tows-build').click();
    const ref = await waitForElement(page, `(e) => e.type === 'text' && e.text.startsWith('S1 · ')`);
    expect((ref as ElementOf<'text'>).text).toBe('S1 · Dobre szkoły');
    await waitForElement(page, `(e) => e.type === 'text' && e.text === 'S2 · Zabytkowy rynek'`);
    const all = await elementsOn(page);
    // Only voted strengths go on; unvoted quadrants come in board order.
    expect(all.some((e) => e.type === 'text' && e.text === 'S3 · Położenie przy autostradzie')).toBe(false);
    expect(all.some((e) => e.type === 'text' && e.text === 'O1 · Fundusze UE')).toBe(true);

    const so = all.find((e): e is ElementOf<'frame'> => e.type === 'frame' && e.method === 'tows-so')!;
    await editorOf(page, '(e, id) => e.select([id])', so.id);
    await page.getByTestId('tows-text').fill('Szkoły z funduszy UE przyciągną rodziny');
    await page.getByTestId('tows-tick-S1').check();
    await page.getByTestId('tows-tick-O1').check();
    await page.getByTestId('tows-add').click();
    const strategy = (await waitForElement(page, `(e) => e.type === 'strategy'`)) as ElementOf<'strategy'>;
    expect(strategy.parentId).toBe(so.id);
    expect(strategy.sources.sort()).toEqual([s[3], items['swot-o']![0]].sort());
    // With the strategy selected, its sources can be changed by ticking.
    await page.getByTestId('tows-source-S2').check();
    await waitForElement(page, `(e) => e.type === 'strategy' && e.sources.length === 3`);
    // Building again keeps the strategy and updates the labels in place (no new elements).
    const count = (await elementsOn(page)).length;
    await showFrame(page, swotId);
    await page.getByTestId('tows-build').click();
    await page.getByTestId('notice').waitFor();
    expect((await elementsOn(page)).length).toBe(count);
    const tows = (await elementsOn(page)).find((e: Element) => e.type === 'frame' && e.method === 'tows')!;
    await showFrame(page, tows.id);
    await editorOf(page, '(e, id) => e.select([id])', strategy.id);
    await screenshot(page, 'methods-tows');
    expect(errors).toEqual([]);
  });
});
