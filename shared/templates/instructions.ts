import { resolvedWords } from '../i18n';
import type { Locale } from '../schema/doc';

/** The workshop template's steps, each with what participants do in it. */
export type WorkshopStep = 'stakeholders' | 'problemTree' | 'objectivesTree' | 'swot' | 'tows' | 'factors' | 'ideas';

/**
 * What to do in each step of the workshop template, shown to everyone with the current
 * phase; board content in the board's language, editable by the facilitator like the agenda.
 */
export const PHASE_INSTRUCTIONS: Record<Locale, Record<WorkshopStep, string>> = {
  pl: resolvedWords('pl', 'board').instructions,
  en: resolvedWords('en', 'board').instructions,
};
