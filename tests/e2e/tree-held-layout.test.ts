import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addTreeNode } from '../../shared/methods/tree-ops';
import { elementsOf } from '../../shared/schema/doc';
import { toPlain } from '../../shared/schema/plain';
import type { ElementOf } from '../../shared/schema/elements';
import { browserUnavailable, launchBrowser, screenshot, trackErrors } from '../helpers/browser';
import { clickOnBoard, elementsOn, openBoard, waitForElement } from '../helpers/board-page';
import { startServer } from '../helpers/server';

type Node = ElementOf<'treeNode'>;
type Warsztat = { __warsztat: { editor: { zoomToElement(id: string): boolean; heldByOthers: Set<string> } } };

const nodeOn = async (page: Page, id: string) => (await elementsOn(page)).find((e) => e.id === id) as Node;
const show = (page: Page, id: string) => page.evaluate((frame) => (window as never as Warsztat).__warsztat.editor.zoomToElement(frame), id);

describe.skipIf(browserUnavailable() !== null)('tree auto-layout with two people, in Chromium', () => {
  let closeBrowser: () => Promise<void> = async () => {};
  afterAll(() => closeBrowser());

  it('leaves the box someone is typing in where it is, and lays it out once they finish', { timeout: 90_000 }, async () => {
    const server = await startServer();
    const board = await server.createBoard('Drzewo problemów – Brzeg', { template: 'problem-tree', locale: 'pl' });
    const { frameId, causeId } = await server.warsztat.rooms.withRoom(board.id, async (room) => {
      const all = [...elementsOf(room.doc).values()].map((e) => toPlain(e) as unknown as Node & { method?: string });
      const core = all.find((e) => e.type === 'treeNode' && e.role === 'core')!;
      const cause = addTreeNode(room.doc, core.id, 'child', {}, 'Brak pracy');
      await room.whenDurable();
      return { frameId: all.find((e) => e.method === 'problemTree')!.id, causeId: cause };
    });
    const browser = await launchBrowser();
    closeBrowser = () => browser.close();
    const anna = await openBoard(await browser.newContext({ locale: 'pl-PL', viewport: { width: 1280, height: 800 } }), board.links.participant, 'Anna');
    const bartek = await openBoard(await browser.newContext({ locale: 'pl-PL', viewport: { width: 1280, height: 800 } }), board.links.participant, 'Bartek');
    const errors = [...trackErrors(anna), ...trackErrors(bartek)];
    for (const page of [anna, bartek]) {
      await waitForElement(page, `(e) => e.id === '${causeId}'`);
      await show(page, frameId);
    }
    const before = await nodeOn(anna, causeId);

    // Anna starts typing in "Brak pracy".
    await anna.mouse.dblclick(...(await centre(anna, before)));
    await anna.getByTestId('text-editor').waitFor();
    await anna.keyboard.type(' w mieście');
    await expect.poll(() => bartek.evaluate((id) => (window as never as Warsztat).__warsztat.editor.heldByOthers.has(id), causeId)).toBe(true);

    // Bartek adds a second cause under the core: the layout would move Anna's box sideways.
    const core = (await elementsOn(bartek)).find((e) => e.type === 'treeNode' && (e as Node).role === 'core') as Node;
    await clickOnBoard(bartek, core.x + core.w / 2, core.y + core.h / 2);
    await bartek.keyboard.press('Tab');
    await bartek.keyboard.press('D');
    await bartek.getByTestId('text-editor').waitFor();
    await bartek.keyboard.type('rogie mieszkania');
    await bartek.keyboard.press('Escape');
    const added = await waitForElement(anna, "(e) => e.type === 'treeNode' && e.text === 'Drogie mieszkania'");
    const during = await nodeOn(anna, causeId);
    expect({ x: during.x, y: during.y }).toEqual({ x: before.x, y: before.y });
    await screenshot(anna, 'tree-held-while-typing');

    // Anna finishes: the tree settles, her box moves to its place beside the new one.
    await anna.keyboard.press('Escape');
    const settled = (await waitForElement(anna, `(e) => e.id === '${causeId}' && e.x !== ${before.x}`)) as Node;
    expect(settled.text).toBe('Brak pracy w mieście');
    const sibling = await nodeOn(anna, added.id);
    expect(Math.abs(settled.x - sibling.x)).toBeGreaterThanOrEqual(settled.w);
    await screenshot(anna, 'tree-held-settled');
    expect(errors).toEqual([]);
  });
});

async function centre(page: Page, node: Node): Promise<[number, number]> {
  const { toPage } = await import('../helpers/board-page');
  const p = await toPage(page, node.x + node.w / 2, node.y + node.h / 2);
  return [p.x, p.y];
}
