import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Element, ElementOf } from '../../shared/schema/elements';
import { ARTIFACTS_DIR, browserUnavailable, launchBrowser, screenshot, trackErrors } from '../helpers/browser';
import { clickOnBoard, elementsOn, openBoard, painted, waitForElement } from '../helpers/board-page';
import { onCleanup, startServer, tempDir } from '../helpers/server';

/**
 * Issue #5, end to end: an advisor runs the `workshop` template with a group, phase by
 * phase, in Polish, through the interface only; then downloads the report.
 */

type Editor = { select(ids: string[]): void; viewCenter(): { x: number; y: number }; store: { get(id: string): unknown } };

/** Runs `fn(editor, value)` in the page (for reading state and for selecting frames, which the canvas selects only by their edge). */
const withEditor = (page: Page, fn: string, arg?: unknown) =>
  page.evaluate(([source, value]) => (new Function('editor', 'value', `return (${source})(editor, value)`) as (e: Editor, v: unknown) => unknown)((window as never as { __warsztat: { editor: Editor } }).__warsztat.editor, value), [fn, arg] as const);

const select = (page: Page, id: string) => withEditor(page, '(e, id) => e.select([id])', id);

async function elementOn<T extends Element['type']>(page: Page, id: string): Promise<ElementOf<T>> {
  return (await withEditor(page, '(e, id) => e.store.get(id)', id)) as ElementOf<T>;
}

const ofType = async <T extends Element['type']>(page: Page, type: T) => (await elementsOn(page)).filter((e): e is ElementOf<T> => e.type === type);

/** Clicks the middle of an element on the canvas, as a person would to pick it. */
async function clickElement(page: Page, id: string): Promise<void> {
  const e = await elementOn(page, id);
  await clickOnBoard(page, e.x + e.w / 2, e.y + e.h / 2);
}

/** Types into the selected tree node from the keyboard (its first key starts editing) and leaves editing. */
async function typeNode(page: Page, text: string): Promise<void> {
  await page.keyboard.press(text[0]!);
  await page.getByTestId('text-editor').waitFor();
  await page.keyboard.type(text.slice(1));
  await page.keyboard.press('Escape');
  await page.getByTestId('text-editor').waitFor({ state: 'detached' });
}

/** A note written with the note tool at a board point. */
async function writeNote(page: Page, x: number, y: number, text: string): Promise<ElementOf<'note'>> {
  await page.getByTestId('tool-note').click();
  await clickOnBoard(page, x, y);
  await page.getByTestId('text-editor').waitFor();
  await page.keyboard.type(text);
  await page.keyboard.press('Escape');
  await page.getByTestId('text-editor').waitFor({ state: 'detached' });
  return (await waitForElement(page, `(e) => e.type === 'note' && e.text === ${JSON.stringify(text)}`)) as ElementOf<'note'>;
}

/** One blind score of the card under the mouse, through the rating form. */
async function rate(page: Page, id: string, values: Record<string, number>): Promise<void> {
  await page.keyboard.press('Escape');
  await clickElement(page, id);
  await page.getByTestId('card-details').waitFor();
  for (const [axis, value] of Object.entries(values)) await page.getByTestId(`rate-${axis}`).fill(String(value));
  await page.getByTestId('rate-submit').click();
  await page.getByTestId('rate-saved').waitFor();
}

/** Scrolls the board down (up for negative pixels) with the mouse wheel and waits until the view has moved. */
async function scrollDown(page: Page, pixels: number): Promise<void> {
  const before = (await withEditor(page, '(e) => e.state.viewport.y')) as number;
  await page.mouse.move(700, 450);
  await page.mouse.wheel(0, pixels);
  await expect.poll(async () => Math.abs(((await withEditor(page, '(e) => e.state.viewport.y')) as number) - before)).toBeGreaterThan(Math.abs(pixels) / 2);
}

/** Ticks or clears a checkbox of the facilitator's panel and waits until the server's state shows it. */
async function toggle(page: Page, testId: string, checked: boolean): Promise<void> {
  await page.getByTestId(testId).click();
  await page.waitForFunction(([id, want]) => (document.querySelector(`[data-testid="${id}"]`) as HTMLInputElement | null)?.checked === want, [testId, checked] as const);
}

/** One dot vote on a note, confirmed by the server before the next. */
async function vote(page: Page, note: ElementOf<'note'>, left: number): Promise<void> {
  await clickOnBoard(page, note.x + note.w / 2, note.y + note.h / 2);
  await page.getByTestId('vote-bar').filter({ hasText: `Zostało: ${left}.` }).waitFor();
  // Two clicks on one note within Konva's 400 ms window (Date.now()) would be a double click:
  // a rule of time, not a state to wait on.
  await page.waitForTimeout(400);
}

/** pdftotext's words, whitespace collapsed (table cells wrap across lines). */
function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

describe.skipIf(browserUnavailable() !== null)('a whole workshop in Polish in Chromium (#5)', () => {
  it('an advisor runs the workshop template with three participants, an observer and a resident, from the first phase to the report', { timeout: 300_000 }, async () => {
    const server = await startServer();
    const browser = await launchBrowser();
    const newContext = (viewport = { width: 1400, height: 900 }) => browser.newContext({ locale: 'pl-PL', viewport, acceptDownloads: true });

    // The advisor creates the board in the lobby: a Polish workshop.
    const fContext = await newContext();
    const lobby = await fContext.newPage();
    const lobbyErrors = trackErrors(lobby);
    await lobby.goto(server.url);
    await lobby.getByRole('heading', { name: 'Nowa tablica' }).waitFor();
    await lobby.getByTestId('board-title-input').fill('Warsztat strategiczny – Łowicz');
    await lobby.getByTestId('template').selectOption('workshop');
    await lobby.getByTestId('create-board').click();
    await lobby.getByTestId('created-links').waitFor();
    const [facilitatorLink, participantLink, observerLink] = await Promise.all(['facilitator', 'participant', 'observer'].map((role) => lobby.getByTestId(`link-${role}`).inputValue()));
    const boardId = new URL(facilitatorLink!).pathname.split('/').at(-1)!;
    const token = new URL(facilitatorLink!).hash.replace('#token=', '');

    const f = await openBoard(fContext, facilitatorLink!, 'Doradczyni Ewa');
    const jan = await openBoard(await newContext(), participantLink!, 'Jan');
    const maria = await openBoard(await newContext(), participantLink!, 'Maria');
    const piotr = await openBoard(await newContext(), participantLink!, 'Piotr');
    const ola = await openBoard(await newContext(), observerLink!, 'Ola');
    const everyone = [f, jan, maria, piotr, ola];
    const participants = [jan, maria, piotr];
    // On a failure, what each person saw last.
    let finished = false;
    onCleanup(async () => {
      if (!finished) for (const [i, page] of everyone.entries()) if (!page.isClosed()) await screenshot(page, `workshop-last-${['f', 'jan', 'maria', 'piotr', 'ola'][i]}`).catch(() => undefined);
    });
    const errors = everyone.map((page) => trackErrors(page));
    await f.locator('[data-testid="person"]').nth(4).waitFor();
    // The observer watches: no tool that writes.
    expect(await ola.getByTestId('tool-note').count()).toBe(0);
    expect(await f.locator('.agenda li').allTextContents()).toEqual(
      ['Mapa interesariuszy', 'Drzewo problemów', 'Drzewo celów', 'Analiza SWOT', 'Strategie TOWS', 'Kluczowe czynniki rozwoju', 'Pomysły mieszkańców'].map((title) => `${title}PodglądPrzejdźInstrukcja`),
    );
    const frames = await ofType(f, 'frame');
    const frameOf = (method: string) => frames.find((fr) => fr.method === method)!;

    /** The advisor starts a phase; everyone's view is brought to its frame. */
    const goToPhase = async (index: number, method: string) => {
      const frame = frameOf(method);
      await f.getByTestId(`phase-${index}`).click();
      await f.locator('.agenda li.current').filter({ hasText: frame.title }).waitFor();
      for (const page of everyone) {
        await page.waitForFunction(
          (fr) => {
            const c = (window as never as { __warsztat: { editor: Editor } }).__warsztat.editor.viewCenter();
            return c.x > fr.x && c.x < fr.x + fr.w && c.y > fr.y && c.y < fr.y + fr.h;
          },
          { x: frame.x, y: frame.y, w: frame.w, h: frame.h },
        );
      }
      return frame;
    };

    // ── 1. Mapa interesariuszy: two stakeholders, scored blind, revealed. ──
    await goToPhase(0, 'stakeholders');
    await f.getByTestId('methods-toggle').click();
    const stakeholders: Record<string, string> = {};
    for (const [name, group] of [
      ['Rada Osiedla Starówka', 'użytkownicy miasta'],
      ['Powiatowy Urząd Pracy', 'dostawcy usług'],
    ] as const) {
      await f.getByTestId('add-stakeholder').click();
      await f.getByTestId('stakeholder-name').fill(name);
      await f.getByTestId('stakeholder-group').fill(group);
      stakeholders[name] = (await waitForElement(f, `(e) => e.type === 'stakeholder' && e.name === '${name}' && e.group === '${group}'`)).id;
    }
    const council = stakeholders['Rada Osiedla Starówka']!;
    for (const page of [jan, maria]) await waitForElement(page, `(e) => e.id === '${stakeholders['Powiatowy Urząd Pracy']}' && e.name === 'Powiatowy Urząd Pracy'`);
    await rate(jan, council, { influence: 8, engagement: 6 });
    await rate(maria, council, { influence: 6, engagement: 3 });
    await rate(maria, stakeholders['Powiatowy Urząd Pracy']!, { influence: 9, engagement: 2 });
    // Blind: each sees that two people scored, and only their own score.
    await jan.keyboard.press('Escape');
    await clickElement(jan, council);
    await expect.poll(() => jan.getByTestId('rate-count').textContent()).toBe('Oceniły 2 osoby.');
    expect(await jan.getByTestId('rate-saved').textContent()).toContain('Wpływ 8, Zaangażowanie 6');
    expect(await jan.getByTestId('card-details').textContent()).not.toContain('Maria');
    expect(await elementOn(jan, council)).toMatchObject({ influence: null, engagement: null, ratings: [] });
    const reveal = f.getByTestId('reveal-stakeholders');
    await expect.poll(() => reveal.textContent()).toBe('Odkryj oceny (3 oceny)');
    await reveal.click();
    for (const page of everyone) await waitForElement(page, `(e) => e.id === '${council}' && e.influence === 7 && e.engagement === 4.5 && e.ratings.length === 2`);
    await jan.keyboard.press('Escape');
    await clickElement(jan, council);
    await expect.poll(() => jan.getByTestId('result-influence').textContent()).toBe('7 (±1; 6–8)');
    expect(await jan.getByTestId('result-engagement').textContent()).toBe('4,5 (±1,5; 3–6)');
    expect(await jan.getByTestId('individual-ratings').locator('tbody tr').allTextContents()).toEqual(['Jan86', 'Maria63']);
    await screenshot(jan, 'workshop-1-stakeholders');
    await f.getByTestId('methods-toggle').click();

    // ── 2. Drzewo problemów: the advisor builds it from the keyboard. ──
    const problemFrame = await goToPhase(1, 'problemTree');
    const core = (await ofType(f, 'treeNode')).find((n) => n.role === 'core' && n.tree === 'problem')!;
    await clickElement(f, core.id);
    await f.keyboard.press('F2');
    await f.getByTestId('text-editor').waitFor();
    await f.keyboard.press('Control+A');
    await f.keyboard.type('Odpływ młodych mieszkańców');
    await f.keyboard.press('Escape');
    await f.getByTestId('text-editor').waitFor({ state: 'detached' });
    await f.keyboard.press('Tab');
    await typeNode(f, 'Brak atrakcyjnych miejsc pracy');
    await f.keyboard.press('Enter');
    await typeNode(f, 'Drogie mieszkania');
    await clickElement(f, core.id);
    await f.keyboard.press('Shift+Tab');
    await typeNode(f, 'Starzenie się społeczności');
    const problems = await (async () => {
      await maria.waitForFunction(() => (window as never as { __warsztat: { editor: { store: { ordered(): { type: string; tree?: string; text?: string }[] } } } }).__warsztat.editor.store.ordered().filter((e) => e.type === 'treeNode' && e.tree === 'problem' && e.text === 'Starzenie się społeczności').length === 1);
      return (await ofType(maria, 'treeNode')).filter((n) => n.tree === 'problem');
    })();
    const byText = (text: string) => problems.find((n) => n.text === text)!;
    expect(problems).toHaveLength(4);
    expect(byText('Odpływ młodych mieszkańców')).toMatchObject({ role: 'core', id: core.id });
    expect(byText('Brak atrakcyjnych miejsc pracy')).toMatchObject({ role: 'cause', parentNode: core.id, parentId: problemFrame.id });
    expect(byText('Drogie mieszkania')).toMatchObject({ role: 'cause', parentNode: core.id });
    expect(byText('Starzenie się społeczności')).toMatchObject({ role: 'effect', parentNode: core.id });
    await f.keyboard.press('Escape');
    await screenshot(maria, 'workshop-2-problem-tree');

    // ── 3. Drzewo celów: the advisor converts the problem tree. ──
    const objectivesFrame = await goToPhase(2, 'objectivesTree');
    await select(f, problemFrame.id);
    await f.getByTestId('tree-convert').click();
    await maria.waitForFunction(() => (window as never as { __warsztat: { editor: { store: { ordered(): { type: string; tree?: string }[] } } } }).__warsztat.editor.store.ordered().filter((e) => e.type === 'treeNode' && e.tree === 'objective').length === 4);
    const objectives = (await ofType(maria, 'treeNode')).filter((n) => n.tree === 'objective');
    for (const o of objectives) {
      const source = problems.find((p) => p.id === o.sourceId);
      expect(source, `objective ${o.text} has its problem`).toBeDefined();
      expect(o).toMatchObject({ role: source!.role, parentId: objectivesFrame.id });
    }
    await select(f, objectivesFrame.id);
    await f.keyboard.press('Escape');
    await screenshot(maria, 'workshop-3-objectives');

    // ── 4. Analiza SWOT: notes from three participants, the threats brainstormed privately,
    //    a dot vote on the whole SWOT frame, then the frame locked. ──
    const swotFrame = await goToPhase(3, 'swot');
    const q = (method: string) => frameOf(method);
    const s = q('swot-s');
    const threats = q('swot-t');
    const market = await writeNote(jan, s.x + 120, s.y + 120, 'Zabytkowy rynek');
    const ngos = await writeNote(jan, s.x + 340, s.y + 120, 'Aktywne organizacje pozarządowe');
    await writeNote(maria, s.x + 120, s.y + 330, 'Dobre połączenie kolejowe');
    await writeNote(maria, q('swot-w').x + 120, q('swot-w').y + 120, 'Zły stan dróg gminnych');
    const culture = await writeNote(piotr, q('swot-w').x + 340, q('swot-w').y + 120, 'Słaba oferta kulturalna');
    // The lower quadrants are below the fold: scrolled to, as a person would.
    await scrollDown(jan, 300);
    await writeNote(jan, q('swot-o').x + 120, q('swot-o').y + 120, 'Fundusze unijne 2021–2027');
    // Maria's threat is a hidden note: only she sees it until the advisor reveals the round.
    await select(f, threats.id);
    await toggle(f, 'private-frame', true);
    for (const page of participants) await page.getByTestId('private-banner').waitFor();
    await scrollDown(maria, 300);
    await maria.getByTestId('tool-note').click();
    await clickOnBoard(maria, threats.x + 120, threats.y + 120);
    await maria.getByTestId('draft-text').fill('Konkurencja sąsiednich gmin');
    await maria.getByTestId('draft-save').click();
    await f.getByTestId('private-reveal').filter({ hasText: '(1)' }).waitFor();
    // A note Piotr writes after it reaches Jan: by then the hidden one would have too.
    await writeNote(piotr, q('swot-w').x + 120, q('swot-w').y + 330, 'Rozwój turystyki rowerowej');
    await waitForElement(jan, `(e) => e.type === 'note' && e.text === 'Rozwój turystyki rowerowej'`);
    expect((await ofType(jan, 'note')).some((n) => n.text.includes('Konkurencja'))).toBe(false);
    await f.getByTestId('private-reveal').click();
    expect(await waitForElement(jan, `(e) => e.type === 'note' && e.text === 'Konkurencja sąsiednich gmin'`)).toMatchObject({ parentId: threats.id, createdBy: 'Maria' });
    // The reveal ends the private round: everyone's notes there are public again.
    await f.getByTestId('private-reveal').waitFor({ state: 'detached' });
    await f.waitForFunction(() => (document.querySelector('[data-testid="private-frame"]') as HTMLInputElement | null)?.checked === false);
    for (const page of participants) await page.getByTestId('private-banner').waitFor({ state: 'detached' });
    for (const [method, count] of [['swot-s', 3], ['swot-w', 3], ['swot-o', 1], ['swot-t', 1]] as const) {
      expect((await ofType(f, 'note')).filter((n) => n.parentId === q(method).id)).toHaveLength(count);
    }
    // The vote covers the whole SWOT frame: notes in every quadrant count.
    await select(f, swotFrame.id);
    await f.getByTestId('vote-count').fill('2');
    await f.getByTestId('vote-start').click();
    for (const page of participants) await page.getByTestId('vote-bar').waitFor();
    await vote(jan, ngos, 1);
    await vote(jan, ngos, 0);
    await scrollDown(maria, -300);
    await vote(maria, ngos, 1);
    await vote(maria, market, 0);
    await vote(piotr, culture, 1);
    await screenshot(maria, 'workshop-4-swot-voting');
    await f.getByTestId('vote-close').click();
    await f.getByTestId('vote-summary').filter({ hasText: 'głosowało 3' }).waitFor();
    for (const page of participants) await page.waitForFunction(() => !document.querySelector('[data-testid="vote-bar"]'));
    // Locked, the SWOT frame takes no new note, and the participant is told why.
    await select(f, swotFrame.id);
    await toggle(f, 'lock-frame', true);
    const notesBefore = (await ofType(piotr, 'note')).length;
    await expect.poll(() => withEditor(piotr, '(e, r) => e.isLockedArea(r)', { x: s.x + 200, y: s.y + 300, w: 1, h: 1 })).toBe(true);
    await piotr.getByTestId('tool-note').click();
    await clickOnBoard(piotr, s.x + 200, s.y + 300);
    await piotr.getByTestId('notice').filter({ hasText: 'Ramka jest zablokowana' }).waitFor();
    expect((await ofType(piotr, 'note')).length).toBe(notesBefore);
    await screenshot(f, 'workshop-4-swot');
    await toggle(f, 'lock-frame', false);

    // ── 5. Strategie TOWS: built from the voted SWOT; a participant writes a strategy. ──
    const towsFrame = await goToPhase(4, 'tows');
    await select(f, swotFrame.id);
    await f.getByTestId('tows-build').click();
    await waitForElement(jan, `(e) => e.type === 'text' && e.text === 'S1 · Aktywne organizacje pozarządowe'`);
    await waitForElement(jan, `(e) => e.type === 'text' && e.text === 'S2 · Zabytkowy rynek'`);
    expect((await elementsOn(jan)).some((e) => e.type === 'text' && e.text.includes('Dobre połączenie kolejowe'))).toBe(false);
    await f.keyboard.press('Escape');
    const so = (await ofType(jan, 'frame')).find((fr) => fr.method === 'tows-so')!;
    await select(jan, so.id);
    const strategyText = 'Organizacje pozarządowe ożywią rynek z funduszy unijnych';
    await jan.getByTestId('tows-text').fill(strategyText);
    await jan.getByTestId('tows-tick-S1').check();
    await jan.getByTestId('tows-tick-O1').check();
    await jan.getByTestId('tows-add').click();
    const fundsNote = (await ofType(jan, 'note')).find((n) => n.text.startsWith('Fundusze unijne'))!;
    const strategy = (await waitForElement(f, `(e) => e.type === 'strategy' && e.text === ${JSON.stringify(strategyText)}`)) as ElementOf<'strategy'>;
    expect(strategy).toMatchObject({ parentId: so.id, createdBy: 'Jan' });
    expect([...strategy.sources].sort()).toEqual([ngos.id, fundsNote.id].sort());
    expect(towsFrame.id).toBe(so.parentId);
    await screenshot(jan, 'workshop-5-tows');
    await jan.keyboard.press('Escape');

    // ── 6. Kluczowe czynniki rozwoju: two factors, rated blind, revealed and ranked. ──
    const factorsFrame = await goToPhase(5, 'factors');
    await f.getByTestId('methods-toggle').click();
    const factors: string[] = [];
    for (const text of ['Jakość usług edukacyjnych', 'Dostępność terenów inwestycyjnych']) {
      await f.getByTestId('add-factor').click();
      await f.getByTestId('factor-text').fill(text);
      factors.push((await waitForElement(f, `(e) => e.type === 'factor' && e.text === '${text}'`)).id);
    }
    for (const page of participants) await waitForElement(page, `(e) => e.id === '${factors[1]}' && e.text === 'Dostępność terenów inwestycyjnych'`);
    await rate(jan, factors[0]!, { importance: 3, state: 4 });
    await rate(jan, factors[1]!, { importance: 5, state: 2 });
    await rate(maria, factors[0]!, { importance: 4, state: 3 });
    await rate(maria, factors[1]!, { importance: 4, state: 2 });
    const revealFactors = f.getByTestId('reveal-factors');
    await expect.poll(() => revealFactors.textContent()).toBe('Odkryj oceny (4 oceny)');
    await revealFactors.click();
    await waitForElement(maria, `(e) => e.id === '${factors[1]}' && e.importance === 4.5 && e.state === 2`);
    await waitForElement(maria, `(e) => e.id === '${factors[0]}' && e.importance === 3.5 && e.state === 3.5`);
    await f.getByTestId('methods-toggle').click();
    for (const page of participants) {
      await page.keyboard.press('Escape');
      if (await page.getByTestId('methods-panel').count()) await page.getByTestId('methods-toggle').click();
    }
    expect((await elementOn<'frame'>(maria, factorsFrame.id)).title).toBe('Kluczowe czynniki rozwoju');
    await painted(maria);
    await screenshot(maria, 'workshop-6-factors');

    // ── 7. Pomysły mieszkańców: a resident uses the public form; the advisor accepts. ──
    await goToPhase(6, 'ideas');
    await f.getByTestId('idea-form-show').click();
    const formLink = await f.getByTestId('idea-form-link').inputValue();
    const resident = await (await newContext({ width: 430, height: 900 })).newPage();
    const residentErrors = trackErrors(resident);
    await resident.goto(formLink);
    await resident.getByTestId('idea-title').fill('Tężnia solankowa w parku miejskim');
    await resident.getByTestId('idea-description').fill('Miejsce odpoczynku dla seniorów i rodzin z dziećmi.');
    await resident.getByTestId('idea-place').fill('Park Błonie');
    await resident.getByTestId('idea-submit').click();
    await resident.getByTestId('idea-sent').waitFor();
    const idea = await waitForElement(f, `(e) => e.type === 'idea' && e.title === 'Tężnia solankowa w parku miejskim'`, 10_000);
    expect(idea.parentId).toBe(frameOf('ideas').id);
    const item = f.getByTestId('idea-item').filter({ hasText: 'Tężnia solankowa w parku miejskim' });
    await item.getByTestId('idea-accepted').click();
    for (const page of everyone) await waitForElement(page, `(e) => e.id === '${idea.id}' && e.status === 'accepted'`);
    await screenshot(f, 'workshop-7-ideas');

    // ── The report: DOCX through the export dialog, PDF through the API. ──
    const expected = ['Doradczyni Ewa', 'Rada Osiedla Starówka', 'Powiatowy Urząd Pracy', 'Odpływ młodych mieszkańców', strategyText, 'Dostępność terenów inwestycyjnych', 'Tężnia solankowa w parku miejskim'];
    await f.getByTestId('export-button').click();
    const dialog = f.getByTestId('export-dialog');
    await dialog.waitFor();
    await f.getByTestId('export-format-docx').check();
    await screenshot(f, 'workshop-8-report');
    const [download] = await Promise.all([f.waitForEvent('download'), f.getByTestId('export-download').click()]);
    expect(download.suggestedFilename()).toBe('Warsztat strategiczny – Łowicz.docx');
    const docxFile = path.join(tempDir(), 'raport.docx');
    await download.saveAs(docxFile);
    await dialog.waitFor({ state: 'detached' });
    const xml = await (await JSZip.loadAsync(fs.readFileSync(docxFile))).file('word/document.xml')!.async('string');
    const docxText = xml.replace(/<w:p[ >]/g, ' $&').replace(/<[^>]+>/g, '');
    for (const text of expected) expect(docxText, `DOCX contains ${text}`).toContain(text);
    // Numbers as a Polish reader writes them: the council's engagement, mean ± spread (ratings).
    expect(docxText).toContain('4,5 ± 1,5 (2)');
    // Who ran it, in the interface's words; TOWS lists strategies, not the labels that repeat SWOT items.
    expect(docxText).toContain('Prowadzący (doradca)');
    expect(docxText).toContain('Raport z warsztatu · Data');
    expect(docxText).not.toContain('S1 · Aktywne organizacje pozarządowe');

    const res = await fetch(`${server.url}/api/boards/${boardId}/export?format=pdf`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const pdfFile = path.join(tempDir(), 'raport.pdf');
    fs.writeFileSync(pdfFile, Buffer.from(await res.arrayBuffer()));
    const pdf = pdfText(pdfFile);
    for (const text of expected) expect(pdf, `PDF contains ${text}`).toContain(text);
    expect(pdf).toContain('4,5 ± 1,5 (2)');
    expect(pdf).toContain('Prowadzący (doradca)');
    expect(pdf).toContain('Raport z warsztatu · Data');
    expect(pdf).not.toContain('S1 · Aktywne organizacje pozarządowe');
    // The PDF's pages as pictures, to look at beside the screenshots.
    execFileSync('pdftoppm', ['-png', '-r', '60', pdfFile, path.join(ARTIFACTS_DIR, 'workshop-8-report-pdf')]);

    expect(lobbyErrors).toEqual([]);
    for (const list of errors) expect(list).toEqual([]);
    expect(residentErrors).toEqual([]);
    finished = true;
  });
});
