/**
 * A list of stakeholders from a spreadsheet (CSV or XLSX, already split into rows of cell
 * text): the header row says which column is which, in Polish or English. Everything is
 * checked before anything is created, so a bad file creates nothing.
 */
import type { NewElement } from '../ops/elements';
import { LIMITS } from '../schema/limits';
import { cardPosition, unscoredPosition } from './stakeholders';

/** The fields a column can fill, with the headers accepted for it (compared without case or diacritics). */
export const IMPORT_COLUMNS = {
  name: ['nazwa', 'name', 'interesariusz', 'stakeholder'],
  group: ['grupa', 'group'],
  notes: ['uwagi', 'notes'],
  influence: ['wplyw', 'influence'],
  engagement: ['zaangazowanie', 'engagement', 'interest'],
} as const;
export type ImportField = keyof typeof IMPORT_COLUMNS;

/** A stakeholder list has a handful of columns; a header far wider is not one (and would cost time). */
export const MAX_IMPORT_COLUMNS = 50;

/** Headers of numbering columns, left alone. */
const IGNORED = new Set(['lp', 'lp.', 'nr', 'no', 'no.', '#']);

/** The sentence naming the columns a file may have (shown with every column error). */
export const EXPECTED_COLUMNS = 'nazwa/name (required), grupa/group, uwagi/notes, wpływ/influence (0–10), zaangażowanie/engagement (0–10)';

/** Most stakeholders one file may bring. */
export const MAX_IMPORT_ROWS = 500;

export interface ImportedStakeholder {
  name: string;
  group: string;
  notes: string;
  influence: number | null;
  engagement: number | null;
}

export type ImportResult = { ok: true; stakeholders: ImportedStakeholder[] } | { ok: false; error: string };

/** Lower case, no diacritics (ł as l), single spaces. */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/gi, 'l')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

function fieldOf(header: string): ImportField | 'ignored' | null {
  const key = normaliseHeader(header);
  if (IGNORED.has(key) || key === '') return 'ignored';
  for (const [field, names] of Object.entries(IMPORT_COLUMNS) as [ImportField, readonly string[]][]) if (names.includes(key)) return field;
  return null;
}

/** A 0–10 score from a cell: empty is "not scored"; "7,5" is accepted as Polish spreadsheets write it. */
function score(cell: string, what: string, row: number): number | null | string {
  const text = cell.trim().replace(',', '.');
  if (text === '') return null;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0 || value > 10) return `row ${row}: ${what} must be a number from 0 to 10 (got "${cell.trim()}")`;
  return value;
}

/** Reads rows (the first is the header) into stakeholders, or says what is wrong. */
export function readStakeholderRows(rows: readonly (readonly string[])[]): ImportResult {
  const [header, ...body] = rows;
  if (!header || header.every((cell) => cell.trim() === '')) return { ok: false, error: `the file is empty; expected a header row with the columns ${EXPECTED_COLUMNS}` };
  if (header.length > MAX_IMPORT_COLUMNS) return { ok: false, error: `the header has ${header.length} columns; expected at most ${MAX_IMPORT_COLUMNS}: ${EXPECTED_COLUMNS}` };
  const columns = header.map(fieldOf);
  const unknown = header.filter((_, i) => columns[i] === null).map((h) => `"${h.trim()}"`);
  if (unknown.length) return { ok: false, error: `unknown column ${unknown.join(', ')}; expected the columns ${EXPECTED_COLUMNS}` };
  const seen = new Set<ImportField>();
  for (const field of columns) {
    if (field === null || field === 'ignored') continue;
    if (seen.has(field)) return { ok: false, error: `the column for ${field} appears twice; expected the columns ${EXPECTED_COLUMNS}` };
    seen.add(field);
  }
  if (!seen.has('name')) return { ok: false, error: `no name column (nazwa/name); expected the columns ${EXPECTED_COLUMNS}` };
  const columnOf = new Map(columns.map((field, i) => [field, i] as const));
  const stakeholders: ImportedStakeholder[] = [];
  for (const [index, cells] of body.entries()) {
    const row = index + 2;
    if (cells.every((cell) => cell.trim() === '')) continue;
    const get = (field: ImportField) => {
      const i = columnOf.get(field);
      return i === undefined ? '' : (cells[i] ?? '').trim();
    };
    const name = get('name');
    if (!name) return { ok: false, error: `row ${row}: the name is empty` };
    if (name.length > LIMITS.maxTitleLength) return { ok: false, error: `row ${row}: the name is longer than ${LIMITS.maxTitleLength} characters` };
    const group = get('group');
    if (group.length > LIMITS.maxLabelLength) return { ok: false, error: `row ${row}: the group is longer than ${LIMITS.maxLabelLength} characters` };
    const notes = get('notes');
    if (notes.length > LIMITS.maxTextLength) return { ok: false, error: `row ${row}: the notes are longer than ${LIMITS.maxTextLength} characters` };
    const influence = score(get('influence'), 'influence', row);
    if (typeof influence === 'string') return { ok: false, error: influence };
    const engagement = score(get('engagement'), 'engagement', row);
    if (typeof engagement === 'string') return { ok: false, error: engagement };
    stakeholders.push({ name, group, notes, influence, engagement });
    if (stakeholders.length > MAX_IMPORT_ROWS) return { ok: false, error: `at most ${MAX_IMPORT_ROWS} stakeholders per file` };
  }
  if (stakeholders.length === 0) return { ok: false, error: 'the file has a header but no stakeholders' };
  return { ok: true, stakeholders };
}

/** Size of a new stakeholder card (the element type's default). */
export const STAKEHOLDER_CARD = { w: 220, h: 110 } as const;

/**
 * New cards for imported stakeholders inside the map frame: scored ones at their scores,
 * the others piled where unscored cards go (continuing after `unscoredBefore` such cards).
 */
export function importedCards(frame: { id: string; x: number; y: number; w: number; h: number }, stakeholders: readonly ImportedStakeholder[], unscoredBefore: number): NewElement[] {
  let unscored = unscoredBefore;
  return stakeholders.map((s) => {
    const scored = s.influence !== null && s.engagement !== null;
    const at = scored ? cardPosition(frame, { influence: s.influence!, engagement: s.engagement! }, STAKEHOLDER_CARD) : unscoredPosition(frame, unscored++, STAKEHOLDER_CARD);
    return { type: 'stakeholder', name: s.name, group: s.group, notes: s.notes, influence: s.influence, engagement: s.engagement, parentId: frame.id, ...STAKEHOLDER_CARD, ...at };
  });
}
