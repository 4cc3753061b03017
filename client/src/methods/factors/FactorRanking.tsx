import { useTranslation } from 'react-i18next';
import { Group, Rect, Text } from 'react-konva';
import { IMPORTANCE_COLOUR, STATE_COLOUR, factorRankingLayout, type FactorRankingLayout } from '../../../../shared/methods/factor-ranking';
import type { ElementOf } from '../../../../shared/schema/elements';
import type { Editor } from '../../editor/editor';
import { useElementsDerived } from '../../editor/hooks';
import { formatScore } from '../format';

const sameLayout = (a: FactorRankingLayout, b: FactorRankingLayout) =>
  a.x === b.x && a.y === b.y && a.width === b.width && a.rows.length === b.rows.length && a.rows.every((r, i) => r.id === b.rows[i]!.id && r.text === b.rows[i]!.text && r.importance === b.rows[i]!.importance && r.state === b.rows[i]!.state);

/**
 * The factors frame's ranking, drawn on the board (layout: shared/methods/factor-ranking.ts,
 * which the report pictures draw too): a bar for mean importance and one for the current
 * state, both on the 1–5 scale.
 */
export function FactorRanking({ editor, frame }: { editor: Editor; frame: ElementOf<'frame'> }) {
  const { t } = useTranslation();
  const layout = useElementsDerived(editor, () => factorRankingLayout(frame, editor.store.ofType('factor')), sameLayout);
  const { labelWidth, barSpace, rows } = layout;
  return (
    <Group x={layout.x} y={layout.y} listening={false}>
      <Rect width={layout.width} height={layout.height} fill="#ffffff" stroke="#cbd5e1" cornerRadius={8} perfectDrawEnabled={false} />
      <Text x={16} y={14} text={t('factors.ranking')} fontSize={20} fontStyle="bold" fill="#1e293b" perfectDrawEnabled={false} />
      <Rect x={16} y={46} width={12} height={12} fill={IMPORTANCE_COLOUR} perfectDrawEnabled={false} />
      <Text x={32} y={45} text={t('factors.importance')} fontSize={13} fill="#475569" perfectDrawEnabled={false} />
      <Rect x={150} y={46} width={12} height={12} fill={STATE_COLOUR} perfectDrawEnabled={false} />
      <Text x={166} y={45} text={t('factors.state')} fontSize={13} fill="#475569" perfectDrawEnabled={false} />
      {rows.length === 0 && <Text x={16} y={80} width={layout.width - 32} text={t('factors.rankingEmpty')} fontSize={15} fill="#64748b" perfectDrawEnabled={false} />}
      {rows.map((row, i) => (
        <Group key={row.id} y={row.top}>
          <Text x={16} y={4} width={labelWidth} height={40} text={`${i + 1}. ${row.text}`} fontSize={14} fill="#1f2937" wrap="word" ellipsis perfectDrawEnabled={false} />
          <Rect x={labelWidth + 24} y={4} width={(barSpace * row.importance) / 5} height={18} fill={IMPORTANCE_COLOUR} cornerRadius={3} perfectDrawEnabled={false} />
          <Text x={labelWidth + 30 + (barSpace * row.importance) / 5} y={6} text={formatScore(row.importance)} fontSize={13} fill="#1e3a8a" perfectDrawEnabled={false} />
          <Rect x={labelWidth + 24} y={26} width={(barSpace * (row.state ?? 0)) / 5} height={12} fill={STATE_COLOUR} cornerRadius={3} perfectDrawEnabled={false} />
          <Text x={labelWidth + 30 + (barSpace * (row.state ?? 0)) / 5} y={25} text={formatScore(row.state)} fontSize={12} fill="#92400e" perfectDrawEnabled={false} />
        </Group>
      ))}
    </Group>
  );
}
