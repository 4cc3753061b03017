import { z } from 'zod';
import type { ElementDefinition } from '../element-base';
import { LIMITS } from '../limits';
import { connectorElement } from './connector';
import { factorElement } from './factor';
import { frameElement } from './frame';
import { ideaElement } from './idea';
import { noteElement } from './note';
import { ellipseElement, rectElement } from './shapes';
import { stakeholderElement } from './stakeholder';
import { strategyElement } from './strategy';
import { strokeElement } from './stroke';
import { textElement } from './text';
import { treeNodeElement } from './tree-node';

export { NOTE_COLOURS } from './note';
export { FRAME_METHODS, type FrameMethod } from './frame';
export { stakeholderScore, stakeholderRating, type StakeholderRating } from './stakeholder';
export { factorScore, factorRating, type FactorRating } from './factor';
export { TREE_KINDS, TREE_NODE_ROLES, type TreeKind, type TreeNodeRole } from './tree-node';
export { IDEA_STATUSES, IDEA_LIMITS, type IdeaStatus } from './idea';

/** Every element type, keyed by its `type` field. */
export const ELEMENT_DEFINITIONS = {
  note: noteElement,
  text: textElement,
  rect: rectElement,
  ellipse: ellipseElement,
  connector: connectorElement,
  stroke: strokeElement,
  frame: frameElement,
  stakeholder: stakeholderElement,
  factor: factorElement,
  treeNode: treeNodeElement,
  strategy: strategyElement,
  idea: ideaElement,
} as const;

export type ElementType = keyof typeof ELEMENT_DEFINITIONS;
export const ELEMENT_TYPES = Object.keys(ELEMENT_DEFINITIONS) as ElementType[];

/** Validator of any element's plain form, discriminated by `type`. */
export const elementSchema = z.discriminatedUnion('type', [
  noteElement.schema,
  textElement.schema,
  rectElement.schema,
  ellipseElement.schema,
  connectorElement.schema,
  strokeElement.schema,
  frameElement.schema,
  stakeholderElement.schema,
  factorElement.schema,
  treeNodeElement.schema,
  strategyElement.schema,
  ideaElement.schema,
]);

/** An element as plain data (text fields as strings). */
export type Element = z.infer<typeof elementSchema>;
export type ElementOf<T extends ElementType> = Extract<Element, { type: T }>;

export function isElementType(value: unknown): value is ElementType {
  return typeof value === 'string' && Object.hasOwn(ELEMENT_DEFINITIONS, value);
}

export function definitionOf(type: ElementType): ElementDefinition {
  return ELEMENT_DEFINITIONS[type];
}

/** Whether the area rules and frame membership judge elements of this type by their box (not frames, not connectors). */
export function placedByBox(type: string): boolean {
  return !isElementType(type) || ((ELEMENT_DEFINITIONS[type] as ElementDefinition).placement ?? 'box') === 'box';
}

/** Whether elements of this type take votes (not frames, connectors or strokes). */
export function isVotableType(type: string): boolean {
  return !isElementType(type) || ((ELEMENT_DEFINITIONS[type] as ElementDefinition).votable ?? true);
}

/** Longest text a field of an element type accepts (characters), read from its validator. */
export function textFieldLimit(type: ElementType, field: string): number {
  const shape = ELEMENT_DEFINITIONS[type].schema.shape as Record<string, { maxLength?: number | null } | undefined>;
  return shape[field]?.maxLength ?? LIMITS.maxTextLength;
}

/**
 * Fields only a facilitator may change on an existing element: decisions and results, not
 * content. The server reverts a participant's update that changes one (server/sync/lock-guard).
 */
export const FACILITATOR_FIELDS: Partial<Record<ElementType, readonly string[]>> = {
  idea: ['status', 'mergedInto'],
  // A stakeholder card's place on the map is its agreed score, so it is the facilitator's too.
  stakeholder: ['influence', 'engagement', 'ratings', 'x', 'y', 'w', 'h', 'parentId'],
  factor: ['importance', 'state', 'ratings'],
};

/** Facilitator-only fields that whoever creates an element still chooses (where a new card goes). */
export const SET_BY_CREATOR: ReadonlySet<string> = new Set(['x', 'y', 'w', 'h', 'parentId']);

/** Every field name that is facilitator-only on some type (a cheap pre-check for updates). */
export const FACILITATOR_FIELD_NAMES: readonly string[] = [...new Set(Object.values(FACILITATOR_FIELDS).flat())];
