import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Canvas } from '../board/Canvas';
import { colourFor } from '../board/palette';
import { usePeers } from '../board/presence';
import { TextEditor } from '../board/TextEditor';
import { useShortcuts } from '../board/useShortcuts';
import { Editor } from '../editor/editor';
import { useEditorState } from '../editor/hooks';
import { HelpPanel } from '../panels/HelpPanel';
import { NAME_KEY, NamePrompt } from '../panels/NamePrompt';
import { Notice } from '../panels/Notice';
import { Toolbar } from '../panels/Toolbar';
import { TopBar } from '../panels/TopBar';
import { rememberBoard } from '../sync/recent';
import { useBoard } from '../sync/useBoard';

/** The board: canvas, tools, people and in-place editing, live with everyone on the link. */
export function BoardPage({ boardId, token }: { boardId: string; token: string | null }) {
  const { t } = useTranslation();
  const board = useBoard(boardId, token);
  const [name, setName] = useState(() => localStorage.getItem(NAME_KEY));
  const [help, setHelp] = useState(false);
  const editor = useMemo(() => (board.doc ? new Editor(board.doc) : null), [board.doc]);
  const peers = usePeers(board.awareness);
  const fitted = useRef(false);
  const colour = useMemo(() => colourFor(board.awareness?.clientID ?? name ?? ''), [board.awareness, name]);

  useEffect(() => () => editor?.destroy(), [editor]);
  useEffect(() => {
    // A handle for browser tests and for debugging from the console.
    (window as unknown as { __warsztat?: unknown }).__warsztat = editor ? { editor } : undefined;
  }, [editor]);
  useEffect(() => {
    if (editor) editor.userName = name ?? '';
  }, [editor, name]);
  useEffect(() => {
    editor?.setState({ readOnly: board.role === 'observer' });
  }, [editor, board.role]);
  useEffect(() => {
    if (board.awareness && name) board.awareness.setLocalStateField('user', { name, colour, role: board.role ?? 'participant' });
  }, [board.awareness, name, colour, board.role]);
  useEffect(() => {
    if (editor && board.synced && !fitted.current) {
      fitted.current = true;
      if (editor.store.size > 0) editor.zoomToFit();
      else editor.setViewport({ x: editor.screenSize.width / 2, y: editor.screenSize.height / 2, scale: 1 });
    }
  }, [editor, board.synced]);
  useEffect(() => {
    if (board.title && token) rememberBoard({ id: boardId, title: board.title, link: location.href });
    if (board.title) document.title = `${board.title} – Warsztat`;
  }, [board.title, boardId, token]);

  const startEditing = useCallback(
    (id: string) => {
      const element = editor?.store.get(id);
      if (!editor || !element || editor.state.readOnly || element.type === 'connector' || element.type === 'stroke') return;
      editor.select([id]);
      editor.endGesture();
      editor.setState({ editing: { id, field: element.type === 'frame' ? 'title' : 'text' } });
    },
    [editor],
  );
  const openHelp = useCallback(() => setHelp(true), []);

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
      <TopBar editor={editor} title={board.title} status={board.status} role={board.role} me={{ name: name ?? '', colour }} peers={peers} onHelp={openHelp} />
      <Toolbar editor={editor} />
      <Canvas editor={editor} awareness={board.awareness} peers={peers} onStartEditing={startEditing} />
      <EditingOverlay editor={editor} />
      {!board.synced && (
        <div className="loading-overlay" aria-busy="true">
          <span className="spinner" aria-hidden="true" /> {t('board.loading')}
        </div>
      )}
      <p className="element-count" data-testid="element-count" data-count={board.elementCount}>
        {t('board.elements', { count: board.elementCount })}
      </p>
      {board.role === 'observer' && <p className="observer-banner">{t('board.readOnly')}</p>}
      <Notice editor={editor} />
      {help && <HelpPanel onClose={() => setHelp(false)} />}
      {!name && <NamePrompt onDone={setName} />}
    </BoardLayout>
  );
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
