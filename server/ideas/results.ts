import { randomBytes, timingSafeEqual } from 'node:crypto';
import { publicIdeaResults, type IdeaCardFacts, type IdeaResultEntry, type IdeaResultInput, type PublicIdeaResult } from '../../shared/methods/idea-results';
import { IDEA_STATUSES, type IdeaStatus } from '../../shared/schema/elements/idea';
import { elementsOf, readMeta, type Locale } from '../../shared/schema/doc';
import { keyed } from '../../shared/schema/records';
import type { BoardStore } from '../storage/types';
import type { RoomRegistry } from '../sync/rooms';

function sameKey(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The facts of every idea card on a board, read straight from the document. */
function ideaCards(doc: Parameters<typeof elementsOf>[0]): IdeaCardFacts[] {
  const cards: IdeaCardFacts[] = [];
  for (const [id, element] of elementsOf(doc)) {
    if (element.get('type') !== 'idea') continue;
    const status = element.get('status');
    const mergedInto = element.get('mergedInto');
    const title = element.get('title');
    cards.push({
      id,
      title: typeof title === 'string' ? title : String(title ?? ''),
      status: IDEA_STATUSES.includes(status as IdeaStatus) ? (status as IdeaStatus) : 'new',
      mergedInto: typeof mergedInto === 'string' ? mergedInto : null,
    });
  }
  return cards;
}

/** What the facilitator sees of the results page. */
export interface ResultsOverview {
  key: string | null;
  entries: Record<string, IdeaResultEntry>;
}

/** What the public page is made of. */
export interface PublicResultsPage {
  title: string;
  locale: Locale;
  results: PublicIdeaResult[];
}

/**
 * The public results page of a board's ideas (docs/api.md): the facilitator's reply per
 * idea, and publishing under a key of its own. Unpublishing forgets the key, so the old
 * link answers 404 at once, and a new publication gets a new link.
 */
export class IdeaResults {
  constructor(
    private readonly store: BoardStore,
    private readonly rooms: RoomRegistry,
  ) {}

  overview(boardId: string): Promise<ResultsOverview> {
    return this.rooms.withRoom(boardId, async (room) => ({ ...room.facilitation.ideas.results }));
  }

  /** Sets one idea's entry; false when the board has no such idea card. */
  setEntry(boardId: string, ideaId: string, input: IdeaResultInput, now = Date.now()): Promise<boolean> {
    return this.rooms.withRoom(boardId, async (room) => {
      if (elementsOf(room.doc).get(ideaId)?.get('type') !== 'idea') return false;
      const ideas = room.facilitation.ideas;
      const entries = keyed([...Object.entries(ideas.results.entries), [ideaId, { ...input, at: now }]]);
      await room.facilitation.commitIdeas({ ...ideas, results: { ...ideas.results, entries } });
      return true;
    });
  }

  /** Publishes the page (keeping its key when already published); returns the key. */
  publish(boardId: string): Promise<string> {
    return this.rooms.withRoom(boardId, async (room) => {
      const ideas = room.facilitation.ideas;
      if (ideas.results.key) return ideas.results.key;
      const key = randomBytes(18).toString('base64url');
      await room.facilitation.commitIdeas({ ...ideas, results: { ...ideas.results, key } });
      return key;
    });
  }

  /** Takes the page down; resolves once that is durable. */
  unpublish(boardId: string): Promise<void> {
    return this.rooms.withRoom(boardId, async (room) => {
      const ideas = room.facilitation.ideas;
      await room.facilitation.commitIdeas({ ...ideas, results: { ...ideas.results, key: null } });
    });
  }

  /** The public page for `key`, or null when the board has none published under it. */
  async page(boardId: string, key: string): Promise<PublicResultsPage | null> {
    if (!(await this.store.getBoard(boardId))) return null;
    return this.rooms.withRoom(boardId, async (room) => {
      const { results } = room.facilitation.ideas;
      if (!results.key || !sameKey(results.key, key)) return null;
      const meta = readMeta(room.doc);
      return { title: meta.title, locale: meta.locale, results: publicIdeaResults(ideaCards(room.doc), results.entries) };
    });
  }
}
