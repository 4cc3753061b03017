import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportProgress } from './export-download';

/** Seconds left until `at`, updated every second (for the visible countdown only). */
function useSecondsUntil(at: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (at === null) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [at]);
  return at === null ? 0 : Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * An export under way: a progress bar (determinate while the server reports how far it is,
 * otherwise moving) and one sentence in a status region. The sentence changes only when the
 * export's place or stage does, so a screen reader is not read every percent; the percent is
 * the progress bar's value, and the countdown to the next try is for the eye only.
 */
export function ExportProgressView({ progress }: { progress: ExportProgress }) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  // On a phone the dialog scrolls: the progress comes into view when it appears.
  useEffect(() => {
    box.current?.scrollIntoView({ block: 'nearest' });
  }, []);
  const seconds = useSecondsUntil(progress.retryAt);
  const percent = progress.fraction === null ? null : Math.round(progress.fraction * 100);
  const sentence =
    progress.state === 'waiting'
      ? t('exportQueue.waiting', { count: progress.ahead })
      : progress.state === 'queued'
        ? progress.ahead === 0
          ? t('exportQueue.next')
          : t('exportQueue.queued', { count: progress.ahead })
        : t('exportQueue.starting');
  return (
    <div ref={box} className="export-progress" data-testid="export-progress" data-state={progress.state}>
      <div
        className={`export-progress-track${percent === null ? ' indeterminate' : ''}`}
        role="progressbar"
        aria-label={t('exportQueue.progress')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        data-testid="export-progressbar"
      >
        <div className="export-progress-bar" style={percent === null ? undefined : { width: `${Math.max(4, percent)}%` }} />
      </div>
      <p role="status" className="export-progress-text" data-testid="export-progress-text">
        {sentence}
      </p>
      <p className="muted export-progress-detail" aria-hidden="true">
        {percent !== null && t('exportQueue.running', { percent })}
        {progress.state === 'waiting' && t('exportQueue.retryIn', { seconds })}
        {progress.state !== 'running' && ` · ${t('exportQueue.cancelHint')}`}
      </p>
    </div>
  );
}
