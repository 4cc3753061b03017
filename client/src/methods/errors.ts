import type { TFunction } from 'i18next';
import type { RatableType } from '../../../shared/methods/ratings';
import { errorKey } from '../control/errors';
import { axisLabel } from './format';

/**
 * The server (and the shared check) word rating errors in English, the API's language;
 * the person reads them in theirs. Unknown messages are shown as they are.
 */
export function ratingError(t: TFunction, type: RatableType, message: string): string {
  const range = message.match(/^(\w+) must be between (\S+) and (\S+)/);
  if (range) return t('stakeholders.rating.errors.range', { axis: t(axisLabel(type, range[1]!)), min: range[2], max: range[3] });
  const missing = message.match(/^(\w+) (is missing|must be a number)/);
  if (missing) return t('stakeholders.rating.errors.missing', { axis: t(axisLabel(type, missing[1]!)) });
  if (/^no such stakeholder or factor/.test(message)) return t('stakeholders.rating.errors.gone');
  if (/^nobody has scored/.test(message)) return t('stakeholders.rating.errors.nothingToReveal');
  const known = errorKey(message);
  return known ? t(known) : t('control.refused', { reason: message });
}
