import { Group, Rect } from 'react-konva';
import type { ElementOf } from '../../../../shared/schema/elements';
import { boxText } from '../card-text';
import { paintBox, placed, ZoomSteadyText } from '../shared-views';
import type { ElementUtil, ElementViewProps } from '../types';

/** Short notes in large type, long ones smaller, as on a real sticky note. */
export function noteFontSize(text: string, w: number, h: number): number {
  const area = Math.max(1, (w - 24) * (h - 24));
  const size = Math.sqrt(area / Math.max(1, text.length) / 1.6);
  return Math.max(12, Math.min(28, Math.floor(size)));
}

function NoteView({ element, detailed, editing }: ElementViewProps<ElementOf<'note'>>) {
  return (
    <Group {...placed(element)} listening={false}>
      <Rect y={3} width={element.w} height={element.h} fill="rgba(15,23,42,0.12)" cornerRadius={4} perfectDrawEnabled={false} />
      <Rect width={element.w} height={element.h} fill={element.color} cornerRadius={4} perfectDrawEnabled={false} />
      {detailed && !editing && (
        <ZoomSteadyText
          x={12}
          y={12}
          width={Math.max(0, element.w - 24)}
          height={Math.max(0, element.h - 24)}
          text={element.text}
          fontSize={noteFontSize(element.text, element.w, element.h)}
          fill="#1f2937"
          wrap="word"
          ellipsis
          align="center"
          verticalAlign="middle"
          perfectDrawEnabled={false}
        />
      )}
    </Group>
  );
}

/** A sticky note. */
export const noteUtil: ElementUtil<'note'> = {
  type: 'note',
  View: NoteView,
  paintOverview: (ctx, e) => paintBox(ctx, e, e.color),
  text: boxText({ fontSize: (e, text) => noteFontSize(text, e.w, e.h), background: (e) => e.color, padding: (scale) => 12 * scale }),
};
