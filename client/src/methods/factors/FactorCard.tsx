import { useTranslation } from 'react-i18next';
import { Group, Rect, Text } from 'react-konva';
import { spreadOf } from '../../../../shared/methods/ratings';
import type { ElementOf } from '../../../../shared/schema/elements';
import { formatScore } from '../format';
import { IMPORTANCE_COLOUR } from '../../../../shared/methods/factor-ranking';

/** Colours of the two factor axes, shared by the card and the ranking chart. */

/** A key development factor: its text, and after a reveal its mean importance and state. */
export function FactorCard({ element, detailed, editing }: { element: ElementOf<'factor'>; detailed: boolean; editing: boolean }) {
  const { t } = useTranslation();
  const labels = { importance: t('factors.importance'), state: t('factors.state') };
  const { w, h } = element;
  const spread = spreadOf('factor', element.ratings);
  const line = element.importance === null
    ? `${labels.importance}: –   ${labels.state}: –`
    : `${labels.importance}: ${formatScore(element.importance)}${spread ? ` (±${formatScore(spread.importance!.spread)})` : ''}   ${labels.state}: ${formatScore(element.state)}${spread ? ` (±${formatScore(spread.state!.spread)})` : ''}`;
  return (
    <Group x={element.x} y={element.y} listening={false}>
      <Rect y={3} width={w} height={h} fill="rgba(15,23,42,0.12)" cornerRadius={6} perfectDrawEnabled={false} />
      <Rect width={w} height={h} fill="#fff" stroke="#94a3b8" strokeWidth={1} cornerRadius={6} perfectDrawEnabled={false} />
      <Rect width={6} height={h} fill={IMPORTANCE_COLOUR} cornerRadius={[6, 0, 0, 6]} perfectDrawEnabled={false} />
      {detailed && (
        <>
          {!editing && <Text x={16} y={8} width={Math.max(0, w - 26)} height={Math.max(0, h - 32)} text={element.text || '…'} fontSize={16} fill="#1f2937" wrap="word" ellipsis perfectDrawEnabled={false} />}
          <Text x={16} y={h - 20} width={Math.max(0, w - 26)} text={line} fontSize={12} fill="#475569" wrap="none" ellipsis perfectDrawEnabled={false} />
        </>
      )}
    </Group>
  );
}
