import { z } from 'zod';
import { baseElementShape, boundedText, type ElementDefinition } from '../element-base';
import { LIMITS } from '../limits';
import { legacyToV1 } from '../legacy-migration';
import { IDEA_LIMITS } from './idea-limits';

/** Where the facilitator has put a resident's idea. */
export const IDEA_STATUSES = ['new', 'accepted', 'merged', 'rejected'] as const;
export type IdeaStatus = (typeof IDEA_STATUSES)[number];

export { IDEA_LIMITS };

const defaults = { w: 280, h: 200, title: '', description: '', place: '', status: 'new', mergedInto: null, submittedAt: 0 };
const textFields = ['title', 'description'] as const;

/**
 * A resident's idea card, submitted through the public form into the Ideas frame. The
 * submitter's contact is kept by the server for the facilitator, never in the document.
 */
export const ideaElement = {
  type: 'idea',
  version: 1,
  schema: z.object({
    ...baseElementShape,
    type: z.literal('idea'),
    title: z.string().max(IDEA_LIMITS.title),
    description: boundedText,
    place: z.string().max(LIMITS.maxLabelLength),
    status: z.enum(IDEA_STATUSES),
    /** The idea this one was merged into, when status is 'merged'. */
    mergedInto: z.string().max(LIMITS.maxIdLength).nullable(),
    /** When it was submitted (ms since epoch); 0 for cards made on the board. */
    submittedAt: z.number().int().min(0),
  }),
  defaults,
  textFields,
  migrations: [legacyToV1(defaults, textFields)],
} satisfies ElementDefinition<'idea'>;
