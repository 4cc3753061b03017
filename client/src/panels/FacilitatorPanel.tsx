import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PhaseInstructionEditor } from './PhaseInstructionEditor';
import type { Ack, Command } from '../../../shared/protocol/commands';
import { openRound, type ControlState, type Person, type Role } from '../../../shared/protocol/state';
import type { Editor } from '../editor/editor';
import { useEditorState, useElementsDerived } from '../editor/hooks';
import { RemovePersonDialog } from './RemovePersonDialog';
import { SharePanel } from './SharePanel';
import { IdeasSection } from '../methods/ideas/IdeasSection';
import { PrivacySection } from '../methods/ideas/PrivacySection';
import { errorKey } from '../control/errors';
import { defaultVoteTitle } from '../../../shared/methods/voting';
import { readMeta } from '../../../shared/schema/doc';

interface Props {
  editor: Editor;
  boardId: string;
  token: string;
  state: ControlState;
  people: Person[];
  mySession: string;
  send: (command: Command) => Promise<Ack>;
}

function sameFrames(a: { id: string; title: string }[], b: { id: string; title: string }[]): boolean {
  return a.length === b.length && a.every((f, i) => f.id === b[i]!.id && f.title === b[i]!.title);
}

/** The advisor's tools: agenda, timer, summon and follow, locks, voting, people, sharing. */
export function FacilitatorPanel({ editor, boardId, token, state, people, mySession, send }: Props) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [minutes, setMinutes] = useState(5);
  const [votes, setVotes] = useState(3);
  const [removing, setRemoving] = useState<Person | null>(null);
  /** Bumped when people's links may have changed (a removal revokes, a role change is stored on a personal link). */
  const [linksVersion, setLinksVersion] = useState(0);
  const linksChanged = () => setLinksVersion((v) => v + 1);
  const selection = useEditorState(editor, (s) => s.selection);
  const frames = useElementsDerived(
    editor,
    () => editor.store.ofType('frame').map((f) => ({ id: f.id, title: f.title || t('control.untitledFrame') })),
    sameFrames,
  );
  const selectedFrame = [...selection].map((id) => editor.store.get(id)).find((e) => e?.type === 'frame');
  const round = openRound(state);
  const lastClosed = [...state.rounds].reverse().find((r) => !r.open);

  const run = async (command: Command) => {
    const ack = await send(command);
    setError(ack.ok ? null : t(errorKey(ack.error) ?? 'control.refused', { reason: ack.error }));
    if (ack.ok && command.type === 'role.set') linksChanged();
  };
  const summonHere = () => {
    const c = editor.viewCenter();
    void run({ type: 'summon', view: { x: c.x, y: c.y, scale: editor.state.viewport.scale } });
  };
  const agendaFromFrames = () =>
    void run({ type: 'agenda.set', phases: frames.map((f) => ({ id: f.id, title: f.title.slice(0, 120), frameId: f.id, minutes: 0 })) });

  return (
    <aside className="side-panel" aria-label={t('control.panel')} data-testid="facilitator-panel">
      <section className="panel-section">
        <h3>{t('control.agenda.title')}</h3>
        {state.agenda.length === 0 ? <p className="muted">{t('control.agenda.empty')}</p> : null}
        <ol className="agenda">
          {state.agenda.map((phase, index) => (
            <li key={phase.id} className={state.currentPhase === index ? 'current' : ''}>
              <span>{phase.title}</span>
              {/* A look at the phase's frame in one's own view: nobody else moves, no version is saved. */}
              {phase.frameId && (
                <button
                  type="button"
                  className="secondary"
                  aria-label={t('control.agenda.previewPhase', { title: phase.title })}
                  onClick={() => {
                    if (!phase.frameId || !editor.zoomToElement(phase.frameId)) editor.notify('control.agenda.frameGone');
                  }}
                  data-testid={`phase-preview-${index}`}
                >
                  {t('control.agenda.preview')}
                </button>
              )}
              <button type="button" className="secondary" aria-label={t('control.agenda.goPhase', { title: phase.title })} onClick={() => void run({ type: 'phase.go', index })} data-testid={`phase-${index}`}>
                {t('control.agenda.go')}
              </button>
              <PhaseInstructionEditor agenda={state.agenda} index={index} run={run} />
            </li>
          ))}
        </ol>
        <button type="button" className="secondary" disabled={frames.length === 0} onClick={agendaFromFrames}>
          {t('control.agenda.fromFrames')}
        </button>
      </section>

      <section className="panel-section">
        <h3>{t('control.timer.title')}</h3>
        <div className="row">
          <input type="number" min={1} max={600} value={minutes} onChange={(e) => setMinutes(Math.max(1, Math.min(600, Number(e.target.value) || 1)))} aria-label={t('control.timer.minutes')} data-testid="timer-minutes" />
          <span>{t('control.timer.minutesShort')}</span>
          <button type="button" onClick={() => void run({ type: 'timer.start', seconds: minutes * 60 })} data-testid="timer-start">
            {t('control.timer.start')}
          </button>
        </div>
        <div className="row">
          {state.timer.running ? (
            <button type="button" className="secondary" onClick={() => void run({ type: 'timer.pause' })}>
              {t('control.timer.pause')}
            </button>
          ) : (
            <button type="button" className="secondary" disabled={state.timer.remainingMs <= 0} onClick={() => void run({ type: 'timer.resume' })}>
              {t('control.timer.resume')}
            </button>
          )}
          <button type="button" className="secondary" onClick={() => void run({ type: 'timer.add', seconds: 60 })}>
            +1 {t('control.timer.minutesShort')}
          </button>
          <button type="button" className="secondary" onClick={() => void run({ type: 'timer.reset' })}>
            {t('control.timer.reset')}
          </button>
        </div>
      </section>

      <section className="panel-section">
        <h3>{t('control.together')}</h3>
        <div className="row">
          <button type="button" onClick={summonHere} data-testid="summon">
            {t('control.summon')}
          </button>
          <label className="check">
            <input type="checkbox" checked={state.follow} onChange={(e) => void run({ type: 'follow.set', on: e.target.checked })} />
            {t('control.follow')}
          </label>
        </div>
        <label className="check">
          <input type="checkbox" checked={state.locks.board} onChange={(e) => void run({ type: 'lock.board', locked: e.target.checked })} data-testid="lock-board" />
          {t('control.lockBoard')}
        </label>
        {selectedFrame && (
          <label className="check">
            <input
              type="checkbox"
              checked={state.locks.frames.includes(selectedFrame.id)}
              onChange={(e) => void run({ type: 'lock.frame', frameId: selectedFrame.id, locked: e.target.checked })}
              data-testid="lock-frame"
            />
            {t('control.lockFrame')}
          </label>
        )}
      </section>

      <section className="panel-section">
        <h3>{t('control.private.title')}</h3>
        {selectedFrame ? (
          <label className="check">
            <input
              type="checkbox"
              checked={state.privateFrames.includes(selectedFrame.id)}
              onChange={(e) => void run({ type: 'private.set', frameId: selectedFrame.id, on: e.target.checked })}
              data-testid="private-frame"
            />
            {t('control.private.toggle')}
          </label>
        ) : (
          <p className="muted">{t('control.private.pick')}</p>
        )}
        {Object.entries(state.draftCounts)
          .filter(([, count]) => count > 0)
          .map(([frameId, count]) => (
            <button key={frameId} type="button" onClick={() => void run({ type: 'private.reveal', frameId })} data-testid="private-reveal">
              {t('control.private.reveal', { count })} – {frames.find((f) => f.id === frameId)?.title ?? ''}
            </button>
          ))}
      </section>

      <section className="panel-section">
        <h3>{t('control.vote.title')}</h3>
        {round ? (
          <>
            <p>{t('control.vote.open', { title: round.title, votes: round.votesPerPerson })}</p>
            <div className="row">
              <button type="button" onClick={() => void run({ type: 'vote.close' })} data-testid="vote-close">
                {t('control.vote.close')}
              </button>
              <button type="button" className="secondary" onClick={() => void run({ type: 'vote.cancel' })}>
                {t('control.vote.cancel')}
              </button>
            </div>
          </>
        ) : (
          <>
            <p className="muted">{selectedFrame ? t('control.vote.onFrame', { title: selectedFrame.type === 'frame' ? selectedFrame.title : '' }) : selection.size > 0 ? t('control.vote.onItems', { count: selection.size }) : t('control.vote.pick')}</p>
            <div className="row">
              <input type="number" min={1} max={20} value={votes} onChange={(e) => setVotes(Math.max(1, Math.min(20, Number(e.target.value) || 1)))} aria-label={t('control.vote.perPerson')} data-testid="vote-count" />
              <span>{t('control.vote.perPersonShort')}</span>
              <button
                type="button"
                disabled={selection.size === 0}
                data-testid="vote-start"
                onClick={() =>
                  void run({
                    type: 'vote.start',
                    // In the board's language, not this screen's: the title goes into the board's results and reports.
                    title: defaultVoteTitle(readMeta(editor.doc).locale, selectedFrame?.type === 'frame' ? selectedFrame.title : null),
                    frameId: selectedFrame ? selectedFrame.id : null,
                    itemIds: selectedFrame ? null : [...selection].slice(0, 500),
                    votesPerPerson: votes,
                  })
                }
              >
                {t('control.vote.start')}
              </button>
            </div>
          </>
        )}
        {lastClosed && <p className="muted" data-testid="vote-summary">{t('control.vote.closed', { title: lastClosed.title, voters: lastClosed.voters ?? 0 })}</p>}
      </section>

      <section className="panel-section">
        <h3>{t('control.people.title', { count: people.length })}</h3>
        <ul className="people">
          {people.map((person) => (
            <li key={person.sessionId} data-testid="person">
              <span>
                {person.handUp && <span aria-label={t('control.handUp')}>✋ </span>}
                {person.name || '?'}
              </span>
              {person.sessionId === mySession ? (
                <span className="muted">{t('board.youShort')}</span>
              ) : (
                <>
                  <select value={person.role} onChange={(e) => void run({ type: 'role.set', sessionId: person.sessionId, role: e.target.value as Role })} aria-label={t('control.people.role')}>
                    {(['facilitator', 'participant', 'observer'] as const).map((role) => (
                      <option key={role} value={role}>
                        {t(`lobby.role.${role}`)}
                      </option>
                    ))}
                  </select>
                  <button type="button" className="secondary" onClick={() => setRemoving(person)} aria-label={t('control.people.removeName', { name: person.name || '?' })} data-testid="person-remove">
                    ✕
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      </section>

      <SharePanel boardId={boardId} token={token} version={linksVersion} />
      {removing && <RemovePersonDialog person={removing} boardId={boardId} token={token} send={send} onClose={() => setRemoving(null)} onRemoved={linksChanged} />}
      <IdeasSection editor={editor} boardId={boardId} token={token} />
      <PrivacySection boardId={boardId} token={token} />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </aside>
  );
}
