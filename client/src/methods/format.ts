import i18next from 'i18next';

/** A mean or score as people read it: one decimal, with the language's decimal mark (7,5 in Polish). */
export function formatScore(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  return new Intl.NumberFormat(i18next.language, { minimumFractionDigits: 0, maximumFractionDigits: 1 }).format(value);
}

/** The translation key of a rating axis's label (stakeholders.influence, factors.state, …). */
export const axisLabel = (type: 'stakeholder' | 'factor', axis: string): string => `${type === 'stakeholder' ? 'stakeholders' : 'factors'}.${axis}`;
