import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { elementBounds } from '../../../shared/geometry/elements';
import { union } from '../../../shared/geometry/rect';
import { factorSlot, FACTOR_CARD } from '../../../shared/methods/factors';
import { STAKEHOLDER_CARD } from '../../../shared/methods/stakeholder-import';
import { unscoredPosition } from '../../../shared/methods/stakeholders';
import type { Ack, Command } from '../../../shared/protocol/commands';
import type { ControlState } from '../../../shared/protocol/state';
import { readMeta } from '../../../shared/schema/doc';
import type { FrameMethod } from '../../../shared/schema/elements';
import { TEMPLATE_LABELS } from '../../../shared/templates/labels';
import { emptyFrame, stakeholderMap } from '../../../shared/templates/methods';
import { own } from '../../../shared/schema/records';
import type { Editor } from '../editor/editor';
import { useTouch } from '../app/media';
import { useEditorState, useElementsDerived } from '../editor/hooks';
import { useCoversCanvasLeft } from '../board/covers-canvas';
import { cardsIn, frameWithMethod } from './boardQueries';
import { CardDetails } from './CardDetails';
import { ratingError } from './errors';
import { ImportButton } from './stakeholders/ImportButton';
import { StakeholderTable } from './stakeholders/StakeholderTable';
import './methods.css';

interface Props {
  editor: Editor;
  role: string | null;
  boardId: string;
  token: string | null;
  state: ControlState;
  myRatings: Record<string, Record<string, number>>;
  send: (command: Command) => Promise<Ack>;
}

interface MethodFrames {
  map: string | null;
  mapCards: string[];
  factors: string | null;
  factorCards: string[];
}

const sameFrames = (a: MethodFrames, b: MethodFrames) => a.map === b.map && a.factors === b.factors && a.mapCards.join() === b.mapCards.join() && a.factorCards.join() === b.factorCards.join();

/**
 * Stakeholder map and key development factors: add cards, score them blind, and (for the
 * facilitator) import, reveal and clear. A panel on the left that opens by itself when a
 * stakeholder or factor is selected.
 */
export function MethodsDock({ editor, role, boardId, token, state, myRatings, send }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const touch = useTouch();
  const [table, setTable] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const selection = useEditorState(editor, (s) => s.selection);
  const selected = selection.size === 1 ? [...selection][0]! : null;
  const selectedType = selected ? editor.store.get(selected)?.type : undefined;
  const selectedCard = selectedType === 'stakeholder' || selectedType === 'factor' ? selected : null;
  const frames = useElementsDerived(
    editor,
    () => {
      const map = frameWithMethod(editor, 'stakeholders')?.id ?? null;
      const factors = frameWithMethod(editor, 'factors')?.id ?? null;
      return { map, factors, mapCards: map ? cardsIn(editor, map, 'stakeholder').map((c) => c.id) : [], factorCards: factors ? cardsIn(editor, factors, 'factor').map((c) => c.id) : [] };
    },
    sameFrames,
  );
  // Opened by picking a card, the panel closes when the card is let go; opened by hand, it stays.
  const openedByCard = useRef(false);
  useEffect(() => {
    if (selectedCard) {
      if (!open) openedByCard.current = true;
      setOpen(true);
    } else if (openedByCard.current) {
      openedByCard.current = false;
      setOpen(false);
    }
    // Only when the picked card changes.
  }, [selectedCard]);

  const facilitator = role === 'facilitator';
  const contributor = facilitator || role === 'participant';
  const pending = (ids: string[]) => ids.reduce((sum, id) => sum + (own(state.ratingCounts, id) ?? 0), 0);

  const run = async (command: Command) => {
    const ack = await send(command);
    setError(ack.ok ? null : ratingError(t, 'stakeholder', ack.error));
  };

  const addStakeholder = () => {
    const frame = frames.map ? editor.store.get(frames.map) : undefined;
    if (frame?.type !== 'frame') return;
    const unscored = cardsIn(editor, frame.id, 'stakeholder').filter((c) => c.influence === null).length;
    const [id] = editor.create([{ type: 'stakeholder', ...STAKEHOLDER_CARD, ...unscoredPosition(frame, unscored, STAKEHOLDER_CARD), parentId: frame.id }]);
    if (id) editor.select([id]);
  };
  const addFactor = () => {
    const frame = frames.factors ? editor.store.get(frames.factors) : undefined;
    if (frame?.type !== 'frame') return;
    const [id] = editor.create([{ type: 'factor', ...FACTOR_CARD, ...factorSlot(frame, frames.factorCards.length), parentId: frame.id }]);
    if (id) editor.select([id]);
  };
  /** A method's frame to the right of everything on the board, in the board's language. */
  const addFrame = (method: FrameMethod) => {
    const bounds = union(editor.store.ordered().map((e) => elementBounds(e, editor.store.lookup)));
    const at = bounds ? { x: bounds.x + bounds.w + 200, y: bounds.y } : { x: 0, y: 0 };
    const labels = TEMPLATE_LABELS[readMeta(editor.doc).locale];
    const id = method === 'stakeholders' ? stakeholderMap(editor.doc, labels, at) : emptyFrame(editor.doc, labels.factors, 'factors', at);
    editor.select([id]);
    editor.zoomToSelection();
  };

  const panel = useRef<HTMLElement>(null);
  useCoversCanvasLeft(editor, panel, open);
  // Participants on a board without these methods need none of it.
  if (!facilitator && !frames.map && !frames.factors) return null;
  return (
    <>
      <button
        type="button"
        className={open ? 'methods-toggle active' : 'methods-toggle'}
        aria-expanded={open}
        onClick={() => {
          openedByCard.current = false;
          setOpen((o) => !o);
        }}
        data-testid="methods-toggle"
      >
        {t('stakeholders.dock')}
      </button>
      {open && (
        <aside ref={panel} className="methods-panel" aria-label={t('stakeholders.dock')} data-testid="methods-panel">
          <section className="panel-section">
            <h3>{t('stakeholders.title')}</h3>
            {frames.map ? (
              <>
                <div className="row">
                  {contributor && (
                    <button type="button" onClick={addStakeholder} data-testid="add-stakeholder">
                      {t('stakeholders.add')}
                    </button>
                  )}
                  <button type="button" className="secondary" onClick={() => setTable(true)} data-testid="open-stakeholder-table">
                    {t('stakeholders.table.open')}
                  </button>
                </div>
                {facilitator && (
                  <div className="row">
                    <button type="button" disabled={pending(frames.mapCards) === 0} onClick={() => void run({ type: 'rating.reveal', frameId: frames.map! })} data-testid="reveal-stakeholders">
                      {t('stakeholders.reveal', { count: pending(frames.mapCards) })}
                    </button>
                    <button type="button" className="secondary" disabled={pending(frames.mapCards) === 0} onClick={() => void run({ type: 'rating.clear', frameId: frames.map! })}>
                      {t('stakeholders.clear')}
                    </button>
                  </div>
                )}
                {facilitator && token && <ImportButton boardId={boardId} token={token} />}
                {role === 'participant' && <p className="muted small">{t(touch ? 'phone.stakeholdersHowTo' : 'stakeholders.howTo')}</p>}
              </>
            ) : facilitator ? (
              <button type="button" onClick={() => addFrame('stakeholders')} data-testid="add-stakeholder-map">
                {t('stakeholders.addMap')}
              </button>
            ) : (
              <p className="muted">{t('stakeholders.noMap')}</p>
            )}
          </section>
          <section className="panel-section">
            <h3>{t('factors.title')}</h3>
            {frames.factors ? (
              <>
                {contributor && (
                  <button type="button" onClick={addFactor} data-testid="add-factor">
                    {t('factors.add')}
                  </button>
                )}
                {facilitator && (
                  <div className="row">
                    <button type="button" disabled={pending(frames.factorCards) === 0} onClick={() => void run({ type: 'rating.reveal', frameId: frames.factors! })} data-testid="reveal-factors">
                      {t('stakeholders.reveal', { count: pending(frames.factorCards) })}
                    </button>
                    <button type="button" className="secondary" disabled={pending(frames.factorCards) === 0} onClick={() => void run({ type: 'rating.clear', frameId: frames.factors! })}>
                      {t('stakeholders.clear')}
                    </button>
                  </div>
                )}
              </>
            ) : facilitator ? (
              <button type="button" onClick={() => addFrame('factors')} data-testid="add-factors-frame">
                {t('factors.addFrame')}
              </button>
            ) : (
              <p className="muted">{t('factors.noFrame')}</p>
            )}
          </section>
          {selectedCard ? (
            <CardDetails editor={editor} id={selectedCard} role={role} myRatings={myRatings} ratingCounts={state.ratingCounts} send={send} />
          ) : (
            <p className="muted small">{t(contributor ? 'stakeholders.selectToRate' : 'stakeholders.selectToView')}</p>
          )}
          {error && (
            <p className="error" role="alert" data-testid="methods-error">
              {error}
            </p>
          )}
          <button
            type="button"
            className="secondary"
            onClick={() => {
              openedByCard.current = false;
              setOpen(false);
            }}
          >
            {t('stakeholders.closePanel')}
          </button>
        </aside>
      )}
      {table && <StakeholderTable editor={editor} onClose={() => setTable(false)} />}
    </>
  );
}
