import '../styles.css';
// Phones: 44 px targets and reflow, as on the board (the form is used from phones most).
import '../phone.css';
import { IDEA_LIMITS } from '../../../shared/schema/elements/idea-limits';
import { routeOf } from '../../../shared/protocol/routes';
import { fill, FORM_LANGUAGES, stringsFor, type FormLanguage } from './strings';

/**
 * The residents' idea form (karta zgłoszenia pomysłu), a page of its own (idea.html): reached
 * by a public link, often on a phone over a weak link, so it is plain DOM with no framework
 * and none of the board's code. The server puts the workshop's title and language into the
 * page (data-* of #idea-root), so the form is usable as soon as this script runs; without
 * them (the Vite dev server) it asks the API. What is sent lands in the Ideas inbox.
 */
const LANGUAGE_KEY = 'warsztat.language';
type FieldName = keyof typeof IDEA_LIMITS;
const FIELDS: FieldName[] = ['title', 'description', 'place', 'contact'];
type FormState = { kind: 'missing' } | { kind: 'open'; title: string } | { kind: 'sent'; title: string };
/** The information clause and consent wording the server serves per language (RODO, docs/privacy.md). */
interface PrivacyNotice {
  clause: { heading: string; text: string }[];
  consent: string;
}
type Notices = Partial<Record<FormLanguage, PrivacyNotice>>;

// #root: under the Vite dev server the form is started by the app's entry (main.tsx).
const root = document.getElementById('idea-root') ?? document.getElementById('root')!;
root.classList.add('page', 'idea-form-page');
const route = routeOf(location.pathname, location.hash);
const address = route.page === 'idea' ? `/api/ideas/${encodeURIComponent(route.boardId)}/${encodeURIComponent(route.formKey)}` : null;

let language: FormLanguage = savedLanguage() ?? (root.dataset.locale === 'en' ? 'en' : 'pl');
let state: FormState | null = null;
const values: Record<FieldName, string> = { title: '', description: '', place: '', contact: '' };
let consent = false;
let notices: Notices = parseNotices(root.dataset.privacy);
let sending = false;
let error: string | null = null;

function parseNotices(raw: string | undefined): Notices {
  if (!raw) return {};
  try {
    return JSON.parse(raw) as Notices;
  } catch {
    return {};
  }
}

function savedLanguage(): FormLanguage | null {
  try {
    const saved = localStorage.getItem(LANGUAGE_KEY);
    return saved === 'pl' || saved === 'en' ? saved : null;
  } catch {
    return null;
  }
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<Record<string, string>> = {}, ...children: (Node | string | null)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) if (value !== undefined) node.setAttribute(name, value);
  for (const child of children) if (child !== null) node.append(child);
  return node;
}

function languageSwitch(): HTMLElement {
  const s = stringsFor(language);
  const select = el('select', { 'data-testid': 'language' });
  for (const code of FORM_LANGUAGES) select.append(el('option', { value: code }, s.language[code]));
  select.value = language;
  select.addEventListener('change', () => {
    language = select.value === 'en' ? 'en' : 'pl';
    try {
      localStorage.setItem(LANGUAGE_KEY, language);
    } catch {
      // Private mode: the choice lasts for this page only.
    }
    render();
    root.querySelector<HTMLSelectElement>('[data-testid="language"]')?.focus();
  });
  return el('label', { class: 'language-switch' }, el('span', {}, s.language.label), select);
}

function render(): void {
  const s = stringsFor(language);
  document.documentElement.lang = language;
  const header = el('header', { class: 'idea-form-header' }, el('span', { class: 'brand' }, s.appName), languageSwitch());
  const body: Node[] = [];
  if (state?.kind === 'missing') {
    body.push(el('p', { class: 'error', role: 'alert', 'data-testid': 'idea-form-missing' }, s.form.missing));
  } else if (state?.kind === 'sent') {
    const title = state.title;
    const again = el('button', { type: 'button' }, s.form.another);
    again.addEventListener('click', () => {
      state = { kind: 'open', title };
      render();
      root.querySelector<HTMLInputElement>('[data-testid="idea-title"]')?.focus();
    });
    body.push(el('section', { class: 'idea-form-done', role: 'status', 'data-testid': 'idea-sent' }, el('h1', {}, s.form.thanks), el('p', {}, fill(s.form.thanksText, { title })), again));
  } else if (state?.kind === 'open') {
    body.push(form(state.title));
    document.title = `${s.form.heading} – ${state.title}`;
  }
  root.replaceChildren(header, ...body);
}

function form(title: string): HTMLFormElement {
  const s = stringsFor(language);
  const labels: Record<FieldName, string> = { title: `${s.form.title} *`, description: s.form.description, place: s.form.place, contact: s.form.contact };
  const hints: Partial<Record<FieldName, string>> = { place: s.form.placeHint, contact: s.form.contactHint };
  const node = el('form', { class: 'idea-form', novalidate: '' }, el('h1', {}, s.form.heading), el('p', { class: 'muted' }, fill(s.form.intro, { title })));
  for (const name of FIELDS) {
    const input = name === 'description' ? el('textarea', { rows: '6' }) : el('input', name === 'title' ? { required: '' } : {});
    input.maxLength = IDEA_LIMITS[name];
    input.value = values[name];
    input.dataset.testid = `idea-${name}`;
    if (hints[name]) input.placeholder = hints[name]!;
    input.addEventListener('input', () => {
      values[name] = input.value;
      if (error) {
        error = null;
        node.querySelector('[data-testid="idea-error"]')?.remove();
      }
    });
    node.append(el('label', {}, labels[name], input));
  }
  node.append(el('p', { class: 'muted small' }, s.form.privacy));
  const notice = notices[language];
  if (notice) {
    // The consent is a choice of its own (RODO: freely given, not pre-ticked), worded as stored.
    const box = el('input', { type: 'checkbox', 'data-testid': 'idea-consent' });
    box.checked = consent;
    box.addEventListener('change', () => {
      consent = box.checked;
      if (error) {
        error = null;
        node.querySelector('[data-testid="idea-error"]')?.remove();
      }
    });
    node.append(el('label', { class: 'idea-consent' }, box, el('span', {}, notice.consent)));
    const clause = el('details', { class: 'idea-clause', 'data-testid': 'idea-clause' }, el('summary', {}, s.form.clauseTitle));
    for (const section of notice.clause) clause.append(el('h2', {}, section.heading), el('p', {}, section.text));
    node.append(clause);
  }
  if (error) node.append(el('p', { class: 'error', role: 'alert', 'data-testid': 'idea-error' }, error));
  const submit = el('button', { type: 'submit', 'data-testid': 'idea-submit' }, sending ? el('span', { class: 'spinner', 'aria-hidden': 'true' }) : null, ` ${s.form.submit}`);
  submit.disabled = sending;
  node.append(submit);
  node.addEventListener('submit', (event) => {
    event.preventDefault();
    void send(title);
  });
  return node;
}

/** Re-renders with the focus kept where it was (a field or the button), for people on a keyboard. */
function renderKeepingFocus(): void {
  const focused = (document.activeElement as HTMLElement | null)?.dataset.testid;
  render();
  if (focused) root.querySelector<HTMLElement>(`[data-testid="${focused}"]`)?.focus();
}

async function send(title: string): Promise<void> {
  const s = stringsFor(language);
  if (sending || !address) return;
  if (!values.title.trim()) {
    error = s.form.titleRequired;
    renderKeepingFocus();
    return;
  }
  if (values.contact.trim() && notices[language] && !consent) {
    error = s.form.consentNeeded;
    renderKeepingFocus();
    return;
  }
  sending = true;
  error = null;
  renderKeepingFocus();
  try {
    const res = await fetch(address, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...values, consent: consent && Boolean(values.contact.trim()), language }) });
    if (res.status === 201) {
      for (const name of FIELDS) values[name] = '';
      consent = false;
      state = { kind: 'sent', title };
      return;
    }
    const body = (await res.json().catch(() => ({}))) as { error?: string };
    error = res.status === 429 ? s.form.tooMany : res.status === 404 ? s.form.missing : fill(s.generic, { message: body.error ?? res.status });
  } catch (e) {
    error = fill(s.form.offline, { message: (e as Error).message });
  } finally {
    sending = false;
    renderKeepingFocus();
  }
}

async function start(): Promise<void> {
  const given = root.dataset.state;
  if (given === 'open' && root.dataset.title !== undefined) {
    state = { kind: 'open', title: root.dataset.title };
  } else if (given === 'missing' || !address) {
    state = { kind: 'missing' };
  } else {
    // No title in the page (the Vite dev server serves it as is): ask for it.
    try {
      const res = await fetch(address);
      if (!res.ok) state = { kind: 'missing' };
      else {
        const board = (await res.json()) as { title: string; locale: FormLanguage; notices?: Notices };
        notices = board.notices ?? {};
        if (!savedLanguage()) language = board.locale === 'en' ? 'en' : 'pl';
        state = { kind: 'open', title: board.title };
      }
    } catch {
      state = { kind: 'missing' };
    }
  }
  render();
  root.querySelector<HTMLInputElement>('[data-testid="idea-title"]')?.focus();
}

void start();
