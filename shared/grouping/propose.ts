import { averageLinkage } from './cluster';
import { refineClusters } from './refine';
import { smoothByNeighbours } from './smooth';
import { terms } from './text';
import { cosine, tfidf } from './tfidf';

/** Something to group: an element's id and the words written on it. */
export interface GroupingItem {
  id: string;
  text: string;
}

/** One proposed group: its suggested label and its items, in the order given. */
export interface ProposedGroup {
  label: string;
  itemIds: string[];
}

/** A proposal: groups by shared meaning-bearing words, and what joined no group. */
export interface GroupingProposal {
  groups: ProposedGroup[];
  /** Items that share too little with any other to be grouped (shown as "the rest"). */
  rest: string[];
}

export interface GroupingOptions {
  /**
   * Average cosine similarity below which two groups are not merged. Chosen on the
   * fixture's tuning half (docs/benchmarks.md, "Grouping similar ideas").
   */
  threshold?: number;
  /** At most this many words in a label. */
  labelWords?: number;
}

/** The cut used unless told otherwise. */
export const DEFAULT_THRESHOLD = 0.25;
/** Neighbours added to each item's vector, and their weight (smooth.ts). */
const NEIGHBOURS = 8;
const NEIGHBOUR_WEIGHT = 1;
/** Similarity to a group's centre below which an item stays with "the rest" (refine.ts). */
const FLOOR = 0.1;

/** Most items one proposal takes: the clustering holds an n × n matrix (8 MB at 1,000). */
export const MAX_GROUPING_ITEMS = 1000;

const capitalise = (word: string) => word.charAt(0).toLocaleUpperCase('pl') + word.slice(1);

/**
 * Proposes groups of similar items: Polish stems without stop words, TF-IDF vectors
 * smoothed by each item's nearest neighbours, average-linkage clustering on cosine
 * similarity cut at a threshold, then a few rounds of spherical k-means from those groups. Each group's label is
 * its most widely shared stems, each written as the word most often used for it there.
 * Pure and deterministic: the same items in the same order give the same proposal.
 */
export function proposeGroups(items: readonly GroupingItem[], options: GroupingOptions = {}): GroupingProposal {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const labelWords = options.labelWords ?? 2;
  const list = items.slice(0, MAX_GROUPING_ITEMS);
  const parsed = list.map((item) => terms(item.text));
  const model = tfidf(parsed.map((t) => t.map((x) => x.stem)));
  const raw = model.vectors;
  const vectors = smoothByNeighbours(raw, (i, j) => cosine(raw[i]!, raw[j]!), NEIGHBOURS, NEIGHBOUR_WEIGHT);
  const merged = averageLinkage(list.length, (i, j) => cosine(vectors[i]!, vectors[j]!), threshold);
  const index = refineClusters(vectors, model.vocabulary.length, merged.filter((members) => members.length >= 2), FLOOR);
  const byGroup = new Map<number, number[]>();
  const clusters: number[][] = [];
  index.forEach((k, i) => {
    if (k < 0) return clusters.push([i]);
    const members = byGroup.get(k) ?? [];
    if (members.length === 0) {
      byGroup.set(k, members);
      clusters.push(members);
    }
    members.push(i);
  });
  const groups: (ProposedGroup & { first: number })[] = [];
  const rest: string[] = [];
  for (const members of clusters) {
    if (members.length < 2) {
      rest.push(list[members[0]!]!.id);
      continue;
    }
    groups.push({ label: labelOf(members, parsed, model.vocabulary, model.vectors, labelWords), itemIds: members.map((i) => list[i]!.id), first: members[0]! });
  }
  for (const item of items.slice(MAX_GROUPING_ITEMS)) rest.push(item.id);
  groups.sort((a, b) => b.itemIds.length - a.itemIds.length || a.first - b.first);
  return { groups: groups.map(({ label, itemIds }) => ({ label, itemIds })), rest };
}

function labelOf(
  members: readonly number[],
  parsed: readonly { stem: string; word: string }[][],
  vocabulary: readonly string[],
  vectors: ReturnType<typeof tfidf>['vectors'],
  words: number,
): string {
  // For each stem: in how many of the group's items it appears, its summed weight, and the words used for it.
  const stats = new Map<string, { items: number; weight: number; forms: Map<string, number> }>();
  for (const i of members) {
    const vector = vectors[i]!;
    const seen = new Set<string>();
    vector.terms.forEach((t, k) => {
      const s = vocabulary[t]!;
      const entry = stats.get(s) ?? { items: 0, weight: 0, forms: new Map() };
      entry.weight += vector.weights[k]!;
      stats.set(s, entry);
    });
    for (const { stem, word } of parsed[i]!) {
      const entry = stats.get(stem)!;
      entry.forms.set(word, (entry.forms.get(word) ?? 0) + 1);
      if (!seen.has(stem)) {
        seen.add(stem);
        entry.items++;
      }
    }
  }
  const ranked = [...stats.entries()].sort((a, b) => b[1].items - a[1].items || b[1].weight - a[1].weight || (a[0] < b[0] ? -1 : 1));
  const top = ranked[0]?.[1].items ?? 0;
  const chosen = ranked.filter(([, s], k) => k < words && s.items >= 2 && s.items * 2 >= top);
  return chosen
    .map(([, s]) => {
      const forms = [...s.forms.entries()].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length || (a[0] < b[0] ? -1 : 1));
      return forms[0]![0];
    })
    .map((w, k) => (k === 0 ? capitalise(w) : w))
    .join(', ');
}

