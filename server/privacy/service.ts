import { consentWording, informationClause, type ClauseSection, type ClauseSettings } from '../../shared/privacy/clause';
import { contactExpired, DEFAULT_CONTACT_RETENTION_DAYS, sameContact, type DataSubject } from '../../shared/privacy/rules';
import { elementsOf, type Locale } from '../../shared/schema/doc';
import type { Logger } from '../log';
import type { BoardStore, IdeaContactRecord, PrivacyAuditRecord } from '../storage/types';
import type { RoomRegistry } from '../sync/rooms';

/** What is found of one resident on a board: their contacts, each with its idea's title. */
export interface ResidentFindings {
  kind: 'resident';
  contacts: (Omit<IdeaContactRecord, 'boardId'> & { ideaTitle: string | null })[];
}

/**
 * Residents' personal data on a board (docs/privacy.md): the information clause, each board's
 * contact retention and its sweep, search, export and erasure of one person's contacts, and
 * the audit log of all of it. The audit log never holds the data itself.
 */
export class PrivacyService {
  constructor(
    private readonly store: BoardStore,
    private readonly rooms: RoomRegistry,
    private readonly settings: ClauseSettings,
    private readonly log: Logger,
  ) {}

  async retentionDays(boardId: string): Promise<number> {
    return (await this.store.getContactRetention(boardId)) ?? DEFAULT_CONTACT_RETENTION_DAYS;
  }

  /** The clause and the consent wording a board's residents are shown. */
  async notice(boardId: string, locale: Locale): Promise<{ clause: ClauseSection[]; consent: string; retentionDays: number }> {
    const days = await this.retentionDays(boardId);
    return { clause: informationClause(locale, this.settings, days), consent: consentWording(locale, days), retentionDays: days };
  }

  /** The notice in both languages, for the form whose reader may switch its language. */
  async notices(boardId: string): Promise<Record<Locale, Awaited<ReturnType<PrivacyService['notice']>>>> {
    return { pl: await this.notice(boardId, 'pl'), en: await this.notice(boardId, 'en') };
  }

  /** The consent wording at the moment of a submission (what is stored with the contact). */
  async wordingFor(boardId: string): Promise<(locale: Locale) => string> {
    const days = await this.retentionDays(boardId);
    return (locale) => consentWording(locale, days);
  }

  async setRetention(boardId: string, days: number, actor: string, now = Date.now()): Promise<void> {
    await this.store.setContactRetention(boardId, days);
    await this.audit(boardId, actor, 'retention-set', `${days} days`, now);
    // A shorter period applies at once, not at the next sweep.
    await this.sweep(now);
  }

  /**
   * Deletes every contact past its board's retention, on every board; returns how many.
   * Contacts are only ever in their own rows (never in the board's document, its versions
   * or its backups), so deleting the rows deletes them everywhere the server keeps them.
   */
  async sweep(now = Date.now()): Promise<number> {
    const expired = (await this.store.listIdeaContacts()).filter((c) => contactExpired(c.consentAt, c.retentionDays, now));
    const byBoard = new Map<string, string[]>();
    for (const c of expired) byBoard.set(c.boardId, [...(byBoard.get(c.boardId) ?? []), c.ideaId]);
    let deleted = 0;
    for (const [boardId, ideaIds] of byBoard) {
      const n = await this.store.deleteIdeaContacts(boardId, ideaIds);
      deleted += n;
      if (n > 0) await this.audit(boardId, 'retention', 'contacts-expired', `${n} contact(s) past retention deleted`, now);
    }
    if (deleted > 0) this.log.info({ deleted }, 'expired residents contacts deleted');
    return deleted;
  }

  /** Runs the sweep every `everyMs`; returns the stop function. A failing sweep is logged and retried next time. */
  schedule(everyMs: number, clock: () => number = Date.now): () => void {
    const run = () => void this.sweep(clock()).catch((err: unknown) => this.log.error({ err }, 'retention sweep failed'));
    run();
    const timer = setInterval(run, everyMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  private async titles(boardId: string): Promise<Map<string, string>> {
    return this.rooms.withRoom(boardId, (room) => {
      const titles = new Map<string, string>();
      for (const [id, element] of elementsOf(room.doc)) if (element.get('type') === 'idea') titles.set(id, String(element.get('title') ?? ''));
      return titles;
    });
  }

  /** Everything kept of one resident (by the contact they left) on a board. */
  async search(boardId: string, subject: Extract<DataSubject, { kind: 'resident' }>): Promise<ResidentFindings> {
    const mine = (await this.store.listIdeaContacts(boardId)).filter((c) => sameContact(c.contact, subject.contact));
    const titles = mine.length ? await this.titles(boardId) : new Map<string, string>();
    return {
      kind: 'resident',
      contacts: mine.map(({ boardId: _b, retentionDays: _r, ...c }) => ({ ...c, ideaTitle: titles.get(c.ideaId) ?? null })),
    };
  }

  /** The same as search, logged as an export (the facilitator hands it to the person). */
  async export(boardId: string, subject: Extract<DataSubject, { kind: 'resident' }>, actor: string, now = Date.now()): Promise<ResidentFindings & { boardId: string; exportedAt: string }> {
    const found = await this.search(boardId, subject);
    await this.audit(boardId, actor, 'export', `resident: ${found.contacts.length} contact(s)`, now);
    return { boardId, exportedAt: new Date(now).toISOString(), ...found };
  }

  /** Deletes a resident's contacts for good; returns how many. Their ideas stay, anonymous. */
  async erase(boardId: string, subject: Extract<DataSubject, { kind: 'resident' }>, actor: string, now = Date.now()): Promise<number> {
    const mine = (await this.store.listIdeaContacts(boardId)).filter((c) => sameContact(c.contact, subject.contact));
    const n = await this.store.deleteIdeaContacts(boardId, mine.map((c) => c.ideaId));
    await this.audit(boardId, actor, 'erase', `resident: ${n} contact(s) of idea(s) ${mine.map((c) => c.ideaId).join(', ') || '–'}`, now);
    return n;
  }

  audit(boardId: string, actor: string, action: string, detail: string, now = Date.now()): Promise<void> {
    return this.store.appendPrivacyAudit({ boardId, at: now, actor, action, detail });
  }

  auditLog(boardId: string): Promise<PrivacyAuditRecord[]> {
    return this.store.listPrivacyAudit(boardId);
  }
}
