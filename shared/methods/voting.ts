import type { Locale } from '../schema/doc';
import { keyed, own, setOwn, withKey } from '../schema/records';
import { TEMPLATE_LABELS } from '../templates/labels';

/** Dot-voting ballots: each person's votes, one entry per dot (stacking on one item allowed); keyed by session (records.ts). */
export type Ballots = Record<string, string[]>;

export function castVote(ballots: Ballots, voter: string, itemId: string, votesPerPerson: number): { ok: true; ballots: Ballots } | { ok: false; error: string } {
  const mine = own(ballots, voter) ?? [];
  if (mine.length >= votesPerPerson) return { ok: false, error: `no votes left (${votesPerPerson} per person)` };
  return { ok: true, ballots: withKey(ballots, voter, [...mine, itemId]) };
}

export function retractVote(ballots: Ballots, voter: string, itemId: string): { ok: true; ballots: Ballots } | { ok: false; error: string } {
  const mine = own(ballots, voter) ?? [];
  const at = mine.lastIndexOf(itemId);
  if (at < 0) return { ok: false, error: 'you have no vote on this item' };
  return { ok: true, ballots: withKey(ballots, voter, [...mine.slice(0, at), ...mine.slice(at + 1)]) };
}

/** Votes per item and how many people voted. */
export function tally(ballots: Ballots): { results: Record<string, number>; voters: number } {
  const results = keyed<number>();
  let voters = 0;
  for (const votes of Object.values(ballots)) {
    if (votes.length > 0) voters++;
    for (const item of votes) setOwn(results, item, (own(results, item) ?? 0) + 1);
  }
  return { results, voters };
}

/** Items by votes, most first; ties keep the given order. */
export function ranking(results: Record<string, number>, order: readonly string[] = Object.keys(results)): { itemId: string; votes: number }[] {
  return order.map((itemId) => ({ itemId, votes: own(results, itemId) ?? 0 })).sort((a, b) => b.votes - a.votes);
}

/**
 * A round's title when the facilitator names none: the voted frame's title, else "Vote" in
 * the board's language (it goes into the board's results and reports, which everyone reads
 * in the board's language, whatever language the facilitator's screen is in).
 */
export function defaultVoteTitle(boardLocale: Locale, frameTitle: string | null): string {
  const title = frameTitle?.trim();
  return (title || TEMPLATE_LABELS[boardLocale].vote).slice(0, 120);
}
