import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Editor, type EditorOptions } from '../../client/src/editor/editor';
import { policyFor } from '../../shared/rules/policy';
import type { VoteRound } from '../../shared/protocol/state';
import { cancelConnecting, createByKeyboard, finishConnecting, moveConnectTarget, moveFocus, startConnecting, voteByKeyboard } from '../../client/src/board/keyboard-actions';
import { BESIDE_GAP } from '../../shared/geometry/keyboard';
import { createTreeCore, addTreeNode } from '../../shared/methods/tree-ops';

const editors: Editor[] = [];
afterEach(() => {
  for (const editor of editors.splice(0)) editor.destroy();
});

function editorOn(options?: EditorOptions): Editor {
  const editor = new Editor(new Y.Doc(), 'Ala', options);
  editor.screenSize = { width: 1000, height: 800 };
  editor.setViewport({ x: 500, y: 400, scale: 1 });
  editors.push(editor);
  return editor;
}

describe('keyboard on the board (client/src/board/keyboard-actions.ts)', () => {
  it('Tab walks the elements in reading order and leaves past the end; Shift+Tab from nothing leaves at once', () => {
    const editor = editorOn();
    const [b, a, c] = editor.create([{ type: 'note', x: 300, y: 0 }, { type: 'note', x: 0, y: 0 }, { type: 'rect', x: 0, y: 400 }]);
    expect(moveFocus(editor, true)).toBe(false);
    const visited: (string | null)[] = [];
    while (moveFocus(editor, false)) visited.push(editor.state.focused);
    expect(visited).toEqual([a, b, c]);
    expect(editor.state).toMatchObject({ focused: null, selection: new Set() });
    moveFocus(editor, false);
    expect(moveFocus(editor, true)).toBe(false);
  });

  it('a pointer pick clears the keyboard focus; editing the focused element keeps it', () => {
    const editor = editorOn();
    const [a, b] = editor.create([{ type: 'note', x: 0, y: 0 }, { type: 'note', x: 300, y: 0 }]);
    editor.focusElement(a!);
    editor.select([a!]);
    expect(editor.state.focused).toBe(a);
    editor.select([b!]);
    expect(editor.state.focused).toBeNull();
  });

  it('a tool pressed by keyboard creates in the middle of the view, then beside the selection, and opens notes for typing', () => {
    const editor = editorOn();
    const edited: string[] = [];
    createByKeyboard(editor, 'note', (id) => edited.push(id));
    const [first] = editor.store.ordered();
    expect(first).toMatchObject({ type: 'note', x: -100, y: -100 });
    expect(edited).toEqual([first!.id]);
    expect(editor.state).toMatchObject({ focused: first!.id, tool: 'select' });
    createByKeyboard(editor, 'rect', (id) => edited.push(id));
    const rect = editor.store.ordered().find((e) => e.type === 'rect')!;
    expect(rect).toMatchObject({ x: 100 + BESIDE_GAP, y: -100 });
    expect(edited).toHaveLength(1);
    createByKeyboard(editor, 'pen', () => {});
    expect(editor.store.ordered().some((e) => e.type === 'stroke')).toBe(true);
    // Read-only: nothing is made, and the person is told.
    editor.setState({ readOnly: true });
    createByKeyboard(editor, 'frame', () => {});
    expect(editor.state.notice?.key).toBe('canvas.readOnly');
  });

  it('Ctrl+K, Tab and Enter connect two elements; Escape gives up', () => {
    const editor = editorOn();
    const [a, b, c] = editor.create([{ type: 'note', x: 0, y: 0 }, { type: 'note', x: 300, y: 0 }, { type: 'note', x: 600, y: 0 }]);
    startConnecting(editor);
    expect(editor.state.notice?.key).toBe('keyboard.connect.selectFirst');
    editor.focusElement(a!);
    startConnecting(editor);
    expect(editor.state).toMatchObject({ connecting: { from: a }, focused: b });
    moveConnectTarget(editor, { backwards: false });
    expect(editor.state.focused).toBe(c);
    // Tab wraps round while connecting (and never offers the first element).
    moveConnectTarget(editor, { backwards: false });
    expect(editor.state.focused).toBe(b);
    moveConnectTarget(editor, { arrow: 'ArrowRight' });
    expect(editor.state.focused).toBe(c);
    finishConnecting(editor);
    const connector = editor.store.ordered().find((e) => e.type === 'connector');
    expect(connector).toMatchObject({ from: a, to: c });
    expect(editor.state).toMatchObject({ connecting: null, focused: connector!.id });
    editor.focusElement(b!);
    startConnecting(editor);
    cancelConnecting(editor);
    expect(editor.state).toMatchObject({ connecting: null, focused: b });
    expect(editor.store.ordered().filter((e) => e.type === 'connector')).toHaveLength(1);
  });

  it('connecting two tree nodes hangs the first under the second', () => {
    const editor = editorOn();
    const frame = editor.create([{ type: 'frame', x: -1000, y: -1000, w: 3000, h: 3000 }])[0]!;
    const core = createTreeCore(editor.doc, frame, 'problem', 'Korek w centrum', { x: 0, y: 0 });
    const cause = addTreeNode(editor.doc, core, 'child', {});
    const other = addTreeNode(editor.doc, core, 'child', {});
    editor.focusElement(other);
    startConnecting(editor);
    editor.setState({ focused: cause });
    finishConnecting(editor);
    expect(editor.store.get(other)).toMatchObject({ parentNode: cause });
    expect(editor.store.ordered().some((e) => e.type === 'connector')).toBe(false);
  });

  it('Space votes on the selected eligible items, Shift+Space takes back', () => {
    const sent: [string, boolean][] = [];
    const editor = editorOn({ actions: { vote: (id, retract) => sent.push([id, retract]) } });
    const [a, b] = editor.create([{ type: 'note', x: 0, y: 0 }, { type: 'note', x: 300, y: 0 }]);
    const round: VoteRound = { id: 'r', title: 'r', frameId: null, itemIds: [a!], votesPerPerson: 3, open: true, openedAt: 0, closedAt: null, results: null, voters: null };
    editor.setPolicy(policyFor({ locks: { board: false, frames: [] }, privateFrames: [], rounds: [round] }, 'participant', editor.store.lookup));
    editor.focusElement(b!);
    voteByKeyboard(editor, false);
    expect(editor.state.notice?.key).toBe('control.vote.noneSelected');
    editor.focusElement(a!);
    voteByKeyboard(editor, false);
    voteByKeyboard(editor, true);
    expect(sent).toEqual([
      [a, false],
      [a, true],
    ]);
  });
});
