import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createElements } from '../../shared/ops/elements';
import { elementsOf } from '../../shared/schema/doc';
import { toPlain } from '../../shared/schema/plain';
import { scoresAt } from '../../shared/methods/stakeholders';
import { browserUnavailable, launchBrowser, screenshot, trackErrors } from '../helpers/browser';
import { clickOnBoard, dragOnBoard, openBoard, waitForElement } from '../helpers/board-page';
import { controlClient } from '../helpers/control';
import { startServer } from '../helpers/server';

interface Card {
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
  influence: number | null;
  engagement: number | null;
  ratings: unknown[];
}

async function cardOn(page: Page, id: string): Promise<Card> {
  return page.evaluate((cardId) => (window as never as { __warsztat: { editor: { store: { get(id: string): unknown } } } }).__warsztat.editor.store.get(cardId), id) as Promise<Card>;
}

/** Clicks the middle of a card on the canvas (selecting it opens the methods panel). */
async function clickCard(page: Page, card: Card): Promise<void> {
  await clickOnBoard(page, card.x + card.w / 2, card.y + card.h / 2);
  await page.getByTestId('card-details').waitFor();
}

describe.skipIf(browserUnavailable() !== null)('stakeholder map in Chromium', () => {
  it('three participants score one stakeholder blind; the reveal shows the mean and the spread', { timeout: 180_000 }, async () => {
    const server = await startServer();
    const board = await server.createBoard('Mapa interesariuszy – Nowe Miasto', { template: 'stakeholder-map', locale: 'pl' });
    const browser = await launchBrowser();
    const open = async (role: 'facilitator' | 'participant', name: string) => {
      const context = await browser.newContext({ locale: 'pl-PL', viewport: { width: 1400, height: 900 } });
      const page = await openBoard(context, board.links[role], name);
      return { page, errors: trackErrors(page) };
    };
    const f = await open('facilitator', 'Doradczyni Ewa');

    // The facilitator adds the stakeholder from the panel and names it.
    await f.page.getByTestId('methods-toggle').click();
    await f.page.getByTestId('add-stakeholder').click();
    await f.page.getByTestId('stakeholder-name').fill('Rada Osiedla Centrum');
    await f.page.getByTestId('stakeholder-group').fill('użytkownicy miasta');
    const created = (await waitForElement(f.page, "(e) => e.type === 'stakeholder' && e.name === 'Rada Osiedla Centrum' && e.group === 'użytkownicy miasta'")) as unknown as Card;
    expect(created.influence).toBeNull();

    const scores = { Anna: [8, 2], Bartek: [4, 6], Celina: [9, 4] } as const;
    const participants = await Promise.all(Object.keys(scores).map((name) => open('participant', name)));
    for (const [i, [name, [influence, engagement]]] of Object.entries(scores).entries()) {
      const { page } = participants[i]!;
      await waitForElement(page, `(e) => e.id === '${created.id}'`);
      await clickCard(page, await cardOn(page, created.id));
      if (name === 'Anna') {
        // Out of range: refused with a message in Polish, nothing sent.
        await page.getByTestId('rate-influence').fill('11');
        await page.getByTestId('rate-engagement').fill('2');
        await page.getByTestId('rate-submit').click();
        await expect.poll(() => page.getByTestId('rate-error').textContent()).toBe('Wpływ: podaj liczbę od 0 do 10.');
      }
      await page.getByTestId('rate-influence').fill(String(influence));
      await page.getByTestId('rate-engagement').fill(String(engagement));
      await page.getByTestId('rate-submit').click();
      await page.getByTestId('rate-saved').waitFor();
    }

    // Blind: everyone sees that three people scored, nobody sees what the others gave.
    for (const { page } of participants) await expect.poll(() => page.getByTestId('rate-count').textContent()).toBe('Oceniły 3 osoby.');
    const anna = participants[0]!.page;
    expect(await anna.getByTestId('rate-saved').textContent()).toContain('Wpływ 8, Zaangażowanie 2');
    expect(await anna.getByTestId('card-details').textContent()).not.toMatch(/Bartek|Celina/);
    expect(await cardOn(anna, created.id)).toMatchObject({ influence: null, engagement: null, ratings: [] });
    await screenshot(anna, 'stakeholders-before-reveal');

    // A participant cannot move the card on the map: its place is the agreed score.
    const before = await cardOn(anna, created.id);
    await dragOnBoard(anna, { x: before.x + 100, y: before.y + 50 }, { x: before.x + 500, y: before.y - 400 });
    expect(await cardOn(anna, created.id)).toMatchObject({ x: before.x, y: before.y });

    // The facilitator reveals: the card moves to the mean, with the spread around it.
    const reveal = f.page.getByTestId('reveal-stakeholders');
    await expect.poll(() => reveal.textContent()).toBe('Odkryj oceny (3 oceny)');
    await reveal.click();
    for (const { page } of [f, ...participants]) await waitForElement(page, `(e) => e.id === '${created.id}' && e.influence === 7 && e.engagement === 4 && e.ratings.length === 3`);
    await clickCard(anna, await cardOn(anna, created.id));
    expect(await anna.getByTestId('result-influence').textContent()).toBe('7 (±2,2; 4–9)');
    expect(await anna.getByTestId('result-engagement').textContent()).toBe('4 (±1,6; 2–6)');
    expect(await anna.getByTestId('individual-ratings').locator('tbody tr').allTextContents()).toEqual(['Anna82', 'Bartek46', 'Celina94']);
    await anna.evaluate(() => (window as never as { __warsztat: { editor: { zoomToFit(): void } } }).__warsztat.editor.zoomToFit());
    const revealedShot = await screenshot(anna, 'stakeholders-revealed');
    expect(revealedShot).toMatch(/stakeholders-revealed\.png$/);

    // The table lists the scores, sortable.
    await anna.getByTestId('open-stakeholder-table').click();
    const row = anna.getByTestId('stakeholder-row');
    await expect.poll(() => row.textContent()).toContain('Rada Osiedla Centrum');
    expect(await row.textContent()).toContain('Anna 8/2, Bartek 4/6, Celina 9/4');
    // Influence 7, engagement 4: high influence, low engagement.
    expect(await row.textContent()).toContain('Utrzymywać zadowolenie');
    await screenshot(anna, 'stakeholders-table');
    await anna.getByRole('dialog').getByRole('button', { name: 'Zamknij' }).click();

    // The facilitator drags the card to the agreed place; the place becomes the score.
    const revealed = await cardOn(f.page, created.id);
    await dragOnBoard(f.page, { x: revealed.x + 100, y: revealed.y + 50 }, { x: revealed.x + 400, y: revealed.y + 50 });
    const moved = await waitForElement(anna, `(e) => e.id === '${created.id}' && e.engagement > 6`);
    const frame = (await server.warsztat.rooms.withRoom(board.id, (room) => [...elementsOf(room.doc).values()].map((e) => toPlain(e)).find((e) => e.method === 'stakeholders'))) as { x: number; y: number; w: number; h: number };
    expect(moved).toMatchObject(scoresAt(frame, moved as never));

    for (const { errors } of [f, ...participants]) expect(errors).toEqual([]);
  });

  it('factors: the ranking chart shows on the board after a reveal', { timeout: 120_000 }, async () => {
    const server = await startServer();
    const board = await server.createBoard('Czynniki rozwoju', { template: 'workshop', locale: 'pl' });
    const ids = await server.warsztat.rooms.withRoom(board.id, async (room) => {
      const frame = [...elementsOf(room.doc).values()].map((e) => toPlain(e)).find((e) => e.method === 'factors') as { id: string; x: number; y: number };
      const texts = ['Dostępność transportu publicznego', 'Oferta turystyczna', 'Jakość szkół', 'Tereny inwestycyjne'];
      const created = createElements(room.doc, texts.map((text, i) => ({ type: 'factor', text, x: frame.x + 40, y: frame.y + 40 + i * 96, parentId: frame.id })));
      await room.whenDurable();
      return { frame: frame.id, factors: created };
    });
    const people = await Promise.all(['p1', 'p2', 'p3'].map((sessionId, i) => controlClient(server.url, { boardId: board.id, token: board.tokens.participant, sessionId, name: `Osoba ${i + 1}` })));
    const given = [
      [[5, 2], [3, 4], [4, 3], [2, 2]],
      [[5, 1], [2, 4], [5, 3], [3, 3]],
      [[4, 2], [3, 5], [4, 4], [2, 1]],
    ];
    for (const [p, person] of people.entries()) {
      for (const [i, id] of ids.factors.entries()) {
        const [importance, state] = given[p]![i]!;
        expect(await person.send({ type: 'rating.submit', elementId: id, values: { importance, state } })).toEqual({ ok: true });
      }
    }
    const browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'pl-PL', viewport: { width: 1400, height: 900 } });
    const page = await openBoard(context, board.links.facilitator, 'Doradczyni Ewa');
    const errors = trackErrors(page);
    await page.getByTestId('methods-toggle').click();
    const reveal = page.getByTestId('reveal-factors');
    await expect.poll(() => reveal.textContent()).toBe('Odkryj oceny (12 ocen)');
    await reveal.click();
    await waitForElement(page, `(e) => e.id === '${ids.factors[0]}' && e.importance === 4.7 && e.state === 1.7`);
    await page.evaluate((frameId) => {
      const { editor } = (window as never as { __warsztat: { editor: { select(ids: string[]): void; zoomToSelection(): void } } }).__warsztat;
      editor.select([frameId]);
      editor.zoomToSelection();
    }, ids.frame);
    // With the panel closed, the cards and the chart beside them are in view.
    await page.getByTestId('methods-toggle').click();
    await page.getByTestId('methods-panel').waitFor({ state: 'detached' });
    await screenshot(page, 'factors-ranking');
    expect(errors).toEqual([]);
  });
});
