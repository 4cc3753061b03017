import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from './chromium-args';
import { ROOT, onCleanup } from './server';

/** Debian's Chromium (apt-get install chromium); CHROMIUM_PATH overrides. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Why browser tests cannot run here, or null when they can. On CI a missing browser is
 * an error, never a silent skip.
 */
export function browserUnavailable(): string | null {
  if (fs.existsSync(CHROMIUM_PATH)) return null;
  const reason = `Chromium not found at ${CHROMIUM_PATH} (apt-get install -y chromium, or set CHROMIUM_PATH)`;
  if (process.env.CI) throw new Error(reason);
  console.warn(`[browser tests skipped] ${reason}`);
  return reason;
}

/** One Chromium per test worker: starting one costs about 2 s of CPU, and the files share a worker (isolate: false). */
let shared: Promise<Browser> | null = null;

/**
 * The worker's Chromium, started on first use (again if it was closed or crashed). Whatever the
 * test opens in it (contexts, so pages) is closed after the test: each test starts from a
 * browser with nothing open, as if it had been launched for it.
 */
export async function launchBrowser(): Promise<Browser> {
  let browser = shared ? await shared.catch(() => null) : null;
  if (!browser?.isConnected()) {
    shared = chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    browser = await shared;
  }
  const open = browser;
  onCleanup(async () => {
    if (open.isConnected()) await Promise.all(open.contexts().map((context) => context.close()));
  });
  return open;
}

export const ARTIFACTS_DIR = path.join(ROOT, 'test-results');

/** Saves a screenshot under test-results/ (kept as a CI artifact) and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Collects page errors so a test can assert the page ran cleanly; a Content-Security-Policy
 * violation (Chromium reports each on the console) counts as one.
 */
export function trackErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) errors.push(message.text());
  });
  return errors;
}

/**
 * Every `securitypolicyviolation` event of every page of `context` (directive, what was
 * blocked, where), from before the pages' own scripts run.
 */
export async function trackCspViolations(context: BrowserContext): Promise<string[]> {
  const violations: string[] = [];
  await context.exposeBinding('__warsztatCspViolation', (_source, text: string) => {
    violations.push(text);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __warsztatCspViolation: (text: string) => void }).__warsztatCspViolation;
      void report(`${event.effectiveDirective} blocked ${event.blockedURI || '(inline)'} at ${event.sourceFile}:${event.lineNumber}`);
    });
  });
  return violations;
}
