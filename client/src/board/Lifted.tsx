import { useContext, useMemo, useRef } from 'react';
import type Konva from 'konva';
import { Arrow, Group, Line } from 'react-konva';
import { connectorPath, type ElementLookup } from '../../../shared/geometry/elements';
import type { Editor } from '../editor/editor';
import { useEditorState, useElement } from '../editor/hooks';
import { ElementView } from './ElementView';
import { canFloat, useFloatingLift } from './floating-lift';
import { ZoomStateContext } from './zoom-text';
import { OverviewShape } from './OverviewShape';

const ZERO = { x: 0, y: 0 };

interface Props {
  editor: Editor;
  /** Lifted elements on screen, in drawing order. */
  ids: readonly string[];
  detailed: boolean;
  editingId: string | null;
  scale: number;
}

/**
 * What a gesture is moving, on the interactive layer: carried by the drag's offset (one
 * Konva group moved, nothing re-rendered per pointer move), and the connectors with an end
 * on something that stays put, redrawn between the two. When nothing needs redrawing, the
 * group steps aside for a picture of it moved over the canvas (floating-lift.ts).
 */
export function LiftedElements({ editor, ids, detailed, editingId, scale }: Props) {
  const floating = useEditorState(editor, (s) => s.liftFloating);
  // While the picture is up, the drag's offset moves it, not this component.
  const offset = useEditorState(editor, (s) => (s.liftFloating ? ZERO : s.liftOffset));
  const following = useEditorState(editor, (s) => s.following);
  const lifted = useEditorState(editor, (s) => s.lifted);
  const group = useRef<Konva.Group>(null);
  const gesture = useEditorState(editor, (s) => s.liftGesture);
  const zoom = useContext(ZoomStateContext);
  const floatable = useMemo(() => canFloat(editor, gesture, lifted, following, ids.length, editingId), [editor, gesture, lifted, following, ids.length, editingId]);
  useFloatingLift(editor, group, floatable, lifted, scale, zoom);
  const carried = useMemo(() => ids.filter((id) => !following.has(id)), [ids, following]);
  const followers = useMemo(() => ids.filter((id) => following.has(id)), [ids, following]);
  // Where things are as shown: lifted elements (but not the following connectors) offset.
  const lookup = useMemo<ElementLookup>(() => {
    if (offset.x === 0 && offset.y === 0) return editor.store.lookup;
    return (id) => {
      const e = editor.store.get(id);
      return e && lifted.has(id) && !following.has(id) ? { ...e, x: e.x + offset.x, y: e.y + offset.y } : e;
    };
  }, [editor, offset, lifted, following]);
  return (
    <>
      {followers.length > 0 &&
        (detailed ? (
          followers.map((id) => <FollowingConnector key={id} editor={editor} id={id} lookup={lookup} />)
        ) : (
          <OverviewShape editor={editor} ids={followers} scale={scale} lookup={lookup} />
        ))}
      {!floating && (
        <Group ref={group} x={offset.x} y={offset.y} listening={false}>
          {detailed ? (
            carried.map((id) => <ElementView key={id} editor={editor} id={id} detailed={detailed} editing={editingId === id} />)
          ) : (
            <OverviewShape editor={editor} ids={carried} scale={scale} />
          )}
        </Group>
      )}
    </>
  );
}

/** A connector between a moving element and one that stays, drawn to where the first is shown. */
function FollowingConnector({ editor, id, lookup }: { editor: Editor; id: string; lookup: ElementLookup }) {
  const element = useElement(editor, id);
  useElement(editor, element?.type === 'connector' ? element.from : null);
  useElement(editor, element?.type === 'connector' ? element.to : null);
  if (element?.type !== 'connector') return null;
  const points = connectorPath(element, lookup);
  const props = { points, stroke: element.stroke, strokeWidth: element.strokeWidth, perfectDrawEnabled: false, listening: false, lineCap: 'round' as const, lineJoin: 'round' as const };
  return element.arrowEnd ? <Arrow {...props} fill={element.stroke} pointerLength={12} pointerWidth={10} /> : <Line {...props} />;
}
