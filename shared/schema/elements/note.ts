import { z } from 'zod';
import { baseElementShape, boundedText, colour, type ElementDefinition } from '../element-base';
import { legacyToV1 } from '../legacy-migration';

/** Sticky-note colours offered by the palette (any #rrggbb is valid). */
export const NOTE_COLOURS = ['#fde68a', '#fca5a5', '#86efac', '#93c5fd', '#c4b5fd', '#fdba74', '#f9a8d4', '#e5e7eb'] as const;

const defaults = { w: 200, h: 200, text: '', color: NOTE_COLOURS[0] };
const textFields = ['text'] as const;

/** A sticky note: the workshop's basic unit of thought. */
export const noteElement = {
  type: 'note',
  version: 1,
  schema: z.object({ ...baseElementShape, type: z.literal('note'), text: boundedText, color: colour }),
  defaults,
  textFields,
  migrations: [legacyToV1(defaults, textFields)],
} satisfies ElementDefinition<'note'>;
