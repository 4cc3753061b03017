import { useTranslation } from 'react-i18next';
import { spreadOf } from '../../../shared/methods/ratings';
import { quadrantOf } from '../../../shared/methods/scores';
import type { Ack, Command } from '../../../shared/protocol/commands';
import type { ElementOf } from '../../../shared/schema/elements';
import { own } from '../../../shared/schema/records';
import type { Editor } from '../editor/editor';
import { useElement } from '../editor/hooks';
import { axisLabel, formatScore } from './format';
import { RatingForm } from './RatingForm';

interface Props {
  editor: Editor;
  id: string;
  role: string | null;
  myRatings: Record<string, Record<string, number>>;
  ratingCounts: Record<string, number>;
  send: (command: Command) => Promise<Ack>;
}

/** Default groups offered for a stakeholder (anything else can be typed). */
const GROUP_KEYS = ['cityUsers', 'serviceProviders'] as const;

/** The selected stakeholder or factor: its fields, this person's blind score, and revealed results. */
export function CardDetails({ editor, id, role, myRatings, ratingCounts, send }: Props) {
  const { t } = useTranslation();
  const element = useElement(editor, id);
  if (!element || (element.type !== 'stakeholder' && element.type !== 'factor')) return null;
  const canEdit = role === 'facilitator' || role === 'participant';
  const set = (field: string, value: string) => editor.update(id, { [field]: value });
  return (
    <section className="panel-section card-details" data-testid="card-details">
      {element.type === 'stakeholder' ? (
        <>
          <h3>{t('stakeholders.card')}</h3>
          <label>
            {t('stakeholders.name')}
            <input value={element.name} maxLength={200} readOnly={!canEdit} autoFocus={canEdit && element.name === ''} onChange={(e) => set('name', e.target.value)} data-testid="stakeholder-name" />
          </label>
          <label>
            {t('stakeholders.group')}
            <input value={element.group} maxLength={200} readOnly={!canEdit} list="stakeholder-groups" onChange={(e) => set('group', e.target.value)} data-testid="stakeholder-group" />
            <datalist id="stakeholder-groups">
              {GROUP_KEYS.map((key) => (
                <option key={key} value={t(`stakeholders.groups.${key}`)} />
              ))}
            </datalist>
          </label>
          <label>
            {t('stakeholders.notes')}
            <textarea value={element.notes} rows={3} readOnly={!canEdit} onChange={(e) => set('notes', e.target.value)} data-testid="stakeholder-notes" />
          </label>
        </>
      ) : (
        <>
          <h3>{t('factors.card')}</h3>
          <label>
            {t('factors.text')}
            <textarea value={element.text} rows={3} readOnly={!canEdit} onChange={(e) => set('text', e.target.value)} data-testid="factor-text" />
          </label>
        </>
      )}
      <Results element={element} />
      {canEdit && <RatingForm elementId={id} type={element.type} mine={own(myRatings, id)} count={own(ratingCounts, id) ?? 0} revealed={element.ratings.length > 0} send={send} />}
      {!canEdit && <p className="muted">{t('stakeholders.rating.count', { count: own(ratingCounts, id) ?? 0 })}</p>}
    </section>
  );
}

/** The agreed scores, the spread, and every individual score from the last reveal. */
function Results({ element }: { element: ElementOf<'stakeholder'> | ElementOf<'factor'> }) {
  const { t } = useTranslation();
  const type = element.type;
  const axes = type === 'stakeholder' ? (['influence', 'engagement'] as const) : (['importance', 'state'] as const);
  const agreed = axes.map((axis) => (element as Record<string, unknown>)[axis] as number | null);
  if (agreed.every((v) => v === null)) return <p className="muted">{t('stakeholders.rating.notRevealed')}</p>;
  const spread = spreadOf(type, element.ratings);
  return (
    <div className="results" data-testid="card-results">
      <dl>
        {axes.map((axis, i) => (
          <div key={axis}>
            <dt>{t(axisLabel(type, axis))}</dt>
            <dd data-testid={`result-${axis}`}>
              {formatScore(agreed[i])}
              {spread && <span className="muted"> (±{formatScore(spread[axis]!.spread)}; {formatScore(spread[axis]!.min)}–{formatScore(spread[axis]!.max)})</span>}
            </dd>
          </div>
        ))}
        {element.type === 'stakeholder' && element.influence !== null && element.engagement !== null && (
          <div>
            <dt>{t('stakeholders.quadrantLabel')}</dt>
            <dd>{t(`stakeholders.quadrant.${quadrantOf(element.influence, element.engagement)}`)}</dd>
          </div>
        )}
      </dl>
      {element.ratings.length > 0 && (
        <table className="individual" data-testid="individual-ratings">
          <thead>
            <tr>
              <th>{t('stakeholders.rating.by')}</th>
              {axes.map((axis) => (
                <th key={axis}>{t(axisLabel(type, axis))}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {element.ratings.map((r, i) => (
              <tr key={i}>
                <td>{r.by || '?'}</td>
                {axes.map((axis) => (
                  <td key={axis}>{formatScore((r as Record<string, unknown>)[axis] as number)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
