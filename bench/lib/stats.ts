export interface Distribution {
  count: number;
  /** Samples that never arrived; they count as +Infinity in the percentiles. */
  missing: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

/** Percentiles of latency samples (ms); undelivered ones sort last, as infinitely late. */
export function distribution(samples: ArrayLike<number>[], missing = 0): Distribution {
  let total = 0;
  for (const part of samples) total += part.length;
  const all = new Float64Array(total + missing);
  let offset = 0;
  let sum = 0;
  for (const part of samples) {
    for (let i = 0; i < part.length; i++) {
      all[offset++] = part[i]!;
      sum += part[i]!;
    }
  }
  all.fill(Infinity, offset);
  all.sort();
  const at = (q: number) => (all.length === 0 ? NaN : all[Math.min(all.length - 1, Math.max(0, Math.ceil(q * all.length) - 1))]!);
  return {
    count: total,
    missing,
    p50: at(0.5),
    p90: at(0.9),
    p99: at(0.99),
    max: total === 0 ? NaN : missing > 0 ? Infinity : all[total - 1]!,
    mean: total === 0 ? NaN : sum / total,
  };
}

/** Milliseconds with sensible precision; Infinity as "not delivered". */
export function ms(value: number): string {
  if (Number.isNaN(value)) return 'n/a';
  if (value === Infinity) return '∞ (undelivered)';
  if (value >= 10_000) return `${(value / 1000).toFixed(1)} s`;
  if (value >= 100) return `${value.toFixed(0)} ms`;
  if (value >= 10) return `${value.toFixed(1)} ms`;
  return `${value.toFixed(2)} ms`;
}

export function mib(value: number): string {
  if (Number.isNaN(value)) return 'n/a';
  return value >= 1024 ? `${(value / 1024).toFixed(2)} GiB (${value.toFixed(0)} MiB)` : `${value.toFixed(0)} MiB`;
}

export function cores(value: number): string {
  return Number.isNaN(value) ? 'n/a' : `${(value * 100).toFixed(0)} %`;
}

export function int(value: number): string {
  return Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : String(value);
}

export function ratio(a: number, b: number): number {
  return b === 0 ? NaN : a / b;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it holds or `timeoutMs` passes; returns whether it held. */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, everyMs = 50): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= deadline) return false;
    await sleep(everyMs);
  }
}

/** Runs `fn` over items with at most `limit` at once. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!, index);
    }
  });
  await Promise.all(lanes);
  return results;
}
