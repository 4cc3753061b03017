import { useTranslation } from 'react-i18next';
import { Group, Rect, Text } from 'react-konva';
import { rankFactors } from '../../../../shared/methods/scores';
import type { ElementOf } from '../../../../shared/schema/elements';
import type { Editor } from '../../editor/editor';
import { useElementsDerived } from '../../editor/hooks';
import { formatScore } from '../format';
import { IMPORTANCE_COLOUR, STATE_COLOUR } from './FactorCard';

interface Row {
  id: string;
  text: string;
  importance: number | null;
  state: number | null;
}

const sameRows = (a: Row[], b: Row[]) => a.length === b.length && a.every((r, i) => r.id === b[i]!.id && r.text === b[i]!.text && r.importance === b[i]!.importance && r.state === b[i]!.state);

/** Most rows drawn: the priorities are the top few. */
const MAX_ROWS = 12;

/**
 * The factors frame's ranking, drawn on the board in the frame's right half: most important
 * first (worse current state first among equals), a bar for mean importance and one for
 * the current state, both on the 1–5 scale.
 */
export function FactorRanking({ editor, frame }: { editor: Editor; frame: ElementOf<'frame'> }) {
  const { t } = useTranslation();
  const rows = useElementsDerived(
    editor,
    () =>
      rankFactors(
        editor.store
          .ordered()
          .filter((e): e is ElementOf<'factor'> => e.type === 'factor' && e.parentId === frame.id)
          .map((f) => ({ id: f.id, text: f.text, importance: f.importance, state: f.state })),
      ).filter((r) => r.importance !== null),
    sameRows,
  );
  const x = frame.w / 2 + 20;
  const width = frame.w / 2 - 60;
  const labelWidth = Math.min(260, width * 0.45);
  const barSpace = width - labelWidth - 70;
  const rowHeight = 56;
  const shown = rows.slice(0, MAX_ROWS);
  const height = 70 + Math.max(1, shown.length) * rowHeight + 30;
  return (
    <Group x={frame.x + x} y={frame.y + 40} listening={false}>
      <Rect width={width} height={height} fill="#ffffff" stroke="#cbd5e1" cornerRadius={8} perfectDrawEnabled={false} />
      <Text x={16} y={14} text={t('factors.ranking')} fontSize={20} fontStyle="bold" fill="#1e293b" perfectDrawEnabled={false} />
      <Rect x={16} y={46} width={12} height={12} fill={IMPORTANCE_COLOUR} perfectDrawEnabled={false} />
      <Text x={32} y={45} text={t('factors.importance')} fontSize={13} fill="#475569" perfectDrawEnabled={false} />
      <Rect x={150} y={46} width={12} height={12} fill={STATE_COLOUR} perfectDrawEnabled={false} />
      <Text x={166} y={45} text={t('factors.state')} fontSize={13} fill="#475569" perfectDrawEnabled={false} />
      {shown.length === 0 && <Text x={16} y={80} width={width - 32} text={t('factors.rankingEmpty')} fontSize={15} fill="#64748b" perfectDrawEnabled={false} />}
      {shown.map((row, i) => (
        <Group key={row.id} y={74 + i * rowHeight}>
          <Text x={16} y={4} width={labelWidth} height={40} text={`${i + 1}. ${row.text}`} fontSize={14} fill="#1f2937" wrap="word" ellipsis perfectDrawEnabled={false} />
          <Rect x={labelWidth + 24} y={4} width={(barSpace * (row.importance ?? 0)) / 5} height={18} fill={IMPORTANCE_COLOUR} cornerRadius={3} perfectDrawEnabled={false} />
          <Text x={labelWidth + 30 + (barSpace * (row.importance ?? 0)) / 5} y={6} text={formatScore(row.importance)} fontSize={13} fill="#1e3a8a" perfectDrawEnabled={false} />
          <Rect x={labelWidth + 24} y={26} width={(barSpace * (row.state ?? 0)) / 5} height={12} fill={STATE_COLOUR} cornerRadius={3} perfectDrawEnabled={false} />
          <Text x={labelWidth + 30 + (barSpace * (row.state ?? 0)) / 5} y={25} text={formatScore(row.state)} fontSize={12} fill="#92400e" perfectDrawEnabled={false} />
        </Group>
      ))}
    </Group>
  );
}
