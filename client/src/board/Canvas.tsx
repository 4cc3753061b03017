import { useEffect, useLayoutEffect, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import './keyboard.css';
import { Layer, Stage } from 'react-konva';
import type Konva from 'konva';
import type { Awareness } from 'y-protocols/awareness';
import { hitTest } from '../../../shared/geometry/elements';
import type { Element } from '../../../shared/schema/elements';
import { HANDLES, handlePosition, type Handle } from '../../../shared/geometry/resize';
import type { Point } from '../../../shared/geometry/rect';
import { boardToScreen, screenToBoard, wheelPixels, zoomAt } from '../../../shared/geometry/viewport';
import type { Editor } from '../editor/editor';
import { useEditorState } from '../editor/hooks';
import { createTool, type PointerInfo, type Preview, type ToolContext } from '../tools';
import { ElementView, TEXT_MIN_SCALE } from './ElementView';
import { FRAME_TITLE_SCREEN_SCALE } from '../../../shared/geometry/frame-titles';
import { FrameTitles, FrameTitlesOnScreen, frameTitleAt } from './FrameTitles';
import { ZoomState, ZoomStateContext } from './zoom-text';
import { CachedOverview } from './OverviewShape';
import { LiftedElements } from './Lifted';
import type { Draft } from '../../../shared/protocol/state';
import { DRAFT_SIZE, HANDLE_SIZE, OverlayLayer, type Badge } from './Overlay';

const NO_BADGES: ReadonlyMap<string, Badge> = new Map();
const NO_FRAMES: readonly string[] = [];
const NO_DRAFTS: readonly Draft[] = [];
const NO_IDS: string[] = [];
import { throttleLatest } from './throttle';
import { useVisibleIds } from './visibility';
import { CANVAS_PARTS, isHidden, textEditingOf, typeClick } from '../element-types/registry';

/** Live cursor updates sent to others per second, at most. */
const CURSOR_RATE_HZ = 25;

interface Props {
  editor: Editor;
  awareness: Awareness | null;
  onStartEditing: (id: string) => void;
  /** Vote counts shown on elements. */
  badges?: ReadonlyMap<string, Badge>;
  /** Frames the facilitator locked (drawn with a padlock). */
  lockedFrames?: readonly string[];
  /** This person's hidden notes (private brainstorming), drawn only here. */
  drafts?: readonly Draft[];
  onOpenDraft?: (draft: Draft) => void;
}

type Gesture = { kind: 'pan'; last: Point } | { kind: 'pinch'; distance: number; center: Point } | { kind: 'tool' } | null;

/**
 * The board's canvas: two Konva layers (elements, and the interactive overlay, which also
 * holds whatever a gesture is moving) under one
 * DOM element that takes every pointer event. Hit-testing is our own pure geometry, so
 * Konva keeps no hit graph (listening off everywhere).
 */
export function Canvas({ editor, awareness, onStartEditing, badges = NO_BADGES, lockedFrames = NO_FRAMES, drafts = NO_DRAFTS, onOpenDraft }: Props) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ width: 800, height: 600 });
  const viewport = useEditorState(editor, (s) => s.viewport);
  const tool = useEditorState(editor, (s) => s.tool);
  const editing = useEditorState(editor, (s) => s.editing);
  const lifted = useEditorState(editor, (s) => s.lifted);
  const [preview, setPreview] = useState<Preview | null>(null);
  const toolMachine = useMemo(() => createTool(tool), [tool]);
  const gesture = useRef<Gesture>(null);
  const pointers = useRef(new Map<number, Point>());
  const spaceDown = useRef(false);
  const visibleIds = useVisibleIds(editor, viewport, size.width, size.height);
  const stage = useRef<Konva.Stage>(null);
  const zoom = useMemo(() => new ZoomState(editor, () => stage.current?.batchDraw()), [editor]);
  useEffect(() => zoom.start(), [zoom]);
  const detailed = viewport.scale >= TEXT_MIN_SCALE;
  // What a gesture moves is drawn on the interactive layer, above the rest of the board,
  // so that only that layer's canvas changes while it moves.
  const [boardIds, liftedIds] = useMemo(
    () => (lifted.size === 0 ? [visibleIds, NO_IDS] : [visibleIds.filter((id) => !lifted.has(id)), visibleIds.filter((id) => lifted.has(id))]),
    [visibleIds, lifted],
  );
  const cursor = useMemo(
    () => throttleLatest((p: Point | null) => awareness?.setLocalStateField('cursor', p), 1000 / CURSOR_RATE_HZ),
    [awareness],
  );
  useEffect(() => () => cursor.cancel(), [cursor]);

  // Measured before the first paint (and before the page's effects, which may zoom to fit
  // a board that is already here): the observer below reports only later.
  useLayoutEffect(() => {
    const element = container.current!;
    const next = { width: element.clientWidth || size.width, height: element.clientHeight || size.height };
    editor.screenSize = next;
    setSize(next);
    // Once per editor: later sizes come from the observer.
  }, [editor]);

  useEffect(() => {
    const element = container.current!;
    const observer = new ResizeObserver(() => {
      const next = { width: element.clientWidth, height: element.clientHeight };
      const before = editor.screenSize;
      editor.screenSize = next;
      setSize(next);
      // What was in the middle stays there (a panel opening beside the canvas, or the page
      // laid out after the board arrived and was fitted to the first size).
      if (next.width !== before.width || next.height !== before.height) {
        const v = editor.state.viewport;
        editor.setViewport({ ...v, x: v.x + (next.width - before.width) / 2, y: v.y + (next.height - before.height) / 2 });
      }
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [editor]);

  useEffect(() => {
    const down = (e: KeyboardEvent) => {
      if (e.code === 'Space' && !(e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLInputElement)) spaceDown.current = true;
    };
    const up = (e: KeyboardEvent) => {
      if (e.code === 'Space') spaceDown.current = false;
    };
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', up);
    return () => {
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
    };
  }, []);

  // Wheel pans; ctrl+wheel (and trackpad pinch, which arrives as ctrl+wheel but in Safari) zooms.
  useEffect(() => {
    const element = container.current!;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const v = editor.state.viewport;
      const delta = wheelPixels(e.deltaX, e.deltaY, e.deltaMode, element.clientHeight);
      if (e.ctrlKey || e.metaKey) {
        const rect = element.getBoundingClientRect();
        editor.setViewport(zoomAt(v, { x: e.clientX - rect.left, y: e.clientY - rect.top }, Math.exp(-delta.y * 0.01)));
      } else {
        editor.setViewport({ ...v, x: v.x - delta.x, y: v.y - delta.y });
      }
    };
    // Safari's trackpad pinch comes as its own gesture events (scale since the gesture
    // began) rather than ctrl+wheel; left alone it would zoom the whole page.
    let pinched = 1;
    const onGesture = (e: Event) => {
      e.preventDefault();
      const gesture = e as Event & { scale?: number; clientX?: number; clientY?: number };
      const scale = typeof gesture.scale === 'number' && gesture.scale > 0 ? gesture.scale : 1;
      if (e.type === 'gesturestart') pinched = 1;
      if (e.type !== 'gesturechange') return;
      const rect = element.getBoundingClientRect();
      const at = { x: (gesture.clientX ?? rect.left + rect.width / 2) - rect.left, y: (gesture.clientY ?? rect.top + rect.height / 2) - rect.top };
      editor.setViewport(zoomAt(editor.state.viewport, at, scale / pinched));
      pinched = scale;
    };
    const gestures = ['gesturestart', 'gesturechange', 'gestureend'];
    element.addEventListener('wheel', onWheel, { passive: false });
    for (const type of gestures) element.addEventListener(type, onGesture, { passive: false });
    return () => {
      element.removeEventListener('wheel', onWheel);
      for (const type of gestures) element.removeEventListener(type, onGesture);
    };
  }, [editor]);

  // Our own selection travels to others so they see what we are working on.
  useEffect(() => {
    if (!awareness) return;
    return editor.subscribe(() => {
      const selection = [...editor.state.selection].slice(0, 500);
      const current = (awareness.getLocalState()?.selection as string[] | undefined) ?? [];
      if (current.length !== selection.length || current.some((id, i) => id !== selection[i])) awareness.setLocalStateField('selection', selection);
    });
  }, [editor, awareness]);

  const ctx: ToolContext = {
    editor,
    hit: (p) => {
      // What its type hides now (a tree's folded branches) is not drawn, so it cannot be hit either.
      const visible = visibleIds.map((id) => editor.store.get(id)).filter((e): e is Element => e !== undefined && !isHidden(editor, e));
      // Zoomed out, frame titles are drawn over everything at screen size: they pick their frame.
      const titled = frameTitleAt(editor, editor.state.viewport, editor.screenSize, boardToScreen(editor.state.viewport, p));
      const frame = titled ? editor.store.get(titled) : undefined;
      if (frame) return frame;
      return hitTest(visible, p, editor.store.lookup, 4 / editor.state.viewport.scale);
    },
    handleAt: (screen) => {
      const box = editor.selectionBounds();
      if (!box) return null;
      const v = editor.state.viewport;
      return HANDLES.find((h: Handle) => {
        const p = boardToScreen(v, handlePosition(box, h));
        return Math.abs(p.x - screen.x) <= HANDLE_SIZE && Math.abs(p.y - screen.y) <= HANDLE_SIZE;
      }) ?? null;
    },
    setPreview,
    startEditing: onStartEditing,
  };

  const info = (e: ReactPointerEvent): PointerInfo => {
    const rect = container.current!.getBoundingClientRect();
    const screen = { x: e.clientX - rect.left, y: e.clientY - rect.top };
    return { screen, board: screenToBoard(editor.state.viewport, screen), shift: e.shiftKey, mod: e.ctrlKey || e.metaKey, pointerType: e.pointerType };
  };

  const onPointerDown = (e: ReactPointerEvent) => {
    // A finger's tap is followed by emulated mouse events at the same spot; their mousedown
    // moved the focus to the canvas and closed the editor a tap had just opened (the view
    // zooms in to the new note, so the spot is no longer on its text box). Cancelling the
    // pointerdown stops them; the focus is set here anyway.
    if (e.pointerType !== 'mouse') e.preventDefault();
    container.current!.focus();
    container.current!.setPointerCapture(e.pointerId);
    const p = info(e);
    pointers.current.set(e.pointerId, p.screen);
    if (pointers.current.size === 2) {
      toolMachine?.cancel(ctx);
      const [a, b] = [...pointers.current.values()] as [Point, Point];
      gesture.current = { kind: 'pinch', distance: Math.hypot(a.x - b.x, a.y - b.y), center: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 } };
      return;
    }
    const touchOnEmpty = e.pointerType === 'touch' && tool === 'select' && !ctx.hit(p.board) && !ctx.handleAt(p.screen);
    if (e.button === 1 || spaceDown.current || tool === 'hand' || !toolMachine || touchOnEmpty) {
      gesture.current = { kind: 'pan', last: p.screen };
      return;
    }
    if (e.button !== 0) return;
    // During a dot-voting round, a click on an eligible item is a vote (Shift, or the vote
    // bar's take-back mode on a phone, takes one back).
    if (editor.policy.round) {
      const hit = ctx.hit(p.board);
      if (hit && editor.vote(hit.id, e.shiftKey)) return;
    }
    // A type may take the click first (the "+N" pill on a folded tree box unfolds it).
    if (tool === 'select' && typeClick(editor, p.board)) return;
    gesture.current = { kind: 'tool' };
    toolMachine.down(ctx, p);
  };

  const onPointerMove = (e: ReactPointerEvent) => {
    const p = info(e);
    if (awareness && e.pointerType !== 'touch') cursor.call({ x: Math.round(p.board.x), y: Math.round(p.board.y) });
    if (pointers.current.has(e.pointerId)) pointers.current.set(e.pointerId, p.screen);
    const g = gesture.current;
    if (!g) return;
    if (g.kind === 'pan') {
      const v = editor.state.viewport;
      editor.setViewport({ ...v, x: v.x + p.screen.x - g.last.x, y: v.y + p.screen.y - g.last.y });
      gesture.current = { kind: 'pan', last: p.screen };
    } else if (g.kind === 'pinch' && pointers.current.size === 2) {
      const [a, b] = [...pointers.current.values()] as [Point, Point];
      const distance = Math.hypot(a.x - b.x, a.y - b.y);
      const center = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
      const zoomed = zoomAt(editor.state.viewport, center, distance / g.distance);
      editor.setViewport({ ...zoomed, x: zoomed.x + center.x - g.center.x, y: zoomed.y + center.y - g.center.y });
      gesture.current = { kind: 'pinch', distance, center };
    } else if (g.kind === 'tool') {
      toolMachine?.move(ctx, p);
    }
  };

  const onPointerUp = (e: ReactPointerEvent) => {
    pointers.current.delete(e.pointerId);
    const g = gesture.current;
    if (g?.kind === 'tool') toolMachine?.up(ctx, info(e));
    if (pointers.current.size === 0) gesture.current = null;
  };

  const onDoubleClick = (e: React.MouseEvent) => {
    const rect = container.current!.getBoundingClientRect();
    const board = screenToBoard(editor.state.viewport, { x: e.clientX - rect.left, y: e.clientY - rect.top });
    const draft = [...drafts].reverse().find((d) => board.x >= d.x && board.x <= d.x + DRAFT_SIZE && board.y >= d.y && board.y <= d.y + DRAFT_SIZE);
    if (draft && onOpenDraft) return onOpenDraft(draft);
    const hit = ctx.hit(board);
    // Two quick votes on one note are two votes, not a request to edit it.
    if (hit && editor.canVoteOn(hit.id)) return;
    if (hit && textEditingOf(hit)) onStartEditing(hit.id);
  };

  const pointerStyle = tool === 'hand' ? 'grab' : tool === 'select' ? 'default' : 'crosshair';
  return (
    <div
      ref={container}
      className="canvas"
      tabIndex={0}
      // The board takes its keys itself (Tab walks the elements, arrows move them…).
      role="application"
      aria-roledescription={t('keyboard.canvasRole')}
      aria-label={t('keyboard.canvasLabel')}
      aria-describedby="canvas-keyboard-hint"
      style={{ cursor: pointerStyle, touchAction: 'none' }}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onPointerLeave={() => {
        cursor.cancel();
        awareness?.setLocalStateField('cursor', null);
      }}
      onDoubleClick={onDoubleClick}
      data-testid="canvas"
      data-visible={visibleIds.length}
    >
      <p id="canvas-keyboard-hint" className="visually-hidden">
        {t('keyboard.canvasHint')}
      </p>
      <Stage ref={stage} width={size.width} height={size.height} x={viewport.x} y={viewport.y} scaleX={viewport.scale} scaleY={viewport.scale} listening={false}>
        <ZoomStateContext.Provider value={zoom}>
        <FrameTitlesOnScreen.Provider value={viewport.scale < FRAME_TITLE_SCREEN_SCALE}>
        <Layer listening={false}>
          {detailed ? (
            boardIds.map((id) => <ElementView key={id} editor={editor} id={id} detailed={detailed} editing={editing?.id === id} />)
          ) : (
            <CachedOverview editor={editor} viewport={viewport} width={size.width} height={size.height} exclude={lifted} />
          )}
          {/* Drawn per type for all its elements at once (names over stacks of stakeholder cards). */}
          {CANVAS_PARTS.map(({ type, BoardPart }) => BoardPart && <BoardPart key={type} editor={editor} awareness={awareness} viewport={viewport} detailed={detailed} />)}
          <FrameTitles editor={editor} viewport={viewport} width={size.width} height={size.height} lifted={false} />
        </Layer>
        <OverlayLayer editor={editor} preview={preview} awareness={awareness} scale={viewport.scale} badges={badges} lockedFrames={lockedFrames} drafts={drafts}>
          {liftedIds.length > 0 && <LiftedElements editor={editor} ids={liftedIds} detailed={detailed} editingId={editing?.id ?? null} scale={viewport.scale} />}
          <FrameTitles editor={editor} viewport={viewport} width={size.width} height={size.height} lifted />
        </OverlayLayer>
        </FrameTitlesOnScreen.Provider>
        </ZoomStateContext.Provider>
      </Stage>
      {/* What a type keeps doing while the board is open (tree layouts waiting for others to let go). */}
      {CANVAS_PARTS.map(({ type, Behaviour }) => Behaviour && <Behaviour key={type} editor={editor} awareness={awareness} viewport={viewport} detailed={detailed} />)}
    </div>
  );
}
