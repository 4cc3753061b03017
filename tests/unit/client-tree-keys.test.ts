import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import en from '../../client/src/i18n/en.json';
import pl from '../../client/src/i18n/pl.json';
import { Editor } from '../../client/src/editor/editor';
import { handleTreeKey, TREE_SHORTCUTS } from '../../client/src/methods/tree/tree-shortcuts';
import { treeIndex } from '../../client/src/methods/tree/tree-index';
import { createElement } from '../../shared/ops';
import { initBoard } from '../../shared/ops/board';
import { createTreeCore } from '../../shared/methods/tree-ops';
import type { ElementOf } from '../../shared/schema/elements';

const editors: Editor[] = [];
afterEach(() => {
  for (const editor of editors.splice(0)) editor.destroy();
});

function setup() {
  const doc = new Y.Doc();
  initBoard(doc, 'T', 'pl', 1);
  const frame = createElement(doc, { type: 'frame', method: 'problemTree', title: 'Drzewo', x: 0, y: 0, w: 1400, h: 1000 });
  const core = createTreeCore(doc, frame, 'problem', 'Problem', { x: 600, y: 450 });
  const editor = new Editor(doc, 'Ala');
  editors.push(editor);
  editor.select([core]);
  const edited: string[] = [];
  const press = (key: string, shift = false) => handleTreeKey(editor, { key, shiftKey: shift, ctrlKey: false, metaKey: false, altKey: false, repeat: false } as unknown as KeyboardEvent, (id) => edited.push(id));
  const node = (id: string) => editor.store.get(id) as ElementOf<'treeNode'>;
  const selected = () => [...editor.state.selection][0]!;
  return { editor, core, press, node, selected, edited };
}

describe('tree keys', () => {
  it('Tab adds a cause, Enter a sibling, Shift+Tab an effect of the core; each is selected', () => {
    const { core, press, node, selected } = setup();
    expect(press('Tab')).toBe(true);
    const cause = selected();
    expect(node(cause)).toMatchObject({ role: 'cause', parentNode: core });
    expect(press('Enter')).toBe(true);
    expect(node(selected())).toMatchObject({ role: 'cause', parentNode: core });
    expect(press('Tab', true)).toBe(true);
    expect(node(selected())).toMatchObject({ role: 'effect', parentNode: core });
    expect(press('Tab')).toBe(true);
    expect(node(selected()).role).toBe('effect');
  });

  it('typing starts editing with the character added; F2 edits; / folds; undo takes an addition back as one step', () => {
    const { editor, core, press, node, selected, edited } = setup();
    press('Tab');
    const cause = selected();
    press('Tab');
    editor.select([cause]);
    expect(press('B')).toBe(true);
    expect(node(cause).text).toBe('B');
    expect(press('F2')).toBe(true);
    expect(edited).toEqual([cause, cause]);
    press('/');
    expect(node(cause).collapsed).toBe(true);
    expect(treeIndex(editor.store).hidden.size).toBe(1);
    press('/');
    expect(node(cause).collapsed).toBe(false);
    const count = editor.store.size;
    editor.select([core]);
    press('Tab');
    expect(editor.store.size).toBe(count + 1);
    editor.undo();
    expect(editor.store.size).toBe(count);
  });

  it('Delete keeps the branch below; the core has no sibling; observers keep the board keys', () => {
    const { editor, core, press, node, selected } = setup();
    press('Tab');
    const a = selected();
    press('Tab');
    const b = selected();
    editor.select([a]);
    expect(press('Delete')).toBe(true);
    expect(editor.store.get(a)).toBeUndefined();
    expect(node(b).parentNode).toBe(core);
    editor.select([core]);
    // Enter on the core adds a child (it has no siblings).
    press('Enter');
    expect(node(selected()).parentNode).toBe(core);
    editor.setState({ readOnly: true });
    editor.select([core]);
    expect(press('v')).toBe(false);
    expect(press('Tab')).toBe(false);
  });

  it('every tree key is described in both languages', () => {
    for (const s of TREE_SHORTCUTS) {
      expect((pl.tree.keys as Record<string, string>)[s.action], s.action).toBeTruthy();
      expect((en.tree.keys as Record<string, string>)[s.action], s.action).toBeTruthy();
    }
  });
});
