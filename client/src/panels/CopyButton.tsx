import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Copies through a hidden field where the clipboard API is missing or refused (plain http, old browsers). */
function copyByCommand(text: string): boolean {
  const field = document.createElement('textarea');
  field.value = text;
  field.setAttribute('readonly', '');
  field.style.position = 'fixed';
  field.style.opacity = '0';
  document.body.appendChild(field);
  field.select();
  try {
    return document.execCommand('copy');
  } finally {
    field.remove();
  }
}

/** A "Copy" button; "Copied" is announced beside it, so the button's name stays what it shows. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2500);
    return () => clearTimeout(timer);
  }, [copied]);
  const copy = async () => {
    let done = false;
    try {
      await navigator.clipboard.writeText(text);
      done = true;
    } catch {
      done = copyByCommand(text);
    }
    setCopied(done);
  };
  return (
    <span className="copy-button">
      <button type="button" className="secondary" onClick={() => void copy()} aria-label={label} data-testid="copy-link">
        {t('control.share.personal.copy')}
      </button>
      <span role="status" className="copy-status">
        {copied ? t('control.share.personal.copied') : ''}
      </span>
    </span>
  );
}
