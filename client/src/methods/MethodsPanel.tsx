import { useTranslation } from 'react-i18next';
import { latestResultsFor, swotItems } from '../../../shared/methods/tows';
import type { VoteRound } from '../../../shared/protocol/state';
import type { Element, ElementOf } from '../../../shared/schema/elements';
import type { Editor } from '../editor/editor';
import { useEditorState, useElementsDerived } from '../editor/hooks';
import { arrange, convert, startTree } from './tree/tree-actions';
import { buildTowsFor } from './tows/tows-actions';
import { TowsPanel } from './tows/TowsPanel';

type Frame = ElementOf<'frame'>;

/** The method frame the selection is about: the selected frame, or the frame of the selected element (and its parent frame for SWOT quadrants and TOWS cells). */
function methodFrame(editor: Editor, selection: ReadonlySet<string>): { frame: Frame; cell: Frame | null } | null {
  if (selection.size !== 1) return null;
  let element: Element | undefined = editor.store.get([...selection][0]!);
  // A selected tree node has its own toolbar; the panel would only cover the tree.
  if (element?.type === 'treeNode') return null;
  if (element && element.type !== 'frame' && element.parentId) element = editor.store.get(element.parentId);
  if (element?.type !== 'frame' || !element.method) return null;
  const parent = element.parentId ? editor.store.get(element.parentId) : undefined;
  if ((element.method.startsWith('swot-') || element.method.startsWith('tows-')) && parent?.type === 'frame') return { frame: parent, cell: element };
  return { frame: element, cell: null };
}

const sameTarget = (a: ReturnType<typeof methodFrame>, b: ReturnType<typeof methodFrame>) => a?.frame === b?.frame && a?.cell === b?.cell;

/**
 * What can be done with the workshop method under the selection: start or arrange a tree,
 * convert problems to objectives, build TOWS (the facilitator), write strategies in a cell.
 */
export function MethodsPanel({ editor, role, rounds }: { editor: Editor; role: string | null; rounds: readonly VoteRound[] }) {
  const { t } = useTranslation();
  const selection = useEditorState(editor, (s) => s.selection);
  const readOnly = useEditorState(editor, (s) => s.readOnly);
  const target = useElementsDerived(editor, () => methodFrame(editor, selection), sameTarget);
  const nodeCount = useElementsDerived(editor, () => (target ? editor.store.ofType('treeNode').filter((e) => e.parentId === target.frame.id).length : 0), Object.is);
  if (!target || readOnly) return null;
  const { frame, cell } = target;
  const firstNode = () => editor.store.ordered().find((e) => e.type === 'treeNode' && e.parentId === frame.id)?.id;
  let body: React.ReactNode = null;
  if (frame.method === 'problemTree' || frame.method === 'objectivesTree') {
    const kind = frame.method === 'problemTree' ? 'problem' : 'objective';
    body = (
      <>
        <h3>{t(`tree.title.${kind}`)}</h3>
        {nodeCount === 0 ? (
          <button type="button" onClick={() => startTree(editor, frame, kind)} data-testid="tree-start">
            {t(`tree.start.${kind}`)}
          </button>
        ) : (
          <button type="button" className="secondary" onClick={() => arrange(editor, firstNode()!)} data-testid="tree-arrange">
            {t('tree.arrange')}
          </button>
        )}
        {kind === 'problem' && nodeCount > 0 && (
          <button type="button" onClick={() => convert(editor, frame.id)} data-testid="tree-convert">
            {t('tree.convert')}
          </button>
        )}
        {kind === 'problem' && <p className="muted">{t('tree.convertHint')}</p>}
      </>
    );
  } else if (frame.method === 'swot' && role === 'facilitator') {
    body = <SwotTools editor={editor} frame={frame} rounds={rounds} />;
  } else if (frame.method === 'tows' && cell) {
    body = <TowsPanel editor={editor} cell={cell} />;
  }
  if (!body) return null;
  return (
    <section className="method-panel" aria-label={t('tree.panel')} data-testid="method-panel">
      {body}
    </section>
  );
}

function SwotTools({ editor, frame, rounds }: { editor: Editor; frame: Frame; rounds: readonly VoteRound[] }) {
  const { t } = useTranslation();
  const voted = useElementsDerived(
    editor,
    () => {
      const items = Object.values(swotItems(editor.store.ordered(), frame.id)).flat();
      return latestResultsFor(rounds, items.map((e) => e.id)) !== null;
    },
    Object.is,
  );
  return (
    <>
      <h3>{t('tows.title')}</h3>
      <p className="muted">{voted ? t('tows.byVotes') : t('tows.byOrder')}</p>
      <button type="button" onClick={() => buildTowsFor(editor, frame.id, rounds)} data-testid="tows-build">
        {t('tows.build')}
      </button>
    </>
  );
}
