import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Command } from '../../../shared/protocol/commands';
import type { Phase } from '../../../shared/protocol/state';

/** Max length of a phase's instruction (as the agenda's schema allows). */
const MAX_INSTRUCTION = 500;

/** The facilitator writes what participants do in one phase; saved with the agenda. */
export function PhaseInstructionEditor({ agenda, index, run }: { agenda: readonly Phase[]; index: number; run: (command: Command) => Promise<void> }) {
  const { t } = useTranslation();
  const phase = agenda[index]!;
  const [text, setText] = useState<string | null>(null);
  if (text === null) {
    return (
      <button type="button" className="secondary" aria-label={t('phase.editFor', { title: phase.title })} onClick={() => setText(phase.instruction ?? '')} data-testid={`phase-instruction-edit-${index}`}>
        {t('phase.edit')}
      </button>
    );
  }
  const save = async () => {
    const phases = agenda.map((p, i) => (i === index ? { ...p, instruction: text.trim() } : p));
    await run({ type: 'agenda.set', phases });
    setText(null);
  };
  return (
    <div className="phase-instruction-editor">
      <label>
        {t('phase.editFor', { title: phase.title })}
        <textarea value={text} maxLength={MAX_INSTRUCTION} rows={3} onChange={(e) => setText(e.target.value)} data-testid={`phase-instruction-text-${index}`} />
      </label>
      <div className="row">
        <button type="button" onClick={() => void save()} data-testid={`phase-instruction-save-${index}`}>
          {t('phase.save')}
        </button>
        <button type="button" className="secondary" onClick={() => setText(null)}>
          {t('phase.cancel')}
        </button>
      </div>
    </div>
  );
}
