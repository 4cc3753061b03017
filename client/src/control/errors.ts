/**
 * The server answers refused commands in English (the API's language); the interface shows
 * them in the person's language. Unknown messages are shown as they are.
 */
const KNOWN: [RegExp, string][] = [
  [/^no votes left/, 'control.errors.noVotes'],
  [/^this item is not part of the vote/, 'control.errors.notInVote'],
  [/^you have no vote on this item/, 'control.errors.noVoteHere'],
  [/^no voting round is open/, 'control.errors.noRound'],
  [/^a voting round is already open/, 'control.errors.roundOpen'],
  [/^too many commands/, 'control.errors.tooMany'],
  [/^this frame is not in private brainstorming/, 'control.errors.notPrivate'],
  [/is not allowed for the/, 'control.errors.notAllowed'],
  [/^offline|^no answer from the server/, 'control.errors.offline'],
];

export function errorKey(message: string): string | null {
  return KNOWN.find(([pattern]) => pattern.test(message))?.[1] ?? null;
}
