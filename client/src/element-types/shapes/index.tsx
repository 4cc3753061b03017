import { Ellipse, Group, Rect } from 'react-konva';
import type { ElementOf } from '../../../../shared/schema/elements';
import { boxText } from '../card-text';
import { paintBox, placed, ZoomSteadyText } from '../shared-views';
import type { ElementUtil, ElementViewProps } from '../types';

type Shape = ElementOf<'rect'> | ElementOf<'ellipse'>;

function ShapeView({ element, detailed, editing }: ElementViewProps<Shape>) {
  const common = { fill: element.fill, stroke: element.stroke, strokeWidth: element.strokeWidth, perfectDrawEnabled: false };
  return (
    <Group {...placed(element)} listening={false}>
      {element.type === 'rect' ? (
        <Rect width={element.w} height={element.h} cornerRadius={6} {...common} />
      ) : (
        <Ellipse x={element.w / 2} y={element.h / 2} radiusX={element.w / 2} radiusY={element.h / 2} {...common} />
      )}
      {detailed && !editing && element.text && (
        <ZoomSteadyText x={8} y={8} width={Math.max(0, element.w - 16)} height={Math.max(0, element.h - 16)} text={element.text} fontSize={18} fill="#1f2937" align="center" verticalAlign="middle" wrap="word" ellipsis perfectDrawEnabled={false} />
      )}
    </Group>
  );
}

const shapeText = boxText<Shape>({ background: (e) => e.fill });

/** A rectangle, with text inside. */
export const rectUtil: ElementUtil<'rect'> = {
  type: 'rect',
  View: ShapeView,
  paintOverview: (ctx, e, { hairline }) => paintBox(ctx, e, e.fill, e.stroke, Math.max(e.strokeWidth, hairline)),
  text: shapeText,
};

/** An ellipse, with text inside. */
export const ellipseUtil: ElementUtil<'ellipse'> = {
  type: 'ellipse',
  View: ShapeView,
  paintOverview: (ctx, e, { hairline }) => {
    ctx.beginPath();
    ctx.ellipse(e.x + e.w / 2, e.y + e.h / 2, e.w / 2, e.h / 2, 0, 0, Math.PI * 2);
    ctx.fillStyle = e.fill;
    ctx.fill();
    ctx.strokeStyle = e.stroke;
    ctx.lineWidth = Math.max(e.strokeWidth, hairline);
    ctx.stroke();
  },
  text: shapeText,
};
