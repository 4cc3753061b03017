/**
 * How close a grouping is to a hand-made one: purity and the adjusted Rand index (Hubert
 * and Arabie, 1985). Both take one label per item (a group's name or number).
 */

function contingency(truth: readonly string[], found: readonly string[]) {
  const cells = new Map<string, number>();
  const rows = new Map<string, number>();
  const cols = new Map<string, number>();
  truth.forEach((t, i) => {
    const f = found[i]!;
    const key = `${t}\u0000${f}`;
    cells.set(key, (cells.get(key) ?? 0) + 1);
    rows.set(t, (rows.get(t) ?? 0) + 1);
    cols.set(f, (cols.get(f) ?? 0) + 1);
  });
  return { cells, rows, cols };
}

/** The share of items in their found group's most common true group (1 = every group pure). */
export function purity(truth: readonly string[], found: readonly string[]): number {
  if (truth.length === 0) return 1;
  const { cells } = contingency(truth, found);
  const best = new Map<string, number>();
  for (const [key, count] of cells) {
    const f = key.slice(key.indexOf('\u0000') + 1);
    best.set(f, Math.max(best.get(f) ?? 0, count));
  }
  let sum = 0;
  for (const count of best.values()) sum += count;
  return sum / truth.length;
}

const pairs = (n: number) => (n * (n - 1)) / 2;

/** Adjusted Rand index: 1 for the same grouping, about 0 for a random one (can be negative). */
export function adjustedRandIndex(truth: readonly string[], found: readonly string[]): number {
  const n = truth.length;
  if (n < 2) return 1;
  const { cells, rows, cols } = contingency(truth, found);
  let index = 0;
  for (const c of cells.values()) index += pairs(c);
  let a = 0;
  for (const r of rows.values()) a += pairs(r);
  let b = 0;
  for (const c of cols.values()) b += pairs(c);
  const expected = (a * b) / pairs(n);
  const max = (a + b) / 2;
  if (max === expected) return 1;
  return (index - expected) / (max - expected);
}
