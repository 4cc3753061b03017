import type { Editor, ToolId } from '../editor/editor';
import { isArrowKey, NUDGE_BIG_SCREEN_PX, NUDGE_SCREEN_PX } from '../../../shared/geometry/keyboard';
import { arrowKey, focusTools, startConnecting, voteByKeyboard } from './keyboard-actions';

/** One keyboard shortcut: what to press (for the help panel) and what it does. */
export interface Shortcut {
  /** i18n key under `shortcuts.` describing the action. */
  action: string;
  /** Keys as shown in the help panel. */
  keys: string;
  /** i18n key of the action's text, when not `shortcuts.<action>`. */
  label?: string;
  /** Given, the keys' names are words: an i18n key under `keyboard.keys.` (with `keys` as its {{keys}}). */
  keysText?: string;
  /** The key acts only while the board itself has the focus (on a button it presses the button). */
  onBoardOnly?: boolean;
  /** Values for the action's text in the help panel. */
  values?: Record<string, unknown>;
  matches(e: KeyboardEvent): boolean;
  run(editor: Editor, e: KeyboardEvent): void;
}

const mod = (e: KeyboardEvent) => e.ctrlKey || e.metaKey;
const plain = (e: KeyboardEvent) => !e.ctrlKey && !e.metaKey && !e.altKey;
const key = (e: KeyboardEvent, k: string) => e.key.toLowerCase() === k;

function toolKey(letter: string, tool: ToolId): Shortcut {
  return { action: `tool.${tool}`, keys: letter.toUpperCase(), matches: (e) => plain(e) && !e.shiftKey && key(e, letter), run: (ed) => ed.setTool(tool) };
}

/** Every shortcut; the help panel lists exactly these. */
export const SHORTCUTS: Shortcut[] = [
  toolKey('v', 'select'),
  toolKey('h', 'hand'),
  toolKey('n', 'note'),
  toolKey('t', 'text'),
  toolKey('r', 'rect'),
  toolKey('o', 'ellipse'),
  toolKey('c', 'connector'),
  toolKey('p', 'pen'),
  toolKey('f', 'frame'),
  { action: 'undo', keys: 'Ctrl+Z', matches: (e) => mod(e) && !e.shiftKey && key(e, 'z'), run: (ed) => ed.undo() },
  { action: 'redo', keys: 'Ctrl+Shift+Z / Ctrl+Y', matches: (e) => mod(e) && ((e.shiftKey && key(e, 'z')) || key(e, 'y')), run: (ed) => ed.redo() },
  { action: 'delete', keys: 'Delete / Backspace', keysText: 'delete', matches: (e) => plain(e) && (e.key === 'Delete' || e.key === 'Backspace'), run: (ed) => ed.deleteSelection() },
  { action: 'duplicate', keys: 'Ctrl+D', matches: (e) => mod(e) && key(e, 'd'), run: (ed) => ed.duplicate() },
  { action: 'selectAll', keys: 'Ctrl+A', matches: (e) => mod(e) && key(e, 'a'), run: (ed) => ed.selectAll() },
  { action: 'copy', keys: 'Ctrl+C / Ctrl+X / Ctrl+V', matches: () => false, run: () => {} },
  { action: 'front', keys: 'Ctrl+]', matches: (e) => mod(e) && e.key === ']', run: (ed) => ed.reorder('front') },
  { action: 'back', keys: 'Ctrl+[', matches: (e) => mod(e) && e.key === '[', run: (ed) => ed.reorder('back') },
  { action: 'forward', keys: ']', matches: (e) => plain(e) && e.key === ']', run: (ed) => ed.reorder('forward') },
  { action: 'backward', keys: '[', matches: (e) => plain(e) && e.key === '[', run: (ed) => ed.reorder('backward') },
  { action: 'zoomFit', keys: 'Shift+1', matches: (e) => e.shiftKey && e.code === 'Digit1', run: (ed) => ed.zoomToFit() },
  { action: 'zoomSelection', keys: 'Shift+2', matches: (e) => e.shiftKey && e.code === 'Digit2', run: (ed) => ed.zoomToSelection() },
  { action: 'zoomIn', keys: '+', matches: (e) => !mod(e) && (e.key === '+' || e.key === '='), run: (ed) => ed.zoomBy(1.25) },
  { action: 'zoomOut', keys: '−', matches: (e) => !mod(e) && e.key === '-', run: (ed) => ed.zoomBy(0.8) },
  {
    action: 'nudge',
    label: 'keyboard.shortcuts.nudge',
    keys: '← ↑ → ↓',
    keysText: 'arrows',
    values: { step: NUDGE_SCREEN_PX, big: NUDGE_BIG_SCREEN_PX },
    onBoardOnly: true,
    matches: (e) => !mod(e) && !e.altKey && isArrowKey(e.key),
    run: (ed, e) => {
      if (isArrowKey(e.key)) arrowKey(ed, e.key, e.shiftKey);
    },
  },
  // Tab is handled by useShortcuts (past the last element it is left to the browser); listed here for the help panel.
  { action: 'focusNext', label: 'keyboard.shortcuts.focusNext', keys: 'Tab / Shift+Tab', matches: () => false, run: () => {} },
  { action: 'editInPlace', label: 'keyboard.shortcuts.editInPlace', keys: 'F2', matches: () => false, run: () => {} },
  { action: 'focusTools', label: 'keyboard.shortcuts.focusTools', keys: 'Alt+T', matches: (e) => e.altKey && !mod(e) && e.code === 'KeyT', run: () => focusTools() },
  { action: 'createTool', label: 'keyboard.shortcuts.createTool', keys: 'Tab → Enter', keysText: 'toolButton', matches: () => false, run: () => {} },
  { action: 'connect', label: 'keyboard.shortcuts.connect', keys: 'Ctrl+K', onBoardOnly: true, matches: (e) => mod(e) && !e.shiftKey && key(e, 'k'), run: (ed) => startConnecting(ed) },
  { action: 'connectChoose', label: 'keyboard.shortcuts.connectChoose', keys: 'Tab / ← ↑ → ↓, Enter', keysText: 'connectChoose', matches: () => false, run: () => {} },
  {
    action: 'vote', label: 'keyboard.shortcuts.vote',
    keys: 'Space / Shift+Space',
    keysText: 'vote',
    onBoardOnly: true,
    matches: (e) => !mod(e) && !e.altKey && e.key === ' ',
    run: (ed, e) => voteByKeyboard(ed, e.shiftKey),
  },
  { action: 'deselect', keys: 'Esc', matches: (e) => e.key === 'Escape', run: (ed) => ed.select([]) },
  { action: 'pan', keys: 'Space', keysText: 'pan', matches: () => false, run: () => {} },
];

/** Whether keyboard focus is somewhere that types text (then shortcuts stay out of the way). */
export function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement || (target instanceof HTMLElement && target.isContentEditable);
}
