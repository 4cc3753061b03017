import { Line } from 'react-konva';
import type { ElementOf } from '../../../../shared/schema/elements';
import { paintLine, placed } from '../shared-views';
import type { ElementUtil, ElementViewProps } from '../types';

function StrokeView({ element }: ElementViewProps<ElementOf<'stroke'>>) {
  return <Line {...placed(element)} points={element.points} stroke={element.stroke} strokeWidth={element.strokeWidth} lineCap="round" lineJoin="round" tension={0.4} perfectDrawEnabled={false} listening={false} />;
}

/** A pen stroke; no text. */
export const strokeUtil: ElementUtil<'stroke'> = {
  type: 'stroke',
  View: StrokeView,
  paintOverview: (ctx, e, { hairline }) => paintLine(ctx, e.points.map((v, i) => v + (i % 2 === 0 ? e.x : e.y)), e.stroke, Math.max(e.strokeWidth, hairline)),
};
