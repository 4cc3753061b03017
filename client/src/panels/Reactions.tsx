import { useTranslation } from 'react-i18next';
import { REACTIONS, type Command } from '../../../shared/protocol/commands';
import type { Ack } from '../../../shared/protocol/commands';
import type { Reaction } from '../control/useControl';

/** Raise a hand and send a quick reaction; others' reactions float up for a few seconds. */
export function ReactionsBar({ canAct, handUp, reactions, send }: { canAct: boolean; handUp: boolean; reactions: Reaction[]; send: (c: Command) => Promise<Ack> }) {
  const { t } = useTranslation();
  return (
    <>
      {canAct && (
        <div className="reactions-bar" role="group" aria-label={t('control.reactions')}>
          <button type="button" className={handUp ? 'hand active' : 'hand'} aria-pressed={handUp} onClick={() => void send({ type: 'hand.raise', up: !handUp })} data-testid="raise-hand">
            ✋ <span className="hand-label">{handUp ? t('control.lowerHand') : t('control.raiseHand')}</span>
          </button>
          {REACTIONS.map((emoji) => (
            <button key={emoji} type="button" className="emoji" aria-label={emoji} onClick={() => void send({ type: 'reaction', emoji })}>
              {emoji}
            </button>
          ))}
        </div>
      )}
      <div className="reactions-float" aria-live="polite">
        {reactions.map((r, i) => (
          <span key={r.key} className="reaction" style={{ left: `${(r.key * 37) % 60 + 20}%`, animationDelay: `${(i % 3) * 0.05}s` }}>
            {r.emoji} <small>{r.name}</small>
          </span>
        ))}
      </div>
    </>
  );
}
