import { elementBounds } from '../../../shared/geometry/elements';
import { keyboardPlacement, nearestInDirection, nextInOrder, nudgeDelta, panDelta, tabOrder, type ArrowKey } from '../../../shared/geometry/keyboard';
import { center, containsRect, type Rect } from '../../../shared/geometry/rect';
import { visibleRect } from '../../../shared/geometry/viewport';
import { ELEMENT_DEFINITIONS, type Element } from '../../../shared/schema/elements';
import type { Editor, ToolId } from '../editor/editor';
import { isHidden, typeConnect } from '../element-types/registry';
import { createTool, type PointerInfo, type ToolContext } from '../tools';
import { reparent } from '../tools/select-tool';

/**
 * What the keyboard does on the canvas besides the plain shortcuts: Tab through the elements,
 * arrows by a screen-sized step, tools that create at once, connecting two elements, voting.
 * The numbers and orders are shared/geometry/keyboard.ts; this applies them to the editor.
 */

/** Elements Tab can reach: everything drawn (not what its type hides now, as tree nodes folded away). */
function reachable(editor: Editor): Element[] {
  return editor.store.ordered().filter((e) => !isHidden(editor, e));
}

const boxOf = (editor: Editor, e: Element) => ({ ...editor.store.bounds(e), id: e.id, parentId: e.parentId });

/** Ids in the order Tab visits them (shared/geometry/keyboard.ts tabOrder). */
export function keyboardOrder(editor: Editor, filter: (e: Element) => boolean = () => true): string[] {
  return tabOrder(reachable(editor).filter(filter).map((e) => boxOf(editor, e))).map((b) => b.id);
}

/** Screen pixels at the canvas's edges that bars may cover. */
const VIEW_MARGIN = { top: 96, bottom: 72, side: 16 };

/** Pans so the element is on screen, keeping the zoom (a fit would jump about on every Tab). */
export function bringIntoView(editor: Editor, id: string): void {
  const element = editor.store.get(id);
  if (!element) return;
  const box = elementBounds(element, editor.store.lookup);
  const { viewport } = editor.state;
  const { width, height } = editor.screenSize;
  // Clear of what floats over the canvas: a panel on the left, the vote bar above, the reactions below.
  const left = Math.min(editor.coveredLeft, width / 2);
  const view = visibleRect(viewport, width, height);
  const k = 1 / viewport.scale;
  const clear = { x: view.x + (left + VIEW_MARGIN.side) * k, y: view.y + VIEW_MARGIN.top * k, w: view.w - (left + 2 * VIEW_MARGIN.side) * k, h: view.h - (VIEW_MARGIN.top + VIEW_MARGIN.bottom) * k };
  if (containsRect(clear, box)) return;
  const c = center(box);
  editor.setViewport({ ...viewport, x: left + (width - left) / 2 - c.x * viewport.scale, y: VIEW_MARGIN.top + (height - VIEW_MARGIN.top - VIEW_MARGIN.bottom) / 2 - c.y * viewport.scale });
}

/**
 * Tab or Shift+Tab on the canvas: the focus goes to the next element in reading order.
 * Returns false past either end: the key is then left to the browser, and the focus moves on
 * to the page's next control (the canvas must not trap it).
 */
export function moveFocus(editor: Editor, backwards: boolean): boolean {
  const { focused, selection } = editor.state;
  const current = focused ?? (selection.size === 1 ? [...selection][0]! : null);
  // From nothing, Shift+Tab goes back to the controls before the board (the tools) at once.
  if (current === null && backwards) return false;
  const next = nextInOrder(keyboardOrder(editor), current, backwards);
  if (next === null) {
    editor.focusElement(null);
    return false;
  }
  editor.focusElement(next);
  bringIntoView(editor, next);
  return true;
}

/**
 * An arrow with something selected moves it by the same distance on screen at any zoom (one
 * undo step per press, and into or out of a frame as a drag would); with nothing selected it
 * pans the view.
 */
export function arrowKey(editor: Editor, key: ArrowKey, big: boolean): void {
  const ids = [...editor.state.selection];
  if (ids.length === 0) {
    const d = panDelta(key, big);
    const v = editor.state.viewport;
    return editor.setViewport({ ...v, x: v.x + d.x, y: v.y + d.y });
  }
  const d = nudgeDelta(key, big, editor.state.viewport.scale);
  editor.beginGesture();
  editor.move(ids, d.x, d.y);
  reparent(contextFor(editor, () => {}), ids);
  editor.actions.moved(ids);
  editor.endGesture();
  const focused = editor.state.focused;
  if (focused) bringIntoView(editor, focused);
}

/** A tool context without a pointer: what the creation tools need when driven by keyboard. */
function contextFor(editor: Editor, startEditing: (id: string) => void): ToolContext {
  return { editor, hit: () => undefined, handleAt: () => null, setPreview: () => {}, startEditing };
}

/** Boxes a new element should not cover: frames are containers, so only for a new frame. */
function obstacles(editor: Editor, type: string): Rect[] {
  return editor.store
    .ordered()
    .filter((e) => e.type !== 'connector' && (type === 'frame' ? e.parentId === null : e.type !== 'frame'))
    .map((e) => editor.store.bounds(e));
}

/** Width and height of a pen line drawn by keyboard. */
const KEYBOARD_STROKE = { w: 120, h: 24 };

/**
 * A tool button pressed by keyboard (or by a screen reader): the tool's element is created at
 * once, beside the selection or in the middle of the view, selected and focused; a note, a
 * text or a frame opens for typing. The pointer's own tools do the creating, so a note in a
 * private round becomes a hidden draft and a locked frame refuses it, as with a click.
 * The connector starts a connection from the selection; the select and hand tools just switch.
 */
export function createByKeyboard(editor: Editor, tool: ToolId, startEditing: (id: string) => void): void {
  if (tool === 'select' || tool === 'hand') return editor.setTool(tool);
  if (editor.state.readOnly) return editor.notify('canvas.readOnly');
  if (tool === 'connector') return startConnecting(editor);
  const definition = tool === 'pen' ? null : ELEMENT_DEFINITIONS[tool];
  const size = definition ? (definition.defaults as { w: number; h: number }) : KEYBOARD_STROKE;
  const selection = editor.selectionBounds();
  const spot = keyboardPlacement(size, selection, editor.viewCenter(), obstacles(editor, tool));
  const machine = createTool(tool)!;
  let created: string | null = null;
  const ctx = contextFor(editor, (id) => {
    created = id;
    startEditing(id);
  });
  const before = new Set(editor.store.ordered().map((e) => e.id));
  const at = (x: number, y: number): PointerInfo => ({ board: { x, y }, screen: { x: 0, y: 0 }, shift: false, mod: false, pointerType: 'keyboard' });
  if (tool === 'pen') {
    // A short wave: a pen stroke must have some shape to be seen and picked.
    machine.down(ctx, at(spot.x, spot.y + size.h));
    for (let i = 1; i <= 6; i++) machine.move(ctx, at(spot.x + (size.w * i) / 6, spot.y + (i % 2 ? 0 : size.h)));
    machine.up(ctx, at(spot.x + size.w, spot.y + size.h));
  } else {
    const middle = at(spot.x + size.w / 2, spot.y + size.h / 2);
    machine.down(ctx, middle);
    machine.up(ctx, middle);
  }
  // The shape tools go back to selecting by themselves (and setTool would close the new note's editor).
  if (tool === 'pen') editor.setTool('select');
  const id = created ?? editor.store.ordered().find((e) => !before.has(e.id))?.id ?? null;
  if (!id) return;
  editor.focusElement(id);
  bringIntoView(editor, id);
}

/** Elements a connection can end on. */
const connectable = (e: Element) => e.type !== 'connector' && e.type !== 'stroke';

/** Starts connecting the one selected element to another, chosen next with Tab or arrows and Enter. */
export function startConnecting(editor: Editor): void {
  if (editor.state.readOnly) return editor.notify('canvas.readOnly');
  const [from] = editor.selectedElements();
  if (editor.state.selection.size !== 1 || !from || !connectable(from)) return editor.notify('keyboard.connect.selectFirst');
  const order = keyboardOrder(editor, connectable).filter((id) => id !== from.id);
  if (order.length === 0) return editor.notify('keyboard.connect.nothingToConnect');
  const after = keyboardOrder(editor, connectable);
  const firstAfter = after.slice(after.indexOf(from.id) + 1).find((id) => id !== from.id) ?? order[0]!;
  editor.setState({ connecting: { from: from.id }, focused: firstAfter, tool: 'select' });
  bringIntoView(editor, firstAfter);
  editor.notify('keyboard.connect.choose');
}

/** Tab, Shift+Tab or an arrow while connecting: the next candidate end (Tab wraps around: Esc leaves). */
export function moveConnectTarget(editor: Editor, how: { backwards: boolean } | { arrow: ArrowKey }): void {
  const connecting = editor.state.connecting;
  if (!connecting) return;
  const candidates = keyboardOrder(editor, connectable).filter((id) => id !== connecting.from);
  if (candidates.length === 0) return;
  const current = editor.state.focused;
  let next: string | null;
  if ('arrow' in how) {
    const here = editor.store.get(current ?? connecting.from);
    const boxes = candidates.filter((id) => id !== current).map((id) => boxOf(editor, editor.store.get(id)!));
    next = here ? (nearestInDirection(editor.store.bounds(here), boxes, how.arrow)?.id ?? null) : null;
    if (next === null) return;
  } else {
    next = nextInOrder(candidates, current, how.backwards) ?? (how.backwards ? candidates[candidates.length - 1]! : candidates[0]!);
  }
  editor.setState({ focused: next });
  bringIntoView(editor, next);
}

export function cancelConnecting(editor: Editor): void {
  const connecting = editor.state.connecting;
  if (!connecting) return;
  editor.setState({ connecting: null });
  editor.focusElement(connecting.from);
}

/**
 * Enter while connecting: a connector from the first element to the focused one, or, for two
 * nodes of a problem or objectives tree (whose links are the tree's own), the first node hung
 * under the second. The new connector (or the moved node) is selected and focused.
 */
export function finishConnecting(editor: Editor): void {
  const connecting = editor.state.connecting;
  const target = editor.state.focused;
  editor.setState({ connecting: null });
  if (!connecting || !target || target === connecting.from) return;
  const from = editor.store.get(connecting.from);
  const to = editor.store.get(target);
  if (!from || !to) return;
  // A type may link its own way (two tree nodes: the first is hung under the second).
  if (typeConnect(editor, from, to)) return editor.focusElement(from.id);
  const a = center(editor.store.bounds(from));
  const b = center(editor.store.bounds(to));
  editor.beginGesture();
  const [id] = editor.create([{ type: 'connector', x: a.x, y: a.y, from: from.id, to: to.id, points: [0, 0, b.x - a.x, b.y - a.y] }]);
  editor.endGesture();
  editor.focusElement(id ?? from.id);
  if (id) editor.notify('keyboard.connect.done');
}

/**
 * Space during a vote round casts a vote on the focused or selected items (Shift+Space, or the
 * vote bar's take-back mode, takes one back), as a click on each would.
 */
export function voteByKeyboard(editor: Editor, retract: boolean): void {
  if (!editor.policy.round) return;
  const items = editor.selectedElements().filter((element) => editor.canVoteOn(element.id));
  if (items.length === 0) return editor.notify('control.vote.noneSelected');
  for (const item of items) editor.vote(item.id, retract);
}

/** Alt+T: the focus goes to the tools, the selection stays (a tool then creates next to it). */
export function focusTools(): void {
  const tools = document.querySelector<HTMLElement>('.toolbar button[aria-pressed="true"]') ?? document.querySelector<HTMLElement>('.toolbar button');
  tools?.focus();
}
