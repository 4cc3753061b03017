import fs from 'node:fs';
import path from 'node:path';
import type { PublicIdeaResult } from '../../shared/methods/idea-results';
import type { Locale } from '../../shared/schema/doc';
import type { PublicResultsPage } from '../ideas/results';
import { escapeHtml } from './pages';

const I18N_DIR = path.resolve(import.meta.dirname, '../../client/src/i18n');

/** The `ideaResults.page` block of the interface's strings. */
type PageStrings = Record<'heading' | 'intro' | 'empty' | 'status' | 'reply' | 'date' | 'noReply' | 'accepted' | 'merged' | 'mergedOther' | 'rejected' | 'missingTitle' | 'missing' | 'tooMany', string>;
function pageStrings(locale: Locale): PageStrings {
  return (JSON.parse(fs.readFileSync(path.join(I18N_DIR, `${locale}.json`), 'utf8')) as { ideaResults: { page: PageStrings } }).ideaResults.page;
}
const STRINGS: Record<Locale, PageStrings> = { pl: pageStrings('pl'), en: pageStrings('en') };

const fill = (text: string, title: string) => text.replace('{{title}}', title);

/**
 * The stylesheet of the results page, served beside it (the CSP allows no inline style). A
 * few rules, system fonts, contrast above 4.5:1, nothing else loaded: light on a phone.
 */
export const RESULTS_CSS = `*{box-sizing:border-box}
body{margin:0;font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#fff}
main{max-width:46rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;line-height:1.25;margin:.5rem 0}
.intro{color:#3d3d3d}
ol{list-style:none;margin:1.5rem 0;padding:0}
li{border:1px solid #8a8a8a;border-radius:.5rem;padding:.75rem 1rem;margin:0 0 1rem}
h2{font-size:1.15rem;margin:0 0 .5rem;overflow-wrap:anywhere}
dl{margin:0;display:grid;grid-template-columns:max-content 1fr;gap:.25rem .75rem}
dt{font-weight:600}
dd{margin:0;overflow-wrap:anywhere;white-space:pre-line}
.status-accepted{color:#1b5e20}
.status-rejected{color:#8b1a1a}
.status-merged{color:#0d47a1}
@media (max-width:24rem){dl{grid-template-columns:1fr}dd{margin-bottom:.5rem}}
`;

function statusText(strings: PageStrings, result: PublicIdeaResult): string {
  if (result.status === 'merged') return result.mergedIntoTitle === null ? strings.mergedOther : fill(strings.merged, result.mergedIntoTitle);
  return strings[result.status];
}

function shell(locale: Locale, title: string, body: string): string {
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/results.css">
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

/** The whole public page, in the board's language: nothing but what publicIdeaResults let through. */
export function renderResultsPage(page: PublicResultsPage): string {
  const strings = STRINGS[page.locale];
  const dates = new Intl.DateTimeFormat(page.locale === 'pl' ? 'pl-PL' : 'en-GB', { dateStyle: 'long', timeZone: 'Europe/Warsaw' });
  const items = page.results
    .map(
      (result) => `<li>
<h2>${escapeHtml(result.title)}</h2>
<dl>
<dt>${strings.status}</dt><dd class="status-${result.status}">${escapeHtml(statusText(strings, result))}</dd>
<dt>${strings.reply}</dt><dd>${escapeHtml(result.reply || strings.noReply)}</dd>
<dt>${strings.date}</dt><dd><time datetime="${new Date(result.at).toISOString()}">${escapeHtml(dates.format(result.at))}</time></dd>
</dl>
</li>`,
    )
    .join('\n');
  const list = page.results.length ? `<ol>\n${items}\n</ol>` : `<p>${escapeHtml(strings.empty)}</p>`;
  return shell(page.locale, `${strings.heading} – ${page.title}`, `<h1>${escapeHtml(strings.heading)}</h1>\n<p class="intro">${escapeHtml(fill(strings.intro, page.title))}</p>\n${list}`);
}

/** The answer to a link that shows no page (never published, taken down, or wrong). */
export function renderMissingResults(locale: Locale, why: 'missing' | 'tooMany' = 'missing'): string {
  const strings = STRINGS[locale];
  return shell(locale, strings.missingTitle, `<h1>${escapeHtml(strings.missingTitle)}</h1>\n<p>${escapeHtml(strings[why])}</p>`);
}
