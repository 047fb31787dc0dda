/**
 * Overlap between proposals and projects across programmes and calls (DOMAIN.md, "What went
 * wrong": six ministries ran thirteen overlapping cluster programmes): pairs whose titles and
 * abstracts are similar, with the organisations they share, shown to officers before selection.
 *
 * Method: TF-IDF vectors compared by cosine similarity (Salton & Buckley, "Term-weighting
 * approaches in automatic text retrieval", 1988). Features are word unigrams plus character
 * bigrams inside each word; bigrams let Korean text match although particles attach to nouns
 * and compounds are written with or without spaces ("스마트공장" ≈ "스마트 공장"), the usual
 * n-gram indexing for Korean (Lee & Ahn, "Using n-grams for Korean text retrieval", SIGIR 1996).
 */

/** Which features to extract: word unigrams only, or words plus in-word character bigrams. */
export type OverlapFeatures = 'words' | 'words-and-bigrams';

/**
 * Lower-cased (after Unicode NFKC) word tokens: maximal runs of letters and digits in any
 * script, so Hangul, Latin and digits are kept and punctuation splits.
 */
export function overlapTokens(text: string): string[] {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/** Term counts of a text: "w:word" for each word and "c:xy" for each bigram inside a word. */
export function overlapTermCounts(
  text: string,
  features: OverlapFeatures = 'words-and-bigrams',
): Map<string, number> {
  const counts = new Map<string, number>();
  const bump = (key: string): void => {
    counts.set(key, (counts.get(key) ?? 0) + 1);
  };
  for (const word of overlapTokens(text)) {
    bump(`w:${word}`);
    if (features === 'words') continue;
    const chars = [...word];
    for (let i = 0; i + 1 < chars.length; i++)
      bump(`c:${chars[i] as string}${chars[i + 1] as string}`);
  }
  return counts;
}

/**
 * TF-IDF vectors, L2-normalised: weight = tf · idf with tf the raw count and the smoothed
 * idf(t) = ln((1 + N) / (1 + df(t))) + 1 (N documents, df(t) documents containing t; the
 * default of scikit-learn's TfidfTransformer, smooth_idf=True), so every term keeps a positive
 * weight and a term in every document still counts a little.
 */
export function tfIdfVectors(
  texts: readonly string[],
  features: OverlapFeatures = 'words-and-bigrams',
): Map<string, number>[] {
  const counts = texts.map((t) => overlapTermCounts(t, features));
  const df = new Map<string, number>();
  for (const c of counts) for (const term of c.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  const N = texts.length;
  return counts.map((c) => {
    const v = new Map<string, number>();
    let norm = 0;
    for (const [term, tf] of c) {
      const w = tf * (Math.log((1 + N) / (1 + (df.get(term) as number))) + 1);
      v.set(term, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (const [term, w] of v) v.set(term, w / norm);
    return v;
  });
}

/** Cosine similarity of two L2-normalised sparse vectors (their dot product). */
export function cosineOfUnitVectors(
  a: ReadonlyMap<string, number>,
  b: ReadonlyMap<string, number>,
): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [term, w] of small) {
    const u = large.get(term);
    if (u !== undefined) dot += w * u;
  }
  return dot;
}

/** A proposal or project to compare. */
export interface OverlapItem {
  readonly id: string;
  /** Programme (or ministry scheme) it belongs to; used by `acrossProgrammesOnly`. */
  readonly programmeId: string;
  readonly title: string;
  readonly abstract: string;
  readonly organisationIds: readonly string[];
}

export interface OverlapOptions {
  /** Smallest cosine similarity reported (default 0.3). */
  readonly threshold?: number;
  readonly features?: OverlapFeatures;
  /** Report only pairs from different programmes (default false). */
  readonly acrossProgrammesOnly?: boolean;
  /** Report only pairs that share at least one organisation (default false). */
  readonly requireSharedOrganisation?: boolean;
}

/** A similar pair: ids in input order, the cosine similarity and the shared organisations. */
export interface OverlapPair {
  readonly a: string;
  readonly b: string;
  readonly similarity: number;
  readonly sharedOrganisationIds: readonly string[];
}

/**
 * Pairs whose title-and-abstract similarity (see the module comment; the corpus is the items
 * passed in) reaches the threshold, most similar first, each with the organisations both
 * name. Dot products are accumulated through an inverted index, so pairs without any common
 * term cost nothing.
 */
export function detectOverlaps(
  items: readonly OverlapItem[],
  options: OverlapOptions = {},
): OverlapPair[] {
  const threshold = options.threshold ?? 0.3;
  const vectors = tfIdfVectors(
    items.map((i) => `${i.title} ${i.abstract}`),
    options.features ?? 'words-and-bigrams',
  );
  const postings = new Map<string, { doc: number; w: number }[]>();
  vectors.forEach((v, doc) => {
    for (const [term, w] of v) {
      const list = postings.get(term) ?? [];
      list.push({ doc, w });
      postings.set(term, list);
    }
  });
  const out: OverlapPair[] = [];
  const dots = new Float64Array(items.length);
  for (let i = 0; i < items.length; i++) {
    dots.fill(0);
    for (const [term, w] of vectors[i] as Map<string, number>) {
      for (const post of postings.get(term) as { doc: number; w: number }[]) {
        if (post.doc > i) dots[post.doc] = (dots[post.doc] as number) + w * post.w;
      }
    }
    const a = items[i] as OverlapItem;
    for (let j = i + 1; j < items.length; j++) {
      const similarity = Math.min(1, dots[j] as number);
      if (similarity < threshold) continue;
      const b = items[j] as OverlapItem;
      if (options.acrossProgrammesOnly === true && a.programmeId === b.programmeId) continue;
      const theirs = new Set(b.organisationIds);
      const shared = [...new Set(a.organisationIds)].filter((o) => theirs.has(o)).sort();
      if (options.requireSharedOrganisation === true && shared.length === 0) continue;
      out.push({ a: a.id, b: b.id, similarity, sharedOrganisationIds: shared });
    }
  }
  const cmp = (u: string, v: string): number => (u < v ? -1 : u > v ? 1 : 0);
  return out.sort((x, y) => y.similarity - x.similarity || cmp(x.a, y.a) || cmp(x.b, y.b));
}

/**
 * The pairs of `detectOverlaps` that involve at least one of `targetIds`, computed only for
 * those targets: the corpus (and so the idf weights) is still every item passed in, so a
 * pair's similarity is the same number `detectOverlaps` gives it, but the cost is the
 * targets' postings rather than all pairs. Each pair lists the target as `a` (when both are
 * targets, the earlier in input order), most similar first. Unknown target ids are ignored.
 */
export function overlapsOf(
  items: readonly OverlapItem[],
  targetIds: Iterable<string>,
  options: OverlapOptions = {},
): OverlapPair[] {
  const threshold = options.threshold ?? 0.3;
  const vectors = tfIdfVectors(
    items.map((i) => `${i.title} ${i.abstract}`),
    options.features ?? 'words-and-bigrams',
  );
  const indexOf = new Map(items.map((item, i) => [item.id, i]));
  const targets = [
    ...new Set(
      [...targetIds].map((id) => indexOf.get(id)).filter((i): i is number => i !== undefined),
    ),
  ].sort((x, y) => x - y);
  const isTarget = new Set(targets);
  const postings = new Map<string, { doc: number; w: number }[]>();
  vectors.forEach((v, doc) => {
    for (const [term, w] of v) {
      const list = postings.get(term) ?? [];
      list.push({ doc, w });
      postings.set(term, list);
    }
  });
  const out: OverlapPair[] = [];
  const dots = new Map<number, number>();
  for (const i of targets) {
    dots.clear();
    for (const [term, w] of vectors[i] as Map<string, number>) {
      for (const post of postings.get(term) as { doc: number; w: number }[]) {
        // A pair of two targets is counted once, from the earlier one.
        if (post.doc === i || (isTarget.has(post.doc) && post.doc < i)) continue;
        dots.set(post.doc, (dots.get(post.doc) ?? 0) + w * post.w);
      }
    }
    const a = items[i] as OverlapItem;
    for (const [j, dot] of dots) {
      const similarity = Math.min(1, dot);
      if (similarity < threshold) continue;
      const b = items[j] as OverlapItem;
      if (options.acrossProgrammesOnly === true && a.programmeId === b.programmeId) continue;
      const theirs = new Set(b.organisationIds);
      const shared = [...new Set(a.organisationIds)].filter((o) => theirs.has(o)).sort();
      if (options.requireSharedOrganisation === true && shared.length === 0) continue;
      out.push({ a: a.id, b: b.id, similarity, sharedOrganisationIds: shared });
    }
  }
  const order = (id: string): number => indexOf.get(id) as number;
  return out.sort(
    (x, y) => y.similarity - x.similarity || order(x.a) - order(y.a) || order(x.b) - order(y.b),
  );
}
