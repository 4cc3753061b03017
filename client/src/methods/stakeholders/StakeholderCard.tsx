import { Circle, Ellipse, Group, Line, Rect, Text } from 'react-konva';
import { spreadOf } from '../../../../shared/methods/ratings';
import { pixelsPerPoint, scorePoint } from '../../../../shared/methods/stakeholders';
import type { ElementOf } from '../../../../shared/schema/elements';
import type { Editor } from '../../editor/editor';
import { useElement } from '../../editor/hooks';
import { formatScore } from '../format';

interface Props {
  editor: Editor;
  element: ElementOf<'stakeholder'>;
  detailed: boolean;
  editing: boolean;
}

/**
 * A stakeholder card. On the map, after a reveal, the individual scores are dots and their
 * spread (±1 standard deviation on each axis) a translucent ellipse around the card's
 * centre: a small ellipse means the group agrees, a wide one that it does not.
 */
export function StakeholderCard({ editor, element, detailed, editing }: Props) {
  const parent = useElement(editor, element.parentId);
  const frame = parent?.type === 'frame' && parent.method === 'stakeholders' ? parent : null;
  const { w, h } = element;
  return (
    <Group x={element.x} y={element.y} listening={false}>
      {frame && element.ratings.length > 0 && <Spread element={element} frame={frame} />}
      <Rect y={3} width={w} height={h} fill="rgba(15,23,42,0.12)" cornerRadius={8} perfectDrawEnabled={false} />
      <Rect width={w} height={h} fill={element.color} stroke="#0284c7" strokeWidth={1.5} cornerRadius={8} perfectDrawEnabled={false} />
      {detailed && (
        <>
          {!editing && <Text x={10} y={10} width={Math.max(0, w - 20)} height={Math.max(0, h - 50)} text={element.name || '…'} fontSize={18} fontStyle="bold" fill="#0c4a6e" wrap="word" ellipsis perfectDrawEnabled={false} />}
          {element.group && <Text x={10} y={h - 40} width={Math.max(0, w - 20)} text={element.group} fontSize={13} fill="#475569" wrap="none" ellipsis perfectDrawEnabled={false} />}
          <Text x={10} y={h - 22} width={Math.max(0, w - 20)} text={scoreLine(element)} fontSize={13} fontStyle="bold" fill="#0f172a" wrap="none" ellipsis perfectDrawEnabled={false} />
        </>
      )}
      {frame && element.ratings.length > 0 && <Dots element={element} frame={frame} />}
    </Group>
  );
}

/** "↑ 7.7 → 3.0 · 3×": influence, engagement, and how many people scored. */
function scoreLine(element: ElementOf<'stakeholder'>): string {
  if (element.influence === null || element.engagement === null) return '↑ – → –';
  const count = element.ratings.length ? ` · ${element.ratings.length}×` : '';
  return `↑ ${formatScore(element.influence)}  → ${formatScore(element.engagement)}${count}`;
}

function Spread({ element, frame }: { element: ElementOf<'stakeholder'>; frame: ElementOf<'frame'> }) {
  const spread = spreadOf('stakeholder', element.ratings)!;
  const scale = pixelsPerPoint(frame);
  // Relative to the card's group: the card's centre is the agreed score.
  const cx = element.w / 2;
  const cy = element.h / 2;
  const rel = (p: { x: number; y: number }) => ({ x: p.x - element.x, y: p.y - element.y });
  const rx = Math.max(6, spread.engagement!.spread * scale.x);
  const ry = Math.max(6, spread.influence!.spread * scale.y);
  const lo = rel(scorePoint(frame, { influence: spread.influence!.min, engagement: spread.engagement!.min }));
  const hi = rel(scorePoint(frame, { influence: spread.influence!.max, engagement: spread.engagement!.max }));
  return (
    <Group>
      <Ellipse x={cx} y={cy} radiusX={rx} radiusY={ry} fill="rgba(2,132,199,0.14)" stroke="rgba(2,132,199,0.55)" strokeWidth={2} dash={[8, 6]} perfectDrawEnabled={false} />
      {/* Range (min–max) on both axes as a cross through the agreed point. */}
      <Line points={[lo.x, cy, hi.x, cy]} stroke="rgba(2,132,199,0.6)" strokeWidth={2} perfectDrawEnabled={false} />
      <Line points={[cx, lo.y, cx, hi.y]} stroke="rgba(2,132,199,0.6)" strokeWidth={2} perfectDrawEnabled={false} />
    </Group>
  );
}

/** Each person's score as a dot, drawn over the card so that none is hidden by it. */
function Dots({ element, frame }: { element: ElementOf<'stakeholder'>; frame: ElementOf<'frame'> }) {
  return (
    <Group>
      {element.ratings.map((r, i) => {
        const p = scorePoint(frame, r);
        return <Circle key={i} x={p.x - element.x} y={p.y - element.y} radius={6} fill="#0284c7" opacity={0.85} stroke="#fff" strokeWidth={1.5} perfectDrawEnabled={false} />;
      })}
    </Group>
  );
}
