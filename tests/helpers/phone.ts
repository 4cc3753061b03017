import type { Locator, Page } from 'playwright-core';

/** Phone screens the browser tests use: the narrowest that WCAG 1.4.10 asks for, and a common one. */
export const PHONES = [
  { name: '320', viewport: { width: 320, height: 640 } },
  { name: '390', viewport: { width: 390, height: 844 } },
] as const;

/** How far the page scrolls sideways (0 when it reflows, WCAG 1.4.10). */
export function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.scrollingElement!.scrollWidth - window.innerWidth);
}

/**
 * Every visible control in `scope` that is smaller than 44 × 44 px, lies (once scrolled to)
 * outside the screen, or has something else over its middle. A checkbox, radio or file input is measured
 * with its label, which takes the tap too. Empty when all is well.
 */
export function touchTargetProblems(scope: Locator): Promise<string[]> {
  return scope.evaluate((root) => {
    const problems: string[] = [];
    const controls = [...root.querySelectorAll<HTMLElement>('button, a[href], input, select, textarea, [tabindex="0"]')];
    for (const control of controls) {
      if (control.getClientRects().length === 0 || getComputedStyle(control).visibility === 'hidden') continue;
      const check = control instanceof HTMLInputElement && ['checkbox', 'radio', 'file'].includes(control.type);
      const target = (check && control.closest('label')) || control;
      target.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      const r = target.getBoundingClientRect();
      const what = `${control.tagName.toLowerCase()} "${(control.getAttribute('aria-label') ?? control.textContent ?? '').trim().slice(0, 30)}" ${control.getAttribute('data-testid') ?? ''}`;
      if (r.width < 44 || r.height < 44) problems.push(`${what}: ${Math.round(r.width)}×${Math.round(r.height)} px`);
      if (r.left < -0.5 || r.top < -0.5 || r.right > window.innerWidth + 0.5 || r.bottom > window.innerHeight + 0.5) problems.push(`${what}: off screen at ${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)}`);
      const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      if (top && !target.contains(top) && !top.contains(target)) problems.push(`${what}: covered by ${top.outerHTML.slice(0, 60)}`);
    }
    return problems;
  });
}

/** A finger's tap: it rolls a few pixels between touching and lifting, as real ones do. */
export async function fingerTap(page: Page, x: number, y: number, roll = { x: 6, y: 4 }): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: x + roll.x / 2, y: y + roll.y / 2 }] });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: x + roll.x, y: y + roll.y }] });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}
