import { z } from 'zod';
import { baseElementShape, boundedText, colour, type ElementDefinition } from '../element-base';
import { legacyToV1 } from '../legacy-migration';

const defaults = { w: 200, h: 120, text: '', fill: '#ffffff', stroke: '#1f2937', strokeWidth: 2 };
const textFields = ['text'] as const;

function shapeSchema<T extends 'rect' | 'ellipse'>(type: T) {
  return z.object({
    ...baseElementShape,
    type: z.literal(type),
    /** A label written inside the shape. */
    text: boundedText,
    fill: colour,
    stroke: colour,
    strokeWidth: z.number().min(0).max(50),
  });
}

/** A rectangle with an optional label. */
export const rectElement = {
  type: 'rect',
  version: 1,
  schema: shapeSchema('rect'),
  defaults,
  textFields,
  migrations: [legacyToV1(defaults, textFields)],
} satisfies ElementDefinition<'rect'>;

/** An ellipse inscribed in its box, with an optional label. */
export const ellipseElement = {
  type: 'ellipse',
  version: 1,
  schema: shapeSchema('ellipse'),
  defaults,
  textFields,
  migrations: [legacyToV1(defaults, textFields)],
} satisfies ElementDefinition<'ellipse'>;
