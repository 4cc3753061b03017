import { useEffect } from 'react';
import type { Editor } from '../editor/editor';
import { isTyping, SHORTCUTS } from './shortcuts';
import { typeEnter, typeKey, typeOwnsTab } from '../element-types/registry';
import { focusBoard, onBoardSurface } from './focus-board';
import { typeInto } from '../methods/tree/tree-actions';
import { cancelConnecting, finishConnecting, moveConnectTarget, moveFocus } from './keyboard-actions';
import { isArrowKey } from '../../../shared/geometry/keyboard';
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

/** A key while connecting by keyboard; returns whether it was one of the connection's keys. */
function connectKey(editor: Editor, e: KeyboardEvent): boolean {
  if (e.ctrlKey || e.metaKey || e.altKey) return false;
  if (e.key === 'Tab') moveConnectTarget(editor, { backwards: e.shiftKey });
  else if (isArrowKey(e.key)) moveConnectTarget(editor, { arrow: e.key });
  else if (e.key === 'Enter') finishConnecting(editor);
  else if (e.key === 'Escape') cancelConnecting(editor);
  else return false;
  return true;
}

/** Escape inside the card details: the focus goes back to the board (the card stays selected). */
function leaveDetails(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement) || !target.closest('.methods-panel')) return false;
  focusBoard();
  return true;
}

/** Keyboard shortcuts and the clipboard, while focus is not in a text field. */
export function useShortcuts(editor: Editor, onHelp: () => void, onEdit: (id: string) => void): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      // Escape in the card details beside the board goes back to the card on the board.
      if (e.key === 'Escape' && !dialogOpen() && leaveDetails(e.target)) {
        e.preventDefault();
        return;
      }
      if (isTyping(e.target) || dialogOpen()) return;
      if (e.key === '?' || (e.shiftKey && e.code === 'Slash')) {
        e.preventDefault();
        return onHelp();
      }
      const onBoard = onBoardSurface(e.target);
      // Choosing where a connection made by keyboard ends: Tab or arrows, Enter, Escape.
      if (onBoard && editor.state.connecting && connectKey(editor, e)) {
        e.preventDefault();
        return;
      }
      // Tab walks the elements in reading order, unless the selection's type owns it (on a
      // tree node picked by pointer or just added, Tab keeps adding a child).
      if (onBoard && e.key === 'Tab' && !e.ctrlKey && !e.metaKey && !e.altKey && !typeOwnsTab(editor)) {
        if (moveFocus(editor, e.shiftKey)) e.preventDefault();
        return;
      }
      // A selected element's type may have keys of its own (a tree node: Tab adds a child…).
      if (onBoard && typeKey(editor, e, onEdit)) {
        e.preventDefault();
        return;
      }
      if (onBoard && e.key === 'F2' && editor.state.selection.size === 1) {
        e.preventDefault();
        return onEdit([...editor.state.selection][0]!);
      }
      if (onBoard && e.key === 'Enter' && !e.ctrlKey && !e.metaKey && !e.altKey && editor.state.selection.size === 1) {
        e.preventDefault();
        const id = [...editor.state.selection][0]!;
        // Its type may take Enter (a stakeholder or a factor opens its score beside the board).
        const element = editor.store.get(id);
        if (element && typeEnter(editor, element)) return;
        return onEdit(id);
      }
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
      if ((shortcut.action.startsWith('tool.') || shortcut.onBoardOnly) && !onBoard) return;
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
