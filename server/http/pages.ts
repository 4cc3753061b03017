import fs from 'node:fs';
import path from 'node:path';
import type { Request } from 'express';
import type { Locale } from '../../shared/schema/doc';

/** The loading message of each page, from the interface's own strings (the `share.boot` block). */
type BootKey = 'board' | 'lobby' | 'form' | 'formMissing';
const I18N_DIR = path.resolve(import.meta.dirname, '../../client/src/i18n');
type Strings = { share: { boot: Record<Exclude<BootKey, 'formMissing'>, string> }; ideas: { form: { missing: string } } };
function bootStrings(locale: Locale): Record<BootKey, string> {
  const strings = JSON.parse(fs.readFileSync(path.join(I18N_DIR, `${locale}.json`), 'utf8')) as Strings;
  return { ...strings.share.boot, formMissing: strings.ideas.form.missing };
}
const BOOT: Record<Locale, Record<BootKey, string>> = { pl: bootStrings('pl'), en: bootStrings('en') };

const BOOT_ELEMENT = /<p class="boot" data-boot>[^<]*<\/p>/;
const HTML_LANG = /<html lang="[a-z-]*">/;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The language of the person asking, for pages that belong to no board (the lobby, a wrong form link). */
export function requestLocale(req: Request): Locale {
  return req.acceptsLanguages('pl', 'en') === 'en' ? 'en' : 'pl';
}

/**
 * A built page (index.html, idea.html) read once and re-read when a new build replaces it.
 * Null while the client is not built.
 */
export class PageTemplate {
  private cached: { mtimeMs: number; html: string } | null = null;

  constructor(private readonly file: string) {}

  read(): string | null {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(this.file);
    } catch {
      return null;
    }
    if (this.cached?.mtimeMs !== stat.mtimeMs) this.cached = { mtimeMs: stat.mtimeMs, html: fs.readFileSync(this.file, 'utf8') };
    return this.cached.html;
  }
}

/**
 * Fills in a page for its reader before any script runs: the document's language and the
 * loading message in it (in the board's language for a board or its form), and, for the
 * idea form, the workshop's title or that the link is wrong, so the form needs no request of
 * its own before residents can type. Markup only: the CSP allows no inline script or style.
 */
export function renderPage(html: string, options: { locale: Locale; boot: BootKey | { text: string }; rootData?: Record<string, string> }): string {
  const text = typeof options.boot === 'string' ? BOOT[options.locale][options.boot] : options.boot.text;
  let out = html.replace(HTML_LANG, `<html lang="${options.locale}">`).replace(BOOT_ELEMENT, `<p class="boot" data-boot role="status">${escapeHtml(text)}</p>`);
  if (options.rootData) {
    const attributes = Object.entries(options.rootData)
      .map(([name, value]) => ` data-${name}="${escapeHtml(value)}"`)
      .join('');
    out = out.replace('id="idea-root"', `id="idea-root"${attributes}`);
  }
  return out;
}
