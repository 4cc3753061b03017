import { z } from 'zod';
import { baseElementShape, colour, flatPoints, type ElementDefinition } from '../element-base';
import { legacyToV1 } from '../legacy-migration';

const defaults = { points: [], stroke: '#1f2937', strokeWidth: 3 };

/** A freehand pen stroke; points are relative to x/y. */
export const strokeElement = {
  type: 'stroke',
  version: 1,
  schema: z.object({
    ...baseElementShape,
    type: z.literal('stroke'),
    points: flatPoints,
    stroke: colour,
    strokeWidth: z.number().min(0.5).max(100),
  }),
  defaults,
  textFields: [],
  migrations: [legacyToV1(defaults, [])],
  votable: false,
} satisfies ElementDefinition<'stroke'>;
