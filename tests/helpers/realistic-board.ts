import * as Y from 'yjs';
import { initBoard } from '../../shared/ops/board';
import { createElements, putIntoFrame, type NewElement } from '../../shared/ops/elements';
import { initialControlState, type ControlState } from '../../shared/protocol/state';
import type { Locale } from '../../shared/schema/doc';
import { mulberry32 } from '../unit/support';

/** Stakeholders of a Polish town's workshop: long names and compound words, as towns write them. */
const STAKEHOLDERS = [
  'Urząd Miasta i Gminy',
  'Rada Miejska',
  'Stowarzyszenie Przyjaciół Ziemi Łęczyckiej',
  'Ochotnicza Straż Pożarna w Topoli Królewskiej',
  'Koło Gospodyń Wiejskich „Łęczycanki”',
  'Młodzieżowa Rada Miasta',
  'Powiatowy Urząd Pracy',
  'Miejski Ośrodek Pomocy Społecznej',
  'Szkoła Podstawowa nr 2 im. Marii Konopnickiej',
  'Zespół Szkół Ponadpodstawowych',
  'Parafia pw. św. Andrzeja',
  'Lokalna Grupa Działania „Źródło”',
  'Przedsiębiorcy z ulicy Ozorkowskiej',
  'Cech Rzemiosł Różnych',
  'Spółdzielnia Mieszkaniowa „Zgoda”',
  'Przedszkole Samorządowe nr 1',
  'Miejski Dom Kultury',
  'Biblioteka Publiczna',
  'Klub Sportowy „Górnik” Łęczyca',
  'Uniwersytet Trzeciego Wieku',
  'Seniorzy z osiedla Belwederska',
  'Rodzice dzieci w wieku przedszkolnym',
  'Wspólnoty mieszkaniowe Starego Miasta',
  'Rolnicy z sołectw gminy',
  'Inwestorzy strefy ekonomicznej',
  'Starostwo Powiatowe',
  'Urząd Marszałkowski Województwa Łódzkiego',
  'Zakład Gospodarki Komunalnej',
  'Przewoźnik autobusowy PKS',
  'PKP Polskie Linie Kolejowe',
  'Muzeum Regionalne na Zamku Królewskim',
  'Dziennikarze lokalnego tygodnika',
  'Fundacja Rozwoju Przedsiębiorczości',
  'Interesariusze zewnętrzni z powiatu łęczyckiego',
  'Niepełnosprawni mieszkańcy i ich opiekunowie',
  'Stowarzyszenie Rowerowe „Dwa Kółka”',
  'Policja – Komenda Powiatowa',
  'Szpital Powiatowy',
  'Nauczyciele szkół zawodowych',
  'Absolwenci szkół średnich',
];

const CAUSES = [
  'Brak pracy dla absolwentów', 'Słaba oferta szkół zawodowych', 'Niskie płace w lokalnych firmach', 'Mało mieszkań na wynajem',
  'Słabe połączenia z Łodzią', 'Brak żłobka publicznego', 'Zły stan dróg gminnych', 'Mała oferta kulturalna dla młodzieży',
  'Brak terenów inwestycyjnych', 'Zamknięte zakłady przemysłowe', 'Niewystarczające wsparcie przedsiębiorczości', 'Drogie grunty w centrum',
  'Rzadkie kursy autobusów wieczorem', 'Brak ścieżek rowerowych', 'Zaniedbana przestrzeń publiczna', 'Słaba promocja miasta',
];
const EFFECTS = [
  'Starzejące się społeczeństwo', 'Mniejsze wpływy z podatków', 'Puste mieszkania w centrum', 'Zamykanie szkół',
  'Mniej klientów lokalnych sklepów', 'Osłabienie życia społecznego', 'Brak następców w rodzinnych firmach',
];

const SWOT = {
  s: ['Położenie przy autostradzie A1', 'Aktywne koła gospodyń wiejskich 👍', 'Zabytkowy zamek królewski', 'Tanie tereny pod zabudowę', 'Silna tożsamość lokalna'],
  w: ['Zły stan dróg gminnych', 'Odpływ młodych mieszkańców', 'Niska aktywność obywatelska', 'Mała liczba miejsc pracy', 'Zadłużenie gminy'],
  o: ['Fundusze europejskie na lata 2028–2034', 'Rozwój turystyki weekendowej 🚲', 'Program „Rozwój lokalny”', 'Praca zdalna mieszkańców dużych miast', 'Nowa linia kolejowa do Łodzi'],
  t: ['Konkurencja dużych miast', 'Spadek liczby urodzeń', 'Rosnące koszty energii', 'Zmiany w finansowaniu samorządów', 'Susze i upały 🔥'],
};

const FACTORS = ['Dostępność komunikacyjna', 'Kapitał społeczny', 'Oferta kulturalna', 'Tereny inwestycyjne', 'Jakość edukacji', 'Mieszkania dla młodych', 'Przedsiębiorczość mieszkańców', 'Dziedzictwo historyczne'];

const IDEAS = [
  ['Ścieżka rowerowa nad Bzurą', 'Połączenie rynku z zalewem ścieżką o długości 4 km.', 'ul. Źródlana'],
  ['Kino letnie na rynku', 'Pokazy filmów w piątkowe wieczory w lipcu i sierpniu.', 'Rynek'],
  ['Żłobek przy szkole nr 2', 'Trzy grupy po 20 dzieci w dawnym budynku internatu.', 'ul. Szkolna 5'],
  ['Inkubator przedsiębiorczości', 'Biura i doradztwo dla młodych firm przez pierwsze dwa lata.', 'dawny zakład mleczarski'],
  ['Tężnia solankowa w parku', 'Miejsce odpoczynku dla seniorów i rodzin z dziećmi.', 'Park Miejski'],
  ['Festiwal Jarmark Królewski', 'Coroczne święto miasta z rzemieślnikami i rekonstrukcjami.', 'Zamek Królewski'],
  ['Bus miejski do dworca', 'Kursy co 30 minut zgrane z pociągami do Łodzi.', 'cała gmina'],
  ['Mieszkania na wynajem dla absolwentów', 'Czynsz obniżony przez pięć lat dla osób do 30. roku życia.', 'ul. Ozorkowska'],
  ['Boisko wielofunkcyjne', 'Boisko ze sztuczną nawierzchnią i oświetleniem.', 'osiedle Belwederska'],
  ['Centrum aktywności seniora', 'Zajęcia ruchowe, komputerowe i klub dyskusyjny.', 'Miejski Dom Kultury'],
  ['Targ lokalnych producentów', 'Sobotni targ rolników z sołectw gminy.', 'plac Kościuszki'],
  ['Punkt informacji turystycznej', 'Mapy, przewodnicy i wypożyczalnia rowerów 🚲.', 'Rynek 1'],
  ['Ogród społeczny', 'Wspólne grządki mieszkańców Starego Miasta.', 'podwórko przy ul. Poznańskiej'],
  ['Stypendia dla uczniów szkół zawodowych', 'Wsparcie za staże w lokalnych firmach.', 'Zespół Szkół Ponadpodstawowych'],
  ['Strona z ofertami pracy w gminie', 'Jedno miejsce z ogłoszeniami lokalnych pracodawców.', 'internet'],
] as const;

/**
 * A realistic Polish workshop board (issue #17): 40 stakeholders rated by three people, a
 * 32-node problem tree and its objectives, 20 SWOT items, TOWS, 8 factors, 15 ideas and two
 * vote rounds, with emoji on some notes. Built with shared/ops and a seeded PRNG.
 */
export function realisticBoard(locale: Locale = 'pl'): { doc: Y.Doc; control: ControlState } {
  const doc = new Y.Doc();
  initBoard(doc, 'Plan Rozwoju Lokalnego – Łęczyca 2027', locale, Date.UTC(2026, 10, 20, 9, 0));
  const random = mulberry32(17);
  const score = () => Math.round(random() * 10);
  const frame = (method: string | null, title: string, x: number, y: number, w: number, h: number) => createElements(doc, [{ type: 'frame', method, title, x, y, w, h }], 'Anna Kowalska')[0]!;
  const inside = (frameId: string, items: NewElement[], author = 'Jan Żółkiewski') => {
    const ids = createElements(doc, items, author);
    putIntoFrame(doc, ids, frameId);
    return ids;
  };
  const raters = ['Ewa Śliwińska', 'Jan Żółkiewski', 'Grzegorz Brzęczyszczykiewicz'];

  const map = frame('stakeholders', 'Mapa interesariuszy', 0, 0, 2000, 1400);
  inside(
    map,
    STAKEHOLDERS.map((name, i) => {
      const rated = i % 8 !== 7;
      const ratings = rated ? raters.map((by) => ({ by, influence: score(), engagement: score() })) : [];
      const agreed = rated && i % 3 === 0;
      return {
        type: 'stakeholder',
        name,
        group: i % 2 ? 'użytkownicy miasta' : 'dostawcy usług',
        notes: i % 5 === 0 ? 'Zaprosić na spotkanie konsultacyjne' : '',
        x: 40 + (i % 8) * 240,
        y: 40 + Math.floor(i / 8) * 250,
        influence: agreed ? ratings[0]!.influence : null,
        engagement: agreed ? ratings[0]!.engagement : null,
        ratings,
      };
    }),
  );

  const tree = frame('problemTree', 'Drzewo problemów', 2200, 0, 3000, 1600);
  const [core] = inside(tree, [{ type: 'treeNode', tree: 'problem', role: 'core', text: 'Odpływ młodych mieszkańców z gminy', x: 3600, y: 700 }]);
  const causes: string[] = [];
  CAUSES.forEach((text, i) => {
    const parent = i < 5 ? core! : causes[Math.floor(random() * 5)]!;
    causes.push(inside(tree, [{ type: 'treeNode', tree: 'problem', role: 'cause', parentNode: parent, text, x: 2240 + (i % 8) * 340, y: 900 + Math.floor(i / 8) * 300 }])[0]!);
  });
  const effects: string[] = [];
  EFFECTS.forEach((text, i) => {
    const parent = i < 4 ? core! : effects[i - 4]!;
    effects.push(inside(tree, [{ type: 'treeNode', tree: 'problem', role: 'effect', parentNode: parent, text, x: 2240 + i * 380, y: 100 + Math.floor(i / 4) * 250 }])[0]!);
  });
  // 8 more causes one level deeper: 1 + 16 + 7 + 8 = 32 nodes.
  for (let i = 0; i < 8; i++) inside(tree, [{ type: 'treeNode', tree: 'problem', role: 'cause', parentNode: causes[5 + i]!, text: `Przyczyna szczegółowa ${i + 1}: ${CAUSES[i]!.toLowerCase()}`, x: 2240 + i * 340, y: 1450 }]);

  const objectives = frame('objectivesTree', 'Drzewo celów', 5400, 0, 3000, 1200);
  const [goal] = inside(objectives, [{ type: 'treeNode', tree: 'objective', role: 'core', text: 'Młodzi zostają w gminie', x: 6800, y: 500, sourceId: core }]);
  CAUSES.slice(0, 10).forEach((text, i) =>
    inside(objectives, [{ type: 'treeNode', tree: 'objective', role: i < 7 ? 'cause' : 'effect', parentNode: goal, text: `Rozwiązane: ${text.toLowerCase()}`, x: 5440 + i * 290, y: i < 7 ? 800 : 200 }]),
  );

  const swot = frame('swot', 'Analiza SWOT', 8600, 0, 1300, 1000);
  const quarters: Record<string, string> = {};
  const swotIds: Record<string, string[]> = {};
  (['s', 'w', 'o', 't'] as const).forEach((key, q) => {
    const id = frame(`swot-${key}`, ['Mocne strony', 'Słabe strony', 'Szanse', 'Zagrożenia'][q]!, 8640 + (q % 2) * 620, 60 + Math.floor(q / 2) * 480, 600, 440);
    putIntoFrame(doc, [id], swot);
    quarters[key] = id;
    swotIds[key] = inside(id, SWOT[key].map((text, i) => ({ type: 'note', text, x: 8660 + (q % 2) * 620 + (i % 2) * 280, y: 100 + Math.floor(q / 2) * 480 + Math.floor(i / 2) * 130 })));
  });

  const tows = frame('tows', 'Strategie TOWS', 10_100, 0, 1300, 1000);
  const cells = (['so', 'st', 'wo', 'wt'] as const).map((key, c) => {
    const id = frame(`tows-${key}`, key.toUpperCase(), 10_140 + (c % 2) * 620, 60 + Math.floor(c / 2) * 480, 600, 440);
    putIntoFrame(doc, [id], tows);
    return id;
  });
  const strategies: [number, string, string, string][] = [
    [0, 'Strefa inwestycyjna przy węźle autostrady', 's', 'o'],
    [0, 'Szlak turystyczny zamek – zalew', 's', 'o'],
    [1, 'Marka lokalnych produktów kół gospodyń', 's', 't'],
    [2, 'Remont dróg z funduszy europejskich', 'w', 'o'],
    [3, 'Mieszkania dla młodych rodzin', 'w', 't'],
  ];
  strategies.forEach(([cell, text, a, b], i) =>
    inside(cells[cell]!, [{ type: 'strategy', text, sources: [swotIds[a]![i % 5]!, swotIds[b]![i % 5]!], x: 10_160 + (cell % 2) * 620, y: 100 + Math.floor(cell / 2) * 480 + (i % 2) * 130 }]),
  );

  const factors = frame('factors', 'Kluczowe czynniki rozwoju', 11_600, 0, 1200, 900);
  inside(
    factors,
    FACTORS.map((text, i) => {
      const ratings = raters.map((by) => ({ by, importance: 1 + Math.round(random() * 8) / 2, state: 1 + Math.round(random() * 8) / 2 }));
      const mean = (k: 'importance' | 'state') => Math.round((ratings.reduce((a, r) => a + r[k], 0) / ratings.length) * 10) / 10;
      return { type: 'factor', text, importance: mean('importance'), state: mean('state'), ratings, x: 11_640, y: 60 + i * 100 };
    }),
  );

  const ideas = frame('ideas', 'Pomysły mieszkańców', 13_000, 0, 1600, 1200);
  const statuses = ['accepted', 'new', 'new', 'accepted', 'rejected'] as const;
  const ideaIds = inside(
    ideas,
    IDEAS.map(([title, description, place], i) => ({ type: 'idea', title, description, place, status: statuses[i % 5]!, submittedAt: Date.UTC(2026, 10, 1 + i, 12, 0), x: 13_040 + (i % 5) * 300, y: 60 + Math.floor(i / 5) * 300 })),
  );

  const control: ControlState = {
    ...initialControlState(),
    agenda: [
      { id: 'p1', title: 'Mapowanie interesariuszy', frameId: map, minutes: 30 },
      { id: 'p2', title: 'Drzewo problemów', frameId: tree, minutes: 45 },
      { id: 'p3', title: 'Analiza SWOT', frameId: swot, minutes: 40 },
      { id: 'p4', title: 'Pomysły mieszkańców', frameId: ideas, minutes: 25 },
    ],
    currentPhase: 3,
    rounds: [
      { id: 'r1', title: 'Najważniejsze mocne strony', frameId: quarters.s!, itemIds: null, votesPerPerson: 3, open: false, openedAt: Date.UTC(2026, 10, 20, 10, 0), closedAt: Date.UTC(2026, 10, 20, 10, 5), results: Object.fromEntries(swotIds.s!.map((id, i) => [id, 7 - i])), voters: 9 },
      { id: 'r2', title: 'Pomysły do planu', frameId: ideas, itemIds: null, votesPerPerson: 5, open: false, openedAt: Date.UTC(2026, 10, 20, 12, 0), closedAt: Date.UTC(2026, 10, 20, 12, 6), results: Object.fromEntries(ideaIds.map((id, i) => [id, (i * 7) % 11])), voters: 11 },
    ],
  };
  return { doc, control };
}
