import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { axesOf, RATING_AXES, validateRating, type RatableType } from '../../../shared/methods/ratings';
import type { Ack, Command } from '../../../shared/protocol/commands';
import { axisLabel, formatScore } from './format';
import { ratingError } from './errors';

interface Props {
  elementId: string;
  type: RatableType;
  /** This person's score not yet revealed, if any. */
  mine: Record<string, number> | undefined;
  /** How many people have scored this card so far. */
  count: number;
  /** Whether earlier scores were revealed already (they are on the card). */
  revealed?: boolean;
  send: (command: Command) => Promise<Ack>;
}

/**
 * One person's blind score of one card: nobody else sees it until the facilitator reveals.
 * Checked here with the server's own rule, and the server's answer is shown too.
 */
export function RatingForm({ elementId, type, mine, count, revealed = false, send }: Props) {
  const { t } = useTranslation();
  const axes = axesOf(type);
  const [values, setValues] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    setValues(Object.fromEntries(axes.map((axis) => [axis, mine?.[axis] === undefined ? '' : String(mine[axis])])));
    setError(null);
    // Only when another card is chosen or my saved score changes.
  }, [elementId, JSON.stringify(mine)]);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const numbers: Record<string, unknown> = {};
    for (const axis of axes) {
      const text = (values[axis] ?? '').trim().replace(',', '.');
      numbers[axis] = text === '' ? undefined : Number(text);
    }
    const checked = validateRating(type, numbers);
    if (!checked.ok) return setError(ratingError(t, type, checked.error));
    setSaving(true);
    const ack = await send({ type: 'rating.submit', elementId, values: checked.values });
    setSaving(false);
    setError(ack.ok ? null : ratingError(t, type, ack.error));
  };

  return (
    <form className="rating-form" onSubmit={(e) => void submit(e)} data-testid="rating-form" noValidate>
      <h4>{t('stakeholders.rating.yours')}</h4>
      {axes.map((axis) => {
        const range = (RATING_AXES[type] as Record<string, { min: number; max: number }>)[axis]!;
        return (
          <label key={axis} className="rating-axis">
            <span>
              {t(axisLabel(type, axis))} ({range.min}–{range.max})
            </span>
            {/* Text with a decimal keypad, not type=number: a Polish phone's keypad has a comma,
                which a number field throws away ("6,5" arrived as an error). */}
            <input
              type="text"
              inputMode="decimal"
              autoComplete="off"
              value={values[axis] ?? ''}
              onChange={(e) => setValues((v) => ({ ...v, [axis]: e.target.value }))}
              data-testid={`rate-${axis}`}
              aria-invalid={error !== null}
            />
          </label>
        );
      })}
      <div className="row">
        <button type="submit" disabled={saving} data-testid="rate-submit">
          {saving && <span className="spinner" aria-hidden="true" />} {mine ? t('stakeholders.rating.change') : t('stakeholders.rating.submit')}
        </button>
      </div>
      {mine && (
        <p className="muted" data-testid="rate-saved">
          {t('stakeholders.rating.saved', { values: axes.map((axis) => `${t(axisLabel(type, axis))} ${formatScore(mine[axis])}`).join(', ') })}
        </p>
      )}
      <p className="muted" data-testid="rate-count">
        {count === 0 && revealed ? t('stakeholders.rating.revealedAgain') : t('stakeholders.rating.count', { count })}
      </p>
      {error && (
        <p className="error" role="alert" data-testid="rate-error">
          {error}
        </p>
      )}
    </form>
  );
}
