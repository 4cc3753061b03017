/**
 * Whether a key was pressed on the board itself (the canvas, or nothing focused). Keys on a
 * button, a list or the outline keep their own meaning: Tab must still move between them.
 */
export function onBoardSurface(target: EventTarget | null): boolean {
  if (typeof HTMLElement === 'undefined' || !(target instanceof HTMLElement)) return true;
  return target === document.body || target.classList.contains('canvas');
}

/** Gives keyboard focus back to the board, so its keys work after a toolbar click or typing. */
export function focusBoard(): void {
  document.querySelector<HTMLElement>('.canvas')?.focus();
}
