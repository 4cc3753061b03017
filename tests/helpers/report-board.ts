import * as Y from 'yjs';
import { initBoard } from '../../shared/ops/board';
import { createElements, putIntoFrame, type NewElement } from '../../shared/ops/elements';
import { initialControlState, type ControlState } from '../../shared/protocol/state';
import type { Locale } from '../../shared/schema/doc';

/** Ids of the interesting things on the report test board. */
export interface ReportBoard {
  doc: Y.Doc;
  control: ControlState;
  ids: Record<string, string>;
}

/** Text that would run as a spreadsheet formula if written unneutralised. */
export const INJECTION = '=HYPERLINK("http://evil.example","kliknij")';
/** Text that would be markup if written unescaped into SVG or HTML. */
export const MARKUP = '<script>alert("x")</script>&<b>';

/**
 * A board with every workshop method filled in, built only with shared/ops, as the method UIs
 * being built in parallel will leave it: Polish text with every diacritic, some hostile text,
 * closed vote rounds and an agenda.
 */
export function reportBoard(locale: Locale = 'pl'): ReportBoard {
  const doc = new Y.Doc();
  initBoard(doc, 'Warsztat w Łęczycy – żółć', locale, Date.UTC(2026, 10, 20, 9, 0));
  const ids: Record<string, string> = {};
  const frame = (key: string, method: string | null, title: string, x: number, y: number, w = 1200, h = 900) => {
    ids[key] = createElements(doc, [{ type: 'frame', method, title, x, y, w, h }], 'Anna Kowalska')[0]!;
    return ids[key]!;
  };
  const inside = (frameId: string, items: (NewElement & { key?: string })[], author = 'Jan Żółkiewski') => {
    const created = createElements(doc, items.map(({ key: _key, ...rest }) => rest), author);
    putIntoFrame(doc, created, frameId);
    items.forEach((item, i) => item.key && (ids[item.key] = created[i]!));
    return created;
  };

  const map = frame('stakeholders', 'stakeholders', 'Mapa interesariuszy', 0, 0);
  inside(map, [
    { key: 'urzad', type: 'stakeholder', name: 'Urząd Gminy', group: 'dostawcy usług', x: 700, y: 100, influence: 8, engagement: 7, ratings: [{ by: 'Ewa Śliwińska', influence: 9, engagement: 8 }, { by: 'Jan Żółkiewski', influence: 7, engagement: 6 }] },
    { key: 'mlodziez', type: 'stakeholder', name: 'Młodzież szkolna', group: 'użytkownicy miasta', x: 100, y: 600, influence: 2, engagement: 3, ratings: [] },
    { key: 'hostile', type: 'stakeholder', name: INJECTION, group: '+48 123', notes: MARKUP, x: 400, y: 400, influence: null, engagement: null, ratings: [{ by: 'Ewa Śliwińska', influence: 6, engagement: 2 }] },
  ]);

  const tree = frame('problemTree', 'problemTree', 'Drzewo problemów', 1400, 0);
  const [core] = inside(tree, [{ key: 'core', type: 'treeNode', tree: 'problem', role: 'core', text: 'Odpływ młodych mieszkańców', x: 1900, y: 400 }]);
  const [cause] = inside(tree, [{ key: 'cause', type: 'treeNode', tree: 'problem', role: 'cause', parentNode: core, text: 'Brak pracy dla absolwentów', x: 1700, y: 600 }]);
  inside(tree, [
    { key: 'subcause', type: 'treeNode', tree: 'problem', role: 'cause', parentNode: cause, text: 'Słaba oferta szkół zawodowych', x: 1700, y: 800 },
    { key: 'effect', type: 'treeNode', tree: 'problem', role: 'effect', parentNode: core, text: 'Starzejące się społeczeństwo', x: 1900, y: 150 },
  ]);

  const objectives = frame('objectivesTree', 'objectivesTree', 'Drzewo celów', 2800, 0);
  const [goal] = inside(objectives, [{ key: 'goal', type: 'treeNode', tree: 'objective', role: 'core', text: 'Młodzi zostają w gminie', x: 3300, y: 400, sourceId: core }]);
  inside(objectives, [{ key: 'means', type: 'treeNode', tree: 'objective', role: 'cause', parentNode: goal, text: 'Miejsca pracy dla absolwentów', x: 3100, y: 600 }]);

  const swot = frame('swot', 'swot', 'Analiza SWOT', 4200, 0, 1300, 1000);
  const quarter = (key: string, method: string, title: string, x: number, y: number) => {
    const id = frame(key, method, title, x, y, 600, 440);
    putIntoFrame(doc, [id], swot);
    return id;
  };
  const s = quarter('swot-s', 'swot-s', 'Mocne strony', 4240, 60);
  const w = quarter('swot-w', 'swot-w', 'Słabe strony', 4860, 60);
  const o = quarter('swot-o', 'swot-o', 'Szanse', 4240, 540);
  const t = quarter('swot-t', 'swot-t', 'Zagrożenia', 4860, 540);
  inside(s, [{ key: 's1', type: 'note', text: 'Położenie przy autostradzie', x: 4260, y: 100 }, { key: 's2', type: 'note', text: 'Aktywne koła gospodyń', x: 4480, y: 100 }]);
  inside(w, [{ key: 'w1', type: 'note', text: 'Zły stan dróg gminnych', x: 4880, y: 100 }]);
  inside(o, [{ key: 'o1', type: 'note', text: 'Fundusze europejskie na lata 2028–2034', x: 4260, y: 580 }]);
  inside(t, [{ key: 't1', type: 'note', text: 'Konkurencja dużych miast', x: 4880, y: 580 }]);

  const tows = frame('tows', 'tows', 'Strategie TOWS', 5700, 0, 1300, 1000);
  const so = frame('tows-so', 'tows-so', 'SO', 5740, 60, 600, 440);
  const wt = frame('tows-wt', 'tows-wt', 'WT', 6360, 540, 600, 440);
  putIntoFrame(doc, [so, wt], tows);
  inside(so, [{ key: 'strategy', type: 'strategy', text: 'Strefa inwestycyjna przy węźle', sources: [ids.s1!, ids.o1!], x: 5760, y: 100 }]);
  inside(wt, [{ key: 'strategy2', type: 'strategy', text: 'Remont dróg dojazdowych', sources: [ids.w1!, ids.t1!], x: 6380, y: 580 }]);

  const factors = frame('factors', 'factors', 'Kluczowe czynniki rozwoju', 7200, 0);
  inside(factors, [
    { key: 'f1', type: 'factor', text: 'Dostępność komunikacyjna', importance: 4.5, state: 2, ratings: [{ by: 'Ewa Śliwińska', importance: 5, state: 2 }, { by: 'Jan Żółkiewski', importance: 4, state: 2 }], x: 7240, y: 60 },
    { key: 'f2', type: 'factor', text: 'Kapitał społeczny', importance: 3, state: 4, ratings: [], x: 7240, y: 160 },
    { key: 'f3', type: 'factor', text: 'Oferta kulturalna', importance: 4.5, state: 3.5, ratings: [], x: 7240, y: 260 },
  ]);

  const ideas = frame('ideas', 'ideas', 'Pomysły mieszkańców', 8600, 0);
  inside(ideas, [
    { key: 'i1', type: 'idea', title: 'Ścieżka rowerowa nad Bzurą', description: 'Połączenie rynku z zalewem.', place: 'ul. Źródlana', status: 'accepted', submittedAt: Date.UTC(2026, 10, 1, 12, 0), x: 8640, y: 60 },
    { key: 'i2', type: 'idea', title: '@SUM(1+1)*cmd|', description: '-2+3', place: '', status: 'new', submittedAt: 0, x: 8940, y: 60 },
  ]);

  const control: ControlState = {
    ...initialControlState(),
    agenda: [
      { id: 'p1', title: 'Mapowanie interesariuszy', frameId: map, minutes: 30 },
      { id: 'p2', title: 'Drzewo problemów', frameId: tree, minutes: 45 },
      { id: 'p3', title: 'Analiza SWOT', frameId: swot, minutes: 40 },
    ],
    currentPhase: 2,
    rounds: [
      { id: 'r1', title: 'Najważniejsze mocne strony', frameId: s, itemIds: null, votesPerPerson: 3, open: false, openedAt: Date.UTC(2026, 10, 20, 10, 0), closedAt: Date.UTC(2026, 10, 20, 10, 5), results: { [ids.s1!]: 5, [ids.s2!]: 2 }, voters: 4 },
      { id: 'r2', title: 'Zagrożenia', frameId: null, itemIds: [ids.t1!, ids.w1!], votesPerPerson: 2, open: false, openedAt: Date.UTC(2026, 10, 20, 11, 0), closedAt: Date.UTC(2026, 10, 20, 11, 4), results: { [ids.t1!]: 3 }, voters: 3 },
    ],
  };
  return { doc, control, ids };
}
