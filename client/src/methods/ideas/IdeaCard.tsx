import { useTranslation } from 'react-i18next';
import { Group, Rect, Text } from 'react-konva';
import type { ElementOf } from '../../../../shared/schema/elements';
import type { IdeaStatus } from '../../../../shared/schema/elements/idea';

/** Card colours by status: the inbox reads at a glance which ideas are still to sort. */
export const IDEA_STATUS_COLOURS: Record<IdeaStatus, { fill: string; stroke: string; badge: string }> = {
  new: { fill: '#fffbeb', stroke: '#f59e0b', badge: '#b45309' },
  accepted: { fill: '#f0fdf4', stroke: '#22c55e', badge: '#15803d' },
  merged: { fill: '#f1f5f9', stroke: '#94a3b8', badge: '#475569' },
  rejected: { fill: '#fef2f2', stroke: '#fca5a5', badge: '#b91c1c' },
};

/** A resident's idea on the canvas: title, place, description and its status badge. */
export function IdeaCard({ element, detailed, editing }: { element: ElementOf<'idea'>; detailed: boolean; editing: boolean }) {
  const { t } = useTranslation();
  const colours = IDEA_STATUS_COLOURS[element.status];
  const faded = element.status === 'merged' || element.status === 'rejected';
  const pad = 12;
  const width = Math.max(0, element.w - 2 * pad);
  return (
    <Group x={element.x} y={element.y} listening={false} opacity={faded ? 0.6 : 1}>
      <Rect y={3} width={element.w} height={element.h} fill="rgba(15,23,42,0.10)" cornerRadius={6} perfectDrawEnabled={false} />
      <Rect width={element.w} height={element.h} fill={colours.fill} stroke={colours.stroke} strokeWidth={2} cornerRadius={6} perfectDrawEnabled={false} />
      {detailed && (
        <>
          <Text x={pad} y={pad} width={width} text={`💡 ${t(`ideas.status.${element.status}`)}`} fontSize={13} fontStyle="bold" fill={colours.badge} perfectDrawEnabled={false} />
          {!editing && <Text x={pad} y={pad + 22} width={width} height={44} text={element.title} fontSize={17} fontStyle="bold" fill="#1f2937" wrap="word" ellipsis perfectDrawEnabled={false} />}
          {element.place && <Text x={pad} y={pad + 68} width={width} text={`📍 ${element.place}`} fontSize={13} fill="#475569" wrap="none" ellipsis perfectDrawEnabled={false} />}
          <Text x={pad} y={pad + 90} width={width} height={Math.max(0, element.h - pad - 100)} text={element.description} fontSize={13} fill="#334155" wrap="word" ellipsis perfectDrawEnabled={false} />
        </>
      )}
    </Group>
  );
}
