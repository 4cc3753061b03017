/**
 * Agglomerative clustering with average linkage (UPGMA) on a similarity matrix, cut where
 * the best remaining merge falls below a threshold. Each cluster keeps its most similar
 * neighbour, so a merge recomputes only the rows that pointed at the merged pair: about
 * n² work for the short, sparse texts of a board instead of the naive n³.
 */

/** Clusters as lists of item indices, each in increasing order, clusters by their first item. */
export function averageLinkage(n: number, similarity: (i: number, j: number) => number, threshold: number): number[][] {
  // Full symmetric matrix of cluster-to-cluster mean similarity (Lance–Williams update).
  const sim = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const s = similarity(i, j);
      sim[i * n + j] = s;
      sim[j * n + i] = s;
    }
  }
  const size = new Int32Array(n).fill(1);
  const alive = new Uint8Array(n).fill(1);
  const members: number[][] = Array.from({ length: n }, (_, i) => [i]);
  const best = new Int32Array(n).fill(-1);
  const bestSim = new Float64Array(n).fill(-Infinity);
  const refresh = (i: number) => {
    let b = -1;
    let s = -Infinity;
    const row = i * n;
    for (let j = 0; j < n; j++) {
      if (j === i || !alive[j]) continue;
      const v = sim[row + j]!;
      if (v > s) {
        s = v;
        b = j;
      }
    }
    best[i] = b;
    bestSim[i] = s;
  };
  for (let i = 0; i < n; i++) refresh(i);
  for (let left = n; left > 1; left--) {
    let a = -1;
    let top = -Infinity;
    for (let i = 0; i < n; i++) {
      if (alive[i] && bestSim[i]! > top) {
        top = bestSim[i]!;
        a = i;
      }
    }
    if (a < 0 || top < threshold) break;
    const b = best[a]!;
    // Merge b into a: the mean similarity to every other cluster, weighted by sizes.
    const sa = size[a]!;
    const sb = size[b]!;
    for (let k = 0; k < n; k++) {
      if (!alive[k] || k === a || k === b) continue;
      const v = (sa * sim[a * n + k]! + sb * sim[b * n + k]!) / (sa + sb);
      sim[a * n + k] = v;
      sim[k * n + a] = v;
    }
    size[a] = sa + sb;
    alive[b] = 0;
    members[a] = members[a]!.concat(members[b]!);
    refresh(a);
    for (let k = 0; k < n; k++) {
      if (!alive[k] || k === a) continue;
      if (best[k] === a || best[k] === b) refresh(k);
      else if (sim[k * n + a]! > bestSim[k]!) {
        best[k] = a;
        bestSim[k] = sim[k * n + a]!;
      }
    }
  }
  const out: number[][] = [];
  for (let i = 0; i < n; i++) if (alive[i]) out.push(members[i]!.sort((x, y) => x - y));
  return out.sort((x, y) => x[0]! - y[0]!);
}
