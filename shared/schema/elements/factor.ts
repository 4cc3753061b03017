import { z } from 'zod';
import { baseElementShape, boundedText, type ElementDefinition } from '../element-base';
import { LIMITS } from '../limits';
import { legacyToV1 } from '../legacy-migration';

/** A factor rating: 1 (low) to 5 (high). */
export const factorScore = z.number().min(1).max(5);

/** One participant's rating of a factor, kept once the facilitator reveals. */
export const factorRating = z.object({
  by: z.string().max(LIMITS.maxLabelLength),
  /** How much the factor matters for the town's development. */
  importance: factorScore,
  /** How good its current state is. */
  state: factorScore,
});
export type FactorRating = z.infer<typeof factorRating>;

const defaults = { w: 360, h: 80, text: '', importance: null, state: null, ratings: [] };
const textFields = ['text'] as const;

/** A key development factor (kluczowy czynnik rozwoju), rated by every participant. */
export const factorElement = {
  type: 'factor',
  version: 1,
  schema: z.object({
    ...baseElementShape,
    type: z.literal('factor'),
    text: boundedText,
    /** Mean importance after the last reveal, 1–5; null before one. */
    importance: factorScore.nullable(),
    /** Mean current state after the last reveal, 1–5; null before one. */
    state: factorScore.nullable(),
    ratings: z.array(factorRating).max(LIMITS.maxRatings),
  }),
  defaults,
  textFields,
  migrations: [legacyToV1(defaults, textFields)],
} satisfies ElementDefinition<'factor'>;
