import { exportTicket, retryDelayMs, type ExportBusyBody, type ExportStatus } from '../../../shared/protocol/export-queue';

/** Where a download stands, for the export dialog to show. */
export interface ExportProgress {
  state: 'starting' | 'queued' | 'waiting' | 'running';
  /** Exports before this one (queued, waiting). */
  ahead: number;
  /** Share done, 0–1, while running; null when not known. */
  fraction: number | null;
  /** When the next try starts (waiting after a 429), ms since the epoch. */
  retryAt: number | null;
}

/** Resolves after `ms`, or rejects with an AbortError when the signal aborts first. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const abort = () => {
      clearTimeout(timer);
      reject(new DOMException('aborted', 'AbortError'));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', abort);
      resolve();
    }, ms);
    if (signal.aborted) abort();
    else signal.addEventListener('abort', abort, { once: true });
  });
}

/**
 * Downloads one export (`GET /api/boards/:id/export?…`, docs/api.md#export) under a ticket of
 * its own: while the server makes it, asks where it stands (`…/export/status`) every `pollMs`
 * and reports it; on 429 waits as Retry-After says, showing its place in line, and asks again
 * with the same ticket, which keeps that place. Resolves with the first answer that is not a
 * 429; rejects with an AbortError when `signal` aborts (the dialog closed).
 */
export async function downloadExport(options: { boardId: string; query: URLSearchParams; token: string; signal: AbortSignal; onProgress: (progress: ExportProgress) => void; pollMs?: number }): Promise<Response> {
  const { boardId, token, signal, onProgress, pollMs = 700 } = options;
  const ticket = exportTicket(crypto.getRandomValues(new Uint8Array(16)));
  const query = new URLSearchParams(options.query);
  query.set('ticket', ticket);
  const base = `/api/boards/${encodeURIComponent(boardId)}/export`;
  const headers = { authorization: `Bearer ${token}` };
  onProgress({ state: 'starting', ahead: 0, fraction: null, retryAt: null });
  for (;;) {
    let answered = false;
    const request = fetch(`${base}?${query}`, { headers, signal }).finally(() => {
      answered = true;
    });
    // Progress while the request is open; a failed poll only skips one report.
    const polling = (async () => {
      while (!answered) {
        await sleep(pollMs, signal).catch(() => undefined);
        if (answered || signal.aborted) return;
        const status = (await fetch(`${base}/status?ticket=${ticket}`, { headers, signal })
          .then((res) => (res.ok ? (res.json() as Promise<ExportStatus>) : null))
          .catch(() => null)) as ExportStatus | null;
        if (answered || !status || status.state === 'unknown' || status.state === 'waiting') continue;
        onProgress({ state: status.state, ahead: status.ahead, fraction: status.state === 'running' ? status.progress : null, retryAt: null });
      }
    })();
    const res = await request;
    void polling;
    if (res.status !== 429) return res;
    const body = (await res.json().catch(() => ({}))) as Partial<ExportBusyBody>;
    const delay = retryDelayMs(res.headers.get('retry-after'), Date.now());
    onProgress({ state: 'waiting', ahead: typeof body.ahead === 'number' ? body.ahead : 0, fraction: null, retryAt: Date.now() + delay });
    await sleep(delay, signal);
    onProgress({ state: 'starting', ahead: 0, fraction: null, retryAt: null });
  }
}
