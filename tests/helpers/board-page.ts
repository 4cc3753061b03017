import type { BrowserContext, Page } from 'playwright-core';
import type { Element } from '../../shared/schema/elements';

/** Opens a board link as a named person and waits until the board is live. */
export async function openBoard(context: BrowserContext, link: string, name: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(link);
  await page.getByTestId('name-input').fill(name);
  await page.getByTestId('name-submit').click();
  await page.locator('[data-testid="connection"][data-status="connected"]').waitFor();
  await page.waitForFunction(() => Boolean((window as never as { __warsztat?: unknown }).__warsztat));
  // The board is fitted to its phase once the facilitation state arrives: points computed
  // before that would be off after it.
  await page.locator('[data-testid="element-count"][data-view-opened="true"]').waitFor();
  return page;
}

/** Every valid element the page's editor holds. */
export function elementsOn(page: Page): Promise<Element[]> {
  return page.evaluate(() => (window as never as { __warsztat: { editor: { store: { ordered(): Element[] } } } }).__warsztat.editor.store.ordered());
}

/** Waits until an element satisfying `predicate` (source of a function of one element) exists. */
export async function waitForElement(page: Page, predicate: string, timeout = 5000): Promise<Element> {
  // The predicate runs here in Node, on the page's elements: the page's CSP forbids building
  // functions from strings inside it (new Function or eval), as it should.
  const test = new Function('e', `return (${predicate})(e)`) as (e: Element) => boolean;
  const deadline = Date.now() + timeout;
  for (;;) {
    const found = (await elementsOn(page)).find((e) => test(e));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for an element matching ${predicate}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Where a board point is on the page, for mouse actions. */
export async function toPage(page: Page, x: number, y: number): Promise<{ x: number; y: number }> {
  return page.evaluate(
    ([bx, by]) => {
      const editor = (window as never as { __warsztat: { editor: { state: { viewport: { x: number; y: number; scale: number } } } } }).__warsztat.editor;
      const canvas = document.querySelector('[data-testid="canvas"]')!.getBoundingClientRect();
      const v = editor.state.viewport;
      return { x: canvas.left + bx! * v.scale + v.x, y: canvas.top + by! * v.scale + v.y };
    },
    [x, y],
  );
}

/** Drags with the mouse between two board points. */
export async function dragOnBoard(page: Page, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  const a = await toPage(page, from.x, from.y);
  const b = await toPage(page, to.x, to.y);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move(b.x, b.y, { steps: 8 });
  await page.mouse.up();
}

/** Clicks the canvas at a board point. */
export async function clickOnBoard(page: Page, x: number, y: number): Promise<void> {
  const p = await toPage(page, x, y);
  await page.mouse.click(p.x, p.y);
}

/** Resolves after the page has painted twice: whatever changed before is on screen. */
export function painted(page: Page): Promise<void> {
  return page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
}

/**
 * An ordered marker for a page's board socket: moves its cursor and waits until `watcher` (a
 * stock client on the same board) sees the move. Presence travels on the same socket after
 * the page's document updates, so the server has handled every edit the page sent before.
 */
export async function pageSentEverything(page: Page, watcher: { provider: { awareness: { getStates(): Map<number, Record<string, unknown>> } } }): Promise<void> {
  const id = await page.evaluate(() => (window as never as { __warsztat: { editor: { doc: { clientID: number } } } }).__warsztat.editor.doc.clientID);
  const cursor = () => JSON.stringify(watcher.provider.awareness.getStates().get(id)?.cursor ?? null);
  const before = cursor();
  const box = (await page.getByTestId('canvas').boundingBox())!;
  for (let attempt = 0; attempt < 20; attempt++) {
    await page.mouse.move(box.x + box.width / 2 + 17 * (attempt + 1), box.y + box.height / 2 + 11 * (attempt + 1));
    const deadline = Date.now() + 500;
    while (Date.now() < deadline) {
      if (cursor() !== before) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
  throw new Error('the page’s presence never reached the watcher');
}
