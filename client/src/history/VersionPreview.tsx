import { useTranslation } from 'react-i18next';
import { connectorPath, elementBounds } from '../../../shared/geometry/elements';
import { union, type Rect } from '../../../shared/geometry/rect';
import type { Element } from '../../../shared/schema/elements';
import type { VersionPreviewData } from './api';

/** Most elements drawn in a preview; a larger version is drawn in part (the counts stay whole). */
const MAX_DRAWN = 3000;

const CARD_FILL: Partial<Record<Element['type'], string>> = { factor: '#fef3c7', treeNode: '#fee2e2', idea: '#dcfce7' };

function fillOf(element: Element): string {
  if ('color' in element && element.type !== 'text') return element.color;
  if ('fill' in element) return element.fill;
  return CARD_FILL[element.type] ?? '#e2e8f0';
}

function labelOf(element: Element): string {
  if (element.type === 'stakeholder') return element.name;
  if (element.type === 'idea' || element.type === 'frame') return element.title;
  return 'text' in element ? element.text : '';
}

function Shape({ element, bounds, lookup, labelSize }: { element: Element; bounds: Rect; lookup: (id: string) => Element | undefined; labelSize: number }) {
  const label = labelOf(element).split('\n')[0]!.slice(0, 60);
  switch (element.type) {
    case 'connector':
      return <polyline points={connectorPath(element, lookup).join(' ')} fill="none" stroke={element.stroke} strokeWidth={element.strokeWidth} />;
    case 'stroke':
      return <polyline points={element.points.map((p, i) => p + (i % 2 === 0 ? element.x : element.y)).join(' ')} fill="none" stroke={element.stroke} strokeWidth={element.strokeWidth} strokeLinecap="round" />;
    case 'frame':
      return (
        <g>
          <rect x={bounds.x} y={bounds.y} width={bounds.w} height={bounds.h} fill={element.fill} stroke="#94a3b8" strokeWidth={2} />
          <text x={bounds.x + 4} y={bounds.y - labelSize / 3} fontSize={labelSize} fill="#334155">{label}</text>
        </g>
      );
    case 'text':
      return <text x={bounds.x} y={bounds.y + element.fontSize} fontSize={element.fontSize} fill={element.color}>{label}</text>;
    case 'ellipse':
      return <ellipse cx={bounds.x + bounds.w / 2} cy={bounds.y + bounds.h / 2} rx={bounds.w / 2} ry={bounds.h / 2} fill={element.fill} stroke={element.stroke} strokeWidth={element.strokeWidth} />;
    default:
      return (
        <g>
          <rect x={bounds.x} y={bounds.y} width={bounds.w} height={bounds.h} fill={fillOf(element)} stroke="#cbd5e1" rx={4} />
          <text x={bounds.x + 8} y={bounds.y + 24} fontSize={18} fill="#1f2937">{label.slice(0, Math.max(4, Math.floor(bounds.w / 10)))}</text>
        </g>
      );
  }
}

/** A saved version, read-only: a drawing of its elements and what each frame holds. */
export function VersionPreview({ data }: { data: VersionPreviewData }) {
  const { t } = useTranslation();
  const byId = new Map(data.elements.map((e) => [e.id, e]));
  const lookup = (id: string) => byId.get(id);
  const drawn = data.elements.slice(0, MAX_DRAWN).map((element) => ({ element, bounds: elementBounds(element, lookup) }));
  const area = union(drawn.map((d) => d.bounds));
  // Frame titles stay legible however large the board: about 1/45 of the drawing's width.
  const labelSize = area ? Math.max(16, area.w / 45) : 16;
  const margin = labelSize * 2;
  const counts = Object.entries(data.summary.counts) as [Element['type'], number][];
  return (
    <div className="version-preview" data-testid="version-preview">
      {area ? (
        <svg className="version-drawing" viewBox={`${area.x - margin} ${area.y - margin} ${area.w + 2 * margin} ${area.h + 2 * margin}`} role="img" aria-label={t('history.drawing')}>
          {drawn.map(({ element, bounds }) => (
            <Shape key={element.id} element={element} bounds={bounds} lookup={lookup} labelSize={labelSize} />
          ))}
        </svg>
      ) : (
        <p className="muted">{t('history.emptyVersion')}</p>
      )}
      <p>
        <strong>{data.meta.title}</strong> · {t('history.elements', { count: data.summary.total })}
      </p>
      {counts.length > 0 && (
        <ul className="version-counts">
          {counts.map(([type, count]) => (
            <li key={type}>
              {t(`history.types.${type}`)}: {count}
            </li>
          ))}
        </ul>
      )}
      {data.summary.frames.length > 0 && (
        <table className="version-frames">
          <tbody>
            {data.summary.frames.map((frame) => (
              <tr key={frame.id}>
                <td>{frame.title || t('history.untitledFrame')}</td>
                <td>{t('history.elements', { count: Object.values(frame.counts).reduce((a, b) => a + (b ?? 0), 0) })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
