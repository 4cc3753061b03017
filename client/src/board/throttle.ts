/**
 * Calls `fn` at most once per `intervalMs`, always with the latest value: a call inside the
 * interval is held and sent when it ends (so the last position always arrives). `cancel`
 * drops a held call. Used for the live cursor: 125 pointer moves a second would otherwise
 * each become a presence message to everyone on the board.
 */
export function throttleLatest<T>(fn: (value: T) => void, intervalMs: number, now: () => number = () => performance.now()) {
  let last = -Infinity;
  let held: { value: T } | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    timer = null;
    if (!held) return;
    const { value } = held;
    held = null;
    last = now();
    fn(value);
  };
  return {
    call(value: T): void {
      held = { value };
      if (timer !== null) return;
      const wait = last + intervalMs - now();
      if (wait <= 0) flush();
      else timer = setTimeout(flush, wait);
    },
    cancel(): void {
      held = null;
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
