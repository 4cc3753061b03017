import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ControlState } from '../../../shared/protocol/state';

/**
 * The current phase for everyone: its name and place in the agenda, and what to do in it
 * (the facilitator's instruction), which each person can fold away for themselves.
 */
export function PhaseBanner({ state }: { state: ControlState }) {
  const { t } = useTranslation();
  // On a phone the instruction starts folded: the board needs the height more.
  const [open, setOpen] = useState(() => typeof matchMedia !== 'function' || !matchMedia('(max-width: 600px)').matches);
  const index = state.currentPhase;
  const phase = index === null ? undefined : state.agenda[index];
  if (!phase || index === null) return null;
  const instruction = phase.instruction?.trim() ?? '';
  return (
    <section className="phase-banner" aria-label={t('phase.region')} data-testid="phase-banner">
      <div className="phase-banner-head">
        <strong data-testid="phase-title">{t('phase.title', { n: index + 1, count: state.agenda.length, title: phase.title })}</strong>
        {instruction && (
          <button type="button" className="link" aria-expanded={open} aria-controls="phase-instruction" onClick={() => setOpen((o) => !o)} data-testid="phase-instruction-toggle">
            {open ? t('phase.hide') : t('phase.show')}
          </button>
        )}
      </div>
      {instruction && open && (
        <p id="phase-instruction" className="phase-instruction" data-testid="phase-instruction">
          {instruction}
        </p>
      )}
    </section>
  );
}
