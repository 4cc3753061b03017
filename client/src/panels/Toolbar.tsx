import { useTranslation } from 'react-i18next';
import { NOTE_COLOURS } from '../../../shared/schema/elements';
import type { Editor, ToolId } from '../editor/editor';
import { useEditorState } from '../editor/hooks';
import { Icon } from './icons';
import { createByKeyboard } from '../board/keyboard-actions';
import { focusBoard } from '../board/focus-board';

const TOOLS: { id: ToolId; key: string }[] = [
  { id: 'select', key: 'V' },
  { id: 'hand', key: 'H' },
  { id: 'note', key: 'N' },
  { id: 'text', key: 'T' },
  { id: 'rect', key: 'R' },
  { id: 'ellipse', key: 'O' },
  { id: 'connector', key: 'C' },
  { id: 'pen', key: 'P' },
  { id: 'frame', key: 'F' },
];

/** The tools on the left; the note palette appears when notes are in play. */
export function Toolbar({ editor, onStartEditing }: { editor: Editor; onStartEditing?: (id: string) => void }) {
  const { t } = useTranslation();
  const tool = useEditorState(editor, (s) => s.tool);
  const readOnly = useEditorState(editor, (s) => s.readOnly);
  const noteColor = useEditorState(editor, (s) => s.noteColor);
  const selection = useEditorState(editor, (s) => s.selection);
  const selectedNotes = [...selection].filter((id) => editor.store.get(id)?.type === 'note');
  const tools = readOnly ? TOOLS.slice(0, 2) : TOOLS;

  const pickColour = (colour: string) => {
    editor.setState({ noteColor: colour });
    if (selectedNotes.length) {
      editor.endGesture();
      editor.updateMany(new Map(selectedNotes.map((id) => [id, { color: colour }])));
      editor.endGesture();
    }
  };

  return (
    <nav className="toolbar" aria-label={t('canvas.tools')}>
      {tools.map(({ id, key }) => (
        <button
          key={id}
          type="button"
          className={tool === id ? 'tool active' : 'tool'}
          aria-pressed={tool === id}
          title={`${t(`shortcuts.tool.${id}`)} (${key})`}
          aria-describedby={readOnly ? undefined : 'toolbar-keyboard-hint'}
          aria-label={t(`shortcuts.tool.${id}`)}
          data-testid={`tool-${id}`}
          onClick={(e) => {
            // Pressed by keyboard (or a screen reader), where nothing can drag: the element is
            // made at once and the board gets the focus, unless its text editor took it.
            if (e.detail === 0 && onStartEditing) {
              createByKeyboard(editor, id, onStartEditing);
              if (!editor.state.editing && id !== 'select' && id !== 'hand') focusBoard();
            } else editor.setTool(id);
          }}
        >
          <Icon name={id} />
        </button>
      ))}
      {!readOnly && (
        <span id="toolbar-keyboard-hint" className="visually-hidden">
          {t('keyboard.toolHint')}
        </span>
      )}
      {!readOnly && (tool === 'note' || selectedNotes.length > 0) && (
        <div className="palette" role="group" aria-label={t('canvas.noteColour')}>
          {NOTE_COLOURS.map((colour) => (
            <button
              key={colour}
              type="button"
              className={colour === noteColor ? 'swatch active' : 'swatch'}
              style={{ background: colour }}
              aria-label={colour}
              onClick={() => pickColour(colour)}
            />
          ))}
        </div>
      )}
    </nav>
  );
}
