import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Modal } from './Modal';
import { LIMITS } from '../../../shared/schema/limits';
import type { Draft } from '../../../shared/protocol/state';

/** Writes or edits a hidden note of private brainstorming. */
export function DraftEditor({ draft, onSave, onDelete, onClose }: { draft: Draft; onSave: (text: string) => void; onDelete: () => void; onClose: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(draft.text);
  return (
    <Modal onClose={onClose} labelledBy="draft-title" testId="draft-editor" onSubmit={() => onSave(text)} keepOnEscape={text !== draft.text}>
      <h2 id="draft-title">{t('control.private.noteTitle')}</h2>
      <p className="muted">{t('control.private.explain')}</p>
      <textarea autoFocus rows={5} maxLength={LIMITS.maxTextLength} value={text} onChange={(e) => setText(e.target.value)} style={{ background: draft.color }} data-testid="draft-text" />
      <div className="row">
        <button type="submit" disabled={!text.trim()} data-testid="draft-save">
          {t('control.private.save')}
        </button>
        {draft.text && (
          <button type="button" className="secondary" onClick={onDelete}>
            {t('control.private.delete')}
          </button>
        )}
        <button type="button" className="secondary" onClick={onClose}>
          {t('help.close')}
        </button>
      </div>
    </Modal>
  );
}
