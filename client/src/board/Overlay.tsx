import { Fragment, type ReactNode } from 'react';
import { Arrow, Circle, Ellipse, Group, Layer, Line, Path, Rect, Text } from 'react-konva';
import { elementBounds } from '../../../shared/geometry/elements';
import { HANDLES, handlePosition } from '../../../shared/geometry/resize';
import { union, type Rect as Box } from '../../../shared/geometry/rect';
import type { Editor } from '../editor/editor';
import { useEditorState, useElementsDerived, useStoreVersion } from '../editor/hooks';
import type { Preview } from '../tools';
import { SELECTION_COLOUR } from './palette';
import { usePeers } from './presence';
import type { Awareness } from 'y-protocols/awareness';
import type { Draft } from '../../../shared/protocol/state';
import { FocusRing } from './FocusRing';

export const HANDLE_SIZE = 9;
const NO_OFFSET = { x: 0, y: 0 };
/** Hidden notes are drawn at the default note size. */
export const DRAFT_SIZE = 200;

/** This person's hidden notes: dashed, with a padlock, seen by nobody else. */
function DraftsOverlay({ drafts, scale }: { drafts: readonly Draft[]; scale: number }) {
  return (
    <Group listening={false}>
      {drafts.map((d) => (
        <Group key={d.id} x={d.x} y={d.y} opacity={0.85}>
          <Rect width={DRAFT_SIZE} height={DRAFT_SIZE} fill={d.color} cornerRadius={4} stroke="#475569" strokeWidth={1.5 / scale} dash={[8 / scale, 5 / scale]} />
          <Text x={12} y={12} width={DRAFT_SIZE - 24} height={DRAFT_SIZE - 40} text={d.text} fontSize={18} fill="#1f2937" align="center" verticalAlign="middle" wrap="word" ellipsis />
          <Text x={8} y={DRAFT_SIZE - 26} text="🔒" fontSize={16} />
        </Group>
      ))}
    </Group>
  );
}

/** A vote count on an element: this person's dots during a round, or everyone's result. */
export interface Badge {
  count: number;
  mine: boolean;
}

/** Vote badges at the top-right corner of each element, and padlocks on locked frames. */
function MarksOverlay({ editor, scale, badges, lockedFrames }: { editor: Editor; scale: number; badges: ReadonlyMap<string, Badge>; lockedFrames: readonly string[] }) {
  useStoreVersion(editor);
  const k = 1 / scale;
  return (
    <Group listening={false}>
      {[...badges].map(([id, badge]) => {
        const element = editor.store.get(id);
        if (!element) return null;
        const b = elementBounds(element, editor.store.lookup);
        return (
          <Group key={id} x={b.x + b.w} y={b.y} scaleX={k} scaleY={k}>
            <Circle radius={14} fill={badge.mine ? SELECTION_COLOUR : '#0f172a'} stroke="#fff" strokeWidth={2} />
            <Text x={-14} y={-7} width={28} align="center" text={String(badge.count)} fontSize={14} fontStyle="bold" fill="#fff" />
          </Group>
        );
      })}
      {lockedFrames.map((id) => {
        const frame = editor.store.get(id);
        if (!frame) return null;
        return <Text key={id} x={frame.x + frame.w - 24 * k} y={frame.y - 26 * k} text="🔒" fontSize={18 * k} />;
      })}
    </Group>
  );
}

function sameBoxes(a: Box[], b: Box[]): boolean {
  return a.length === b.length && a.every((r, i) => r.x === b[i]!.x && r.y === b[i]!.y && r.w === b[i]!.w && r.h === b[i]!.h);
}

/** Outlines of the selected elements, their common box and its resize handles. */
function SelectionOverlay({ editor, scale }: { editor: Editor; scale: number }) {
  const selection = useEditorState(editor, (s) => s.selection);
  const readOnly = useEditorState(editor, (s) => s.readOnly);
  // A drag shows the selection ahead of what the document has yet; while the lifted
  // elements float as a picture, the picture holds the outline and this steps aside.
  const floating = useEditorState(editor, (s) => s.liftFloating);
  const offset = useEditorState(editor, (s) => (s.liftFloating ? NO_OFFSET : s.liftOffset));
  const boxes = useElementsDerived(
    editor,
    () => [...selection].map((id) => editor.store.get(id)).filter((e) => e !== undefined).map((e) => elementBounds(e, editor.store.lookup)),
    sameBoxes,
  );
  if (boxes.length === 0 || floating) return null;
  const box = union(boxes)!;
  const resizable = [...selection].some((id) => editor.store.get(id)?.type !== 'connector');
  const stroke = 1.5 / scale;
  const handle = HANDLE_SIZE / scale;
  return (
    <Group x={offset.x} y={offset.y} listening={false}>
      {boxes.length > 1 && boxes.map((b, i) => <Rect key={i} x={b.x} y={b.y} width={b.w} height={b.h} stroke={SELECTION_COLOUR} strokeWidth={stroke} opacity={0.5} />)}
      <Rect x={box.x} y={box.y} width={box.w} height={box.h} stroke={SELECTION_COLOUR} strokeWidth={stroke} />
      {!readOnly &&
        resizable &&
        HANDLES.map((h) => {
          const p = handlePosition(box, h);
          return <Rect key={h} x={p.x - handle / 2} y={p.y - handle / 2} width={handle} height={handle} fill="#fff" stroke={SELECTION_COLOUR} strokeWidth={stroke} />;
        })}
    </Group>
  );
}

function PreviewShape({ preview, scale }: { preview: Preview; scale: number }) {
  const stroke = 1.5 / scale;
  switch (preview.kind) {
    case 'marquee':
      return <Rect x={preview.rect.x} y={preview.rect.y} width={preview.rect.w} height={preview.rect.h} fill="rgba(37,99,235,0.08)" stroke={SELECTION_COLOUR} strokeWidth={stroke} dash={[4 / scale, 4 / scale]} />;
    case 'shape': {
      const { rect } = preview;
      return preview.type === 'ellipse' ? (
        <Ellipse x={rect.x + rect.w / 2} y={rect.y + rect.h / 2} radiusX={rect.w / 2} radiusY={rect.h / 2} stroke={SELECTION_COLOUR} strokeWidth={stroke} dash={[6 / scale, 4 / scale]} />
      ) : (
        <Rect x={rect.x} y={rect.y} width={rect.w} height={rect.h} stroke={SELECTION_COLOUR} strokeWidth={stroke} dash={[6 / scale, 4 / scale]} />
      );
    }
    case 'stroke':
      return <Line x={preview.origin.x} y={preview.origin.y} points={preview.points} stroke="#1f2937" strokeWidth={3} lineCap="round" lineJoin="round" tension={0.4} />;
    case 'connector':
      return <Arrow points={[preview.from.x, preview.from.y, preview.to.x, preview.to.y]} stroke="#1f2937" fill="#1f2937" strokeWidth={2} pointerLength={12} pointerWidth={10} />;
  }
}

/** Other people's cursors (with names) and selections, drawn at a constant screen size. */
function PeersOverlay({ editor, awareness, scale }: { editor: Editor; awareness: Awareness | null; scale: number }) {
  // Read here rather than passed down, so that a moving cursor re-renders this overlay only.
  const peers = usePeers(awareness, true);
  const k = 1 / scale;
  // Others' selection outlines follow the elements as they move.
  useStoreVersion(editor);
  return (
    <Group listening={false}>
      {peers.map((peer) => (
        <Fragment key={peer.clientId}>
          {peer.selection.map((id) => {
            const element = editor.store.get(id);
            if (!element) return null;
            const b = elementBounds(element, editor.store.lookup);
            return <Rect key={id} x={b.x - 3 * k} y={b.y - 3 * k} width={b.w + 6 * k} height={b.h + 6 * k} stroke={peer.colour} strokeWidth={2 * k} dash={[6 * k, 3 * k]} />;
          })}
          {peer.cursor && (
            <Group x={peer.cursor.x} y={peer.cursor.y} scaleX={k} scaleY={k}>
              <Path data="M0 0 L0 16 L4.5 12 L8 19 L10.5 18 L7 11 L13 11 Z" fill={peer.colour} stroke="#fff" strokeWidth={1} />
              <Rect x={14} y={16} width={Math.max(24, peer.name.length * 7.5 + 12)} height={20} fill={peer.colour} cornerRadius={4} />
              <Text x={20} y={20} text={peer.name} fontSize={12} fill="#fff" />
            </Group>
          )}
        </Fragment>
      ))}
    </Group>
  );
}

/** The interactive layer: everything that changes with the pointer, kept off the element layer. */
export function OverlayLayer({
  editor,
  preview,
  awareness,
  scale,
  badges,
  lockedFrames,
  drafts,
  children,
}: {
  /** Elements lifted by a gesture, drawn under the marks and selection. */
  children?: ReactNode;
  editor: Editor;
  preview: Preview | null;
  awareness: Awareness | null;
  scale: number;
  badges: ReadonlyMap<string, Badge>;
  lockedFrames: readonly string[];
  drafts: readonly Draft[];
}) {
  return (
    <Layer listening={false}>
      {children}
      <DraftsOverlay drafts={drafts} scale={scale} />
      <MarksOverlay editor={editor} scale={scale} badges={badges} lockedFrames={lockedFrames} />
      <PeersOverlay editor={editor} awareness={awareness} scale={scale} />
      <SelectionOverlay editor={editor} scale={scale} />
      <FocusRing editor={editor} scale={scale} />
      {preview && <PreviewShape preview={preview} scale={scale} />}
    </Layer>
  );
}
