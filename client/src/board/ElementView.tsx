import { memo, useContext, type ComponentProps } from 'react';
import { Arrow, Ellipse, Group, Line, Rect, Text } from 'react-konva';
import { connectorPath, rotationOf, unrotatedBounds } from '../../../shared/geometry/elements';
import { center } from '../../../shared/geometry/rect';
import type { Element, ElementOf } from '../../../shared/schema/elements';
import type { Editor } from '../editor/editor';
import { useElement } from '../editor/hooks';
import { IdeaCard } from '../methods/ideas/IdeaCard';
import { TreeNodeView } from '../methods/tree/TreeNodeView';
import { StrategyView } from '../methods/tows/StrategyView';
import { FactorCard } from '../methods/factors/FactorCard';
import { FactorRanking } from '../methods/factors/FactorRanking';
import { StakeholderCard } from '../methods/stakeholders/StakeholderCard';
import { useZoomTextDraw } from './zoom-text';
import { FrameTitlesOnScreen } from './FrameTitles';
import { FRAME_TITLE_BOARD_PX } from '../../../shared/geometry/frame-titles';

/** Below this zoom, text is not drawn: it would be unreadable and it is the costly part. */
export const TEXT_MIN_SCALE = 0.4;

interface Props {
  editor: Editor;
  id: string;
  /** Whether labels are drawn at the current zoom. */
  detailed: boolean;
  /** Text hidden because it is being edited in place. */
  editing: boolean;
}

/** One element on the canvas; re-renders only when that element (or its ends) change. */
export const ElementView = memo(function ElementView({ editor, id, detailed, editing }: Props) {
  const element = useElement(editor, id);
  if (!element) return null;
  switch (element.type) {
    case 'note':
      return <NoteShape element={element} detailed={detailed} editing={editing} />;
    case 'text':
      return editing ? null : <Text {...placed(element)} width={element.w} text={element.text} fontSize={element.fontSize} fill={element.color} wrap="word" perfectDrawEnabled={false} listening={false} />;
    case 'rect':
    case 'ellipse':
      return <BasicShape element={element} detailed={detailed} editing={editing} />;
    case 'frame':
      if (element.method === 'factors') {
        return (
          <>
            <FrameShape element={element} />
            {detailed && <FactorRanking editor={editor} frame={element} />}
          </>
        );
      }
      return <FrameShape element={element} />;
    case 'stakeholder':
      return <StakeholderCard editor={editor} element={element} detailed={detailed} editing={editing} />;
    case 'factor':
      return <FactorCard element={element} detailed={detailed} editing={editing} />;
    case 'stroke':
      return <Line {...placed(element)} points={element.points} stroke={element.stroke} strokeWidth={element.strokeWidth} lineCap="round" lineJoin="round" tension={0.4} perfectDrawEnabled={false} listening={false} />;
    case 'connector':
      return <ConnectorShape editor={editor} element={element} />;
    case 'idea':
      return <IdeaCard element={element} detailed={detailed} editing={editing} />;
    case 'treeNode':
      return <TreeNodeView editor={editor} element={element} editing={editing} />;
    case 'strategy':
      return <StrategyView editor={editor} element={element} editing={editing} />;
  }
});

function NoteShape({ element, detailed, editing }: { element: ElementOf<'note'>; detailed: boolean; editing: boolean }) {
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

/**
 * Where an element's node goes: at (x, y), or, when rotated, turned about the centre of its
 * unrotated box (Konva turns about the node's origin, so the origin moves to that centre and
 * the offset brings the drawing back). shared/geometry hit-tests the same way.
 */
function placed(element: Element): { x: number; y: number; offsetX?: number; offsetY?: number; rotation?: number } {
  const rotation = rotationOf(element);
  if (rotation === 0) return { x: element.x, y: element.y };
  const c = center(unrotatedBounds(element, () => undefined));
  return { x: c.x, y: c.y, offsetX: c.x - element.x, offsetY: c.y - element.y, rotation };
}

/** Short notes in large type, long ones smaller, as on a real sticky note. */
export function noteFontSize(text: string, w: number, h: number): number {
  const area = Math.max(1, (w - 24) * (h - 24));
  const size = Math.sqrt(area / Math.max(1, text.length) / 1.6);
  return Math.max(12, Math.min(28, Math.floor(size)));
}

function BasicShape({ element, detailed, editing }: { element: ElementOf<'rect'> | ElementOf<'ellipse'>; detailed: boolean; editing: boolean }) {
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

function FrameShape({ element }: { element: ElementOf<'frame'> }) {
  // Zoomed out, the title is drawn at screen size on the overlay (FrameTitles.tsx).
  const titleOnScreen = useContext(FrameTitlesOnScreen);
  return (
    <Group {...placed(element)} listening={false}>
      <Rect width={element.w} height={element.h} fill={element.fill} stroke="#94a3b8" strokeWidth={1.5} cornerRadius={8} perfectDrawEnabled={false} />
      {!titleOnScreen && <ZoomSteadyText y={-26} text={element.title || ' '} fontSize={FRAME_TITLE_BOARD_PX} fontStyle="bold" fill="#334155" perfectDrawEnabled={false} />}
    </Group>
  );
}

function ConnectorShape({ editor, element }: { editor: Editor; element: ElementOf<'connector'> }) {
  // Re-render when either end moves: the line follows the elements it joins.
  useElement(editor, element.from);
  useElement(editor, element.to);
  const points = connectorPath(element, editor.store.lookup);
  const props = { points, stroke: element.stroke, strokeWidth: element.strokeWidth, perfectDrawEnabled: false, listening: false, lineCap: 'round' as const, lineJoin: 'round' as const };
  return element.arrowEnd ? <Arrow {...props} fill={element.stroke} pointerLength={12} pointerWidth={10} /> : <Line {...props} />;
}

/** Konva Text drawn at steady sizes while the view zooms (zoom-text.ts). */
function ZoomSteadyText(props: ComponentProps<typeof Text>) {
  const drawText = useZoomTextDraw();
  return <Text {...props} sceneFunc={drawText} />;
}

export function isTextual(element: Element): boolean {
  return element.type === 'note' || element.type === 'text' || element.type === 'rect' || element.type === 'ellipse' || element.type === 'frame' || element.type === 'treeNode' || element.type === 'strategy';
}
