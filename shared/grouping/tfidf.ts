/**
 * TF-IDF vectors of short texts, sparse and of unit length, so that a dot product is the
 * cosine similarity. Term frequency is sublinear (1 + ln tf), inverse document frequency
 * smoothed (ln((1 + N) / (1 + df)) + 1), as scikit-learn's TfidfVectorizer does by default.
 */

/** One text's vector: term index → weight, with the terms in increasing order. */
export interface SparseVector {
  terms: Int32Array;
  weights: Float64Array;
}

export interface TfIdf {
  /** The vocabulary: a term's index is its place here. */
  vocabulary: string[];
  /** How many documents hold each term. */
  documentFrequency: number[];
  vectors: SparseVector[];
}

/** Builds the vectors of documents given as lists of terms (stems). */
export function tfidf(documents: readonly (readonly string[])[]): TfIdf {
  const index = new Map<string, number>();
  const vocabulary: string[] = [];
  const documentFrequency: number[] = [];
  const counts = documents.map((terms) => {
    const own = new Map<number, number>();
    for (const term of terms) {
      let i = index.get(term);
      if (i === undefined) {
        i = vocabulary.length;
        index.set(term, i);
        vocabulary.push(term);
        documentFrequency.push(0);
      }
      own.set(i, (own.get(i) ?? 0) + 1);
    }
    for (const i of own.keys()) documentFrequency[i]!++;
    return own;
  });
  const n = documents.length;
  const idf = documentFrequency.map((df) => Math.log((1 + n) / (1 + df)) + 1);
  const vectors = counts.map((own) => {
    const ids = [...own.keys()].sort((a, b) => a - b);
    const weights = new Float64Array(ids.length);
    let norm = 0;
    ids.forEach((i, k) => {
      const w = (1 + Math.log(own.get(i)!)) * idf[i]!;
      weights[k] = w;
      norm += w * w;
    });
    norm = Math.sqrt(norm);
    if (norm > 0) for (let k = 0; k < weights.length; k++) weights[k]! /= norm;
    return { terms: Int32Array.from(ids), weights };
  });
  return { vocabulary, documentFrequency, vectors };
}

/** Cosine similarity of two unit vectors (0 when either is empty). */
export function cosine(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  while (i < a.terms.length && j < b.terms.length) {
    const ta = a.terms[i]!;
    const tb = b.terms[j]!;
    if (ta === tb) sum += a.weights[i++]! * b.weights[j++]!;
    else if (ta < tb) i++;
    else j++;
  }
  return sum;
}
