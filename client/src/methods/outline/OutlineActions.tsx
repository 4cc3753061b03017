import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { nameField } from '../../../../shared/methods/outline-facts';
import type { Ack, Command } from '../../../../shared/protocol/commands';
import type { Element } from '../../../../shared/schema/elements';
import { own } from '../../../../shared/schema/records';
import type { Editor } from '../../editor/editor';
import { RatingForm } from '../RatingForm';
import { addableTypes, addToFrame, deleteOne, movable, moveTargets, moveToFrame, type AddableType } from './outline-ops';

export interface OutlineActionsProps {
  editor: Editor;
  element: Element;
  /** The element's outline label, for the names of the controls. */
  label: string;
  /** Whether this person may change the board (not an observer, not read-only, not locked out). */
  canEdit: boolean;
  /** Whether this person may vote on it now (an open round takes it, and they are no observer). */
  canVote: boolean;
  /** This person's votes on it in the open round, and how many they have left. */
  votes: { mine: number; left: number };
  myRatings: Record<string, Record<string, number>>;
  ratingCounts: Record<string, number>;
  send: (command: Command) => Promise<Ack>;
  onShow: () => void;
  onEdit: () => void;
  /** After a change that moves or removes the element: where the focus goes next. */
  onDone: (result: { kind: 'deleted' | 'moved'; id: string } | { kind: 'added'; id: string | null }) => void;
  /** A short message for the panel's status line (what just happened or was refused). */
  say: (message: string) => void;
}

/**
 * Everything the canvas lets this person do to one element, as controls: show, edit, delete,
 * move into another frame, vote and unvote, score (stakeholders and factors), and for a frame
 * add an element to it. The board's rules decide, as on the canvas (see outline-ops.ts).
 */
export function OutlineActions({ editor, element, label, canEdit, canVote, votes, myRatings, ratingCounts, send, onShow, onEdit, onDone, say }: OutlineActionsProps) {
  const { t } = useTranslation();
  const id = element.id;
  const targets = canEdit && movable(element) ? moveTargets(editor, element) : [];
  const [target, setTarget] = useState('');
  const addable = element.type === 'frame' && canEdit ? addableTypes(element) : [];
  const [addType, setAddType] = useState<AddableType>(addable[0] ?? 'note');
  const [words, setWords] = useState('');
  const vote = async (retract: boolean) => {
    const ack = await send(retract ? { type: 'vote.retract', itemId: id } : { type: 'vote.cast', itemId: id });
    say(ack.ok ? t(retract ? 'a11y.outline.unvoted' : 'a11y.outline.voted', { left: retract ? votes.left + 1 : votes.left - 1 }) : t('control.refused', { reason: ack.error }));
  };
  const prefix = `outline-${id}`;
  return (
    <div className="outline-actions" role="group" aria-label={t('a11y.outline.actionsFor', { label })} id={`${prefix}-actions`} data-testid="outline-actions">
      <div className="outline-buttons">
        <button type="button" className="secondary" onClick={onShow} data-testid="outline-show">
          {t('a11y.outline.show')}
        </button>
        {canEdit && nameField(element.type) && (
          <button type="button" className="secondary" onClick={onEdit} data-testid="outline-edit">
            {t('a11y.outline.edit')}
          </button>
        )}
        {canEdit && (
          <button type="button" className="secondary danger" onClick={() => { deleteOne(editor, id); if (!editor.store.get(id)) onDone({ kind: 'deleted', id }); }} data-testid="outline-delete">
            {t('a11y.outline.delete')}
          </button>
        )}
        {canVote && (
          <>
            <button type="button" onClick={() => void vote(false)} disabled={votes.left <= 0} data-testid="outline-vote">
              {t('a11y.outline.vote')}
            </button>
            <button type="button" className="secondary" onClick={() => void vote(true)} disabled={votes.mine <= 0} data-testid="outline-unvote">
              {t('a11y.outline.unvote')}
            </button>
          </>
        )}
      </div>
      {targets.length > 0 && (
        <form
          className="outline-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (!target) return;
            if (moveToFrame(editor, id, target)) onDone({ kind: 'moved', id });
          }}
        >
          <label>
            {t('a11y.outline.moveTo')}
            <select value={target} onChange={(e) => setTarget(e.target.value)} data-testid="outline-move-target">
              <option value="">{t('a11y.outline.pickFrame')}</option>
              {targets.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.title || t('control.untitledFrame')}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="secondary" disabled={!target} data-testid="outline-move">
            {t('a11y.outline.move')}
          </button>
        </form>
      )}
      {addable.length > 0 && element.type === 'frame' && (
        <form
          className="outline-form"
          onSubmit={(e) => {
            e.preventDefault();
            const added = addToFrame(editor, element, addType, words.trim());
            setWords('');
            onDone({ kind: 'added', id: added });
          }}
        >
          <label>
            {t('a11y.outline.addType')}
            <select value={addType} onChange={(e) => setAddType(e.target.value as AddableType)} data-testid="outline-add-type">
              {addable.map((type) => (
                <option key={type} value={type}>
                  {t(`outline.type.${type}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('a11y.outline.addWords')}
            <input value={words} maxLength={500} onChange={(e) => setWords(e.target.value)} onKeyDown={(e) => e.stopPropagation()} data-testid="outline-add-words" />
          </label>
          <button type="submit" data-testid="outline-add">
            {t('a11y.outline.add')}
          </button>
        </form>
      )}
      {canEdit && (element.type === 'stakeholder' || element.type === 'factor') && (
        <RatingForm elementId={id} type={element.type} mine={own(myRatings, id)} count={own(ratingCounts, id) ?? 0} revealed={element.ratings.length > 0} send={send} />
      )}
    </div>
  );
}
