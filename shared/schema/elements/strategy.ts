import { z } from 'zod';
import { baseElementShape, boundedText, colour, type ElementDefinition } from '../element-base';
import { LIMITS } from '../limits';
import { legacyToV1 } from '../legacy-migration';

const defaults = { w: 240, h: 160, text: '', color: '#ddd6fe', sources: [] };
const textFields = ['text'] as const;

/** A TOWS strategy: a note that says which SWOT items it combines (its cell frame says SO/ST/WO/WT). */
export const strategyElement = {
  type: 'strategy',
  version: 1,
  schema: z.object({
    ...baseElementShape,
    type: z.literal('strategy'),
    text: boundedText,
    color: colour,
    /** Ids of the SWOT notes this strategy combines. */
    sources: z.array(z.string().max(LIMITS.maxIdLength)).max(LIMITS.maxSources),
  }),
  defaults,
  textFields,
  migrations: [legacyToV1(defaults, textFields)],
} satisfies ElementDefinition<'strategy'>;
