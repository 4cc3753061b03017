import type { SparseVector } from './tfidf';

/**
 * Neighbourhood smoothing of short texts: each vector gets its nearest neighbours' vectors
 * added, weighted by their similarity, and is normalised again. Two notes that share no
 * word but share neighbours ("autobus" and "przystanek" both next to "kursy autobusów na
 * przystanku") then come closer. `similarity(i, j)` is the cosine of the original vectors.
 */
export function smoothByNeighbours(vectors: readonly SparseVector[], similarity: (i: number, j: number) => number, neighbours: number, weight: number): SparseVector[] {
  const n = vectors.length;
  return vectors.map((own, i) => {
    const near: { j: number; s: number }[] = [];
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const s = similarity(i, j);
      if (s <= 0) continue;
      if (near.length < neighbours) {
        near.push({ j, s });
        near.sort((a, b) => b.s - a.s);
      } else if (s > near[near.length - 1]!.s) {
        near[near.length - 1] = { j, s };
        near.sort((a, b) => b.s - a.s);
      }
    }
    const sum = new Map<number, number>();
    own.terms.forEach((t, k) => sum.set(t, own.weights[k]!));
    for (const { j, s } of near) {
      const v = vectors[j]!;
      v.terms.forEach((t, k) => sum.set(t, (sum.get(t) ?? 0) + weight * s * v.weights[k]!));
    }
    const terms = Int32Array.from([...sum.keys()].sort((a, b) => a - b));
    const weights = new Float64Array(terms.length);
    let norm = 0;
    terms.forEach((t, k) => {
      weights[k] = sum.get(t)!;
      norm += weights[k]! * weights[k]!;
    });
    norm = Math.sqrt(norm);
    if (norm > 0) for (let k = 0; k < weights.length; k++) weights[k]! /= norm;
    return { terms, weights };
  });
}
