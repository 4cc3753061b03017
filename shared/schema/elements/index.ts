import { z } from 'zod';
import type { ElementDefinition } from '../element-base';
import { connectorElement } from './connector';
import { frameElement } from './frame';
import { noteElement } from './note';
import { ellipseElement, rectElement } from './shapes';
import { strokeElement } from './stroke';
import { textElement } from './text';

export { NOTE_COLOURS } from './note';

/** Every element type, keyed by its `type` field. */
export const ELEMENT_DEFINITIONS = {
  note: noteElement,
  text: textElement,
  rect: rectElement,
  ellipse: ellipseElement,
  connector: connectorElement,
  stroke: strokeElement,
  frame: frameElement,
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
