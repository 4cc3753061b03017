import { z } from 'zod';
import { baseElementShape, colour, type ElementDefinition } from '../element-base';
import { LIMITS } from '../limits';
import { legacyToV1 } from '../legacy-migration';

const defaults = { w: 800, h: 600, title: '', fill: '#f8fafc' };
const textFields = ['title'] as const;

/** A titled area that groups elements: a workshop method or phase lives in one. */
export const frameElement = {
  type: 'frame',
  version: 1,
  schema: z.object({
    ...baseElementShape,
    type: z.literal('frame'),
    title: z.string().max(LIMITS.maxTitleLength),
    fill: colour,
  }),
  defaults,
  textFields,
  migrations: [legacyToV1(defaults, textFields)],
} satisfies ElementDefinition<'frame'>;
