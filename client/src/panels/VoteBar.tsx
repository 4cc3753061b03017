import { useTranslation } from 'react-i18next';
import type { VoteRound } from '../../../shared/protocol/state';

/** While a round is open: what is being voted on and how many votes this person has left. */
export function VoteBar({ round, used, canVote }: { round: VoteRound; used: number; canVote: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="vote-bar" role="status" data-testid="vote-bar">
      🗳 {canVote ? t('control.vote.bar', { title: round.title, left: Math.max(0, round.votesPerPerson - used) }) : t('control.vote.barObserver', { title: round.title })}
    </div>
  );
}
