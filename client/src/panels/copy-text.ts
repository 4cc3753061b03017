/** What a copy attempt achieved: on the clipboard, or only selected for the person to copy. */
export type CopyOutcome = 'copied' | 'selected';

/** Copies through a hidden field where the Clipboard API is missing or refused (plain http, old browsers). */
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
  } catch {
    return false;
  } finally {
    field.remove();
  }
}

/**
 * Copies `text`: the Clipboard API (only on https or this computer), else the old copy
 * command; when neither works, the visible field holding the text is selected so the person
 * can copy it themselves, and the outcome says so: never "copied" when nothing was.
 */
export async function copyText(text: string, field: HTMLInputElement | null): Promise<CopyOutcome> {
  // Read at call time: on plain http `navigator.clipboard` does not exist at all.
  const clipboard = (navigator as Navigator & { clipboard?: Clipboard }).clipboard;
  if (clipboard?.writeText) {
    try {
      await clipboard.writeText(text);
      return 'copied';
    } catch {
      // Refused (no permission, page not focused): try the other ways.
    }
  }
  if (copyByCommand(text)) return 'copied';
  if (field) {
    field.focus();
    field.select();
  }
  return 'selected';
}

/** How to copy by hand what was selected, by the device: a long press on touch screens, ⌘C on Apple keyboards. */
export function manualCopyHint(): 'touch' | 'mac' | 'keys' {
  if (window.matchMedia?.('(pointer: coarse)').matches) return 'touch';
  return /Mac|iPhone|iPad/.test(navigator.platform) ? 'mac' : 'keys';
}
