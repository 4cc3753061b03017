import { z } from 'zod';
import { baseElementShape, colour, type ElementDefinition } from '../element-base';
import { LIMITS } from '../limits';
import { legacyToV1 } from '../legacy-migration';

/**
 * What a frame holds when a workshop method lives in it. Methods find their frames by this
 * field, never by title (titles are translated and renamed). SWOT and TOWS frames hold one
 * sub-frame per quadrant.
 */
export const FRAME_METHODS = [
  'stakeholders',
  'problemTree',
  'objectivesTree',
  'swot',
  'swot-s',
  'swot-w',
  'swot-o',
  'swot-t',
  'tows',
  'tows-so',
  'tows-st',
  'tows-wo',
  'tows-wt',
  'factors',
  'ideas',
] as const;
export type FrameMethod = (typeof FRAME_METHODS)[number];

const defaults = { w: 800, h: 600, title: '', fill: '#f8fafc', method: null };
const textFields = ['title'] as const;

/** A titled area that groups elements: a workshop method or phase lives in one. */
export const frameElement = {
  type: 'frame',
  version: 2,
  schema: z.object({
    ...baseElementShape,
    type: z.literal('frame'),
    title: z.string().max(LIMITS.maxTitleLength),
    fill: colour,
    /** The workshop method this frame holds, or null for a plain frame. */
    method: z.enum(FRAME_METHODS).nullable(),
  }),
  defaults,
  textFields,
  migrations: [
    legacyToV1(defaults, textFields),
    {
      to: 2,
      name: 'frames say which workshop method they hold',
      up(element) {
        if (!element.has('method')) element.set('method', null);
      },
    },
  ],
  placement: 'parents',
  votable: false,
} satisfies ElementDefinition<'frame'>;
