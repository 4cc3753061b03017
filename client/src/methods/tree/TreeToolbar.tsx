import { useTranslation } from 'react-i18next';
import { boardToPage } from '../../board/page-position';
import type { ElementOf } from '../../../../shared/schema/elements';
import type { Editor } from '../../editor/editor';
import { useEditorState, useElement, useElementsDerived } from '../../editor/hooks';
import { addNode, deleteWithTree, moveUnder, toggleFold } from './tree-actions';
import { treeIndex } from './tree-index';
import { focusBoard } from '../../board/focus-board';

type Node = ElementOf<'treeNode'>;

interface Context {
  duplicates: string[];
  below: number;
  /** Nodes this one may move under: same frame and kind, not in its own branch. */
  targets: { id: string; text: string }[];
  hasCore: boolean;
}

const sameContext = (a: Context, b: Context) =>
  a.below === b.below && a.hasCore === b.hasCore && a.duplicates.join() === b.duplicates.join() && a.targets.length === b.targets.length && a.targets.every((t, i) => t.id === b.targets[i]!.id && t.text === b.targets[i]!.text);

/** Buttons over the selected tree node: add, fold, move under, delete, and its warnings. */
export function TreeToolbar({ editor }: { editor: Editor }) {
  const selection = useEditorState(editor, (s) => s.selection);
  const editing = useEditorState(editor, (s) => s.editing);
  const readOnly = useEditorState(editor, (s) => s.readOnly);
  const id = selection.size === 1 ? [...selection][0]! : null;
  const element = useElement(editor, id);
  if (!element || element.type !== 'treeNode' || editing || readOnly) return null;
  return <NodeTools editor={editor} node={element} />;
}

function NodeTools({ editor, node }: { editor: Editor; node: Node }) {
  const { t } = useTranslation();
  const viewport = useEditorState(editor, (s) => s.viewport);
  const context = useElementsDerived(
    editor,
    (): Context => {
      const index = treeIndex(editor.store);
      const branch = new Set<string>();
      const stack = [node.id];
      while (stack.length) {
        const id = stack.pop()!;
        branch.add(id);
        stack.push(...(index.children.get(id) ?? []));
      }
      const frameNodes = editor.store.ordered().filter((e): e is Node => e.type === 'treeNode' && e.parentId === node.parentId && e.tree === node.tree);
      return {
        duplicates: index.duplicates.get(node.id) ?? [],
        below: index.below.get(node.id) ?? 0,
        targets: frameNodes.filter((n) => !branch.has(n.id) && n.id !== node.parentNode).map((n) => ({ id: n.id, text: n.text })),
        hasCore: frameNodes.some((n) => n.role === 'core'),
      };
    },
    sameContext,
  );
  const kind = node.tree;
  // Causes grow downwards, so their toolbar sits below them, off the parent; others above.
  const below = node.role === 'cause';
  // The toolbar is placed in the window, not in the canvas.
  const top = boardToPage(viewport, { x: node.x, y: below ? node.y + node.h : node.y });
  const duplicateTexts = context.duplicates.map((id) => editor.store.get(id)).filter((e): e is Node => e?.type === 'treeNode');
  const isRoot = node.parentNode === null || !editor.store.get(node.parentNode);
  return (
    <div className="tree-toolbar" role="toolbar" aria-label={t('tree.toolbar')} style={{ left: Math.max(60, top.x), top: below ? top.y + 8 : Math.max(52, top.y - 52) }} data-testid="tree-toolbar">
      <div className="row">
        <button type="button" className="secondary" onClick={() => (addNode(editor, node.id, 'child'), focusBoard())} title="Tab" data-testid="tree-add-child">
          + {t(`tree.add.${kind}.${node.role === 'effect' ? 'effect' : 'cause'}`)}
        </button>
        {!isRoot && (
          <button type="button" className="secondary" onClick={() => (addNode(editor, node.id, 'sibling'), focusBoard())} title="Enter" data-testid="tree-add-sibling">
            + {t('tree.add.sibling')}
          </button>
        )}
        {context.hasCore && node.role === 'core' && (
          <button type="button" className="secondary" onClick={() => (addNode(editor, node.id, 'effect'), focusBoard())} title="Shift+Tab" data-testid="tree-add-effect">
            + {t(`tree.add.${kind}.effect`)}
          </button>
        )}
        {context.below > 0 && (
          <button type="button" className="secondary" onClick={() => (toggleFold(editor, node), focusBoard())} aria-expanded={!node.collapsed} title="/" data-testid="tree-fold">
            {node.collapsed ? t('tree.unfold', { count: context.below }) : t('tree.fold')}
          </button>
        )}
        {context.targets.length > 0 && (
          <select
            value=""
            aria-label={t('tree.moveUnder')}
            onChange={(e) => {
              if (e.target.value) moveUnder(editor, node.id, e.target.value);
              focusBoard();
            }}
            data-testid="tree-move"
          >
            <option value="">{t('tree.moveUnder')}…</option>
            {context.targets.map((target) => (
              <option key={target.id} value={target.id}>
                {target.text.slice(0, 60) || t('tree.untitled')}
              </option>
            ))}
          </select>
        )}
        <button type="button" className="secondary danger" onClick={() => (deleteWithTree(editor, [node.id]), focusBoard())} aria-label={t('tree.delete')} title={t('tree.deleteHint')}>
          ✕
        </button>
      </div>
      {duplicateTexts.length > 0 && (
        <p className="tree-warning" role="status" data-testid="tree-duplicate">
          ⚠ {t('tree.duplicate', { count: duplicateTexts.length, text: duplicateTexts[0]!.text.trim() })}
        </p>
      )}
    </div>
  );
}
