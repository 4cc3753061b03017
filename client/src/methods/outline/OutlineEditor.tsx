import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import * as Y from 'yjs';
import { elementsOf } from '../../../../shared/schema/doc';
import { textFieldLimit } from '../../../../shared/schema/elements';
import { nameField } from '../../../../shared/methods/outline-facts';
import { applyTextareaValue } from '../../board/text-binding';
import type { Editor } from '../../editor/editor';

/**
 * Edits an element's words from the outline: each keystroke goes to the element's Y.Text as a
 * minimal edit (as on the canvas), so others see it live and nobody's typing is overwritten.
 */
export function OutlineEditor({ editor, id, label, onDone }: { editor: Editor; id: string; label: string; onDone: () => void }) {
  const { t } = useTranslation();
  const input = useRef<HTMLTextAreaElement>(null);
  const element = editor.store.get(id);
  // The field that names it: a stakeholder's name, an idea's or a frame's title, a note's text.
  const field = (element && nameField(element.type)) ?? 'text';
  const value = elementsOf(editor.doc).get(id)?.get(field);
  const ytext = value instanceof Y.Text ? value : null;
  const limit = element ? textFieldLimit(element.type, field) : 0;

  useEffect(() => {
    if (!input.current || !ytext) return;
    input.current.value = ytext.toString();
    input.current.focus();
    input.current.select();
    const onRemote = (_event: Y.YTextEvent, transaction: Y.Transaction) => {
      if (transaction.origin !== editor.origin && input.current && document.activeElement !== input.current) input.current.value = ytext.toString();
    };
    ytext.observe(onRemote);
    return () => ytext.unobserve(onRemote);
  }, [ytext, editor]);

  useEffect(() => {
    if (!ytext) onDone();
  }, [ytext, onDone]);
  if (!ytext) return null;

  const write = () => {
    const next = input.current!.value.slice(0, limit);
    editor.perform(() => applyTextareaValue(ytext, next, editor.origin), [id]);
  };
  return (
    <textarea
      ref={input}
      rows={2}
      className="outline-input"
      aria-label={t('a11y.outline.editLabel', { label })}
      data-testid="outline-input"
      readOnly={editor.state.readOnly}
      onInput={write}
      onBlur={onDone}
      onClick={(e) => e.stopPropagation()}
      onKeyDown={(e) => {
        e.stopPropagation();
        // Enter finishes (Shift+Enter starts a new line), as in a form field.
        if ((e.key === 'Enter' && !e.shiftKey) || e.key === 'Escape') {
          e.preventDefault();
          onDone();
        }
      }}
    />
  );
}
