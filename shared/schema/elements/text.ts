import { z } from 'zod';
import { baseElementShape, boundedText, colour, type ElementDefinition } from '../element-base';
import { legacyToV1 } from '../legacy-migration';

const defaults = { w: 240, h: 40, text: '', fontSize: 20, color: '#1f2937' };
const textFields = ['text'] as const;

/** Free text on the board. */
export const textElement = {
  type: 'text',
  version: 1,
  schema: z.object({
    ...baseElementShape,
    type: z.literal('text'),
    text: boundedText,
    fontSize: z.number().min(6).max(400),
    color: colour,
  }),
  defaults,
  textFields,
  migrations: [legacyToV1(defaults, textFields)],
} satisfies ElementDefinition<'text'>;
