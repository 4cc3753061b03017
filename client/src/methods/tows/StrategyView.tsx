import { Group, Rect, Text } from 'react-konva';
import { sourceCodes } from '../../../../shared/methods/tows';
import { cellCodes } from '../../../../shared/methods/tows-ops';
import type { ElementOf } from '../../../../shared/schema/elements';
import type { Editor } from '../../editor/editor';
import { useElementsDerived } from '../../editor/hooks';

/** The codes of the SWOT items a strategy combines ("S1+O2"), read from its cell's labels. */
export function useSourceCodes(editor: Editor, strategy: ElementOf<'strategy'>): string {
  return useElementsDerived(
    editor,
    () => {
      if (!strategy.parentId || strategy.sources.length === 0) return '';
      const codes = cellCodes(editor.store.lookup, strategy.parentId, strategy.sources);
      return sourceCodes(strategy.sources, (id) => codes.get(id) ?? null);
    },
    Object.is,
  );
}

/** A TOWS strategy card: its words, and below them the codes of the items it combines. */
export function StrategyView({ editor, element, editing }: { editor: Editor; element: ElementOf<'strategy'>; editing: boolean }) {
  const codes = useSourceCodes(editor, element);
  return (
    <Group x={element.x} y={element.y} listening={false}>
      <Rect y={2} width={element.w} height={element.h} fill="rgba(15,23,42,0.12)" cornerRadius={6} perfectDrawEnabled={false} />
      <Rect width={element.w} height={element.h} fill={element.color} stroke="#6d28d9" strokeWidth={1} cornerRadius={6} perfectDrawEnabled={false} />
      {!editing && (
        <Text x={8} y={8} width={element.w - 16} height={element.h - 34} text={element.text} fontSize={15} fill="#1f2937" wrap="word" ellipsis align="center" verticalAlign="middle" perfectDrawEnabled={false} />
      )}
      <Rect x={6} y={element.h - 24} width={element.w - 12} height={18} fill="#6d28d9" cornerRadius={9} opacity={codes ? 1 : 0.3} perfectDrawEnabled={false} />
      <Text x={6} y={element.h - 21} width={element.w - 12} align="center" text={codes || '–'} fontSize={12} fontStyle="bold" fill="#fff" perfectDrawEnabled={false} />
    </Group>
  );
}
