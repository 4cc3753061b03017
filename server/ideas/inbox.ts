import { randomBytes, timingSafeEqual } from 'node:crypto';
import { addIdeaToInbox, type IdeaSubmission } from '../../shared/methods/ideas';
import { elementsOf, readMeta, type Locale } from '../../shared/schema/doc';
import { TEMPLATE_LABELS } from '../../shared/templates/labels';
import type { BoardStore, IdeaContactRecord } from '../storage/types';
import { keyed } from '../../shared/schema/records';
import type { RoomRegistry } from '../sync/rooms';

/** Above this share of MAX_DOC_BYTES the public form takes no more ideas; the rest is the workshop's. */
const INBOX_SHARE_OF_LIMIT = 0.8;

/** The board is too full to take more ideas from the public form. */
export class InboxFullError extends Error {
  constructor() {
    super('this workshop takes no more ideas: its board is full');
  }
}

/** The origin of the server's own edits to a board (relayed and stored like anyone's). */
const IDEA_ORIGIN = 'server:ideas';

function sameKey(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The residents' idea inbox of each board: the public form's key, submissions landing on the
 * board as idea cards, and the contacts they left, which only facilitators can read.
 */
export class IdeaInbox {
  constructor(
    private readonly store: BoardStore,
    private readonly rooms: RoomRegistry,
    private readonly maxDocBytes: number,
  ) {}

  /** The form key of a board, made on first use. */
  formKey(boardId: string): Promise<string> {
    return this.rooms.withRoom(boardId, async (room) => {
      const current = room.facilitation.ideas;
      if (current.formKey) return current.formKey;
      const formKey = randomBytes(18).toString('base64url');
      await room.facilitation.commitIdeas({ ...current, formKey });
      return formKey;
    });
  }

  /** A new key: the old form link stops working. */
  rotateFormKey(boardId: string): Promise<string> {
    return this.rooms.withRoom(boardId, async (room) => {
      const formKey = randomBytes(18).toString('base64url');
      await room.facilitation.commitIdeas({ ...room.facilitation.ideas, formKey });
      return formKey;
    });
  }

  /** Whether `key` opens the form of `boardId`; reads storage when the board is not loaded. */
  async checkKey(boardId: string, key: string): Promise<boolean> {
    const loaded = this.rooms.peek(boardId);
    let formKey = loaded?.facilitation.ideas.formKey ?? null;
    if (!loaded) {
      const json = await this.store.loadControl(boardId);
      try {
        formKey = json ? ((JSON.parse(json) as { ideas?: { formKey?: string | null } }).ideas?.formKey ?? null) : null;
      } catch {
        formKey = null;
      }
    }
    return formKey !== null && sameKey(formKey, key);
  }

  /**
   * Puts the idea on the board; resolves once it is durable. The contact is kept only with
   * consent, together with the consent's wording (in the language the resident read it in) and time; a
   * contact sent without consent is dropped. Returns the card's id (null for a wrong key)
   * and whether the contact was kept.
   */
  submit(boardId: string, key: string, idea: IdeaSubmission, consent: { wording: (locale: Locale) => string }, now = Date.now()): Promise<{ id: string; contactKept: boolean } | null> {
    return this.rooms.withRoom(boardId, async (room) => {
      const { formKey } = room.facilitation.ideas;
      if (!formKey || !sameKey(formKey, key)) return null;
      // Anonymous submissions must never fill a board up to its limit and lock the workshop out.
      if (room.storedBytes > this.maxDocBytes * INBOX_SHARE_OF_LIMIT) throw new InboxFullError();
      const locale = readMeta(room.doc).locale;
      const ideaId = addIdeaToInbox(room.doc, idea, { frameTitle: TEMPLATE_LABELS[locale].ideas, now, origin: IDEA_ORIGIN });
      const keep = Boolean(idea.contact) && idea.consent;
      const saving = keep ? this.store.putIdeaContact({ boardId, ideaId, contact: idea.contact, consentText: consent.wording(idea.language ?? locale), consentAt: now }) : Promise.resolve(false);
      await Promise.all([room.whenDurable(), saving]);
      return { id: ideaId, contactKept: keep };
    });
  }

  /**
   * Contacts left with ideas, by idea id (facilitators only). A contact is personal data
   * kept for its idea alone: once the card is gone from the board, its contact goes too.
   */
  contacts(boardId: string): Promise<Record<string, IdeaContactRecord>> {
    return this.rooms.withRoom(boardId, async (room) => {
      const elements = elementsOf(room.doc);
      const all = await this.store.listIdeaContacts(boardId);
      const orphans = all.filter((c) => elements.get(c.ideaId)?.get('type') !== 'idea').map((c) => c.ideaId);
      if (orphans.length > 0) await this.store.deleteIdeaContacts(boardId, orphans);
      return keyed(all.filter((c) => !orphans.includes(c.ideaId)).map(({ retentionDays: _r, ...c }) => [c.ideaId, c]));
    });
  }
}
