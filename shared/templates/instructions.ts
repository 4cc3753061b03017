import type { Locale } from '../schema/doc';

/** The workshop template's steps, each with what participants do in it. */
export type WorkshopStep = 'stakeholders' | 'problemTree' | 'objectivesTree' | 'swot' | 'tows' | 'factors' | 'ideas';

/**
 * What to do in each step of the workshop template, shown to everyone with the current
 * phase; board content in the board's language, editable by the facilitator like the agenda.
 */
export const PHASE_INSTRUCTIONS: Record<Locale, Record<WorkshopStep, string>> = {
  pl: {
    stakeholders: 'Dodajcie osoby i instytucje ważne dla rozwoju miasta. Każdy ocenia sam wpływ i zaangażowanie (0–10); oceny zobaczymy po odkryciu.',
    problemTree: 'Zapiszcie problem główny, pod nim jego przyczyny, nad nim skutki. Jedna myśl na kartkę.',
    objectivesTree: 'Przeformułujcie problemy na cele: co chcemy osiągnąć zamiast każdego problemu.',
    swot: 'Wpiszcie mocne i słabe strony miasta oraz szanse i zagrożenia z otoczenia. Potem głosujemy na najważniejsze.',
    tows: 'Połączcie najważniejsze czynniki SWOT w strategie: jak wykorzystać mocne strony i szanse, jak ograniczyć słabości i zagrożenia.',
    factors: 'Oceńcie każdy czynnik rozwoju: jak ważny jest i jak jest dziś. Oceny zobaczymy po odkryciu.',
    ideas: 'Przejrzyjcie pomysły mieszkańców: połączcie podobne, przyjmijcie lub odrzućcie z krótkim uzasadnieniem.',
  },
  en: {
    stakeholders: 'Add the people and institutions that matter for the town’s development. Each of you scores influence and engagement alone (0–10); scores show when revealed.',
    problemTree: 'Write the core problem, its causes below it and its effects above it. One thought per card.',
    objectivesTree: 'Turn the problems into objectives: what we want to achieve instead of each problem.',
    swot: 'Write the town’s strengths and weaknesses and the opportunities and threats around it. Then we vote for the most important.',
    tows: 'Combine the most important SWOT items into strategies: how to use strengths and opportunities, how to limit weaknesses and threats.',
    factors: 'Score each development factor: how important it is and how it stands today. Scores show when revealed.',
    ideas: 'Go through the residents’ ideas: merge similar ones, accept or reject each with a short reason.',
  },
};
