import { Arrow, Group, Rect } from 'react-konva';
import { center } from '../../../shared/geometry/rect';
import type { Editor } from '../editor/editor';
import { useEditorState, useElementsDerived } from '../editor/hooks';

/** Screen pixels of the ring around the element with the keyboard focus, and its gap. */
const RING_WIDTH = 3;
const RING_GAP = 5;
/** Dark blue on the light board, with a white halo inside so it shows on dark notes too (≥ 3:1 both ways). */
export const FOCUS_COLOUR = '#1e3a8a';

/**
 * The focus indicator of the element that has the keyboard focus (WCAG 2.4.7): a thick
 * double ring around it, unlike the thin selection outline, at the same size on screen at
 * every zoom. While a connection is made by keyboard, an arrow shows where it will go.
 */
export function FocusRing({ editor, scale }: { editor: Editor; scale: number }) {
  const focused = useEditorState(editor, (s) => s.focused);
  const connecting = useEditorState(editor, (s) => s.connecting);
  const boxes = useElementsDerived(
    editor,
    () => {
      const box = (id: string | null | undefined) => {
        const element = id ? editor.store.get(id) : undefined;
        return element ? editor.store.bounds(element) : null;
      };
      return { target: box(focused), from: box(connecting?.from) };
    },
    (a, b) => JSON.stringify(a) === JSON.stringify(b),
  );
  const { target, from } = boxes;
  if (!target) return null;
  const k = 1 / scale;
  const gap = RING_GAP * k;
  const outer = { x: target.x - gap - RING_WIDTH * k, y: target.y - gap - RING_WIDTH * k, w: target.w + 2 * (gap + RING_WIDTH * k), h: target.h + 2 * (gap + RING_WIDTH * k) };
  const a = from ? center(from) : null;
  const b = center(target);
  return (
    <Group listening={false}>
      {a && <Arrow points={[a.x, a.y, b.x, b.y]} stroke={FOCUS_COLOUR} fill={FOCUS_COLOUR} strokeWidth={RING_WIDTH * k} dash={[10 * k, 6 * k]} pointerLength={14 * k} pointerWidth={12 * k} />}
      <Rect x={outer.x} y={outer.y} width={outer.w} height={outer.h} stroke="#fff" strokeWidth={(RING_WIDTH + 4) * k} cornerRadius={6 * k} />
      <Rect x={outer.x} y={outer.y} width={outer.w} height={outer.h} stroke={FOCUS_COLOUR} strokeWidth={RING_WIDTH * k} cornerRadius={6 * k} />
    </Group>
  );
}
