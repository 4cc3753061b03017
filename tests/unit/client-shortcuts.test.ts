import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import en from '../../client/src/i18n/en.json';
import pl from '../../client/src/i18n/pl.json';
import { SHORTCUTS } from '../../client/src/board/shortcuts';
import { Editor } from '../../client/src/editor/editor';

const editors: Editor[] = [];
afterEach(() => {
  for (const editor of editors.splice(0)) editor.destroy();
});

function editorOn(): Editor {
  const editor = new Editor(new Y.Doc(), 'Ala');
  editors.push(editor);
  return editor;
}

interface Keys {
  key: string;
  code?: string;
  ctrl?: boolean;
  meta?: boolean;
  shift?: boolean;
  alt?: boolean;
}

/** The part of a KeyboardEvent the shortcuts read. */
function keyEvent({ key, code = '', ctrl = false, meta = false, shift = false, alt = false }: Keys): KeyboardEvent {
  return { key, code, ctrlKey: ctrl, metaKey: meta, shiftKey: shift, altKey: alt } as unknown as KeyboardEvent;
}

/** The shortcut the keydown handler would run: the first that matches. */
function match(keys: Keys): string | undefined {
  return SHORTCUTS.find((s) => s.matches(keyEvent(keys)))?.action;
}

describe('SHORTCUTS: which keys do what', () => {
  it.each<[Keys, string | undefined]>([
    [{ key: 'v' }, 'tool.select'],
    [{ key: 'n' }, 'tool.note'],
    [{ key: 'N', shift: true }, undefined],
    [{ key: 'p' }, 'tool.pen'],
    [{ key: 'c', ctrl: true }, undefined],
    [{ key: 'z', ctrl: true }, 'undo'],
    [{ key: 'z', meta: true }, 'undo'],
    [{ key: 'Z', ctrl: true, shift: true }, 'redo'],
    [{ key: 'y', ctrl: true }, 'redo'],
    [{ key: 'z' }, undefined],
    [{ key: 'Delete' }, 'delete'],
    [{ key: 'Backspace' }, 'delete'],
    [{ key: 'Backspace', ctrl: true }, undefined],
    [{ key: 'd', ctrl: true }, 'duplicate'],
    [{ key: 'a', ctrl: true }, 'selectAll'],
    [{ key: ']', ctrl: true }, 'front'],
    [{ key: '[', ctrl: true }, 'back'],
    [{ key: ']' }, 'forward'],
    [{ key: '[' }, 'backward'],
    [{ key: '!', code: 'Digit1', shift: true }, 'zoomFit'],
    [{ key: '@', code: 'Digit2', shift: true }, 'zoomSelection'],
    [{ key: '+', code: 'Equal', shift: true }, 'zoomIn'],
    [{ key: '=' }, 'zoomIn'],
    [{ key: '-' }, 'zoomOut'],
    [{ key: '-', ctrl: true }, undefined],
    [{ key: 'ArrowLeft' }, 'nudge'],
    [{ key: 'Escape' }, 'deselect'],
    // Polish letters typed with AltGr (Ctrl+Alt on Windows) trigger nothing.
    [{ key: 'ą', ctrl: true, alt: true }, undefined],
    [{ key: 'ż', ctrl: true, alt: true }, undefined],
    [{ key: 'ć', ctrl: true, alt: true }, undefined],
  ])('%o → %s', (keys, action) => {
    expect(match(keys)).toBe(action);
  });

  it('no key combination above matches two shortcuts', () => {
    const combos: Keys[] = [];
    for (const key of ['v', 'h', 'n', 't', 'r', 'o', 'c', 'p', 'f', 'z', 'Z', 'y', 'd', 'a', 'Delete', 'Backspace', '[', ']', '+', '=', '-', 'ArrowUp', 'Escape']) {
      for (const ctrl of [false, true]) for (const shift of [false, true]) combos.push({ key, ctrl, shift });
    }
    for (const keys of combos) {
      const matching = SHORTCUTS.filter((s) => s.matches(keyEvent(keys))).map((s) => s.action);
      expect(matching.length, `${JSON.stringify(keys)}: ${matching.join(', ')}`).toBeLessThanOrEqual(1);
    }
  });

  it('every shortcut has a label in both languages, and actions are unique', () => {
    const lookup = (dict: unknown, path: string) => path.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], dict);
    for (const s of SHORTCUTS) {
      const label = s.label ?? `shortcuts.${s.action}`;
      expect(typeof lookup(en, label), `en ${label}`).toBe('string');
      expect(typeof lookup(pl, label), `pl ${label}`).toBe('string');
      expect(s.keys.length).toBeGreaterThan(0);
      // Keys named with words are named in each language.
      if (s.keysText) for (const dict of [en, pl]) expect(typeof lookup(dict, `keyboard.keys.${s.keysText}`), `keyboard.keys.${s.keysText}`).toBe('string');
    }
    expect(new Set(SHORTCUTS.map((s) => s.action)).size).toBe(SHORTCUTS.length);
  });
});

describe('SHORTCUTS: running them on an editor', () => {
  function run(editor: Editor, keys: Keys): void {
    const e = keyEvent(keys);
    const shortcut = SHORTCUTS.find((s) => s.matches(e));
    if (!shortcut) throw new Error(`no shortcut for ${JSON.stringify(keys)}`);
    shortcut.run(editor, e);
  }

  it('tool keys switch tools', () => {
    const editor = editorOn();
    run(editor, { key: 'r' });
    expect(editor.state.tool).toBe('rect');
    run(editor, { key: 'v' });
    expect(editor.state.tool).toBe('select');
  });

  it('arrows nudge the selection by 10 screen px, with Shift by 50, whatever the zoom; one undo step each', () => {
    const editor = editorOn();
    const [id] = editor.create([{ type: 'note', x: 0, y: 0 }]);
    editor.endGesture();
    editor.select([id!]);
    run(editor, { key: 'ArrowRight' });
    run(editor, { key: 'ArrowDown', shift: true });
    run(editor, { key: 'ArrowLeft', shift: true });
    run(editor, { key: 'ArrowUp' });
    expect(editor.store.get(id!)).toMatchObject({ x: -40, y: 40 });
    editor.setViewport({ x: 0, y: 0, scale: 0.25 });
    run(editor, { key: 'ArrowRight' });
    expect(editor.store.get(id!)).toMatchObject({ x: 0, y: 40 });
    editor.undo();
    expect(editor.store.get(id!)).toMatchObject({ x: -40, y: 40 });
    editor.undo();
    expect(editor.store.get(id!)).toMatchObject({ x: -40, y: 50 });
  });

  it('arrows with nothing selected pan the view', () => {
    const editor = editorOn();
    run(editor, { key: 'ArrowRight' });
    expect(editor.state.viewport).toMatchObject({ x: -80, y: 0 });
  });

  it('select all, duplicate, delete, undo, deselect', () => {
    const editor = editorOn();
    editor.create([{ type: 'note' }, { type: 'rect' }]);
    editor.endGesture();
    run(editor, { key: 'a', ctrl: true });
    expect(editor.state.selection.size).toBe(2);
    run(editor, { key: 'd', ctrl: true });
    expect(editor.store.size).toBe(4);
    editor.endGesture();
    run(editor, { key: 'Delete' });
    expect(editor.store.size).toBe(2);
    run(editor, { key: 'z', ctrl: true });
    expect(editor.store.size).toBe(4);
    run(editor, { key: 'Escape' });
    expect(editor.state.selection.size).toBe(0);
  });

  it('bring to front', () => {
    const editor = editorOn();
    const [a, b] = editor.create([{ type: 'note' }, { type: 'note' }]);
    editor.select([a!]);
    run(editor, { key: ']', ctrl: true });
    expect(editor.store.ordered().map((e) => e.id)).toEqual([b, a]);
  });
});
