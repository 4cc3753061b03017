import { IDEA_STATUS_COLOURS, IdeaCard } from '../../methods/ideas/IdeaCard';
import { boxText } from '../card-text';
import { paintBox } from '../shared-views';
import type { ElementUtil } from '../types';

/** A resident's idea card, coloured by its status from afar. */
export const ideaUtil: ElementUtil<'idea'> = {
  type: 'idea',
  View: IdeaCard,
  paintOverview: (ctx, e) => paintBox(ctx, e, IDEA_STATUS_COLOURS[e.status].stroke),
  text: boxText(),
};
