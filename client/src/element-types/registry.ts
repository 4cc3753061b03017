import type { Element, ElementOf, ElementType } from '../../../shared/schema/elements';
import { definitionOf } from '../../../shared/schema/elements';
import type { Editor } from '../editor/editor';
import { connectorUtil } from './connector';
import { factorUtil } from './factor';
import { frameUtil } from './frame';
import { ideaUtil } from './idea';
import { noteUtil } from './note';
import { ellipseUtil, rectUtil } from './shapes';
import { stakeholderUtil } from './stakeholder';
import { strategyUtil } from './strategy';
import { strokeUtil } from './stroke';
import { textUtil } from './text';
import { treeNodeUtil } from './tree-node';
import type { ComponentType } from 'react';
import type { ElementUtil, ElementViewProps, OverviewPaint, TextEditing } from './types';

/**
 * Every element type's client module, one line each: a new type (resources, products,
 * goals…) is its folder here plus its line, beside its definition in shared/schema/elements/.
 * Keyed by type so that TypeScript fails the build when a type has no module.
 */
export const ELEMENT_UTILS: { readonly [T in ElementType]: ElementUtil<T> } = {
  note: noteUtil,
  text: textUtil,
  rect: rectUtil,
  ellipse: ellipseUtil,
  connector: connectorUtil,
  stroke: strokeUtil,
  frame: frameUtil,
  stakeholder: stakeholderUtil,
  factor: factorUtil,
  treeNode: treeNodeUtil,
  strategy: strategyUtil,
  idea: ideaUtil,
};

/** The module of an element's type. */
export function utilOf<T extends ElementType>(element: ElementOf<T>): ElementUtil<T> {
  return ELEMENT_UTILS[element.type as T];
}

/** The view of an element's type, for any element. */
export function viewOf(element: Element): ComponentType<ElementViewProps<Element>> {
  return (utilOf(element) as ElementUtil).View as ComponentType<ElementViewProps<Element>>;
}

/** Paints an element seen from afar, by its type's module. */
export function paintOverview(ctx: CanvasRenderingContext2D, element: Element, paint: OverviewPaint): void {
  (utilOf(element) as ElementUtil).paintOverview(ctx, element as never, paint);
}

/** Modules with something of their own on the canvas (labels, behaviours), in registry order. */
export const CANVAS_PARTS = Object.values(ELEMENT_UTILS) as readonly ElementUtil[];

/** Whether an element is left out now (neither drawn, nor hit, nor visited by Tab). */
export function isHidden(editor: Editor, element: Element): boolean {
  return (utilOf(element) as ElementUtil).isHidden?.(editor, element) ?? false;
}

/** How an element's text is typed in place, with the field typed in; null when it has none. */
export function textEditingOf(element: Element): { field: string; editing: TextEditing<Element> } | null {
  const editing = (utilOf(element) as ElementUtil).text as TextEditing<Element> | undefined;
  const field = definitionOf(element.type).textFields[0];
  return editing && field ? { field, editing } : null;
}

/** A canvas click taken by a type before the tool (a folded tree's pill); whether one took it. */
export function typeClick(editor: Editor, point: { x: number; y: number }): boolean {
  return CANVAS_PARTS.some((util) => util.click?.(editor, point) ?? false);
}

/** After a move: each type's own follow-up (a stakeholder card's place becomes its score). */
export function afterMove(editor: Editor, ids: readonly string[]): void {
  for (const util of CANVAS_PARTS) util.afterMove?.(editor, ids);
}

/** A key on the board taken by a type (a selected tree node's keys); whether one took it. */
export function typeKey(editor: Editor, event: KeyboardEvent, onEdit: (id: string) => void): boolean {
  return CANVAS_PARTS.some((util) => util.keys?.handle?.(editor, event, onEdit) ?? false);
}

/** Whether Tab belongs to a type now instead of walking the board. */
export function typeOwnsTab(editor: Editor): boolean {
  return CANVAS_PARTS.some((util) => util.keys?.ownsTab?.(editor) ?? false);
}

/** Enter on one selected element, when its type takes it (a card opens its score beside the board). */
export function typeEnter(editor: Editor, element: Element): boolean {
  return (utilOf(element) as ElementUtil).keys?.enter?.(editor, element) ?? false;
}

/** Connecting two elements the way the first one's type links (tree nodes); whether it did. */
export function typeConnect(editor: Editor, from: Element, to: Element): boolean {
  return (utilOf(from) as ElementUtil).connect?.(editor, from, to) ?? false;
}
