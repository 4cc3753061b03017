/** Whether a failure is the browser refusing to store more (IndexedDB over its quota). */
export function isStorageFull(reason: unknown): boolean {
  return typeof DOMException !== 'undefined' && reason instanceof DOMException && reason.name === 'QuotaExceededError';
}

/** How long one warning stands for the failures that follow it (every write fails alike). */
const QUIET_MS = 60_000;

/**
 * Calls `onFull` when the offline copy cannot be written because the browser's storage is
 * full. y-indexeddb writes without waiting on the result, so its failures surface only as
 * unhandled rejections: those are caught here (and not left as console errors), the rest left alone.
 */
export function watchStorageFull(onFull: () => void): () => void {
  let warnedAt = -Infinity;
  const onRejection = (event: PromiseRejectionEvent) => {
    if (!isStorageFull(event.reason)) return;
    event.preventDefault();
    if (performance.now() - warnedAt < QUIET_MS) return;
    warnedAt = performance.now();
    onFull();
  };
  window.addEventListener('unhandledrejection', onRejection);
  return () => window.removeEventListener('unhandledrejection', onRejection);
}
