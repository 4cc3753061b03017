import { useEffect, useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import * as Y from 'yjs';
import { isTemplatePlaceholder } from '../../../shared/templates/labels';
import { textFieldLimit } from '../../../shared/schema/elements';
import { elementsOf } from '../../../shared/schema/doc';
import type { Editor } from '../editor/editor';
import { useEditorState, useElement } from '../editor/hooks';
import { textEditingOf } from '../element-types/registry';
import { boardToPage } from './page-position';
import { applyTextareaValue, followRemoteEdits } from './text-binding';
import { focusBoard } from './focus-board';

/**
 * In-place text editing: a textarea laid over the element (where, how large and in what
 * colours its type's module says: client/src/element-types/), bound to its Y.Text. Typing
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

  const typed = element ? textEditingOf(element) : null;
  if (!element || !ytext || !typed) return null;
  const how = typed.editing;

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
  const box = how.box(element);
  const topLeft = boardToPage(viewport, box);
  const width = box.w * viewport.scale;
  const height = box.h * viewport.scale;
  const fontSize = how.fontSize(element, ytext.toString()) * viewport.scale;
  const finish = () => {
    // Back to the board (which blurs this and ends the editing), so the keys that
    // follow (arrows, Tab) act on the element just typed in.
    focusBoard();
    area.current?.blur();
  };

  return (
    <textarea
      ref={area}
      className="text-editor"
      data-testid="text-editor"
      aria-label={t('canvas.editText')}
      style={{ left: topLeft.x, top: topLeft.y, width, height, fontSize, background: how.background(element), textAlign: how.align, padding: how.padding(viewport.scale) }}
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
          finish();
          return;
        }
        // The type's own keys (in a tree, Enter finishes the box and Tab adds the next one).
        how.key?.(editor, element, e.nativeEvent, finish);
      }}
    />
  );
}
