import type { ComponentType } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type { ElementLookup } from '../../../shared/geometry/elements';
import type { Point, Rect } from '../../../shared/geometry/rect';
import type { Viewport } from '../../../shared/geometry/viewport';
import type { Element, ElementOf, ElementType } from '../../../shared/schema/elements';
import type { Editor } from '../editor/editor';

/** What an element's view is given on the canvas. */
export interface ElementViewProps<E> {
  editor: Editor;
  element: E;
  /** Whether labels are drawn at the current zoom. */
  detailed: boolean;
  /** Text hidden because it is being edited in place. */
  editing: boolean;
}

/** What painting seen from afar is given besides the 2D context (board coordinates). */
export interface OverviewPaint {
  /** One screen pixel, in board units. */
  hairline: number;
  lookup: ElementLookup;
  /** Whether an element is not drawn at all now (a tree node folded away). */
  isHidden(id: string): boolean;
}

/** How an element's text is edited in place (the textarea laid over it). */
export interface TextEditing<E> {
  /** The box the textarea covers, in board coordinates. */
  box(element: E): Rect;
  /** The text size the textarea shows (board units), given what it holds. */
  fontSize(element: E, text: string): number;
  /** What should be readable while typing (default: the element's bounds); editing zooms in to it. */
  readable?(element: E): Rect;
  /** The text size the editor should be legible at (placing or editing zooms in to it). */
  typingSize(element: E): number;
  background(element: E): string;
  align: 'left' | 'center';
  /** Inner padding in screen pixels at this zoom. */
  padding(scale: number): number;
  /**
   * A key pressed while typing in the element, before the textarea's own: return true when
   * taken. `finish` ends the typing and gives the focus back to the board.
   */
  key?(editor: Editor, element: E, event: KeyboardEvent, finish: () => void): boolean;
}

/** Keys on the board for a type, asked before the board's own shortcuts. */
export interface BoardKeys<E> {
  /** A key while the selection holds elements of this type; returns whether it was taken. `onEdit` starts typing in one. */
  handle?(editor: Editor, event: KeyboardEvent, onEdit: (id: string) => void): boolean;
  /** Whether Tab is this type's now rather than walking to the next element (a tree node picked by pointer adds a child). */
  ownsTab?(editor: Editor): boolean;
  /** Enter on one selected element of this type, instead of typing in it; returns whether it was taken. */
  enter?(editor: Editor, element: E): boolean;
}

/** What a canvas-wide helper of a type is given (labels drawn over many cards, layouts kept while others hold nodes). */
export interface CanvasPartProps {
  editor: Editor;
  awareness: Awareness | null;
  viewport: Viewport;
  detailed: boolean;
}

/**
 * Everything the client knows about one element type, in one module per type
 * (client/src/element-types/<type>/), registered in registry.ts: after tldraw's ShapeUtil.
 * What the server knows too (schema, defaults, text fields, migrations) is the type's
 * definition in shared/schema/elements/.
 */
export interface ElementUtil<T extends ElementType = ElementType> {
  readonly type: T;
  /** The element on the canvas (Konva), re-rendered only when it changes. */
  readonly View: ComponentType<ElementViewProps<ElementOf<T>>>;
  /** Draws the element seen from afar (below 40 % zoom: boxes and lines, no text) onto a 2D context. */
  paintOverview(ctx: CanvasRenderingContext2D, element: ElementOf<T>, paint: OverviewPaint): void;
  /** How its first text field is typed in place; absent when it has none to type in. */
  readonly text?: TextEditing<ElementOf<T>>;
  /** Whether the element is left out (neither drawn, nor hit, nor visited by Tab) now. */
  isHidden?(editor: Editor, element: ElementOf<T>): boolean;
  /** Keys on the board (not while typing) that this type takes; see BoardKeys. */
  readonly keys?: BoardKeys<ElementOf<T>>;
  /**
   * Connecting this element to another by keyboard (Ctrl+K), when the type links its own
   * way (two tree nodes: the first is hung under the second); returns whether it did.
   */
  connect?(editor: Editor, from: ElementOf<T>, to: Element): boolean;
  /** A click on the canvas this type takes before the tool does (a folded tree's "+N" pill). */
  click?(editor: Editor, point: Point): boolean;
  /** A move of these elements has ended (any type's ids: the module picks its own). */
  afterMove?(editor: Editor, ids: readonly string[]): void;
  /** Drawn once per canvas on the board's layer, for all elements of the type (labels over stacks of cards). */
  readonly BoardPart?: ComponentType<CanvasPartProps>;
  /** Mounted once per canvas without drawing (a hook's home: keeping tree layouts while others hold nodes). */
  readonly Behaviour?: ComponentType<CanvasPartProps>;
}
