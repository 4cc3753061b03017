import { z } from 'zod';
import type { IdeaStatus } from '../schema/elements/idea';

/** The longest public reply the facilitator can write to one idea. */
export const MAX_PUBLIC_REPLY = 2_000;

/** What the facilitator sets for one idea on the results page (docs/api.md, results page). */
export const ideaResultSchema = z
  .object({
    /** Whether the idea appears on the public page at all. */
    published: z.boolean(),
    reply: z
      .string()
      .transform((s) => s.replace(/\r\n?/g, '\n').trim())
      .pipe(z.string().max(MAX_PUBLIC_REPLY))
      .default(''),
  })
  .strict();
export type IdeaResultInput = z.infer<typeof ideaResultSchema>;

/** One idea's entry as stored beside the board: its public reply and when it was decided. */
export interface IdeaResultEntry {
  published: boolean;
  reply: string;
  /** When the facilitator last changed it (ms since epoch): the date shown. */
  at: number;
}

/** What the results page reads of an idea card (never its place, description or contact). */
export interface IdeaCardFacts {
  id: string;
  title: string;
  status: IdeaStatus;
  mergedInto: string | null;
}

/** A decided status: only these reach the public page. */
export type PublicStatus = Exclude<IdeaStatus, 'new'>;

/** One line of the public results page. */
export interface PublicIdeaResult {
  title: string;
  status: PublicStatus;
  /** The title of the idea it was merged into, only when that idea is itself on the page. */
  mergedIntoTitle: string | null;
  reply: string;
  at: number;
}

/**
 * What the public results page shows: the ideas the facilitator published that have a
 * decision (accepted, merged, rejected), with the title, status, reply and date, and nothing
 * else of the card. A merged idea names its target only when the target is itself published,
 * so an unpublished idea's title never leaks through a merge. Newest decisions first.
 */
export function publicIdeaResults(cards: readonly IdeaCardFacts[], entries: Readonly<Record<string, IdeaResultEntry>>): PublicIdeaResult[] {
  const entryOf = (id: string) => (Object.hasOwn(entries, id) ? entries[id] : undefined);
  const shown = cards.filter((card) => card.status !== 'new' && entryOf(card.id)?.published === true);
  const titles = new Map(shown.map((card) => [card.id, card.title]));
  return shown
    .map((card) => {
      const entry = entryOf(card.id)!;
      const mergedIntoTitle = card.status === 'merged' && card.mergedInto !== null ? (titles.get(card.mergedInto) ?? null) : null;
      return { title: card.title, status: card.status as PublicStatus, mergedIntoTitle, reply: entry.reply, at: entry.at };
    })
    .sort((a, b) => b.at - a.at || a.title.localeCompare(b.title));
}
