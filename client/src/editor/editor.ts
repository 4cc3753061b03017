import * as Y from 'yjs';
import { createElements, deleteElements, moveElements, reorderElements, updateElement, type NewElement } from '../../../shared/ops/elements';
import { OpError } from '../../../shared/ops/errors';
import type { ReorderDirection } from '../../../shared/ops/zorder';
import type { Element } from '../../../shared/schema/elements';
import { elementBounds } from '../../../shared/geometry/elements';
import { intersects, union, type Point, type Rect } from '../../../shared/geometry/rect';
import { fitBounds, visibleRect, zoomAt, type Viewport } from '../../../shared/geometry/viewport';
import { NOTE_COLOURS } from '../../../shared/schema/elements';
import { moveRefusal, newElementBox } from './area-checks';
import { LIMITS } from '../../../shared/schema/limits';
import { parseClipboard, pastedBounds, serialiseSelection } from './clipboard';
import { ElementStore } from './element-store';
import { openPolicy, type BoardPolicy } from '../../../shared/rules/policy';
import type { ElementLookup } from '../../../shared/geometry/elements';
import { historyStep } from './history-step';

export type ToolId = 'select' | 'hand' | 'note' | 'text' | 'rect' | 'ellipse' | 'connector' | 'pen' | 'frame';

/** Everything the interface shows about the editor besides the elements themselves. */
export interface EditorState {
  tool: ToolId;
  selection: ReadonlySet<string>;
  viewport: Viewport;
  /** Element whose text is being edited in place, if any. */
  editing: { id: string; field: string } | null;
  noteColor: string;
  readOnly: boolean;
  /** A message for the person (an i18n key and values), e.g. text cut at the limit. */
  notice: { key: string; values?: Record<string, unknown> } | null;
  /**
   * Elements a gesture is moving or resizing (with frames' contents and the connectors
   * following them): drawn on their own layer, so the rest of the board is not redrawn on
   * every pointer move. Empty outside gestures.
   */
  lifted: ReadonlySet<string>;
  /** Lifted connectors with an end on something that does not move: redrawn to follow, not carried. */
  following: ReadonlySet<string>;
  /** How far a drag has carried the lifted elements beyond what is written in the document yet. */
  liftOffset: Point;
  /** What the lifting gesture does: only a move may show the lifted elements as a picture. */
  liftGesture: 'move' | 'resize';
  /** The carried elements are shown as a picture moved over the canvas (board/floating-lift.ts). */
  liftFloating: boolean;
  /**
   * The element with the keyboard focus on the canvas (reached with Tab or created by
   * keyboard), drawn with a focus ring; null after a pointer picks something.
   */
  focused: string | null;
  /** A connection being made by keyboard: from this element to the focused one (Enter). */
  connecting: { from: string } | null;
}

/** What the editor asks of the page it is on (given at construction; each does nothing by default). */
export interface EditorActions {
  /** Sends a vote (or takes one back) on an element; the policy has allowed it. */
  vote(id: string, retract: boolean): void;
  /** A new note would fall in a private frame: open it as a hidden note instead. */
  draft(draft: { frameId: string; x: number; y: number }): void;
  /** A drag or keyboard move of these elements has ended (e.g. a card's place becomes its score). */
  moved(ids: readonly string[]): void;
}

const NO_ACTIONS: EditorActions = { vote: () => {}, draft: () => {}, moved: () => {} };

export interface EditorOptions {
  /** The first policy, built over the editor's own element lookup (default: everything allowed). */
  policy?: (lookup: ElementLookup) => BoardPolicy;
  actions?: Partial<EditorActions>;
}

const NONE: ReadonlySet<string> = new Set();
const ZERO: Point = { x: 0, y: 0 };

/**
 * The board editor without any view: one person's tools, selection, viewport, undo and
 * clipboard over a shared Y.Doc. React components subscribe to it and stay thin.
 */
/** What an operation run through `perform` is told: whose edit it is, and what others hold. */
export interface PerformOptions {
  origin: unknown;
  createdBy: string;
  held: ReadonlySet<string>;
  onHeldBack: (id: string) => void;
}

export class Editor {
  readonly store: ElementStore;
  /** Transaction origin of this person's edits: undo tracks only these. */
  readonly origin = { editor: true };
  readonly undoManager: Y.UndoManager;
  private stateValue: EditorState;
  private readonly listeners = new Set<() => void>();
  screenSize = { width: 1024, height: 768 };
  /** Screen pixels at the canvas's left edge under a floating panel (set by the panel; fits leave them out). */
  coveredLeft = 0;
  /** Elements other people are dragging or editing now (their presence): layouts leave them be. */
  heldByOthers: ReadonlySet<string> = new Set();
  /** Tree nodes whose layout left someone's held nodes alone: laid out again once they let go. */
  readonly pendingLayouts = new Set<string>();
  /** What this person may do now (shared/rules/policy.ts); replaced as a whole by `setPolicy`. */
  private policyValue: BoardPolicy;
  /** What the editor asks the page to do: send a vote, open a hidden note, follow a move. */
  readonly actions: EditorActions;

  constructor(
    readonly doc: Y.Doc,
    public userName = '',
    options: EditorOptions = {},
  ) {
    this.store = new ElementStore(doc);
    this.policyValue = options.policy?.(this.store.lookup) ?? openPolicy(this.store.lookup);
    this.actions = { ...NO_ACTIONS, ...options.actions };
    // Undo reverts only this person's own changes, never someone else's work.
    this.undoManager = new Y.UndoManager(doc.getMap('elements'), { trackedOrigins: new Set([this.origin]), captureTimeout: Number.MAX_SAFE_INTEGER });
    this.stateValue = { tool: 'select', selection: new Set(), viewport: { x: 0, y: 0, scale: 1 }, editing: null, noteColor: NOTE_COLOURS[0], readOnly: this.policyValue.readOnly !== null, notice: null, lifted: NONE, following: NONE, liftOffset: ZERO, liftGesture: 'move', liftFloating: false, focused: null, connecting: null };
    // Selected elements deleted by someone else leave the selection.
    this.store.subscribeList(() => {
      const alive = [...this.stateValue.selection].filter((id) => this.store.get(id));
      if (alive.length !== this.stateValue.selection.size) this.setState({ selection: new Set(alive) });
      if (this.stateValue.editing && !this.store.get(this.stateValue.editing.id)) this.setState({ editing: null });
      if (this.stateValue.focused && !this.store.get(this.stateValue.focused)) this.setState({ focused: null });
      if (this.stateValue.connecting && !this.store.get(this.stateValue.connecting.from)) this.setState({ connecting: null });
    });
  }

  destroy(): void {
    this.undoManager.destroy();
    this.store.destroy();
    this.listeners.clear();
  }

  get state(): EditorState {
    return this.stateValue;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  setState(patch: Partial<EditorState>): void {
    this.stateValue = { ...this.stateValue, ...patch };
    for (const listener of this.listeners) listener();
  }

  /** What this person may do now: who they are, locks, private frames, the open vote. */
  get policy(): BoardPolicy {
    return this.policyValue;
  }

  /**
   * The one way the page tells the editor what this person may do, as `policyFor` built it
   * (the server judges their edits by the same policy). Nothing may be edited while the
   * policy says read-only.
   */
  setPolicy(policy: BoardPolicy): void {
    this.policyValue = policy;
    this.setState({ readOnly: policy.readOnly !== null });
  }

  /** Whether a lock keeps this person from changing this element. */
  isLocked(id: string): boolean {
    const element = this.store.get(id);
    return element !== undefined && this.policyValue.isLocked(element);
  }

  /** Whether a new or moved element in this box would fall in an area locked for this person. */
  isLockedArea(rect: Rect): boolean {
    return this.policyValue.isLockedArea(rect);
  }

  /** The private-brainstorming frame a new note at `rect` falls in, if any (then it becomes a hidden note). */
  privateFrameFor(rect: Rect): string | null {
    return this.policyValue.privateFrameFor(rect);
  }

  /** Whether this person may vote on the element now (a round is open and it takes part). */
  canVoteOn(id: string): boolean {
    return this.policyValue.canVoteOn(this.store.get(id));
  }

  /** A vote (or, with `retract`, taking one back) on an element, if this person may vote on it now. */
  vote(id: string, retract: boolean): boolean {
    if (!this.canVoteOn(id)) return false;
    this.actions.vote(id, retract);
    return true;
  }

  /** Whether this person may move these elements (with the frames' contents that move along). */
  canMove(ids: readonly string[]): boolean {
    const moving = new Set(ids);
    if (ids.some((id) => this.store.get(id)?.type === 'frame')) {
      for (let grew = true; grew; ) {
        grew = false;
        for (const e of this.store.ordered()) {
          if (!moving.has(e.id) && e.parentId !== null && moving.has(e.parentId)) {
            moving.add(e.id);
            grew = true;
          }
        }
      }
    }
    return this.policyValue.mayMove([...moving].map((id) => this.store.get(id)).filter((e): e is Element => e !== undefined));
  }

  setTool(tool: ToolId): void {
    this.setState({ tool, editing: null });
  }

  select(ids: Iterable<string>): void {
    const selection = new Set(ids);
    // The focus ring stays while the focused element alone stays selected (it is being edited).
    const { focused } = this.stateValue;
    const keepsFocus = focused !== null && selection.size === 1 && selection.has(focused);
    this.setState(keepsFocus ? { selection } : { selection, focused: null });
  }

  /** Gives one element the keyboard focus (and the selection), or takes it away. */
  focusElement(id: string | null): void {
    this.setState({ selection: new Set(id ? [id] : []), focused: id });
  }

  selectedElements(): Element[] {
    return [...this.stateValue.selection].map((id) => this.store.get(id)).filter((e): e is Element => e !== undefined);
  }

  selectionBounds(): Rect | null {
    return union(this.selectedElements().map((e) => elementBounds(e, this.store.lookup)));
  }

  notify(key: string, values?: Record<string, unknown>): void {
    this.setState({ notice: { key, values } });
  }

  /** Runs an edit unless read-only; a refused edit becomes a notice, never a crash. */
  private edit<T>(fn: () => T, touching: readonly string[] = []): T | undefined {
    if (this.stateValue.readOnly) {
      this.notify('canvas.readOnly');
      return undefined;
    }
    // The server would undo it anyway; saying so at once is kinder than a flicker.
    if (touching.some((id) => this.isLocked(id))) {
      this.notify('control.locked');
      return undefined;
    }
    try {
      const result = fn();
      // Outside a gesture every edit is its own undo step, however quickly the next follows.
      if (!this.inGesture) this.undoManager.stopCapturing();
      return result;
    } catch (error) {
      if (error instanceof OpError) {
        if (error.key) this.notify(error.key, { reason: error.message });
        else this.notify('canvas.refused', { reason: error.message });
        return undefined;
      }
      throw error;
    }
  }

  create(inputs: NewElement[]): string[] {
    if (!this.stateValue.readOnly && inputs.some((input) => {
      const box = newElementBox(input);
      return box !== null && this.isLockedArea(box);
    })) {
      this.notify('control.locked');
      return [];
    }
    return this.edit(() => createElements(this.doc, inputs, this.userName, this.origin)) ?? [];
  }

  /**
   * Runs a document operation (e.g. from shared/methods) as this person's edit: undoable as
   * one step, refused when read-only or locked, an OpError shown as a notice.
   */
  perform<T>(operation: (doc: Y.Doc, options: PerformOptions) => T, touching: readonly string[] = []): T | undefined {
    const options: PerformOptions = { origin: this.origin, createdBy: this.userName, held: this.heldByOthers, onHeldBack: (id) => this.pendingLayouts.add(id) };
    return this.edit(() => operation(this.doc, options), touching);
  }

  update(id: string, patch: Record<string, unknown>): void {
    this.edit(() => updateElement(this.doc, id, patch, this.origin), [id]);
  }

  /** Several field changes as one undo step. */
  updateMany(patches: ReadonlyMap<string, Record<string, unknown>>): void {
    this.edit(() => this.doc.transact(() => patches.forEach((patch, id) => updateElement(this.doc, id, patch, this.origin)), this.origin), [...patches.keys()]);
  }

  move(ids: readonly string[], dx: number, dy: number): void {
    if (ids.length === 0 || (dx === 0 && dy === 0)) return;
    if (!this.canMove(ids)) return this.notify('stakeholders.moveRefused');
    const refusal = moveRefusal(this, ids, dx, dy);
    if (refusal) return this.notify(refusal);
    this.edit(() => moveElements(this.doc, ids, dx, dy, this.origin), ids);
  }

  deleteSelection(): void {
    const ids = [...this.stateValue.selection];
    if (ids.length === 0) return;
    this.edit(() => deleteElements(this.doc, ids, this.origin), ids);
    this.setState({ selection: new Set(), editing: null });
  }

  reorder(direction: ReorderDirection): void {
    const ids = [...this.stateValue.selection];
    if (ids.length) this.edit(() => reorderElements(this.doc, ids, direction, this.origin), ids);
  }

  private inGesture = false;

  /** Lifts `ids`, the contents of frames among them and the connectors attached to any of these. */
  lift(ids: Iterable<string>, gesture: EditorState['liftGesture'] = 'move'): void {
    const lifted = new Set([...ids].filter((id) => this.store.get(id)));
    const following = new Set<string>();
    const ordered = this.store.ordered();
    for (let grew = [...lifted].some((id) => this.store.get(id)?.type === 'frame'); grew; ) {
      grew = false;
      for (const e of ordered) {
        if (!lifted.has(e.id) && e.parentId !== null && lifted.has(e.parentId)) {
          lifted.add(e.id);
          grew = true;
        }
      }
    }
    // What moves is now complete; connectors attached to it come along, carried when
    // every end moves with it, otherwise redrawn to follow.
    const moving = new Set(lifted);
    for (const e of ordered) {
      if (e.type !== 'connector' || !((e.from && moving.has(e.from)) || (e.to && moving.has(e.to)))) continue;
      lifted.add(e.id);
      const carried = (end: string | null) => (end ? moving.has(end) : moving.has(e.id));
      if (!carried(e.from) || !carried(e.to)) following.add(e.id);
    }
    this.setState({ lifted, following, liftOffset: ZERO, liftGesture: gesture, liftFloating: false });
  }

  /** Shows the lifted elements `offset` away from where the document has them (a drag between writes). */
  setLiftOffset(offset: Point): void {
    if (offset.x !== this.stateValue.liftOffset.x || offset.y !== this.stateValue.liftOffset.y) this.setState({ liftOffset: offset });
  }

  /** Puts lifted elements back on the board's layer. */
  drop(): void {
    if (this.stateValue.lifted.size) this.setState({ lifted: NONE, following: NONE, liftOffset: ZERO, liftFloating: false });
  }

  setLiftFloating(floating: boolean): void {
    if (floating !== this.stateValue.liftFloating) this.setState({ liftFloating: floating });
  }

  /** An element just created whose editing, starting next, belongs to the same undo step. */
  private continuing: string | null = null;

  /**
   * Starts a gesture (a drag, a resize, a typing session): undo takes it back as a whole.
   * Editing the element just created (`continueGestureInto`) stays in the creation's step.
   */
  beginGesture(forId?: string): void {
    const continues = forId !== undefined && forId === this.continuing;
    this.continuing = null;
    if (!continues) this.undoManager.stopCapturing();
    this.inGesture = true;
  }

  /** The gesture running now goes on into editing this element (a new note and its text are one step). */
  continueGestureInto(id: string): void {
    this.continuing = id;
  }

  /** Ends the current gesture (harmless when none is running). */
  endGesture(): void {
    this.continuing = null;
    this.undoManager.stopCapturing();
    this.inGesture = false;
  }

  undo(): void {
    if (!this.stateValue.readOnly) historyStep(this, () => this.undoManager.undo(), 'undo');
  }

  redo(): void {
    if (!this.stateValue.readOnly) historyStep(this, () => this.undoManager.redo(), 'redo');
  }

  copySelection(): string | null {
    // In drawing order, so that the copies stack as the originals do (not in click order).
    const ids = this.stateValue.selection;
    const selected = this.store.ordered().filter((e) => ids.has(e.id));
    if (selected.length === 0) return null;
    // Lines between copied elements come along even when not selected themselves.
    const connectors = this.store.ordered().filter((e) => e.type === 'connector' && !ids.has(e.id) && e.from && e.to && ids.has(e.from) && ids.has(e.to));
    return serialiseSelection([...selected, ...connectors]);
  }

  /** Pastes clipboard text: our elements as copies, other text as a new note. */
  paste(text: string, at?: Point): string[] {
    const offset = { x: 24, y: 24 };
    const elements = parseClipboard(text, offset);
    if (elements === null) {
      if (!text.trim()) return [];
      const where = at ?? this.viewCenter();
      const ids = this.create([{ type: 'note', text: text.slice(0, LIMITS.maxTextLength), x: where.x - 100, y: where.y - 100 }]);
      if (ids.length && text.length > LIMITS.maxTextLength) this.notify('canvas.textCut', { limit: LIMITS.maxTextLength.toLocaleString() });
      this.select(ids);
      return ids;
    }
    const bounds = union(elements.map((e) => pastedBounds(e, elements)));
    // Pasted where they were copied (a step aside), unless that is out of sight (copied
    // from another board or before panning away): then in the middle of the view.
    const view = visibleRect(this.stateValue.viewport, this.screenSize.width, this.screenSize.height);
    const target = at ?? (bounds && !intersects(bounds, view) ? this.viewCenter() : undefined);
    if (target && bounds) {
      for (const e of elements) {
        e.x = Number(e.x) - bounds.x - bounds.w / 2 + target.x;
        e.y = Number(e.y) - bounds.y - bounds.h / 2 + target.y;
      }
    }
    const ids = this.create(elements);
    this.select(ids.filter((id) => this.store.get(id)?.type !== 'connector' || elements.length === 1));
    return ids;
  }

  duplicate(): void {
    const text = this.copySelection();
    if (text) this.paste(text);
  }

  selectAll(): void {
    this.select(this.store.ordered().map((e) => e.id));
  }

  viewCenter(): Point {
    const { viewport } = this.stateValue;
    return { x: (this.screenSize.width / 2 - viewport.x) / viewport.scale, y: (this.screenSize.height / 2 - viewport.y) / viewport.scale };
  }

  setViewport(viewport: Viewport): void {
    this.setState({ viewport });
  }

  zoomBy(factor: number, at?: Point): void {
    const point = at ?? { x: this.screenSize.width / 2, y: this.screenSize.height / 2 };
    this.setViewport(zoomAt(this.stateValue.viewport, point, factor));
  }

  /**
   * The view showing `bounds` whole in the part of the canvas nothing covers (a floating
   * panel over its left edge, `coveredLeft`), centred there, with a margin in screen pixels.
   */
  fitView(bounds: Rect, margin?: number): Viewport {
    const left = Math.max(0, Math.min(this.coveredLeft, this.screenSize.width / 2));
    const view = fitBounds(bounds, this.screenSize.width - left, this.screenSize.height, margin);
    return { ...view, x: view.x + left };
  }

  zoomToFit(): void {
    const bounds = union(this.store.ordered().map((e) => elementBounds(e, this.store.lookup)));
    if (bounds) this.setViewport(this.fitView(bounds));
    else this.setViewport({ x: this.screenSize.width / 2, y: this.screenSize.height / 2, scale: 1 });
  }

  zoomToSelection(): void {
    const bounds = this.selectionBounds();
    if (bounds) this.setViewport(this.fitView(bounds));
  }

  /** Shows one element (a phase's frame) in this person's view only; false when it is gone. */
  zoomToElement(id: string): boolean {
    const element = this.store.get(id);
    if (!element) return false;
    this.setViewport(this.fitView(elementBounds(element, this.store.lookup)));
    return true;
  }
}
