import { createHash } from 'node:crypto';
import { z } from 'zod';
import { countRatings, type PendingRatings } from '../../shared/methods/ratings';
import { changedKeys, mergeHidden, recentTimes, type ChangeTimes, type HiddenState } from './hidden-merge';
import type { Ballots } from '../../shared/methods/voting';
import { initialControlState, type ControlState, type Drafts, type Person, type Role } from '../../shared/protocol/state';
import { countDrafts } from '../../shared/facilitation/drafts';
import type { Logger } from '../log';
import type { BoardStore } from '../storage/types';
import { keyed, keyedRecord, own, setOwn, withKey } from '../../shared/schema/records';
import { DraftWriter, loadDrafts, type DraftChange } from './draft-writer';
import type { IdeaResultEntry } from '../../shared/methods/idea-results';

/**
 * What is stored: the public state plus the ballots of an open round (never sent out).
 * Tables keyed by sessions or element ids are read with keyedRecord (records.ts): z.record
 * would drop a `__proto__` key and give a plain object whose inherited members read as entries.
 */
const storedSchema = z.object({
  state: z.record(z.string(), z.unknown()),
  ballots: keyedRecord(z.array(z.string())),
  ideas: z
    .object({
      formKey: z.string().nullable(),
      // Contacts once lived here (`contacts`); given without recorded consent, they are dropped on load (docs/privacy.md).
      /** The public results page: its key while published, and each idea's reply (shared/methods/idea-results.ts). */
      results: z
        .object({ key: z.string().nullable(), entries: keyedRecord(z.object({ published: z.boolean(), reply: z.string(), at: z.number() })) })
        .default(() => emptyResults()),
    })
    .default(() => ({ formKey: null, results: emptyResults() })),
  /** When the copy was made, and when each hidden piece last changed (for merging across processes). */
  at: z.number().optional(),
  changed: keyedRecord(z.number()).default(() => keyed<never>()),
  roster: keyedRecord(z.object({ name: z.string(), role: z.enum(['facilitator', 'participant', 'observer']), firstSeen: z.number() })).default(() => keyed<never>()),
  /** Blind scores not yet revealed (element → session → score). */
  ratings: keyedRecord(keyedRecord(z.object({ by: z.string(), values: z.record(z.string(), z.number()) }))).default(() => keyed<never>()),
});

/** The public state as stored; its counts are keyed by frame and element ids. */
function storedState(state: Record<string, unknown>): Partial<ControlState> {
  const counts = (value: unknown) => keyed(Object.entries(value && typeof value === 'object' ? (value as Record<string, number>) : {}));
  return { ...(state as Partial<ControlState>), draftCounts: counts(state.draftCounts), ratingCounts: counts(state.ratingCounts) };
}

/** How long a change can be in flight between processes (Redis) before a copy without it counts as newer. */
const RELAY_MARGIN_MS = 2_000;
/** How long change times are kept; far longer than any message takes between processes. */
const CHANGE_MEMORY_MS = 60_000;

/** Everyone who took part in the board's session, for the report (not only who is here now). */
export type Roster = Record<string, { name: string; role: Role; firstSeen: number }>;

/** A roster keeps at most this many people (the earliest), so reconnecting under new sessions cannot grow it forever. */
export const MAX_ROSTER = 1_000;

function capRoster(roster: Roster): Roster {
  const entries = Object.entries(roster);
  if (entries.length <= MAX_ROSTER) return roster;
  return keyed(entries.sort(([, a], [, b]) => a.firstSeen - b.firstSeen).slice(0, MAX_ROSTER));
}

/** The public results page of a board's ideas: its key while published (null: not published) and each idea's entry. */
export interface IdeaResultsData {
  key: string | null;
  entries: Record<string, IdeaResultEntry>;
}

export function emptyResults(): IdeaResultsData {
  return { key: null, entries: keyed<IdeaResultEntry>() };
}

/** The public idea form's key and the results page (residents' contacts are rows of their own: BoardStore.putIdeaContact). */
export interface IdeaInboxData {
  formKey: string | null;
  results: IdeaResultsData;
}

/**
 * What others see of a session: a one-way hash of it. A session id works like a password
 * (it carries the person's live role, votes, scores and hidden notes), so the id itself
 * never leaves its own tab; the presence list, role changes and removals use this instead.
 */
export function publicSessionId(sessionId: string): string {
  return createHash('sha256').update(`warsztat-session:${sessionId}`).digest('base64url').slice(0, 22);
}

/** A connected person's sockets are closed through this, whatever channel they came by. */
export interface SessionLink {
  /** 'facilitation' links are people in the presence list; 'sync' links only carry the board. */
  readonly kind: 'facilitation' | 'sync';
  close(reason: string): void;
}

interface PresentPerson {
  name: string;
  tokenRole: Role;
  handUp: boolean;
  links: Set<SessionLink>;
}

/**
 * The facilitation side of one board: state the facilitator controls, the ballots, who is
 * present and live role changes. Held by the board's Room, so it loads and unloads with it.
 */
export class BoardFacilitation {
  private readonly people = new Map<string, PresentPerson>();
  /** Live role changes, by session; they last while the board is loaded. */
  private readonly roleOverrides = new Map<string, Role>();
  /** Sessions removed by the facilitator; refused until the board unloads. */
  private readonly removed = new Set<string>();
  /** Token hashes of personal links revoked while loaded: a socket admitted just before is refused on arrival. */
  private readonly revokedTokens = new Set<string>();
  /** The personal link each present session came by (sessions of shared links are absent). */
  private readonly personalLinks = new Map<string, string>();
  private saving: Promise<void> = Promise.resolve();
  /** Blind scores not yet revealed; never sent to anyone but their author. */
  public ratings: PendingRatings = keyed();
  /** When this process (or a copy it merged) last changed each hidden piece (hidden-merge.ts). */
  private changedAt: ChangeTimes = keyed();
  private readonly listeners = new Set<(source: 'local' | 'remote' | 'merged') => void>();
  /** Hidden notes are stored (and relayed to other processes) by change, apart from the rest. */
  private readonly draftWriter: DraftWriter;

  private constructor(
    private readonly boardId: string,
    private readonly store: BoardStore,
    private readonly log: Logger,
    public state: ControlState,
    public ballots: Ballots,
    /** Hidden notes of private brainstorming, by author; never sent to anyone else. */
    public drafts: Drafts,
    /** Never broadcast: the form key is shown to facilitators, contacts are personal data. */
    public ideas: IdeaInboxData,
    /** Who has joined, by session, with their latest name and role. */
    public roster: Roster,
  ) {
    this.draftWriter = new DraftWriter(boardId, store);
  }

  static async load(boardId: string, store: BoardStore, log: Logger): Promise<BoardFacilitation> {
    const [json, drafts] = await Promise.all([store.loadControl(boardId), loadDrafts(boardId, store, log)]);
    let state = initialControlState();
    let ballots: Ballots = keyed();
    let ideas: IdeaInboxData = { formKey: null, results: emptyResults() };
    let roster: Roster = keyed();
    let ratings: PendingRatings = keyed();
    if (json) {
      try {
        const parsed = storedSchema.parse(JSON.parse(json));
        state = { ...state, ...storedState(parsed.state) };
        ballots = parsed.ballots;
        ideas = parsed.ideas;
        roster = parsed.roster;
        ratings = parsed.ratings;
      } catch (err) {
        log.error({ boardId, err }, 'stored facilitation state unreadable; starting fresh');
      }
    }
    // The counts follow from the notes, which are stored apart (and more often) than the state.
    state = { ...state, draftCounts: countDrafts(drafts) };
    const control = new BoardFacilitation(boardId, store, log, state, ballots, drafts, ideas, roster);
    control.ratings = ratings;
    return control;
  }

  /**
   * Replaces state, ballots and hidden notes; the state is saved in order, one write at a
   * time, the notes' `changes` by the draft writer. Resolves once both are durable; rejects
   * when the notes could not be stored.
   */
  commit(state: ControlState, ballots: Ballots, drafts: Drafts, persist: boolean, changes: readonly DraftChange[] = []): Promise<void> {
    this.track({ ballots, ratings: this.ratings });
    this.state = state;
    this.ballots = ballots;
    this.drafts = drafts;
    const notesStored = changes.length > 0 ? this.draftWriter.write(changes) : Promise.resolve();
    // Changes to hidden notes alone travel to other processes as their own deltas.
    if (persist || changes.length === 0) for (const listener of this.listeners) listener('local');
    const stateStored = persist ? this.save() : this.saving;
    return Promise.all([stateStored, notesStored]).then(() => undefined);
  }

  /** Replaces the idea inbox's private data and saves it. */
  commitIdeas(ideas: IdeaInboxData): Promise<void> {
    this.ideas = ideas;
    for (const listener of this.listeners) listener('local');
    return this.save();
  }

  private save(): Promise<void> {
    const json = this.serialise();
    this.saving = this.saving.then(() => this.store.saveControl(this.boardId, json)).catch((err) => this.log.error({ boardId: this.boardId, err }, 'facilitation state not saved'));
    return this.saving;
  }

  /** Replaces the blind scores (and the public state that counts them); saved like the rest. */
  commitRatings(ratings: PendingRatings, state: ControlState): Promise<void> {
    this.track({ ballots: this.ballots, ratings });
    this.ratings = ratings;
    return this.commit(state, this.ballots, this.drafts, true);
  }

  /** Notes which hidden pieces the next version changes, so a stale copy from elsewhere cannot undo them. */
  private track(next: HiddenState): void {
    const now = Date.now();
    const keys = changedKeys({ ballots: this.ballots, ratings: this.ratings }, next);
    if (keys.length === 0) return;
    this.changedAt = recentTimes(this.changedAt, now, CHANGE_MEMORY_MS);
    for (const key of keys) setOwn(this.changedAt, key, now);
  }

  /** The whole stored form, for storage and other processes. */
  serialise(): string {
    return JSON.stringify({
      state: this.state,
      ballots: this.ballots,
      ratings: this.ratings,
      ideas: this.ideas,
      roster: this.roster,
      at: Date.now(),
      changed: this.changedAt,
    });
  }

  /** Takes the state another process stored (it has saved it already). */
  applyRemote(json: string): void {
    const parsed = storedSchema.safeParse(JSON.parse(json));
    if (!parsed.success) return;
    // Counts of hidden notes follow from the notes here, which travel apart (applyRemoteDrafts).
    this.state = { ...initialControlState(), ...storedState(parsed.data.state), draftCounts: countDrafts(this.drafts) };
    // Hidden pieces merge one by one (hidden-merge.ts): a vote or score given here while the
    // copy was on its way must survive it.
    const { merged, times, keptLocal } = mergeHidden(
      { ballots: this.ballots, ratings: this.ratings },
      this.changedAt,
      { ballots: parsed.data.ballots, ratings: parsed.data.ratings },
      parsed.data.changed,
      parsed.data.at ?? 0,
      RELAY_MARGIN_MS,
    );
    this.ballots = merged.ballots;
    this.changedAt = recentTimes(times, Date.now(), CHANGE_MEMORY_MS);
    // The roster only ever grows (until pruned here): another process's copy may predate who
    // joined here meanwhile, so it is merged, not replaced. The results page is set by
    // facilitators' requests, each saved whole: the stored copy is the latest.
    this.ideas = { formKey: parsed.data.ideas.formKey ?? this.ideas.formKey, results: parsed.data.ideas.results };
    this.roster = capRoster(keyed([...Object.entries(this.roster), ...Object.entries(parsed.data.roster)]));
    this.ratings = merged.ratings;
    if (keptLocal) {
      // The public counts follow the merged scores.
      this.state = { ...this.state, ratingCounts: countRatings(this.ratings) };
    }
    for (const listener of this.listeners) listener('remote');
    if (keptLocal) {
      // The other copy lacked something of ours: store and send the merged state back, and
      // let this process's clients see the merged counts.
      for (const listener of this.listeners) listener('local');
      for (const listener of this.listeners) listener('merged');
      void this.save();
    }
  }

  /** Takes hidden notes another process stored (it relays them once durable, see DraftWriter). */
  applyRemoteDrafts(json: string): void {
    const drafts = this.draftWriter.applyRemote(json, this.drafts);
    if (drafts === this.drafts) return;
    this.drafts = drafts;
    this.state = { ...this.state, draftCounts: countDrafts(drafts) };
  }

  /** Called with each batch of hidden notes once stored, to relay to other processes. */
  onDraftsStored(listener: (json: string) => void): () => void {
    return this.draftWriter.onStored(listener);
  }

  /** Called after every state change (locks matter to the sync side). */
  onChange(listener: (source: 'local' | 'remote' | 'merged') => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  roleOf(sessionId: string | undefined, tokenRole: Role): Role {
    return (sessionId && this.roleOverrides.get(sessionId)) || tokenRole;
  }

  isRemoved(sessionId: string | undefined): boolean {
    return sessionId !== undefined && this.removed.has(sessionId);
  }

  revokeToken(tokenHash: string): void {
    this.revokedTokens.add(tokenHash);
  }

  isRevoked(tokenHash: string): boolean {
    return this.revokedTokens.has(tokenHash);
  }

  /** The id of the personal link a present session came by, if it came by one. */
  personalLinkOf(sessionId: string): string | undefined {
    return this.personalLinks.get(sessionId);
  }

  join(sessionId: string, name: string, tokenRole: Role, link: SessionLink, personalLinkId?: string): void {
    if (personalLinkId) this.personalLinks.set(sessionId, personalLinkId);
    const person = this.people.get(sessionId) ?? { name, tokenRole, handUp: false, links: new Set() };
    person.name = name || person.name;
    person.links.add(link);
    this.people.set(sessionId, person);
    if (link.kind === 'facilitation') this.enrol(sessionId, person.name, this.roleOf(sessionId, tokenRole));
  }

  /** Records a person in the roster; saved only when something about them changed. */
  private enrol(sessionId: string, name: string, role: Role): void {
    const known = own(this.roster, sessionId);
    if (!name || (known && known.name === name && known.role === role)) return;
    if (!known && Object.keys(this.roster).length >= MAX_ROSTER) return;
    this.roster = capRoster(withKey(this.roster, sessionId, { name, role, firstSeen: known?.firstSeen ?? Date.now() }));
    for (const listener of this.listeners) listener('local');
    void this.save();
  }

  /** Returns true when that was the person's last connection. */
  leave(sessionId: string, link: SessionLink): boolean {
    const person = this.people.get(sessionId);
    if (!person) return false;
    person.links.delete(link);
    if (person.links.size > 0) return false;
    this.people.delete(sessionId);
    this.personalLinks.delete(sessionId);
    return true;
  }

  setHand(sessionId: string, up: boolean): void {
    const person = this.people.get(sessionId);
    if (person) person.handUp = up;
  }

  setRole(sessionId: string, role: Role): boolean {
    const person = this.people.get(sessionId);
    if (!person) return false;
    this.roleOverrides.set(sessionId, role);
    this.enrol(sessionId, person.name, role);
    return true;
  }

  /** Closes every connection of a session and keeps it out while the board is loaded. */
  remove(sessionId: string, reason: string): boolean {
    const person = this.people.get(sessionId);
    this.removed.add(sessionId);
    if (!person) return false;
    for (const link of [...person.links]) link.close(reason);
    return true;
  }

  peopleList(): Person[] {
    return [...this.people]
      .filter(([, p]) => [...p.links].some((link) => link.kind === 'facilitation'))
      .map(([sessionId, p]) => ({
        sessionId: publicSessionId(sessionId),
        name: p.name,
        role: this.roleOf(sessionId, p.tokenRole),
        handUp: p.handUp,
        arrivedBy: this.personalLinks.has(sessionId) ? ('personal' as const) : ('shared' as const),
        linkRole: p.tokenRole,
      }));
  }

  /** Everyone who took part, for reports: those here now with their live roles, then the rest of the roster. */
  participants(): { name: string; role: Role }[] {
    const present = this.peopleList();
    const here = new Set(present.map((p) => p.sessionId));
    // peopleList() speaks public ids; the roster is keyed by session.
    const earlier = Object.entries(this.roster)
      .filter(([sessionId]) => !here.has(publicSessionId(sessionId)))
      .sort(([, a], [, b]) => a.firstSeen - b.firstSeen)
      .map(([, p]) => ({ name: p.name, role: p.role }));
    return [...present.map((p) => ({ name: p.name, role: p.role })), ...earlier];
  }

  /** The session behind a public id, among the people present. */
  sessionOf(publicId: string): string | undefined {
    for (const sessionId of this.people.keys()) if (publicSessionId(sessionId) === publicId) return sessionId;
    return undefined;
  }

  nameOf(sessionId: string): string {
    return this.people.get(sessionId)?.name ?? '';
  }

  /** Resolves once every change so far is stored. */
  async flush(): Promise<void> {
    await Promise.all([this.saving, this.draftWriter.settled()]);
  }
}
