import type { Locale } from '../schema/doc';

/** The words templates put on the board, in both languages (the board's locale decides). */
export const TEMPLATE_LABELS = {
  pl: {
    stakeholders: 'Mapa interesariuszy',
    influence: 'Wpływ ↑',
    engagement: 'Zaangażowanie →',
    manageClosely: 'Zarządzać blisko',
    keepSatisfied: 'Utrzymywać zadowolenie',
    keepInformed: 'Informować',
    monitor: 'Monitorować',
    problemTree: 'Drzewo problemów',
    coreProblem: 'Problem główny',
    causes: 'Przyczyny',
    effects: 'Skutki',
    objectivesTree: 'Drzewo celów',
    swot: 'Analiza SWOT',
    strengths: 'Mocne strony',
    weaknesses: 'Słabe strony',
    opportunities: 'Szanse',
    threats: 'Zagrożenia',
    tows: 'Strategie TOWS',
    factors: 'Kluczowe czynniki rozwoju',
    ideas: 'Pomysły mieszkańców',
    vote: 'Głosowanie',
  },
  en: {
    stakeholders: 'Stakeholder map',
    influence: 'Influence ↑',
    engagement: 'Engagement →',
    manageClosely: 'Manage closely',
    keepSatisfied: 'Keep satisfied',
    keepInformed: 'Keep informed',
    monitor: 'Monitor',
    problemTree: 'Problem tree',
    coreProblem: 'Core problem',
    causes: 'Causes',
    effects: 'Effects',
    objectivesTree: 'Objectives tree',
    swot: 'SWOT analysis',
    strengths: 'Strengths',
    weaknesses: 'Weaknesses',
    opportunities: 'Opportunities',
    threats: 'Threats',
    tows: 'TOWS strategies',
    factors: 'Key development factors',
    ideas: "Residents' ideas",
    vote: 'Vote',
  },
} as const satisfies Record<Locale, Record<string, string>>;

export type TemplateLabels = (typeof TEMPLATE_LABELS)[Locale];

const PLACEHOLDERS: ReadonlySet<string> = new Set(Object.values(TEMPLATE_LABELS).flatMap((labels) => Object.values(labels)));

/**
 * Whether a text is one a template put there to be typed over (a core problem, a quadrant's
 * title): typing replaces it instead of being appended to it.
 */
export function isTemplatePlaceholder(text: string): boolean {
  return PLACEHOLDERS.has(text.trim());
}
