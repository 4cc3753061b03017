import { Text } from 'react-konva';
import type { ElementOf } from '../../../../shared/schema/elements';
import { boxText } from '../card-text';
import { placed } from '../shared-views';
import type { ElementUtil, ElementViewProps } from '../types';

function TextView({ element, editing }: ElementViewProps<ElementOf<'text'>>) {
  return editing ? null : <Text {...placed(element)} width={element.w} text={element.text} fontSize={element.fontSize} fill={element.color} wrap="word" perfectDrawEnabled={false} listening={false} />;
}

/** Free text on the board. */
export const textUtil: ElementUtil<'text'> = {
  type: 'text',
  View: TextView,
  // From afar, a grey bar where the line of text is.
  paintOverview: (ctx, e, { hairline }) => {
    ctx.fillStyle = '#94a3b8';
    ctx.fillRect(e.x, e.y + e.h * 0.3, e.w * 0.8, Math.max(e.h * 0.4, hairline));
  },
  text: boxText({ fontSize: (e) => e.fontSize, typingSize: (e) => e.fontSize, align: 'left' }),
};
