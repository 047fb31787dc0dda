import type { CompactGraph } from './compact-graph.ts';

/** Variety of a categorical attribute (actor kind, industry) over a set of nodes. */
export interface Heterogeneity {
  /** Nodes with a category (nulls are left out). */
  count: number;
  /** Categories observed among them. */
  categories: number;
  /** Blau's index 1 − Σ p_k²; null when no node has a category. */
  blau: number | null;
  /** Blau / (1 − 1/K), the index of qualitative variation; null when K < 2 or count is 0. */
  normalisedBlau: number | null;
  /** Shannon entropy −Σ p_k ln p_k in nats; null when count is 0. */
  shannon: number | null;
  /** Pielou's evenness H / ln K; null when K < 2 or count is 0. */
  evenness: number | null;
}

/** Options of {@link computeHeterogeneity}. */
export interface HeterogeneityOptions {
  /**
   * K, the number of possible categories used to normalise (default: the categories observed).
   * Pass the size of the classification (e.g. 5 organisation kinds) to compare sets fairly.
   */
  categoryCount?: number;
  /** Only these nodes (default: all). */
  nodes?: Iterable<number>;
}

/**
 * Heterogeneity of a categorical attribute: Blau's index 1 − Σ p_k² (Blau 1977, *Inequality
 * and Heterogeneity*, Free Press; at most 1 − 1/K), its normalisation by 1 − 1/K (Agresti &
 * Agresti 1978, "Statistical analysis of qualitative variation", Sociological Methodology 9:
 * 204-237), Shannon's entropy H = −Σ p_k ln p_k (Shannon 1948, "A mathematical theory of
 * communication", Bell System Technical Journal 27) and Pielou's evenness H / ln K (Pielou
 * 1966, "The measurement of diversity in different types of biological collections", Journal
 * of Theoretical Biology 13: 131-144), with p_k the share of nodes in category k.
 */
export function computeHeterogeneity(
  labels: readonly (string | null)[],
  options: HeterogeneityOptions = {},
): Heterogeneity {
  const counts = new Map<string, number>();
  let count = 0;
  const nodes = options.nodes ?? labels.keys();
  for (const v of nodes) {
    if (v < 0 || v >= labels.length) {
      throw new RangeError(`node ${v} is outside 0..${labels.length - 1}`);
    }
    const label = labels[v];
    if (label === null || label === undefined) continue;
    counts.set(label, (counts.get(label) ?? 0) + 1);
    count += 1;
  }
  return heterogeneityOfCounts([...counts.values()], count, options.categoryCount);
}

function heterogeneityOfCounts(
  counts: readonly number[],
  count: number,
  categoryCount: number | undefined,
): Heterogeneity {
  const categories = counts.length;
  const k = categoryCount ?? categories;
  if (k < categories) {
    throw new RangeError(`categoryCount ${k} is below the ${categories} categories observed`);
  }
  if (count === 0) {
    return {
      count,
      categories,
      blau: null,
      normalisedBlau: null,
      shannon: null,
      evenness: null,
    };
  }
  let sumSquares = 0;
  let shannon = 0;
  for (const c of counts) {
    const p = c / count;
    sumSquares += p * p;
    if (p > 0) shannon -= p * Math.log(p);
  }
  const blau = 1 - sumSquares;
  return {
    count,
    categories,
    blau,
    normalisedBlau: k >= 2 ? blau / (1 - 1 / k) : null,
    shannon,
    evenness: k >= 2 ? shannon / Math.log(k) : null,
  };
}

/**
 * Heterogeneity of each node's contacts: Blau's index 1 − Σ p_k² over the categories of its
 * neighbours (nulls left out), the ego-network heterogeneity of Marsden (1987, "Core discussion
 * networks of Americans", American Sociological Review 52(1): 122-131), so the node panel can
 * show how varied an organisation's partners are. NaN when no neighbour has a category.
 * Weighted, each neighbour counts by its tie weight.
 */
export function computeEgoHeterogeneity(
  g: CompactGraph,
  labels: readonly (string | null)[],
  options: GroupTieOptions = {},
): Float64Array {
  const n = g.nodeCount;
  if (labels.length !== n)
    throw new RangeError(`labels has ${labels.length} entries for ${n} nodes`);
  const result = new Float64Array(n);
  const counts = new Map<string, number>();
  for (let v = 0; v < n; v++) {
    counts.clear();
    let total = 0;
    for (let p = g.offsets[v]!; p < g.offsets[v + 1]!; p++) {
      const label = labels[g.targets[p]!];
      if (label === null || label === undefined) continue;
      const w = options.weighted ? g.weights[p]! : 1;
      counts.set(label, (counts.get(label) ?? 0) + w);
      total += w;
    }
    if (total <= 0) {
      result[v] = Number.NaN;
      continue;
    }
    let sumSquares = 0;
    for (const c of counts.values()) sumSquares += (c / total) ** 2;
    result[v] = 1 - sumSquares;
  }
  return result;
}

/** Ties within and across a grouping. */
export interface TieSplit {
  /** Ties (or their weight) joining two nodes whose groups are known and differ. */
  external: number;
  /** Ties (or their weight) joining two nodes of the same known group. */
  internal: number;
}

/** How ties are tallied by group. */
export interface GroupTieOptions {
  /** Sum tie weights instead of counting ties (default false). */
  weighted?: boolean;
}

/** Share of a network's ties that reach another region, overall and per node. */
export interface OtherRegionShare extends TieSplit {
  /** external / (external + internal); null when no tie has both regions known. */
  share: number | null;
  /** Per node: its share of ties to other regions; NaN when it has no tie with both known. */
  byNode: Float64Array;
}

/**
 * Share of ties to other regions: external / (external + internal), where a tie is external
 * when its two ends lie in different (known) regions; ties with an end of unknown region are
 * left out. The measure follows the knowledge-network finding that clusters gain
 * heterogeneity from ties to other regions (KIET, as reported by Park; see DOMAIN.md) and the
 * "local buzz and global pipelines" argument of Bathelt, Malmberg & Maskell (2004, Progress in
 * Human Geography 28(1): 31-56).
 */
export function shareOfTiesToOtherRegions(
  g: CompactGraph,
  region: readonly (string | null)[],
  options: GroupTieOptions = {},
): OtherRegionShare {
  const split = splitTies(g, region, options);
  const total = split.external + split.internal;
  return {
    external: split.external,
    internal: split.internal,
    share: total > 0 ? split.external / total : null,
    byNode: perNode(split, (e, i) => (e + i > 0 ? e / (e + i) : Number.NaN)),
  };
}

/** Krackhardt-Stern E-I index for a network, each group and each node. */
export interface EIIndex extends TieSplit {
  /** (E − I) / (E + I) over all ties; null when no tie has both groups known. */
  index: number | null;
  /** Per group: its members' ties to other groups (E) against ties inside it (I). */
  byGroup: Map<string, TieSplit & { index: number | null }>;
  /** Per node; NaN when the node has no tie with both groups known. */
  byNode: Float64Array;
}

/**
 * Krackhardt & Stern's (1988, "Informal networks and organizational crises: an experimental
 * simulation", Social Psychology Quarterly 51(2): 123-140) E-I index (E − I) / (E + I), with E
 * the ties between groups and I the ties within groups: −1 when all ties stay inside groups, +1
 * when all cross. For a group, E counts its members' ties to other groups and I the ties among
 * its members (each once); for a node, its own ties. Ties touching a node without a group are
 * left out. Undirected ties count once.
 */
export function computeEIIndex(
  g: CompactGraph,
  group: readonly (string | null)[],
  options: GroupTieOptions = {},
): EIIndex {
  const split = splitTies(g, group, options);
  const byGroup = new Map<string, TieSplit & { index: number | null }>();
  for (const [name, s] of split.byGroup) {
    byGroup.set(name, { ...s, index: eiOf(s.external, s.internal) });
  }
  return {
    external: split.external,
    internal: split.internal,
    index: eiOf(split.external, split.internal),
    byGroup,
    byNode: perNode(split, (e, i) => eiOf(e, i) ?? Number.NaN),
  };
}

function eiOf(external: number, internal: number): number | null {
  const total = external + internal;
  return total > 0 ? (external - internal) / total : null;
}

function perNode(
  split: { nodeExternal: Float64Array; nodeInternal: Float64Array },
  f: (external: number, internal: number) => number,
): Float64Array {
  return split.nodeExternal.map((e, v) => f(e, split.nodeInternal[v]!));
}

function splitTies(
  g: CompactGraph,
  group: readonly (string | null)[],
  options: GroupTieOptions,
): TieSplit & {
  byGroup: Map<string, TieSplit>;
  nodeExternal: Float64Array;
  nodeInternal: Float64Array;
} {
  const n = g.nodeCount;
  if (group.length !== n) throw new RangeError(`group has ${group.length} entries for ${n} nodes`);
  const nodeExternal = new Float64Array(n);
  const nodeInternal = new Float64Array(n);
  const byGroup = new Map<string, TieSplit>();
  let external = 0;
  let internal = 0;
  for (let u = 0; u < n; u++) {
    const gu = group[u];
    if (gu === null || gu === undefined) continue;
    for (let p = g.offsets[u]!; p < g.offsets[u + 1]!; p++) {
      const v = g.targets[p]!;
      const gv = group[v];
      if (gv === null || gv === undefined) continue;
      const w = options.weighted ? g.weights[p]! : 1;
      const entry = byGroup.get(gu) ?? { external: 0, internal: 0 };
      byGroup.set(gu, entry);
      if (gu === gv) {
        nodeInternal[u]! += w;
        // Seen from both ends: count half each time so the tie counts once.
        entry.internal += w / 2;
        internal += w / 2;
      } else {
        nodeExternal[u]! += w;
        entry.external += w;
        external += w / 2;
      }
    }
  }
  return {
    external,
    internal,
    byGroup,
    nodeExternal,
    nodeInternal,
  };
}

/** The three helices whose pairwise ties the balance compares. */
export type Helix = 'industry' | 'university' | 'institute';

/** Cross-sector pair types of the triple helix. */
export type HelixPair = 'industry-university' | 'industry-institute' | 'university-institute';

/** Organisation kind → helix used by default (other kinds are outside the three helices). */
export const defaultHelixOfKind: Readonly<Record<string, Helix>> = {
  company: 'industry',
  university: 'university',
  research_institute: 'institute',
};

/** Balance of company-university-institute ties. */
export interface TripleHelixBalance {
  /** Tie count (or weight) of each cross-sector pair type. */
  pairs: Record<HelixPair, number>;
  /** Each pair type's share of the cross-sector ties; null when there are none. */
  shares: Record<HelixPair, number | null>;
  /** Ties (or weight) within one helix (e.g. company-company). */
  withinHelix: number;
  /** Cross-sector ties / all ties with both ends in a helix; null when there are none. */
  crossSectorShare: number | null;
  /**
   * Normalised Shannon entropy of the three pair shares, H / ln 3, in [0, 1]: 1 when the three
   * pair types are equally common, 0 when all cross-sector ties are of one type; null when
   * there are no cross-sector ties.
   */
  balance: number | null;
}

/** Options of {@link computeTripleHelixBalance}. */
export interface TripleHelixOptions extends GroupTieOptions {
  /** Maps a node's kind to its helix (default {@link defaultHelixOfKind}). */
  helixOfKind?: Readonly<Record<string, Helix>>;
}

const helixPairs: readonly HelixPair[] = [
  'industry-university',
  'industry-institute',
  'university-institute',
];

/**
 * Triple-helix balance of the network's ties among companies (industry), universities and
 * research institutes (in Korea mostly government-funded, standing for the government helix
 * of Etzkowitz & Leydesdorff 2000, "The dynamics of innovation: from National Systems and
 * 'Mode 2' to a Triple Helix of university-industry-government relations", Research Policy
 * 29(2): 109-123). We count ties of the three cross-sector pair types (industry-university,
 * industry-institute, university-institute) and take the normalised Shannon entropy of their
 * shares, H / ln 3 (Shannon 1948; the normalisation as Pielou 1966), as the balance. This is a
 * simpler, documented stand-in for Leydesdorff's (2003, Scientometrics 58(2): 445-467) mutual
 * information T(UIG), which needs a three-way classification of each observation rather than
 * pairwise ties. Kinds not mapped to a helix (support bodies, local government) are left out.
 */
export function computeTripleHelixBalance(
  g: CompactGraph,
  kind: readonly (string | null)[],
  options: TripleHelixOptions = {},
): TripleHelixBalance {
  const n = g.nodeCount;
  if (kind.length !== n) throw new RangeError(`kind has ${kind.length} entries for ${n} nodes`);
  const helixOfKind = options.helixOfKind ?? defaultHelixOfKind;
  const helix = kind.map((k) => (k === null ? undefined : helixOfKind[k]));
  const pairs: Record<HelixPair, number> = {
    'industry-university': 0,
    'industry-institute': 0,
    'university-institute': 0,
  };
  let withinHelix = 0;
  for (let u = 0; u < n; u++) {
    const hu = helix[u];
    if (hu === undefined) continue;
    for (let p = g.offsets[u]!; p < g.offsets[u + 1]!; p++) {
      const v = g.targets[p]!;
      const hv = helix[v];
      if (v < u || hv === undefined) continue;
      const w = options.weighted ? g.weights[p]! : 1;
      if (hu === hv) withinHelix += w;
      else pairs[pairOf(hu, hv)] += w;
    }
  }
  const cross =
    pairs['industry-university'] + pairs['industry-institute'] + pairs['university-institute'];
  let entropy = 0;
  const shares = {} as Record<HelixPair, number | null>;
  for (const pair of helixPairs) {
    const share = cross > 0 ? pairs[pair] / cross : null;
    shares[pair] = share;
    if (share !== null && share > 0) entropy -= share * Math.log(share);
  }
  return {
    pairs,
    shares,
    withinHelix,
    crossSectorShare: cross + withinHelix > 0 ? cross / (cross + withinHelix) : null,
    balance: cross > 0 ? entropy / Math.log(3) : null,
  };
}

function pairOf(a: Helix, b: Helix): HelixPair {
  const has = (h: Helix) => a === h || b === h;
  if (!has('industry')) return 'university-institute';
  return has('university') ? 'industry-university' : 'industry-institute';
}

/** An actor that links the cluster to knowledge outside it. */
export interface KnowledgeGatekeeper {
  node: number;
  /** Ties (or weight) to other actors inside the cluster. */
  insideTies: number;
  /** Ties (or weight) to actors outside the cluster. */
  outsideTies: number;
}

/** Options of {@link findKnowledgeGatekeepers}. */
export interface KnowledgeGatekeeperOptions extends GroupTieOptions {
  /** Least inside ties to qualify (default 1). */
  minInside?: number;
  /** Least outside ties to qualify (default 1). */
  minOutside?: number;
}

/**
 * Knowledge gatekeepers: actors inside the cluster with ties both to other actors inside it and
 * to actors outside it (Giuliani & Bell 2005, "The micro-determinants of meso-level learning and
 * innovation: evidence from a Chilean wine cluster", Research Policy 34(1): 47-68, whose
 * "technological gatekeepers" are central in the local network and open to outside knowledge;
 * Morrison 2008, "Gatekeepers of knowledge within industrial districts: who they are, how they
 * interact", Regional Studies 42(6): 817-835). Ranked by the smaller of the two counts (both
 * roles matter), then by their sum, then by node id, so the order is deterministic.
 */
export function findKnowledgeGatekeepers(
  g: CompactGraph,
  inside: readonly boolean[],
  options: KnowledgeGatekeeperOptions = {},
): KnowledgeGatekeeper[] {
  const n = g.nodeCount;
  if (inside.length !== n)
    throw new RangeError(`inside has ${inside.length} entries for ${n} nodes`);
  const minInside = options.minInside ?? 1;
  const minOutside = options.minOutside ?? 1;
  const result: KnowledgeGatekeeper[] = [];
  for (let u = 0; u < n; u++) {
    if (!inside[u]) continue;
    let insideTies = 0;
    let outsideTies = 0;
    for (let p = g.offsets[u]!; p < g.offsets[u + 1]!; p++) {
      const w = options.weighted ? g.weights[p]! : 1;
      if (inside[g.targets[p]!]) insideTies += w;
      else outsideTies += w;
    }
    if (insideTies >= minInside && outsideTies >= minOutside && insideTies > 0 && outsideTies > 0) {
      result.push({ node: u, insideTies, outsideTies });
    }
  }
  return result.sort(
    (a, b) =>
      Math.min(b.insideTies, b.outsideTies) - Math.min(a.insideTies, a.outsideTies) ||
      b.insideTies + b.outsideTies - (a.insideTies + a.outsideTies) ||
      a.node - b.node,
  );
}
