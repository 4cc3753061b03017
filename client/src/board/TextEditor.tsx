import { useEffect, useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import * as Y from 'yjs';
import { isTemplatePlaceholder } from '../../../shared/templates/labels';
import { textFieldLimit } from '../../../shared/schema/elements';
import { elementsOf } from '../../../shared/schema/doc';
import type { Editor } from '../editor/editor';
import type { Element } from '../../../shared/schema/elements';
import { useEditorState, useElement } from '../editor/hooks';
import { noteFontSize } from './ElementView';
import { boardToPage } from './page-position';
import { applyTextareaValue, followRemoteEdits } from './text-binding';
import { focusBoard, handleTreeKey } from '../methods/tree/tree-shortcuts';

/**
 * The text size, in board units, the editor should be legible at: a note's type shrinks as
 * it fills, so a size it reaches with a few lines is used rather than that of an empty note.
 */
export function typingSize(element: Element): number {
  return element.type === 'text' ? element.fontSize : 16;
}

/**
 * In-place text editing: a textarea laid over the element, bound to its Y.Text. Typing
 * is sent as minimal edits (so two people can type in one note), IME composition is
 * applied when it ends, and remote edits move our caret instead of resetting it.
 */
export function TextEditor({ editor, id, field, onDone }: { editor: Editor; id: string; field: string; onDone: () => void }) {
  const { t } = useTranslation();
  const element = useElement(editor, id);
  const viewport = useEditorState(editor, (s) => s.viewport);
  const area = useRef<HTMLTextAreaElement>(null);
  const composing = useRef(false);
  const limit = element ? textFieldLimit(element.type, field) : 0;

  const ytext = (() => {
    const map = elementsOf(editor.doc).get(id);
    const value = map?.get(field);
    return value instanceof Y.Text ? value : null;
  })();

  useLayoutEffect(() => {
    const textarea = area.current;
    if (!textarea || !ytext) return;
    textarea.value = ytext.toString();
    textarea.focus();
    // A template's text is a placeholder: selected, so that typing replaces it.
    if (isTemplatePlaceholder(textarea.value)) textarea.select();
    else textarea.setSelectionRange(textarea.value.length, textarea.value.length);
  }, [ytext]);

  useEffect(() => {
    if (!ytext) return;
    return followRemoteEdits(ytext, () => area.current, editor.origin);
  }, [ytext, editor]);

  if (!element || !ytext || element.type === 'connector' || element.type === 'stroke') return null;

  const commit = () => {
    const textarea = area.current;
    if (!textarea || composing.current || editor.state.readOnly) return;
    let value = textarea.value;
    if (value.length > limit) {
      value = value.slice(0, limit);
      textarea.value = value;
      editor.notify('canvas.textCut', { limit: limit.toLocaleString() });
    }
    applyTextareaValue(ytext, value, editor.origin);
  };

  // The textarea is placed in the window, not in the canvas.
  const topLeft = boardToPage(viewport, { x: element.x, y: element.type === 'frame' ? element.y - 30 : element.y });
  const width = element.w * viewport.scale;
  const height = (element.type === 'frame' ? 28 : element.h) * viewport.scale;
  const fontSize =
    (element.type === 'note' ? noteFontSize(ytext.toString(), element.w, element.h) : element.type === 'text' ? element.fontSize : 18) * viewport.scale;
  const background = element.type === 'note' ? element.color : element.type === 'rect' || element.type === 'ellipse' ? element.fill : '#ffffff';

  return (
    <textarea
      ref={area}
      className="text-editor"
      data-testid="text-editor"
      aria-label={t('canvas.editText')}
      style={{ left: topLeft.x, top: topLeft.y, width, height, fontSize, background, textAlign: element.type === 'text' || element.type === 'frame' ? 'left' : 'center', padding: element.type === 'note' ? 12 * viewport.scale : 4 }}
      readOnly={editor.state.readOnly}
      onInput={commit}
      onCompositionStart={() => (composing.current = true)}
      onCompositionEnd={() => {
        composing.current = false;
        commit();
      }}
      onBlur={() => {
        commit();
        onDone();
      }}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Escape' || (e.key === 'Enter' && (e.ctrlKey || e.metaKey))) {
          e.preventDefault();
          // Back to the board (which blurs this and ends the editing), so the keys that
          // follow (arrows, Tab) act on the element just typed in.
          focusBoard();
          area.current?.blur();
        }
        // In a tree, Enter finishes the box and Tab finishes it and adds the next one.
        if (element.type === 'treeNode' && ((e.key === 'Enter' && !e.shiftKey && !e.ctrlKey && !e.metaKey) || e.key === 'Tab')) {
          e.preventDefault();
          focusBoard();
          area.current?.blur();
          if (e.key === 'Tab') handleTreeKey(editor, e.nativeEvent, () => {});
        }
      }}
    />
  );
}
