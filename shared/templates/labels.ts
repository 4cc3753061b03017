import { resolvedWords } from '../i18n';
import type { Locale } from '../schema/doc';

/** The words templates put on the board, in both languages (the board's locale decides; shared/i18n/<locale>/board.json). */
export const TEMPLATE_LABELS = { pl: resolvedWords('pl', 'board').labels, en: resolvedWords('en', 'board').labels } as const;

export type TemplateLabels = (typeof TEMPLATE_LABELS)[Locale];

const PLACEHOLDERS: ReadonlySet<string> = new Set(Object.values(TEMPLATE_LABELS).flatMap((labels) => Object.values(labels)));

/**
 * Whether a text is one a template put there to be typed over (a core problem, a quadrant's
 * title): typing replaces it instead of being appended to it.
 */
export function isTemplatePlaceholder(text: string): boolean {
  return PLACEHOLDERS.has(text.trim());
}
