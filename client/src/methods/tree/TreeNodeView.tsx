import { Arrow, Circle, Group, Rect, Text } from 'react-konva';
import { useTranslation } from 'react-i18next';
import { needsRewording } from '../../../../shared/methods/objectives-tree';
import type { TreeSide } from '../../../../shared/methods/problem-tree';
import type { ElementOf, TreeKind } from '../../../../shared/schema/elements';
import type { Editor } from '../../editor/editor';
import { useElement, useElementsDerived } from '../../editor/hooks';
import { foldBadgeRect } from './fold-badge';
import { treeIndex } from './tree-index';

type Node = ElementOf<'treeNode'>;

/** Fill and border by tree and side: problems warm, objectives green and teal. */
export const TREE_COLOURS: Record<TreeKind, Record<TreeSide, { fill: string; stroke: string }>> = {
  problem: { core: { fill: '#fca5a5', stroke: '#b91c1c' }, cause: { fill: '#fed7aa', stroke: '#c2410c' }, effect: { fill: '#e9d5ff', stroke: '#7e22ce' } },
  objective: { core: { fill: '#86efac', stroke: '#15803d' }, cause: { fill: '#d9f99d', stroke: '#4d7c0f' }, effect: { fill: '#a5f3fc', stroke: '#0e7490' } },
};

const SOURCE_LINE = 30;

/** What the index says about one node, as one comparable value. */
interface NodeFacts {
  hidden: boolean;
  side: TreeSide;
  duplicate: boolean;
  below: number;
}

const sameFacts = (a: NodeFacts, b: NodeFacts) => a.hidden === b.hidden && a.side === b.side && a.duplicate === b.duplicate && a.below === b.below;

/** A box of a problem or objectives tree, with the line to its parent and its marks. */
export function TreeNodeView({ editor, element, editing }: { editor: Editor; element: Node; editing: boolean }) {
  const { t } = useTranslation();
  const facts = useElementsDerived(
    editor,
    () => {
      const index = treeIndex(editor.store);
      return { hidden: index.hidden.has(element.id), side: index.side.get(element.id) ?? element.role, duplicate: index.duplicates.has(element.id), below: index.below.get(element.id) ?? 0 };
    },
    sameFacts,
  );
  const parent = useElement(editor, element.parentNode);
  const source = useElement(editor, element.sourceId);
  if (facts.hidden) return null;
  const colours = TREE_COLOURS[element.tree][facts.side];
  const sourceText = source?.type === 'treeNode' ? source.text : null;
  const reword = element.tree === 'objective' && source?.type === 'treeNode' && needsRewording(element, source);
  const textHeight = element.h - 28 - (sourceText !== null ? SOURCE_LINE : 0);
  const roleLabel = t(`tree.role.${element.tree}.${facts.side}`);
  return (
    <Group listening={false}>
      {parent?.type === 'treeNode' && parent.parentId === element.parentId && <Edge child={element} parent={parent} side={facts.side} colour={colours.stroke} />}
      <Group x={element.x} y={element.y}>
        <Rect y={2} width={element.w} height={element.h} fill="rgba(15,23,42,0.10)" cornerRadius={8} perfectDrawEnabled={false} />
        <Rect
          width={element.w}
          height={element.h}
          fill={colours.fill}
          stroke={facts.duplicate ? '#d97706' : colours.stroke}
          strokeWidth={facts.duplicate ? 3 : facts.side === 'core' ? 2.5 : 1.5}
          dash={facts.duplicate ? [8, 4] : undefined}
          cornerRadius={8}
          perfectDrawEnabled={false}
        />
        <Text x={10} y={7} width={element.w - 20} text={roleLabel.toUpperCase()} fontSize={11} fontStyle="bold" fill={colours.stroke} letterSpacing={0.5} perfectDrawEnabled={false} />
        {reword && <Text x={10} y={7} width={element.w - 20} align="right" text={`✎ ${t('tree.reword')}`} fontSize={11} fill="#9a3412" perfectDrawEnabled={false} />}
        {!editing && (
          <Text
            x={10}
            y={24}
            width={element.w - 20}
            height={Math.max(10, textHeight)}
            text={element.text || (element.tree === 'problem' ? t('tree.emptyProblem') : t('tree.emptyObjective'))}
            fontSize={nodeFontSize(element.text, element.w, textHeight)}
            fill={element.text ? '#1f2937' : '#64748b'}
            fontStyle={element.text ? (facts.side === 'core' ? 'bold' : 'normal') : 'italic'}
            align="center"
            verticalAlign="middle"
            wrap="word"
            ellipsis
            perfectDrawEnabled={false}
          />
        )}
        {sourceText !== null && (
          <>
            <Rect x={6} y={element.h - SOURCE_LINE - 2} width={element.w - 12} height={SOURCE_LINE - 4} fill="rgba(255,255,255,0.6)" cornerRadius={4} perfectDrawEnabled={false} />
            <Text x={10} y={element.h - SOURCE_LINE} width={element.w - 20} height={SOURCE_LINE - 6} text={`${t('tree.fromProblem')}: ${sourceText}`} fontSize={11} fontStyle="italic" fill="#475569" verticalAlign="middle" wrap="none" ellipsis perfectDrawEnabled={false} />
          </>
        )}
        {facts.duplicate && (
          <Group x={element.w} y={0}>
            <Circle radius={11} fill="#d97706" stroke="#fff" strokeWidth={2} />
            <Text x={-11} y={-7} width={22} align="center" text="!" fontSize={14} fontStyle="bold" fill="#fff" />
          </Group>
        )}
        {element.collapsed && facts.below > 0 && <FoldedMark w={element.w} h={element.h} side={facts.side} count={facts.below} colour={colours.stroke} />}
      </Group>
    </Group>
  );
}

/** A pill on the far edge of a folded node: how many nodes it hides; a click unfolds (fold-badge.ts). */
function FoldedMark({ w, h, side, count, colour }: { w: number; h: number; side: TreeSide; count: number; colour: string }) {
  const r = foldBadgeRect({ x: 0, y: 0, w, h }, side);
  return (
    <Group x={r.x} y={r.y}>
      <Rect width={r.w} height={r.h} cornerRadius={r.h / 2} fill={colour} stroke="#fff" strokeWidth={2} />
      <Text width={r.w} y={4} align="center" text={`+${count}`} fontSize={13} fontStyle="bold" fill="#fff" />
    </Group>
  );
}

/**
 * The line between a node and its parent, with the arrow pointing from cause to effect:
 * a cause points up at what it causes; the core (or an effect) points up at its effect.
 */
function Edge({ child, parent, side, colour }: { child: Node; parent: Node; side: TreeSide; colour: string }) {
  const below = side !== 'effect';
  const from = below ? { x: child.x + child.w / 2, y: child.y } : { x: parent.x + parent.w / 2, y: parent.y };
  const to = below ? { x: parent.x + parent.w / 2, y: parent.y + parent.h } : { x: child.x + child.w / 2, y: child.y + child.h };
  const middle = (from.y + to.y) / 2;
  return <Arrow points={[from.x, from.y, from.x, middle, to.x, middle, to.x, to.y]} stroke={colour} fill={colour} strokeWidth={2} pointerLength={9} pointerWidth={8} lineJoin="round" perfectDrawEnabled={false} listening={false} />;
}

/** Short texts large, long ones smaller, so a node's words fit its box. */
export function nodeFontSize(text: string, w: number, h: number): number {
  const area = Math.max(1, (w - 20) * h);
  return Math.max(11, Math.min(20, Math.floor(Math.sqrt(area / Math.max(1, text.length) / 1.7))));
}
