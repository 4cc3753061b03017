import { useState } from 'react';
import { Modal } from '../../panels/Modal';
import { useTranslation } from 'react-i18next';
import { spreadOf } from '../../../../shared/methods/ratings';
import { quadrantOf, STAKEHOLDER_QUADRANTS } from '../../../../shared/methods/scores';
import type { ElementOf } from '../../../../shared/schema/elements';
import type { Editor } from '../../editor/editor';
import { useElementsDerived } from '../../editor/hooks';
import { formatScore } from '../format';

interface Row {
  id: string;
  name: string;
  group: string;
  influence: number | null;
  engagement: number | null;
  quadrant: string | null;
  /** Larger of the two axes' standard deviations: how much people disagreed. */
  spread: number | null;
  spreadText: string;
  count: number;
  scores: string;
}

type Column = 'name' | 'group' | 'influence' | 'engagement' | 'quadrant' | 'spread' | 'count';
const COLUMNS: Column[] = ['name', 'group', 'influence', 'engagement', 'quadrant', 'spread', 'count'];

function rowOf(s: ElementOf<'stakeholder'>): Row {
  const spread = spreadOf('stakeholder', s.ratings);
  const scored = s.influence !== null && s.engagement !== null;
  return {
    id: s.id,
    name: s.name,
    group: s.group,
    influence: s.influence,
    engagement: s.engagement,
    quadrant: scored ? quadrantOf(s.influence!, s.engagement!) : null,
    spread: spread ? Math.max(spread.influence!.spread, spread.engagement!.spread) : null,
    spreadText: spread ? `±${formatScore(spread.influence!.spread)} / ±${formatScore(spread.engagement!.spread)}` : '–',
    count: s.ratings.length,
    scores: s.ratings.map((r) => `${r.by || '?'} ${formatScore(r.influence)}/${formatScore(r.engagement)}`).join(', '),
  };
}

const sameRows = (a: Row[], b: Row[]) => a.length === b.length && a.every((r, i) => JSON.stringify(r) === JSON.stringify(b[i]));

/** Sorting order: empty values last whatever the direction; quadrants in their usual order. */
function compare(a: Row, b: Row, column: Column, collator: Intl.Collator): number {
  if (column === 'quadrant') {
    const rank = (q: string | null) => (q === null ? Infinity : STAKEHOLDER_QUADRANTS.indexOf(q as never));
    return rank(a.quadrant) - rank(b.quadrant);
  }
  const x = a[column];
  const y = b[column];
  if (typeof x === 'string' && typeof y === 'string') return collator.compare(x, y);
  const nx = typeof x === 'number' ? x : -Infinity;
  const ny = typeof y === 'number' ? y : -Infinity;
  return nx === ny ? 0 : nx < ny ? -1 : 1;
}

/** Every stakeholder on the board as a sortable table: scores, quadrant, spread, individual scores. */
export function StakeholderTable({ editor, onClose }: { editor: Editor; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [sort, setSort] = useState<{ column: Column; descending: boolean }>({ column: 'influence', descending: true });
  const rows = useElementsDerived(
    editor,
    () => editor.store.ofType('stakeholder').map(rowOf),
    sameRows,
  );
  const collator = new Intl.Collator(i18n.language);
  const sorted = [...rows].sort((a, b) => {
    const order = compare(a, b, sort.column, collator);
    return sort.descending ? -order : order;
  });
  const header = (column: Column) => {
    const active = sort.column === column;
    return (
      <th key={column} aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
        <button type="button" className="sort" onClick={() => setSort({ column, descending: active ? !sort.descending : column !== 'name' && column !== 'group' })} data-testid={`sort-${column}`}>
          {t(`stakeholders.table.${column}`)} {active ? (sort.descending ? '▼' : '▲') : ''}
        </button>
      </th>
    );
  };
  // The card is shown where it stands on its map (the map fitted, its name on a label), not
  // blown up alone: where it is against the others is what the table cannot show.
  const show = (id: string) => {
    editor.select([id]);
    const parentId = editor.store.get(id)?.parentId;
    if (!parentId || !editor.zoomToElement(parentId)) editor.zoomToSelection();
    onClose();
  };
  return (
    // A Modal: Tab stays inside, Escape closes, the focus goes back to the button that opened it.
    <Modal onClose={onClose} labelledBy="stakeholder-table-title" testId="stakeholder-table" className="wide">
      <h2 id="stakeholder-table-title">{t('stakeholders.table.title')}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t('stakeholders.table.empty')}</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>{COLUMNS.map(header)}</tr>
          </thead>
          <tbody>
            {sorted.map((row) => (
              <tr key={row.id} data-testid="stakeholder-row">
                <td>
                  <button type="button" className="link" onClick={() => show(row.id)}>
                    {row.name || '…'}
                  </button>
                  {row.scores && <div className="muted small">{row.scores}</div>}
                </td>
                <td>{row.group}</td>
                <td className="number">{formatScore(row.influence)}</td>
                <td className="number">{formatScore(row.engagement)}</td>
                <td>{row.quadrant ? t(`stakeholders.quadrant.${row.quadrant}`) : '–'}</td>
                <td className="number">{row.spreadText}</td>
                <td className="number">{row.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="row">
        <button type="button" onClick={onClose}>
          {t('stakeholders.table.close')}
        </button>
      </div>
    </Modal>
  );
}
