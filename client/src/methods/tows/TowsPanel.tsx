import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { itemText, SWOT_QUADRANTS, towsRefId } from '../../../../shared/methods/tows';
import { addStrategy, cellCodes, setStrategySources } from '../../../../shared/methods/tows-ops';
import type { ElementOf } from '../../../../shared/schema/elements';
import type { Editor } from '../../editor/editor';
import { useEditorState, useElement, useElementsDerived } from '../../editor/hooks';

interface CellItem {
  id: string;
  code: string;
  text: string;
}

const QUADRANT_METHODS = new Set<string>(Object.values(SWOT_QUADRANTS));

const sameItems = (a: CellItem[], b: CellItem[]) => a.length === b.length && a.every((x, i) => x.id === b[i]!.id && x.code === b[i]!.code && x.text === b[i]!.text);

/** The SWOT items a TOWS cell lists (from its labels), in code order. */
function useCellItems(editor: Editor, cellId: string): CellItem[] {
  return useElementsDerived(
    editor,
    () => {
      const elements = editor.store.ordered();
      const inQuadrant = elements.filter((e) => {
        const parent = e.parentId ? editor.store.get(e.parentId) : undefined;
        return parent?.type === 'frame' && parent.method !== null && QUADRANT_METHODS.has(parent.method) && itemText(e) !== null;
      });
      const codes = cellCodes(editor.store.lookup, cellId, inQuadrant.map((e) => e.id));
      return inQuadrant
        .filter((e) => codes.has(e.id) && editor.store.get(towsRefId(cellId, e.id)))
        .map((e) => ({ id: e.id, code: codes.get(e.id)!, text: itemText(e)! }))
        .sort((a, b) => 'SWOT'.indexOf(a.code[0]!) - 'SWOT'.indexOf(b.code[0]!) || Number(a.code.slice(1)) - Number(b.code.slice(1)));
    },
    sameItems,
  );
}

/** Writing TOWS strategies in a cell: the words, and ticks for the SWOT items combined. */
export function TowsPanel({ editor, cell }: { editor: Editor; cell: ElementOf<'frame'> }) {
  const { t } = useTranslation();
  const items = useCellItems(editor, cell.id);
  const selection = useEditorState(editor, (s) => s.selection);
  const selectedId = selection.size === 1 ? [...selection][0]! : null;
  // Followed as it changes, so the ticks show its sources right after each change.
  const element = useElement(editor, selectedId);
  const selected = element?.type === 'strategy' && element.parentId === cell.id ? element : undefined;
  const [text, setText] = useState('');
  const [ticked, setTicked] = useState<string[]>([]);
  const toggle = (list: readonly string[], id: string) => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id]);

  const add = () => {
    if (!text.trim()) return editor.notify('tows.errors.noText');
    const id = editor.perform((doc, options) => addStrategy(doc, cell.id, text.trim(), ticked, options), [cell.id]);
    if (!id) return;
    setText('');
    setTicked([]);
    editor.select([id]);
  };

  return (
    <div className="tows-panel" data-testid="tows-panel">
      <h3>{cell.title}</h3>
      {items.length === 0 && <p className="muted">{t('tows.noItems')}</p>}
      {selected ? (
        <fieldset>
          <legend>{t('tows.combines')}</legend>
          {items.map((item) => (
            <label key={item.id} className="check">
              <input
                type="checkbox"
                checked={selected.sources.includes(item.id)}
                onChange={() => editor.perform((doc, options) => setStrategySources(doc, selected.id, toggle(selected.sources, item.id), options.origin), [selected.id])}
                data-testid={`tows-source-${item.code}`}
              />
              <b>{item.code}</b> {item.text}
            </label>
          ))}
        </fieldset>
      ) : (
        <form
          className="tows-form"
          onSubmit={(e) => {
            e.preventDefault();
            add();
          }}
        >
          <label>
            {t('tows.strategy')}
            <textarea value={text} onChange={(e) => setText(e.target.value)} rows={3} maxLength={10_000} placeholder={t('tows.placeholder')} data-testid="tows-text" />
          </label>
          <fieldset>
            <legend>{t('tows.combines')}</legend>
            {items.map((item) => (
              <label key={item.id} className="check">
                <input type="checkbox" checked={ticked.includes(item.id)} onChange={() => setTicked((list) => toggle(list, item.id))} data-testid={`tows-tick-${item.code}`} />
                <b>{item.code}</b> {item.text}
              </label>
            ))}
          </fieldset>
          <button type="submit" data-testid="tows-add">
            {t('tows.add')}
          </button>
        </form>
      )}
    </div>
  );
}
