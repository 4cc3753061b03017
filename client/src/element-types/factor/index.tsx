import { FactorCard } from '../../methods/factors/FactorCard';
import { focusCardDetails } from '../card-details';
import { boxText } from '../card-text';
import { paintBox } from '../shared-views';
import type { ElementUtil } from '../types';

/** A key development factor's card (its frame draws the ranking: frame/). */
export const factorUtil: ElementUtil<'factor'> = {
  type: 'factor',
  View: FactorCard,
  paintOverview: (ctx, e, { hairline }) => paintBox(ctx, e, '#ffffff', '#2563eb', 1.5 * hairline),
  text: boxText(),
  keys: { enter: focusCardDetails },
};
