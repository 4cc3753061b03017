import type { Editor, ToolId } from '../editor/editor';

/** One keyboard shortcut: what to press (for the help panel) and what it does. */
export interface Shortcut {
  /** i18n key under `shortcuts.` describing the action. */
  action: string;
  /** Keys as shown in the help panel. */
  keys: string;
  /** i18n key of the keys' words, when they hold words and not only key names ("Space + drag"). */
  keysKey?: string;
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
  { action: 'delete', keys: 'Delete / Backspace', matches: (e) => plain(e) && (e.key === 'Delete' || e.key === 'Backspace'), run: (ed) => ed.deleteSelection() },
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
    keys: '← ↑ → ↓ (Shift: ×10)',
    matches: (e) => !mod(e) && e.key.startsWith('Arrow'),
    run: (ed, e) => {
      const step = e.shiftKey ? 10 : 1;
      const dx = e.key === 'ArrowLeft' ? -step : e.key === 'ArrowRight' ? step : 0;
      const dy = e.key === 'ArrowUp' ? -step : e.key === 'ArrowDown' ? step : 0;
      ed.move([...ed.state.selection], dx, dy);
      ed.onMoved([...ed.state.selection]);
    },
  },
  { action: 'deselect', keys: 'Esc', matches: (e) => e.key === 'Escape', run: (ed) => ed.select([]) },
  { action: 'pan', keys: 'Space + drag', keysKey: 'a11y.help.panKeys', matches: () => false, run: () => {} },
];

/** Whether keyboard focus is somewhere that types text (then shortcuts stay out of the way). */
export function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement || (target instanceof HTMLElement && target.isContentEditable);
}
