import { z } from 'zod';
import { baseElementShape, boundedText, colour, type ElementDefinition } from '../element-base';
import { LIMITS } from '../limits';
import { legacyToV1 } from '../legacy-migration';

/** A score on the stakeholder map's axes: 0 (none) to 10 (decisive). */
export const stakeholderScore = z.number().min(0).max(10);

/** One participant's blind score, kept on the card once the facilitator reveals. */
export const stakeholderRating = z.object({
  /** Display name of whoever scored. */
  by: z.string().max(LIMITS.maxLabelLength),
  influence: stakeholderScore,
  engagement: stakeholderScore,
});
export type StakeholderRating = z.infer<typeof stakeholderRating>;

const defaults = { w: 220, h: 110, name: '', group: '', notes: '', color: '#e0f2fe', influence: null, engagement: null, ratings: [] };
const textFields = ['name', 'notes'] as const;

/**
 * A stakeholder card on the influence/engagement map. Its agreed scores decide where it sits
 * in the map's frame; the ratings behind a reveal stay on the card for the report.
 */
export const stakeholderElement = {
  type: 'stakeholder',
  version: 1,
  schema: z.object({
    ...baseElementShape,
    type: z.literal('stakeholder'),
    name: z.string().max(LIMITS.maxTitleLength),
    /** Free label such as "city users" (użytkownicy miasta) or "service providers". */
    group: z.string().max(LIMITS.maxLabelLength),
    notes: boundedText,
    color: colour,
    /** Agreed influence (wpływ), 0–10; null until scored or placed. */
    influence: stakeholderScore.nullable(),
    /** Agreed engagement/interest (zaangażowanie), 0–10; null until scored or placed. */
    engagement: stakeholderScore.nullable(),
    /** Individual scores from the last reveal (empty before one). */
    ratings: z.array(stakeholderRating).max(LIMITS.maxRatings),
  }),
  defaults,
  textFields,
  migrations: [legacyToV1(defaults, textFields)],
} satisfies ElementDefinition<'stakeholder'>;
