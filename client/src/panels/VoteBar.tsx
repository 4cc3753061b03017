import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { VoteRound } from '../../../shared/protocol/state';
import { useTouch } from '../app/media';

export interface VoteBarProps {
  round: VoteRound;
  used: number;
  canVote: boolean;
  /** Whether a tap or click on an item takes one of this person's votes back instead of casting one. */
  retracting: boolean;
  onRetracting: (retracting: boolean) => void;
  /** Casts (or takes back) a vote on each selected item: voting without a pointer. */
  onVoteSelected: () => void;
}

/**
 * Enter and Space on a button of the bar press that button. Without this the board's
 * shortcuts (on window) saw them too: Enter with one note selected opened that note for
 * editing and cancelled the press, so "vote for selected" could not be used by keyboard.
 */
function keepActivationKeys(event: KeyboardEvent): void {
  if (event.key === 'Enter' || event.key === ' ') event.stopPropagation();
}

/** The open round, the votes left, and how to cast or take back a vote by tap, click or keyboard. */
export function VoteBar({ round, used, canVote, retracting, onRetracting, onVoteSelected }: VoteBarProps) {
  const { t } = useTranslation();
  // On a touch screen the hint speaks of taps only.
  const hints = useTouch() ? 'phone.vote' : 'control.vote';
  if (!canVote) {
    return (
      <div className="vote-bar" role="status" data-testid="vote-bar">
        🗳 {t('control.vote.barObserver', { title: round.title })}
      </div>
    );
  }
  return (
    <div className="vote-bar" data-testid="vote-bar">
      <span role="status">🗳 {t(retracting ? `${hints}.barRetract` : `${hints}.bar`, { title: round.title, left: Math.max(0, round.votesPerPerson - used) })}</span>
      <span className="vote-bar-actions" role="group" aria-label={t(`${hints}.mode`)} onKeyDown={keepActivationKeys}>
        <button type="button" aria-pressed={!retracting} onClick={() => onRetracting(false)}>
          {t('control.vote.castMode')}
        </button>
        <button type="button" aria-pressed={retracting} onClick={() => onRetracting(true)} data-testid="vote-retract-mode">
          {t('control.vote.retractMode')}
        </button>
        <button type="button" onClick={onVoteSelected} data-testid="vote-selected">
          {t(retracting ? 'control.vote.retractSelected' : 'control.vote.castSelected')}
        </button>
      </span>
    </div>
  );
}
