import type { PendingRatings } from '../../shared/methods/ratings';
import type { Ballots } from '../../shared/methods/voting';
import { keyed, own, setOwn, withKey } from '../../shared/schema/records';

/**
 * The facilitation state only the server sees, in pieces owned by one person each. Hidden
 * notes are not among them: they are stored and relayed note by note (draft-writer.ts).
 */
export interface HiddenState {
  ballots: Ballots;
  ratings: PendingRatings;
}

/** When each piece was last changed (ms since the epoch), by key. */
export type ChangeTimes = Record<string, number>;

const SEP = '\u0000';
// The reducer hands back the very same objects for what a command left alone, so most comparisons end at `===`.
const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/** Keys of the pieces that differ: a voter's ballot, one person's score of one card. */
export function changedKeys(before: HiddenState, after: HiddenState): string[] {
  const keys: string[] = [];
  if (before.ballots !== after.ballots) for (const voter of new Set([...Object.keys(before.ballots), ...Object.keys(after.ballots)])) {
    if (!same(own(before.ballots, voter), own(after.ballots, voter))) keys.push(`b${SEP}${voter}`);
  }
  if (before.ratings !== after.ratings) for (const element of new Set([...Object.keys(before.ratings), ...Object.keys(after.ratings)])) {
    const was = own(before.ratings, element) ?? {};
    const is = own(after.ratings, element) ?? {};
    for (const session of new Set([...Object.keys(was), ...Object.keys(is)])) {
      if (!same(own(was, session), own(is, session))) keys.push(`r${SEP}${element}${SEP}${session}`);
    }
  }
  return keys;
}

function read(state: HiddenState, key: string): unknown {
  const [kind, a = '', b = ''] = key.split(SEP);
  if (kind === 'b') return own(state.ballots, a);
  return own(own(state.ratings, a), b);
}

function write(state: HiddenState, key: string, value: unknown): void {
  const [kind, a = '', b = ''] = key.split(SEP);
  const table = state.ballots as Record<string, unknown>;
  if (kind === 'b') {
    if (value === undefined) delete table[a];
    else setOwn(table, a, value);
    return;
  }
  const cards = state.ratings;
  const card = own(cards, a);
  if (value === undefined) {
    if (card) {
      delete card[b];
      if (Object.keys(card).length === 0) delete cards[a];
    }
  } else setOwn(cards, a, withKey(card ?? {}, b, value as PendingRatings[string][string]));
}

/**
 * Merges another process's copy into ours, piece by piece: the later change wins, and a
 * change made here that the other copy cannot have seen yet (it is younger than the copy,
 * less the time a message takes between processes) is kept. Two people voting or scoring
 * on different processes at the same moment thus both count, where taking the whole copy
 * would drop one of them.
 */
export function mergeHidden(
  local: HiddenState,
  localTimes: ChangeTimes,
  remote: HiddenState,
  remoteTimes: ChangeTimes,
  remoteAt: number,
  relayMarginMs: number,
): { merged: HiddenState; times: ChangeTimes; keptLocal: boolean } {
  // structuredClone gives plain objects: the tables keyed by clients' ids lose their null prototype.
  const copy = structuredClone(remote);
  const merged: HiddenState = { ballots: keyed(Object.entries(copy.ballots)), ratings: keyed(Object.entries(copy.ratings).map(([id, card]) => [id, keyed(Object.entries(card))])) };
  const times: ChangeTimes = keyed(Object.entries(remoteTimes));
  let keptLocal = false;
  for (const [key, localTime] of Object.entries(localTimes)) {
    const remoteTime = own(remoteTimes, key);
    const keep = remoteTime === undefined ? localTime > remoteAt - relayMarginMs : localTime > remoteTime;
    if (!keep) continue;
    setOwn(times, key, localTime);
    const value = read(local, key);
    if (same(value, read(remote, key))) continue;
    write(merged, key, structuredClone(value));
    keptLocal = true;
  }
  return { merged, times, keptLocal };
}

/** Change times younger than `maxAgeMs`: older ones can no longer race with anything. */
export function recentTimes(times: ChangeTimes, now: number, maxAgeMs: number): ChangeTimes {
  return keyed(Object.entries(times).filter(([, t]) => t > now - maxAgeMs));
}
