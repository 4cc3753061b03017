import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Canvas } from '../board/Canvas';
import { fitMargin, openingView } from '../board/opening-view';
import { colourFor } from '../board/palette';
import { usePeers } from '../board/presence';
import { TextEditor } from '../board/TextEditor';
import { useShortcuts } from '../board/useShortcuts';
import { Editor } from '../editor/editor';
import { useEditorState } from '../editor/hooks';
import { useControl } from '../control/useControl';
import { initialControlState, openRound, type ControlState } from '../../../shared/protocol/state';
import { exclusionOf } from '../../../shared/protocol/personal-links';
import { elementBounds } from '../../../shared/geometry/elements';
import { readableViewport } from '../../../shared/geometry/viewport';
import { ReactionsBar } from '../panels/Reactions';
import { TimerDisplay } from '../panels/TimerDisplay';
import { PhaseBanner } from '../panels/PhaseBanner';
import { VoteBar } from '../panels/VoteBar';
import { ExportButton } from '../panels/ExportButton';
import { intersects } from '../../../shared/geometry/rect';
import type { Draft } from '../../../shared/protocol/state';
import { draftFits } from '../../../shared/facilitation/drafts';
import { LIMITS } from '../../../shared/schema/limits';
import { NAME_KEY, NamePrompt } from '../panels/NamePrompt';
import { Notice } from '../panels/Notice';
import { Toolbar } from '../panels/Toolbar';
import { TopBar } from '../panels/TopBar';
import { asRecentRole, rememberBoard } from '../sync/recent';
import { useBoard } from '../sync/useBoard';
import { watchStorageFull } from '../sync/storage-full';
import { DraftEditor, ExportDialog, FacilitatorPanel, GroupingPanel, HelpPanel, HistoryPanel, MethodsDock, MethodsPanel, OutlinePanel, prefetchPanels, TreeToolbar } from './lazy-panels';
import { LiveAnnouncer } from '../board/LiveAnnouncer';
import { afterMove, textEditingOf } from '../element-types/registry';
import { policyFor } from '../../../shared/rules/policy';
import type { Ack, Command } from '../../../shared/protocol/commands';

/** The board: canvas, tools, people and in-place editing, live with everyone on the link. */
export function BoardPage({ boardId, token }: { boardId: string; token: string | null }) {
  const { t } = useTranslation();
  const board = useBoard(boardId, token);
  const [name, setName] = useState(() => localStorage.getItem(NAME_KEY));
  const [help, setHelp] = useState(false);
  const [historyOpen, setHistoryOpen] = useState(false);
  const [outlineOpen, setOutlineOpen] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [panelOpen, setPanelOpen] = useState(true);
  const [openDraft, setOpenDraft] = useState<Draft | null>(null);
  const [retracting, setRetracting] = useState(false);
  // What the editor asks of this page, reading the page's latest values when it asks.
  const page = useRef<{ send?: (command: Command) => Promise<Ack>; retracting: boolean }>({ retracting: false });
  page.current.retracting = retracting;
  const editor = useMemo(() => {
    if (!board.doc) return null;
    const created: Editor = new Editor(board.doc, '', {
      // Nothing may be edited until the server has said who this is.
      policy: (lookup) => policyFor(initialControlState(), null, lookup),
      actions: {
        vote: (id, retract) => void page.current.send?.(retract || page.current.retracting ? { type: 'vote.retract', itemId: id } : { type: 'vote.cast', itemId: id }).then((ack) => {
          if (!ack.ok) created.notify('control.refused', { reason: ack.error });
        }),
        draft: ({ frameId, x, y }) => setOpenDraft({ id: crypto.randomUUID(), frameId, x, y, text: '', color: created.state.noteColor }),
        moved: (ids) => afterMove(created, ids),
      },
    });
    return created;
  }, [board.doc]);
  const peers = usePeers(board.awareness);
  // Summon and follow move this person's view; both arrive over the facilitation channel.
  const control = useControl(boardId, token, name, {
    onSummon: (view) => {
      if (!editor) return;
      if ('frameId' in view) {
        const frame = editor.store.get(view.frameId);
        if (!frame) return;
        const bounds = elementBounds(frame, editor.store.lookup);
        // A wider margin than a plain fit: the frame's title, above its edge, stays clear of the buttons over the canvas.
        editor.setViewport(editor.fitView(bounds, fitMargin(editor.screenSize.width)));
        // A new phase: what was picked in the last one lets go (its panels would cover this one), unless the person is typing.
        if (!editor.state.editing) editor.select(editor.selectedElements().filter((e) => intersects(bounds, elementBounds(e, editor.store.lookup))).map((e) => e.id));
      } else {
        showView(view);
      }
    },
    onFollowView: (view) => {
      if (role !== 'facilitator') showView(view);
    },
  });
  const role = control.role ?? board.role;
  page.current.send = control.send;
  const showView = (view: { x: number; y: number; scale: number }) =>
    editor?.setViewport({ scale: view.scale, x: editor.screenSize.width / 2 - view.x * view.scale, y: editor.screenSize.height / 2 - view.y * view.scale });
  const round = openRound(control.state);
  const { locks, privateFrames, rounds } = control.state;
  // What this person may do now, from the shared rules the server enforces with (shared/rules/policy.ts).
  // A layout effect: voting must be armed before the vote bar is painted and clicked.
  const boardReadOnly = board.readOnly !== null;
  const policy = useMemo(() => (editor ? policyFor({ locks, privateFrames, rounds }, role, editor.store.lookup, { boardReadOnly }) : null), [editor, role, locks, privateFrames, rounds, boardReadOnly]);
  useLayoutEffect(() => {
    if (editor && policy) editor.setPolicy(policy);
  }, [editor, policy]);
  const lockedBoard = policy?.readOnly === 'boardLocked';
  // Recomputed only when votes change, so the overlay does not redraw on every render.
  const voteBadges = useMemo(() => badges(control.myVotes, control.state.rounds, round), [control.myVotes, control.state.rounds, round]);
  const fitted = useRef(false);
  const colour = useMemo(() => colourFor(board.awareness?.clientID ?? name ?? ''), [board.awareness, name]);

  useEffect(() => () => editor?.destroy(), [editor]);
  // Edits made offline live only in the browser's copy: say so when it can no longer be written.
  useEffect(() => (editor ? watchStorageFull(() => editor.notify('canvas.storageFull')) : undefined), [editor]);
  useEffect(() => {
    // A handle for browser tests and for debugging from the console.
    (window as unknown as { __warsztat?: unknown }).__warsztat = editor ? { editor } : undefined;
  }, [editor]);
  useEffect(() => {
    if (editor) editor.userName = name ?? '';
  }, [editor, name]);
  useEffect(() => setRetracting(false), [round?.id]);
  const voteOnSelection = useCallback(() => {
    if (!editor) return;
    const items = editor.selectedElements().filter((element) => editor.canVoteOn(element.id));
    if (items.length === 0) return editor.notify('control.vote.noneSelected');
    for (const item of items) editor.vote(item.id, false);
  }, [editor]);
  // The facilitator's view travels to everyone while follow mode is on.
  useEffect(() => {
    if (!editor || role !== 'facilitator' || !control.state.follow) return;
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const sendView = () => {
      last = Date.now();
      const c = editor.viewCenter();
      void control.send({ type: 'follow.view', view: { x: c.x, y: c.y, scale: editor.state.viewport.scale } });
    };
    sendView();
    let previous = editor.state.viewport;
    const unsubscribe = editor.subscribe(() => {
      if (editor.state.viewport === previous) return;
      previous = editor.state.viewport;
      clearTimeout(timer);
      if (Date.now() - last > 150) sendView();
      else timer = setTimeout(sendView, 150);
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [editor, role, control.state.follow, control]);
  useEffect(() => {
    if (board.awareness && name) board.awareness.setLocalStateField('user', { name, colour, role: board.role ?? 'participant' });
  }, [board.awareness, name, colour, board.role]);
  // The board opens at the current phase's frame, which comes over the facilitation channel:
  // the first fit waits for it (not long: without it the whole board is fitted).
  const [phaseWaitOver, setPhaseWaitOver] = useState(false);
  useEffect(() => {
    if (!board.synced || !name) return;
    const timer = setTimeout(() => setPhaseWaitOver(true), 2000);
    return () => clearTimeout(timer);
  }, [board.synced, name]);
  const canFit = control.stateKnown || phaseWaitOver || !token;
  // Said on the page (data-view-opened) so that scripted use can wait for the opening view.
  const [viewOpened, setViewOpened] = useState(false);
  useEffect(() => {
    if (editor && board.synced && canFit && !fitted.current) {
      fitted.current = true;
      setViewOpened(true);
      prefetchPanels();
      const view = openingView(editor, control.state);
      if (view) editor.setViewport(view);
      else editor.setViewport({ x: editor.screenSize.width / 2, y: editor.screenSize.height / 2, scale: 1 });
    }
  }, [editor, board.synced, canFit, control.state]);
  useEffect(() => {
    // Remembered once the server has told the role (the link works); again when the title changes.
    const linkRole = asRecentRole(board.role);
    if (board.title && token && linkRole) rememberBoard({ id: boardId, title: board.title, role: linkRole, link: location.href });
    if (board.title) document.title = `${board.title} – Warsztat`;
  }, [board.title, board.role, boardId, token]);

  const startEditing = useCallback(
    (id: string) => {
      const element = editor?.store.get(id);
      if (!editor) return;
      const typed = element ? textEditingOf(element) : null;
      // Not editable: a gesture left open for its typing ends here.
      if (!element || !typed || editor.state.readOnly) return editor.endGesture();
      if (editor.isLocked(id)) {
        editor.endGesture();
        return editor.notify('control.locked');
      }
      editor.select([id]);
      editor.beginGesture(id);
      // Zoomed far out, the text being typed would be a few pixels high: come closer first.
      // What must be readable is the type's to say (a frame's title bar, not the whole frame).
      const typedIn = typed.editing.readable?.(element) ?? elementBounds(element, editor.store.lookup);
      const readable = readableViewport(editor.state.viewport, typedIn, typed.editing.typingSize(element), editor.screenSize.width, editor.screenSize.height);
      if (readable) editor.setViewport(readable);
      editor.setState({ editing: { id, field: typed.field } });
    },
    [editor],
  );
  const openHelp = useCallback(() => setHelp(true), []);

  if (control.removed) {
    return (
      <main className="page">
        <p className="error" role="alert" data-testid="board-error">
          {t(`control.excluded.${exclusionOf(control.removed)}`)}
        </p>
        <a href="/">{t('board.back')}</a>
      </main>
    );
  }
  if (board.error) {
    return (
      <main className="page">
        <p className="error" role="alert" data-testid="board-error">
          {t(`errors.${board.error}`, { message: board.error })}
        </p>
        <a href="/">{t('board.back')}</a>
      </main>
    );
  }
  if (!editor) {
    return (
      <main className="page">
        <p className="loading" aria-busy="true">
          <span className="spinner" aria-hidden="true" /> {t('board.loading')}
        </p>
      </main>
    );
  }
  return (
    <BoardLayout editor={editor} onEdit={startEditing} onHelp={openHelp}>
      <TopBar editor={editor} title={board.title} status={board.status} role={role} me={{ name: name ?? '', colour }} peers={peers} onHelp={openHelp} always={<TimerDisplay timer={control.state.timer} clockOffset={control.clockOffset} />}>
        {token && (
          <button type="button" className="secondary open-history" onClick={() => setHistoryOpen(true)} data-testid="open-history">
            {t('history.open')}
          </button>
        )}
        <button type="button" className="secondary" onClick={() => setOutlineOpen((open) => !open)} aria-expanded={outlineOpen} aria-controls="outline-panel" data-testid="toggle-outline">
          {t('outline.toggle')}
        </button>
        {token && <ExportButton onClick={() => setExporting(true)} />}
        {role === 'facilitator' && (
          <button type="button" className="secondary" onClick={() => setPanelOpen((open) => !open)} aria-expanded={panelOpen} data-testid="toggle-panel">
            {panelOpen ? t('control.close') : t('control.open')}
          </button>
        )}
      </TopBar>
      <Toolbar editor={editor} onStartEditing={startEditing} />
      {outlineOpen && <OutlinePanel editor={editor} onClose={() => setOutlineOpen(false)} role={role} state={control.state} myVotes={control.myVotes} myRatings={control.myRatings} send={control.send} />}
      <TreeToolbar editor={editor} />
      <MethodsDock editor={editor} role={role} boardId={boardId} token={token} state={control.state} myRatings={control.myRatings} send={control.send} />
      <Canvas editor={editor} awareness={board.awareness} onStartEditing={startEditing} badges={voteBadges} lockedFrames={control.state.locks.frames} drafts={control.drafts} onOpenDraft={setOpenDraft} />
      {openDraft && (
        <DraftEditor
          draft={openDraft}
          onClose={() => setOpenDraft(null)}
          onSave={(text) => {
            const draft = { ...openDraft, text: text.trim() };
            // The server refuses a note past the frame's limit too; saying so here saves the round trip.
            const full = () => editor.notify('control.errors.tooManyDrafts', { max: LIMITS.maxDraftsPerFrame });
            if (!draftFits(control.drafts, draft)) full();
            else void control.send({ type: 'draft.put', ...draft }).then((ack) => !ack.ok && (ack.code === 'drafts.frameFull' ? full() : editor.notify('control.refused', { reason: ack.error })));
            setOpenDraft(null);
          }}
          onDelete={() => {
            void control.send({ type: 'draft.delete', id: openDraft.id });
            setOpenDraft(null);
          }}
        />
      )}
      {role === 'facilitator' && panelOpen && token && (
        <FacilitatorPanel editor={editor} boardId={boardId} token={token} state={control.state} people={control.people} mySession={control.me ?? ''} send={control.send} />
      )}
      <MethodsPanel editor={editor} role={role} rounds={control.state.rounds} />
      <GroupingPanel editor={editor} role={role} locks={control.state.locks} />
      {round && (
        <VoteBar
          round={round}
          used={control.myVotes?.roundId === round.id ? control.myVotes.itemIds.length : 0}
          canVote={role !== 'observer'}
          retracting={retracting}
          onRetracting={setRetracting}
          onVoteSelected={voteOnSelection}
        />
      )}
      {!(role === 'facilitator' && panelOpen) && <PhaseBanner state={control.state} />}
      {control.state.follow && role !== 'facilitator' && <p className="follow-banner">{t('control.following')}</p>}
      {lockedBoard && <p className="observer-banner">{t('control.boardLocked')}</p>}
      {role !== 'observer' && control.state.privateFrames.length > 0 && (
        <p className="private-banner" data-testid="private-banner">
          {t('control.private.banner', { title: control.state.privateFrames.map((id) => { const f = editor.store.get(id); return f?.type === 'frame' ? f.title : ''; }).join(', ') })}
        </p>
      )}
      <ReactionsBar canAct={role === 'facilitator' || role === 'participant'} handUp={control.people.find((p) => p.sessionId === control.me)?.handUp ?? false} reactions={control.reactions} send={control.send} />
      <EditingOverlay editor={editor} />
      {!board.synced && (
        <div className="loading-overlay" aria-busy="true">
          <span className="spinner" aria-hidden="true" /> {t('board.loading')}
        </div>
      )}
      <p className="element-count" data-testid="element-count" data-count={board.elementCount} data-view-opened={viewOpened}>
        {t('board.elements', { count: board.elementCount })}
      </p>
      {board.readOnly ? (
        <p className="observer-banner read-only-banner" role="status" data-testid="read-only-board">
          {t(board.readOnly === 'newer-schema' ? 'board.readOnlyNewer' : 'board.readOnlyBroken')}
        </p>
      ) : (
        role === 'observer' && <p className="observer-banner">{t('board.readOnly')}</p>
      )}
      <Notice editor={editor} />
      <LiveAnnouncer editor={editor} state={control.state} clockOffset={control.clockOffset} />
      {help && <HelpPanel onClose={() => setHelp(false)} />}
      {historyOpen && token && <HistoryPanel boardId={boardId} token={token} canManage={board.role === 'facilitator'} author={name ?? ''} onClose={() => setHistoryOpen(false)} />}
      {exporting && token && <ExportDialog editor={editor} boardId={boardId} token={token} onClose={() => setExporting(false)} />}
      {!name && <NamePrompt onDone={setName} suggested={board.personName} boardId={boardId} token={token} />}
    </BoardLayout>
  );
}

/** Vote badges: my dots while a round is open, everyone's totals once the last round closed. */
function badges(myVotes: ReturnType<typeof useControl>['myVotes'], rounds: ControlState['rounds'], round: ReturnType<typeof openRound>): Map<string, { count: number; mine: boolean }> {
  const out = new Map<string, { count: number; mine: boolean }>();
  if (round) {
    if (myVotes?.roundId === round.id) for (const id of myVotes.itemIds) out.set(id, { count: (out.get(id)?.count ?? 0) + 1, mine: true });
    return out;
  }
  const closed = [...rounds].reverse().find((r) => !r.open && r.results);
  for (const [id, count] of Object.entries(closed?.results ?? {})) out.set(id, { count, mine: false });
  return out;
}

function BoardLayout({ editor, onEdit, onHelp, children }: { editor: Editor; onEdit: (id: string) => void; onHelp: () => void; children: React.ReactNode }) {
  useShortcuts(editor, onHelp, onEdit);
  return <main className="board">{children}</main>;
}

function EditingOverlay({ editor }: { editor: Editor }) {
  const editing = useEditorState(editor, (s) => s.editing);
  if (!editing) return null;
  return <TextEditor key={editing.id} editor={editor} id={editing.id} field={editing.field} onDone={() => {
        // One editing session is one undo step, apart from whatever comes next.
        editor.endGesture();
        editor.setState({ editing: null });
      }} />;
}
