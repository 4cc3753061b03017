import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { copyText, manualCopyHint, type CopyOutcome } from './copy-text';

/**
 * A "Copy" button; the outcome is announced beside it, so the button's name stays what it
 * shows. When nothing could be copied (no Clipboard API on plain http and the copy command
 * refused) the link is selected instead (in `field`, or in a field shown for it here) and
 * the status says how to copy it by hand.
 */
export function CopyButton({ text, label, field }: { text: string; label: string; field?: () => HTMLInputElement | null }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<CopyOutcome | null>(null);
  const [revealed, setRevealed] = useState(false);
  const own = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (outcome !== 'copied') return;
    const timer = setTimeout(() => setOutcome(null), 2500);
    return () => clearTimeout(timer);
  }, [outcome]);
  useEffect(() => {
    if (revealed && own.current) {
      own.current.focus();
      own.current.select();
    }
  }, [revealed, outcome]);
  const copy = async () => {
    const target = field?.() ?? null;
    const result = await copyText(text, target);
    if (result === 'selected' && !target) setRevealed(true);
    setOutcome(result);
  };
  return (
    <span className="copy-button">
      <button type="button" className="secondary" onClick={() => void copy()} aria-label={label} data-testid="copy-link">
        {t('control.share.personal.copy')}
      </button>
      {revealed && <input ref={own} readOnly value={text} aria-label={label} onFocus={(e) => e.target.select()} data-testid="copy-fallback-field" />}
      <span role="status" className="copy-status" data-testid="copy-status">
        {outcome === 'copied' ? t('control.share.personal.copied') : outcome === 'selected' ? t(`share.copy.selected.${manualCopyHint()}`) : ''}
      </span>
    </span>
  );
}
