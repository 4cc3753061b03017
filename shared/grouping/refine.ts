import type { SparseVector } from './tfidf';

/**
 * Spherical k-means (cosine), started from given clusters: each item goes to the most
 * similar group centroid, centroids are recomputed, a few rounds. It mends what one greedy
 * pass of agglomerative clustering leaves: items stranded alone or in pairs that share a
 * word with a larger group's centre rather than with any one of its items.
 * Returns each item's group index, or -1 for an item like no centroid (below `floor`).
 */
export function refineClusters(vectors: readonly SparseVector[], dimensions: number, seeds: readonly (readonly number[])[], floor: number, rounds = 5): number[] {
  let groups = seeds.map((members) => [...members]);
  let assignment = new Array<number>(vectors.length).fill(-1);
  for (let round = 0; round < rounds && groups.length > 0; round++) {
    const centroids = groups.map((members) => centroid(vectors, members, dimensions));
    const next = vectors.map((vector) => {
      let best = -1;
      let top = floor;
      centroids.forEach((c, k) => {
        let s = 0;
        for (let t = 0; t < vector.terms.length; t++) s += vector.weights[t]! * c[vector.terms[t]!]!;
        if (s > top) {
          top = s;
          best = k;
        }
      });
      return best;
    });
    const regrouped: number[][] = groups.map(() => []);
    next.forEach((k, i) => k >= 0 && regrouped[k]!.push(i));
    // A group left with one item is no group: its centre goes, the item is placed again next round.
    const kept = regrouped.filter((members) => members.length >= 2);
    const stable = next.every((k, i) => k === assignment[i]) && kept.length === groups.length;
    assignment = next;
    groups = kept;
    if (stable) break;
  }
  const index = new Array<number>(vectors.length).fill(-1);
  groups.forEach((members, k) => members.forEach((i) => (index[i] = k)));
  return index;
}

function centroid(vectors: readonly SparseVector[], members: readonly number[], dimensions: number): Float64Array {
  const c = new Float64Array(dimensions);
  for (const i of members) {
    const v = vectors[i]!;
    for (let t = 0; t < v.terms.length; t++) c[v.terms[t]!]! += v.weights[t]!;
  }
  let norm = 0;
  for (let d = 0; d < dimensions; d++) norm += c[d]! * c[d]!;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let d = 0; d < dimensions; d++) c[d]! /= norm;
  return c;
}
