import type { Locale } from '../schema/doc';

/** Every word the exported report, tables and summary use, in both board languages. */
export const REPORT_LABELS = {
  pl: {
    report: 'Raport z warsztatu',
    generated: 'Wygenerowano',
    date: 'Data',
    boardCreated: 'Tablica utworzona',
    participants: 'Uczestnicy',
    noParticipants: 'Brak danych o uczestnikach.',
    name: 'Imię i nazwisko',
    role: 'Rola',
    roles: { facilitator: 'Prowadzący (doradca)', participant: 'Uczestnik', observer: 'Obserwator', contributor: 'Autor treści' },
    agenda: 'Program',
    noAgenda: 'Program nie został ustalony.',
    phase: 'Etap',
    minutes: 'Minuty',
    frame: 'Ramka',
    current: 'bieżący',
    picture: 'Widok ramki',
    methods: {
      stakeholders: 'Mapa interesariuszy',
      problemTree: 'Drzewo problemów',
      objectivesTree: 'Drzewo celów',
      swot: 'Analiza SWOT',
      tows: 'Strategie TOWS',
      factors: 'Kluczowe czynniki rozwoju',
      ideas: 'Pomysły mieszkańców',
    },
    stakeholder: 'Interesariusz',
    group: 'Grupa',
    influence: 'Wpływ',
    engagement: 'Zaangażowanie',
    influenceMean: 'Wpływ – średnia',
    influenceSpread: 'Wpływ – rozrzut',
    engagementMean: 'Zaangażowanie – średnia',
    engagementSpread: 'Zaangażowanie – rozrzut',
    ratings: 'Liczba ocen',
    ratedInfluence: 'Wpływ: ustalony · oceny: średnia ± rozrzut (liczba)',
    ratedEngagement: 'Zaangażowanie: ustalone · oceny: średnia ± rozrzut (liczba)',
    quadrant: 'Ćwiartka',
    notes: 'Uwagi',
    quadrants: { manageClosely: 'Zarządzać blisko', keepSatisfied: 'Utrzymywać zadowolenie', keepInformed: 'Informować', monitor: 'Monitorować' },
    treeRoles: {
      problem: { core: 'Problem główny', cause: 'Przyczyna', effect: 'Skutek' },
      objective: { core: 'Cel główny', cause: 'Środek', effect: 'Rezultat' },
    },
    level: 'Poziom',
    text: 'Treść',
    emptyTree: 'Drzewo jest puste.',
    swotQuadrants: { 'swot-s': 'Mocne strony', 'swot-w': 'Słabe strony', 'swot-o': 'Szanse', 'swot-t': 'Zagrożenia' },
    towsCells: { 'tows-so': 'SO – strategie maxi-maxi', 'tows-st': 'ST – strategie maxi-mini', 'tows-wo': 'WO – strategie mini-maxi', 'tows-wt': 'WT – strategie mini-mini' },
    category: 'Kategoria',
    item: 'Element',
    votes: 'Głosy',
    strategy: 'Strategia',
    sources: 'Łączy',
    cell: 'Pole',
    rank: 'Miejsce',
    factor: 'Czynnik',
    importance: 'Ważność',
    state: 'Stan obecny',
    ranking: 'Ranking czynników',
    rankingEmpty: 'Ranking pojawi się po odkryciu ocen.',
    importanceSpread: 'Ważność – rozrzut',
    idea: 'Pomysł',
    description: 'Opis',
    place: 'Miejsce realizacji',
    status: 'Status',
    submitted: 'Zgłoszono',
    mergedInto: 'Połączony z',
    statuses: { new: 'Nowy', accepted: 'Przyjęty', merged: 'Połączony', rejected: 'Odrzucony' },
    voteResults: 'Wyniki głosowań',
    noVotes: 'Nie przeprowadzono głosowań.',
    round: 'Głosowanie',
    voters: 'Głosujący',
    closedAt: 'Zakończono',
    empty: 'Brak elementów.',
    none: '—',
    board: 'Cała tablica',
    contents: 'Spis treści',
    page: 'Strona',
    pageOf: 'z',
    number: 'Nr',
    chart: {
      unscored: 'Bez oceny',
      key: 'Numery jak w tabeli pod wykresem. Kreski: rozrzut ocen uczestników (± odchylenie standardowe). Kółko z liczbą: tylu interesariuszy w tym samym miejscu.',
      keyNoSpread: 'Numery jak w tabeli pod wykresem (tam też rozrzut ocen). Kółko z liczbą: tylu interesariuszy w tym samym miejscu.',
      unplaced: 'Bez miejsca na etykietę (zob. tabela)',
      zoomed: 'Numery, dla których zabrakło tu miejsca, są na powiększeniach ćwiartek poniżej.',
      outlineBelow: 'całe drzewo jako konspekt poniżej',
      treeSides: { problem: { causes: 'Przyczyny', effects: 'Skutki' }, objective: { causes: 'Środki', effects: 'Rezultaty' } },
      part: 'część',
      more: '+ {n} więcej – pełna lista w tabeli poniżej',
      votesKey: 'Liczba w kółku: głosy w ostatnim zamkniętym głosowaniu obejmującym element.',
      overview: 'Widok ogólny: tekst jest tu za mały do czytania. Pełne treści: SVG tablicy, obraz każdej ramki osobno albo raport.',
    },
  },
  en: {
    report: 'Workshop report',
    generated: 'Generated',
    date: 'Date',
    boardCreated: 'Board created',
    participants: 'Participants',
    noParticipants: 'No information about participants.',
    name: 'Name',
    role: 'Role',
    roles: { facilitator: 'Facilitator', participant: 'Participant', observer: 'Observer', contributor: 'Contributor' },
    agenda: 'Agenda',
    noAgenda: 'No agenda was set.',
    phase: 'Phase',
    minutes: 'Minutes',
    frame: 'Frame',
    current: 'current',
    picture: 'Frame view',
    methods: {
      stakeholders: 'Stakeholder map',
      problemTree: 'Problem tree',
      objectivesTree: 'Objectives tree',
      swot: 'SWOT analysis',
      tows: 'TOWS strategies',
      factors: 'Key development factors',
      ideas: "Residents' ideas",
    },
    stakeholder: 'Stakeholder',
    group: 'Group',
    influence: 'Influence',
    engagement: 'Engagement',
    influenceMean: 'Influence – mean',
    influenceSpread: 'Influence – spread',
    engagementMean: 'Engagement – mean',
    engagementSpread: 'Engagement – spread',
    ratings: 'Ratings',
    ratedInfluence: 'Influence: agreed · ratings: mean ± spread (count)',
    ratedEngagement: 'Engagement: agreed · ratings: mean ± spread (count)',
    quadrant: 'Quadrant',
    notes: 'Notes',
    quadrants: { manageClosely: 'Manage closely', keepSatisfied: 'Keep satisfied', keepInformed: 'Keep informed', monitor: 'Monitor' },
    treeRoles: {
      problem: { core: 'Core problem', cause: 'Cause', effect: 'Effect' },
      objective: { core: 'Main objective', cause: 'Means', effect: 'End' },
    },
    level: 'Level',
    text: 'Text',
    emptyTree: 'The tree is empty.',
    swotQuadrants: { 'swot-s': 'Strengths', 'swot-w': 'Weaknesses', 'swot-o': 'Opportunities', 'swot-t': 'Threats' },
    towsCells: { 'tows-so': 'SO – maxi-maxi strategies', 'tows-st': 'ST – maxi-mini strategies', 'tows-wo': 'WO – mini-maxi strategies', 'tows-wt': 'WT – mini-mini strategies' },
    category: 'Category',
    item: 'Item',
    votes: 'Votes',
    strategy: 'Strategy',
    sources: 'Combines',
    cell: 'Cell',
    rank: 'Rank',
    factor: 'Factor',
    importance: 'Importance',
    state: 'Current state',
    ranking: 'Factor ranking',
    rankingEmpty: 'The ranking appears once the scores are revealed.',
    importanceSpread: 'Importance – spread',
    idea: 'Idea',
    description: 'Description',
    place: 'Where',
    status: 'Status',
    submitted: 'Submitted',
    mergedInto: 'Merged into',
    statuses: { new: 'New', accepted: 'Accepted', merged: 'Merged', rejected: 'Rejected' },
    voteResults: 'Vote results',
    noVotes: 'No votes were held.',
    round: 'Vote',
    voters: 'Voters',
    closedAt: 'Closed',
    empty: 'No items.',
    none: '—',
    board: 'Whole board',
    contents: 'Contents',
    page: 'Page',
    pageOf: 'of',
    number: 'No.',
    chart: {
      unscored: 'Not scored',
      key: 'Numbers as in the table below the chart. Whiskers: spread of the ratings (± one standard deviation). A circle with a number: that many stakeholders in one place.',
      keyNoSpread: 'Numbers as in the table below the chart (which also gives the spread of the ratings). A circle with a number: that many stakeholders in one place.',
      unplaced: 'No room for a label (see the table)',
      zoomed: 'Numbers without room here are on the enlarged quadrants below.',
      outlineBelow: 'the whole tree as an outline below',
      treeSides: { problem: { causes: 'Causes', effects: 'Effects' }, objective: { causes: 'Means', effects: 'Ends' } },
      part: 'part',
      more: '+ {n} more – the full list is in the table below',
      votesKey: 'Number in a circle: votes in the last closed round that covered the item.',
      overview: 'Overview: the text is too small to read here. For all of it: the board as SVG, each frame as a picture of its own, or the report.',
    },
  },
} as const;

export type ReportLabels = (typeof REPORT_LABELS)[Locale];

/** The language tag of a board's documents (DOCX and PDF language, number and date formats). */
export const LANGUAGE_TAG = { pl: 'pl-PL', en: 'en-GB' } as const satisfies Record<Locale, string>;

/** A number as written in the board's language: 4,5 in Polish, 4.5 in English (tables in documents; spreadsheets keep numbers). */
/** One number format per locale: making an Intl.NumberFormat costs far more than using it (a big report formats thousands of numbers). */
const numberFormats = new Map<Locale, Intl.NumberFormat>();

export function formatNumber(value: number, locale: Locale): string {
  let format = numberFormats.get(locale);
  if (!format) numberFormats.set(locale, (format = new Intl.NumberFormat(LANGUAGE_TAG[locale], { maximumFractionDigits: 2, useGrouping: false })));
  return format.format(value);
}

/** A date (and time) as written in the board's language, in Polish time: the workshops are in Poland. */
export function formatDate(ms: number, locale: Locale, withTime = false): string {
  const options: Intl.DateTimeFormatOptions = { timeZone: 'Europe/Warsaw', year: 'numeric', month: '2-digit', day: '2-digit' };
  if (withTime) Object.assign(options, { hour: '2-digit', minute: '2-digit', hour12: false });
  return new Intl.DateTimeFormat(LANGUAGE_TAG[locale], options).format(new Date(ms));
}

/** The stakeholder chart's words (shared/picture/stakeholder-chart.ts) in the board's language. */
export function chartWords(locale: Locale, spread: boolean): { quadrants: Record<'manageClosely' | 'keepSatisfied' | 'keepInformed' | 'monitor', string>; influence: string; engagement: string; unscored: string; key: string; unplaced: string; zoomed: string } {
  const l = REPORT_LABELS[locale];
  return { quadrants: l.quadrants, influence: l.influence, engagement: l.engagement, unscored: l.chart.unscored, key: spread ? l.chart.key : l.chart.keyNoSpread, unplaced: l.chart.unplaced, zoomed: l.chart.zoomed };
}

/** The tree pictures' words (shared/picture/tree-chart.ts) in the board's language. */
export function treeWords(locale: Locale, tree: 'problem' | 'objective'): { roles: Record<'core' | 'cause' | 'effect', string>; causes: string; effects: string; part: string } {
  const l = REPORT_LABELS[locale];
  return { roles: l.treeRoles[tree], ...l.chart.treeSides[tree], part: l.chart.part };
}

/** The SWOT and TOWS matrices' words (shared/picture/matrix-chart.ts) in the board's language. */
export function matrixWords(locale: Locale): { more(count: number): string; empty: string; votesKey: string } {
  const l = REPORT_LABELS[locale];
  return { more: (count) => l.chart.more.replace('{n}', String(count)), empty: l.empty, votesKey: l.chart.votesKey };
}

/** The words and number format of report pictures (shared/picture/svg.ts) in the board's language. */
export function pictureWords(locale: Locale): { title: string; importance: string; state: string; empty: string; format(value: number): string } {
  const l = REPORT_LABELS[locale];
  return { title: l.ranking, importance: l.importance, state: l.state, empty: l.rankingEmpty, format: (value) => formatNumber(value, locale) };
}
