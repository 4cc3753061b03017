import { describe, expect, it } from 'vitest';
import { createElements, putIntoFrame, updateElement } from '../../shared/ops/elements';
import { buildReport, reportForFrame } from '../../shared/report/model';
import { mdText, reportToMarkdown } from '../../shared/report/markdown';
import { reportTables } from '../../shared/report/tables';
import { readMeta } from '../../shared/schema/doc';
import { readElements } from '../../shared/schema/plain';
import type { Report, ReportSection } from '../../shared/report/types';
import { INJECTION, MARKUP, reportBoard } from '../helpers/report-board';

function reportOf(board = reportBoard(), people: { name: string; role: 'facilitator' | 'participant' | 'observer' }[] = []): Report {
  return buildReport({ meta: readMeta(board.doc), elements: readElements(board.doc).elements, control: board.control, people, generatedAt: Date.UTC(2026, 10, 22, 12) });
}

function section<K extends ReportSection['kind']>(report: Report, kind: K): ReportSection & { kind: K } {
  const found = report.sections.find((s) => s.kind === kind);
  if (!found) throw new Error(`no ${kind} section`);
  return found as ReportSection & { kind: K };
}

describe('report model', () => {
  it('has one section per method frame, in workshop order, titled by the frames', () => {
    const report = reportOf();
    expect(report.sections.map((s) => s.kind)).toEqual(['stakeholders', 'problemTree', 'objectivesTree', 'swot', 'tows', 'factors', 'ideas']);
    expect(report.title).toBe('Warsztat w Łęczycy – żółć');
    expect(report.labels.participants).toBe('Uczestnicy');
  });

  it('stakeholders carry agreed scores, the ratings\' mean and spread, and the quadrant', () => {
    const rows = section(reportOf(), 'stakeholders').rows;
    const urzad = rows.find((r) => r.name === 'Urząd Gminy')!;
    expect(urzad).toMatchObject({ influence: 8, engagement: 7, ratings: 2, quadrant: 'manageClosely' });
    expect(urzad.influenceRatings).toEqual({ mean: 8, spread: 1, min: 7, max: 9 });
    // Not agreed yet: the quadrant comes from the ratings' means (6, 2).
    expect(rows.find((r) => r.name === INJECTION)).toMatchObject({ influence: null, quadrant: 'keepSatisfied' });
    expect(rows.find((r) => r.name === 'Młodzież szkolna')).toMatchObject({ quadrant: 'monitor', influenceRatings: null });
    // Manage closely first, monitor last.
    expect(rows.map((r) => r.quadrant)).toEqual(['manageClosely', 'keepSatisfied', 'monitor']);
  });

  it('trees become depth-first outlines: core, its effects, then its causes with their own causes', () => {
    const report = reportOf();
    expect(section(report, 'problemTree').items.map((i) => [i.depth, i.role, i.text])).toEqual([
      [0, 'core', 'Odpływ młodych mieszkańców'],
      [1, 'effect', 'Starzejące się społeczeństwo'],
      [1, 'cause', 'Brak pracy dla absolwentów'],
      [2, 'cause', 'Słaba oferta szkół zawodowych'],
    ]);
    expect(section(report, 'objectivesTree').items.map((i) => i.text)).toEqual(['Młodzi zostają w gminie', 'Miejsca pracy dla absolwentów']);
  });

  it('a cycle of parent links still lists every node once', () => {
    const board = reportBoard();
    const { doc, ids } = board;
    const [a, b] = createElements(doc, [
      { type: 'treeNode', tree: 'problem', role: 'cause', text: 'A', parentNode: 'later' },
      { type: 'treeNode', tree: 'problem', role: 'cause', text: 'B' },
    ]);
    putIntoFrame(doc, [a!, b!], ids.problemTree!);
    updateElement(doc, a!, { parentNode: b });
    updateElement(doc, b!, { parentNode: a });
    const items = section(reportOf(board), 'problemTree').items;
    expect(items.filter((i) => i.text === 'A' || i.text === 'B')).toHaveLength(2);
    expect(items).toHaveLength(6);
  });

  it('SWOT items carry the votes of the last closed round that covered them', () => {
    const quadrants = section(reportOf(), 'swot').quadrants;
    expect(quadrants.map((q) => q.label)).toEqual(['Mocne strony', 'Słabe strony', 'Szanse', 'Zagrożenia']);
    expect(quadrants[0]!.items.map((i) => [i.text, i.votes])).toEqual([['Położenie przy autostradzie', 5], ['Aktywne koła gospodyń', 2]]);
    expect(quadrants[1]!.items[0]).toMatchObject({ text: 'Zły stan dróg gminnych', votes: 0 });
    expect(quadrants[2]!.items[0]!.votes).toBeNull();
    expect(quadrants[3]!.items[0]!.votes).toBe(3);
  });

  it('TOWS strategies list the SWOT items they combine', () => {
    const cells = section(reportOf(), 'tows').cells;
    expect(cells.map((c) => c.key)).toEqual(['tows-so', 'tows-st', 'tows-wo', 'tows-wt']);
    expect(cells[0]!.strategies).toEqual([{ id: expect.any(String), text: 'Strefa inwestycyjna przy węźle', sources: ['Położenie przy autostradzie', 'Fundusze europejskie na lata 2028–2034'] }]);
    expect(cells[1]!.strategies).toEqual([]);
    expect(cells[3]!.strategies[0]!.sources).toEqual(['Zły stan dróg gminnych', 'Konkurencja dużych miast']);
  });

  it('factors are ranked: most important first, the worse state first among equals', () => {
    const rows = section(reportOf(), 'factors').rows;
    expect(rows.map((r) => [r.rank, r.text])).toEqual([
      [1, 'Dostępność komunikacyjna'],
      [2, 'Oferta kulturalna'],
      [3, 'Kapitał społeczny'],
    ]);
    expect(rows[0]!.importanceRatings).toMatchObject({ mean: 4.5, spread: 0.5 });
  });

  it('ideas: accepted first, with their status', () => {
    const rows = section(reportOf(), 'ideas').rows;
    expect(rows.map((r) => [r.title, r.status])).toEqual([['Ścieżka rowerowa nad Bzurą', 'accepted'], ['@SUM(1+1)*cmd|', 'new']]);
  });

  it('people present keep their roles; authors and raters are contributors; agenda and votes come from the control state', () => {
    const report = reportOf(reportBoard(), [{ name: 'Anna Kowalska', role: 'facilitator' }, { name: 'Obserwator z ministerstwa', role: 'observer' }]);
    expect(report.participants).toEqual([
      { name: 'Anna Kowalska', role: 'facilitator' },
      { name: 'Obserwator z ministerstwa', role: 'observer' },
      { name: 'Ewa Śliwińska', role: 'contributor' },
      { name: 'Jan Żółkiewski', role: 'contributor' },
    ]);
    expect(report.agenda.map((p) => [p.title, p.frameTitle, p.current])).toEqual([
      ['Mapowanie interesariuszy', 'Mapa interesariuszy', false],
      ['Drzewo problemów', 'Drzewo problemów', false],
      ['Analiza SWOT', 'Analiza SWOT', true],
    ]);
    expect(report.votes.map((r) => [r.title, r.voters, r.items.map((i) => [i.text, i.votes])])).toEqual([
      ['Najważniejsze mocne strony', 4, [['Położenie przy autostradzie', 5], ['Aktywne koła gospodyń', 2]]],
      ['Zagrożenia', 3, [['Konkurencja dużych miast', 3]]],
    ]);
  });

  it('an empty board without facilitation state still makes a report', () => {
    const board = reportBoard();
    const report = buildReport({ meta: { ...readMeta(board.doc), locale: 'en' }, elements: [], control: null, people: [], generatedAt: 0 });
    expect(report.sections).toEqual([]);
    expect(report.labels.participants).toBe('Participants');
    expect(reportToMarkdown(report)).toContain('No votes were held.');
  });

  it('items outside any method frame still reach the report, in a section without a frame', () => {
    const board = reportBoard();
    createElements(board.doc, [{ type: 'factor', text: 'Czynnik poza ramką', x: -5000, y: 0 }]);
    const rows = section(reportOf(board), 'factors').rows;
    // There is a factors frame: the stray factor joins it.
    expect(rows.map((r) => r.text)).toContain('Czynnik poza ramką');
    const bare = buildReport({ meta: readMeta(board.doc), elements: readElements(board.doc).elements.filter((e) => !(e.type === 'frame' && e.method === 'factors')), control: null, people: [], generatedAt: 0 });
    expect(bare.sections.find((s) => s.kind === 'factors')).toMatchObject({ frameId: null, title: 'Kluczowe czynniki rozwoju' });
  });

  it('limiting to a frame keeps its section; a SWOT quadrant gives its SWOT', () => {
    const board = reportBoard();
    const elements = readElements(board.doc).elements;
    const report = reportOf(board);
    expect(reportForFrame(report, elements, board.ids.factors!).sections.map((s) => s.kind)).toEqual(['factors']);
    expect(reportForFrame(report, elements, board.ids['swot-w']!).sections.map((s) => s.kind)).toEqual(['swot']);
  });

  it('the board language decides the words', () => {
    const board = reportBoard('en');
    const report = reportOf(board);
    expect(section(report, 'swot').quadrants[0]!.label).toBe('Strengths');
    expect(reportTables(report).find((t) => t.name === 'stakeholders')!.columns[0]).toBe('Stakeholder');
  });
});

describe('report tables and markdown', () => {
  it('one table per method plus votes, with numbers as numbers', () => {
    const tables = reportTables(reportOf());
    expect(tables.map((t) => t.name)).toEqual(['stakeholders', 'problemTree', 'objectivesTree', 'swot', 'tows', 'factors', 'ideas', 'votes']);
    const stakeholders = tables[0]!;
    expect(stakeholders.rows[0]!.slice(0, 5)).toEqual(['Urząd Gminy', 'dostawcy usług', 8, 7, 'Zarządzać blisko']);
  });

  it('markdown escapes markup and keeps Polish letters', () => {
    const board = reportBoard();
    putIntoFrame(board.doc, createElements(board.doc, [{ type: 'note', text: MARKUP, x: 4300, y: 300 }]), board.ids['swot-s']!);
    const md = reportToMarkdown(reportOf(board));
    expect(md).toContain('# Warsztat w Łęczycy – żółć');
    expect(md).toContain('**Przyczyna:** Słaba oferta szkół zawodowych');
    expect(md).not.toContain('<script>');
    expect(md).toContain('&lt;script&gt;');
    expect(md).not.toContain(MARKUP);
  });

  it('markdown text cannot make links, images, emphasis or table cells', () => {
    expect(mdText('![x](http://evil.example/a.png) [y](javascript:alert(1))')).toBe('!\\[x\\](http://evil.example/a.png) \\[y\\](javascript:alert(1))');
    expect(mdText('*a* _b_ `c` a|b\nnext')).toBe('\\*a\\* \\_b\\_ \\`c\\` a\\|b next');
  });
});
