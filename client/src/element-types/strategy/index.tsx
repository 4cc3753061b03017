import { StrategyView } from '../../methods/tows/StrategyView';
import { boxText } from '../card-text';
import { paintBox } from '../shared-views';
import type { ElementUtil } from '../types';

/** A TOWS strategy card. */
export const strategyUtil: ElementUtil<'strategy'> = {
  type: 'strategy',
  View: StrategyView,
  paintOverview: (ctx, e) => paintBox(ctx, e, e.color),
  text: boxText(),
};
