import { z } from 'zod';
import { LIMITS } from '../limits';
import { baseElementShape, colour, flatPoints, type ElementDefinition } from '../element-base';
import { legacyToV1 } from '../legacy-migration';

const defaults = { from: null, to: null, points: [], stroke: '#1f2937', strokeWidth: 2, arrowEnd: true };

/**
 * A line between two elements (or free points). While attached, its ends follow the
 * elements; `points` holds the bends, relative to x/y, and the loose ends when unattached.
 */
export const connectorElement = {
  type: 'connector',
  version: 1,
  schema: z.object({
    ...baseElementShape,
    type: z.literal('connector'),
    /** Id of the element the line starts at, or null for a loose end. */
    from: z.string().max(LIMITS.maxIdLength).nullable(),
    /** Id of the element the line ends at, or null for a loose end. */
    to: z.string().max(LIMITS.maxIdLength).nullable(),
    points: flatPoints,
    stroke: colour,
    strokeWidth: z.number().min(0).max(50),
    arrowEnd: z.boolean(),
  }),
  defaults,
  textFields: [],
  migrations: [legacyToV1(defaults, [])],
  placement: 'ends',
  votable: false,
} satisfies ElementDefinition<'connector'>;
