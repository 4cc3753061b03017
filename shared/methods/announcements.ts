import type { ElementType } from '../schema/elements';
import { openRound, timerRemaining, type ControlState } from '../protocol/state';

/**
 * What the board's polite live region says: other people's changes, batched (one sentence
 * per person, kind of change, element type and frame), phase changes, vote rounds opening
 * and closing, and the timer's milestones. Pure: each announcement is an i18n key under
 * `a11y.live.` with its values; the view translates and speaks them.
 */

/** One i18n key with its values, spoken once. */
export interface Announcement {
  key: string;
  values: Record<string, string | number>;
}

/** One element changed by someone else, as observed in the document. */
export interface BoardChange {
  kind: 'added' | 'changed' | 'removed';
  type: ElementType;
  /** Who did it, when known (the creator of a new element). */
  by: string | null;
  /** The title of the frame it is in, if any. */
  frame: string | null;
}

/** Past this many sentences, the rest of a batch is summed up in one. */
export const MAX_SENTENCES = 3;

/**
 * One sentence per (kind, who, type, frame), in the order first seen, with a count; past
 * MAX_SENTENCES the rest become one "and N more changes". Element types stay keys
 * (`type`): the view names them in the interface language.
 */
export function announceBoardChanges(changes: readonly BoardChange[]): Announcement[] {
  const groups = new Map<string, { change: BoardChange; count: number }>();
  for (const change of changes) {
    const id = JSON.stringify([change.kind, change.by ?? '', change.type, change.frame ?? '']);
    const group = groups.get(id);
    if (group) group.count++;
    else groups.set(id, { change, count: 1 });
  }
  const all = [...groups.values()];
  const said = all.slice(0, MAX_SENTENCES).map(({ change, count }): Announcement => {
    const key = `${change.kind}${change.by ? 'By' : ''}${change.frame ? 'In' : ''}`;
    const values: Record<string, string | number> = { count, type: change.type };
    if (change.by) values.who = change.by;
    if (change.frame) values.frame = change.frame;
    return { key, values };
  });
  const rest = all.slice(MAX_SENTENCES).reduce((sum, g) => sum + g.count, 0);
  if (rest > 0) said.push({ key: 'more', values: { count: rest } });
  return said;
}

/** Time left at which the timer is announced (ms): five minutes, one minute. The end is announced too. */
export const TIMER_MILESTONES = [5 * 60_000, 60_000] as const;

/**
 * What changed in the facilitation state between two snapshots seen by this person: the
 * phase, a vote round opened or closed, the timer started, paused or reset. `prev` null
 * (the first state after joining) says nothing: it is no change.
 */
export function announceControlChanges(prev: ControlState | null, next: ControlState): Announcement[] {
  if (!prev) return [];
  const out: Announcement[] = [];
  if (next.currentPhase !== null && next.currentPhase !== prev.currentPhase) {
    const phase = next.agenda[next.currentPhase];
    if (phase) out.push({ key: 'phase', values: { title: phase.title, number: next.currentPhase + 1, total: next.agenda.length } });
  }
  const wasOpen = openRound(prev);
  const isOpen = openRound(next);
  if (wasOpen && wasOpen.id !== isOpen?.id) {
    const closed = next.rounds.find((r) => r.id === wasOpen.id);
    out.push({ key: 'voteClosed', values: { title: wasOpen.title, voters: closed?.voters ?? 0 } });
  }
  if (isOpen && isOpen.id !== wasOpen?.id) out.push({ key: 'voteOpened', values: { title: isOpen.title, count: isOpen.votesPerPerson } });
  if (next.timer.running && !prev.timer.running) out.push({ key: 'timerStarted', values: { count: Math.max(1, Math.ceil(next.timer.remainingMs / 60_000)) } });
  else if (!next.timer.running && prev.timer.running && next.timer.remainingMs > 0) out.push({ key: 'timerPaused', values: {} });
  return out;
}

/**
 * The milestone crossed between two readings of a running timer (server time `before` and
 * `now`), if any: "5 minutes left", "1 minute left", "time is up". The nearest one crossed
 * wins, so a late reading (a tab in the background) says only what is true now.
 */
export function timerMilestone(timer: ControlState['timer'], before: number, now: number): Announcement | null {
  if (!timer.running || now <= before) return null;
  const was = timerRemaining(timer, before);
  const is = timerRemaining(timer, now);
  if (was > 0 && is === 0) return { key: 'timerEnd', values: {} };
  for (const milestone of [...TIMER_MILESTONES].sort((a, b) => a - b)) {
    if (was > milestone && is <= milestone) return { key: 'timerLeft', values: { count: milestone / 60_000 } };
  }
  return null;
}
