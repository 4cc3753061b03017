import { StakeholderCard } from '../../methods/stakeholders/StakeholderCard';
import { StakeholderLabels } from '../../methods/stakeholders/StakeholderLabels';
import { afterMove } from '../../methods/stakeholders/place-is-score';
import { focusCardDetails } from '../card-details';
import { boxText } from '../card-text';
import { paintBox } from '../shared-views';
import type { CanvasPartProps, ElementUtil } from '../types';

/** Names written over stacks of cards with equal scores (and over all cards where the cards draw no text). */
function Labels({ editor, viewport, detailed }: CanvasPartProps) {
  return <StakeholderLabels editor={editor} viewport={viewport} stacksOnly={detailed} />;
}

/** A stakeholder card: on the map its place is its agreed score. */
export const stakeholderUtil: ElementUtil<'stakeholder'> = {
  type: 'stakeholder',
  View: StakeholderCard,
  paintOverview: (ctx, e, { hairline }) => paintBox(ctx, e, e.color, '#0284c7', 1.5 * hairline),
  text: boxText(),
  keys: { enter: focusCardDetails },
  afterMove,
  BoardPart: Labels,
};
