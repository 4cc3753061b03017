import { Arrow, Line } from 'react-konva';
import { connectorPath } from '../../../../shared/geometry/elements';
import type { ElementOf } from '../../../../shared/schema/elements';
import { useElement } from '../../editor/hooks';
import { paintLine } from '../shared-views';
import type { ElementUtil, ElementViewProps } from '../types';

function ConnectorView({ editor, element }: ElementViewProps<ElementOf<'connector'>>) {
  // Re-render when either end moves: the line follows the elements it joins.
  useElement(editor, element.from);
  useElement(editor, element.to);
  const points = connectorPath(element, editor.store.lookup);
  const props = { points, stroke: element.stroke, strokeWidth: element.strokeWidth, perfectDrawEnabled: false, listening: false, lineCap: 'round' as const, lineJoin: 'round' as const };
  return element.arrowEnd ? <Arrow {...props} fill={element.stroke} pointerLength={12} pointerWidth={10} /> : <Line {...props} />;
}

/** A line or arrow between two elements (or points); no text of its own. */
export const connectorUtil: ElementUtil<'connector'> = {
  type: 'connector',
  View: ConnectorView,
  paintOverview: (ctx, e, { hairline, lookup }) => paintLine(ctx, connectorPath(e, lookup), e.stroke, Math.max(e.strokeWidth, hairline)),
};
