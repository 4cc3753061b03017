import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** One axe rule broken, with where and what to fix, printable in a failing test. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary: string }[];
}

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Runs axe-core on the parts of the page matched by `include` (CSS selectors), against the
 * WCAG 2.1 A and AA rules, and returns the violations.
 *
 * axe is put in with page.evaluate, not page.addScriptTag: addScriptTag inlines the file as
 * a <script>'s text, which the app's CSP (script-src 'self') refuses, while a CDP evaluation
 * is not subject to the page's CSP. The page's own policy stays on for everything else.
 */
export async function axeViolations(page: Page, include: string[]): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (window as never as { axe?: unknown }).axe !== 'undefined');
  if (!loaded) await page.evaluate(AXE_SOURCE);
  return page.evaluate(
    async ({ include, tags }) => {
      const axe = (window as never as { axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[]; failureSummary?: string }[] }[] }> } }).axe;
      const result = await axe.run({ include: include.map((s) => [s]) }, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target.map(String), failureSummary: n.failureSummary ?? '' })) }));
    },
    { include, tags: WCAG_21_AA },
  );
}

/** The violations as text: the assertion message of a failing test says what to fix. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')}\n    ${n.failureSummary.replace(/\n/g, '\n    ')}`).join('\n')}`).join('\n');
}
