import { useEffect } from 'react';
import type { Editor } from '../editor/editor';
import { isTyping, SHORTCUTS } from './shortcuts';
import { handleTreeKey, onBoardSurface } from '../methods/tree/tree-shortcuts';
import { typeInto } from '../methods/tree/tree-actions';
import * as Y from 'yjs';
import { elementsOf } from '../../../shared/schema/doc';

/** Whether an element has a text one types into (a note, a text, a shape's label…). */
function hasText(editor: Editor, id: string): boolean {
  return elementsOf(editor.doc).get(id)?.get('text') instanceof Y.Text;
}

/** Whether a dialog covers the board: its keys are the dialog's then, not the board's. */
function dialogOpen(): boolean {
  return document.querySelector('[aria-modal="true"]') !== null;
}

/** Keyboard shortcuts and the clipboard, while focus is not in a text field. */
export function useShortcuts(editor: Editor, onHelp: () => void, onEdit: (id: string) => void): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (isTyping(e.target) || dialogOpen()) return;
      if (e.key === '?' || (e.shiftKey && e.code === 'Slash')) {
        e.preventDefault();
        return onHelp();
      }
      // A selected tree node has its own keys (Tab adds a child, typing edits it…).
      if (onBoardSurface(e.target) && handleTreeKey(editor, e, onEdit)) {
        e.preventDefault();
        return;
      }
      if (e.key === 'Enter' && editor.state.selection.size === 1) {
        e.preventDefault();
        return onEdit([...editor.state.selection][0]!);
      }
      const onBoard = onBoardSurface(e.target);
      // Typing on a selected note (or anything with text) starts editing it with that
      // letter, as in Miro and tldraw, instead of switching tools under the person's hands.
      const printable = e.key.length === 1 && e.key !== ' ' && !e.ctrlKey && !e.metaKey && !e.altKey && !e.repeat;
      if (onBoard && printable && editor.state.selection.size === 1) {
        const id = [...editor.state.selection][0]!;
        if (hasText(editor, id)) {
          e.preventDefault();
          return typeInto(editor, id, e.key, onEdit);
        }
      }
      const shortcut = SHORTCUTS.find((s) => s.matches(e));
      if (!shortcut) return;
      // Letter keys are the board's only while the board has the focus (not a panel's button).
      if (shortcut.action.startsWith('tool.') && !onBoard) return;
      e.preventDefault();
      shortcut.run(editor, e);
    };
    // The DOM clipboard events work without permission prompts, within and between boards.
    const onCopy = (e: ClipboardEvent) => {
      if (isTyping(e.target) || dialogOpen()) return;
      const text = editor.copySelection();
      if (!text) return;
      e.preventDefault();
      e.clipboardData?.setData('text/plain', text);
      if (e.type === 'cut') editor.deleteSelection();
    };
    const onPaste = (e: ClipboardEvent) => {
      if (isTyping(e.target) || dialogOpen()) return;
      const text = e.clipboardData?.getData('text/plain');
      if (!text) return;
      e.preventDefault();
      editor.paste(text);
    };
    window.addEventListener('keydown', onKeyDown);
    document.addEventListener('copy', onCopy);
    document.addEventListener('cut', onCopy);
    document.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('cut', onCopy);
      document.removeEventListener('paste', onPaste);
    };
  }, [editor, onHelp, onEdit]);
}
