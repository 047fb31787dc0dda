import { buildCompactGraphFromArrays, type WeightedEdge } from './compact-graph.ts';

/** How a shared activity weighs the tie between two of its attendees. */
export type CoAttendanceWeighting = 'newman' | 'count';

/** One activity (forum, seminar, workshop...) and the organisations (node ids) that attended. */
export interface ActivityAttendance {
  attendees: readonly number[];
}

/** Options of {@link projectCoAttendance}. */
export interface CoAttendanceOptions {
  /** `'newman'` (default): 1/(n−1) per shared activity; `'count'`: 1 per shared activity. */
  weighting?: CoAttendanceWeighting;
  /**
   * Activities with more distinct attendees than this are left out (default: none left out),
   * e.g. to keep a 500-visitor exhibition from tying every visitor to every other.
   */
  maxAttendees?: number;
}

/**
 * Projects the bipartite organisation × activity network onto organisations: two organisations
 * are tied when they attended the same activity. With Newman's weighting (Newman 2001,
 * "Scientific collaboration networks. II. Shortest paths, weighted networks, and centrality",
 * Phys. Rev. E 64, 016132, eq. 2) the tie weight is w_ij = Σ_k δ_i^k δ_j^k / (n_k − 1) over
 * activities k with n_k attendees, so each attendee spreads a total weight of 1 over its
 * co-attendees of each activity and the strengths sum to the number of attendances of
 * activities with at least two attendees. With `'count'` w_ij is the number of shared
 * activities. Repeated attendees of one activity count once; activities with fewer than two
 * distinct attendees add no tie. Edges come out merged (one per pair, source < target) and
 * sorted, ready for buildCompactGraph.
 */
export function projectCoAttendance(
  nodeCount: number,
  activities: Iterable<ActivityAttendance>,
  options: CoAttendanceOptions = {},
): WeightedEdge[] {
  checkNodeCount(nodeCount);
  const weighting = options.weighting ?? 'newman';
  const maxAttendees = options.maxAttendees ?? Number.POSITIVE_INFINITY;
  const pairs = new PairList();
  let index = 0;
  for (const activity of activities) {
    const distinct = [...new Set(activity.attendees)].sort((a, b) => a - b);
    for (const id of distinct) {
      if (!Number.isInteger(id) || id < 0 || id >= nodeCount) {
        throw new RangeError(
          `activity ${index}: attendee ${String(id)} is outside 0..${nodeCount - 1}`,
        );
      }
    }
    index += 1;
    const n = distinct.length;
    if (n < 2 || n > maxAttendees) continue;
    const w = weighting === 'newman' ? 1 / (n - 1) : 1;
    for (let a = 0; a < n; a++) {
      const i = distinct[a]!;
      for (let b = a + 1; b < n; b++) pairs.push(i, distinct[b]!, w);
    }
  }
  return pairs.merge(nodeCount);
}

/** Collaboration tie types recorded between organisations (issue 5, item 2). */
export type CollaborationTieType =
  | 'joint_rd'
  | 'technology_transfer'
  | 'consulting'
  | 'co_patent'
  | 'co_publication'
  | 'supply'
  | 'shared_equipment'
  | 'project';

/** All collaboration tie types, in a fixed order. */
export const collaborationTieTypes: readonly CollaborationTieType[] = [
  'joint_rd',
  'technology_transfer',
  'consulting',
  'co_patent',
  'co_publication',
  'supply',
  'shared_equipment',
  'project',
];

/**
 * Default weight of one collaboration of each type: 1 for every type, so that a merged tie's
 * weight is the number of collaborations between the pair. This is a convention of ours, not a
 * published scale; pass `typeWeights` to grade types (e.g. joint R&D above supply relations).
 */
export const defaultTieTypeWeights: Readonly<Record<CollaborationTieType, number>> = {
  joint_rd: 1,
  technology_transfer: 1,
  consulting: 1,
  co_patent: 1,
  co_publication: 1,
  supply: 1,
  shared_equipment: 1,
  project: 1,
};

/** One recorded collaboration between two organisations (node ids). */
export interface TypedTie {
  source: number;
  target: number;
  type: string;
}

/** Options of {@link mergeTies}. */
export interface MergeTiesOptions {
  /** Tie types to keep (default: every type that has a weight). */
  tieTypes?: readonly string[];
  /** Weight of one tie of each type (default {@link defaultTieTypeWeights}). */
  typeWeights?: Readonly<Record<string, number>>;
  /** Co-attendance edges (e.g. from {@link projectCoAttendance}) to add in. */
  coAttendance?: readonly WeightedEdge[];
  /** Multiplier for the co-attendance weights (default 1). */
  coAttendanceWeight?: number;
}

/**
 * Merges typed collaboration ties (and optionally co-attendance edges) into one weighted,
 * undirected organisation network: the weight of a pair is Σ over its kept ties of the tie
 * type's weight, plus coAttendanceWeight × its co-attendance weight. Ties of types not chosen
 * are dropped; a chosen type without a weight is an error naming the type; self-ties are
 * dropped. Edges come out merged (source < target) and sorted.
 */
export function mergeTies(
  nodeCount: number,
  ties: Iterable<TypedTie>,
  options: MergeTiesOptions = {},
): WeightedEdge[] {
  checkNodeCount(nodeCount);
  const typeWeights: Readonly<Record<string, number>> =
    options.typeWeights ?? defaultTieTypeWeights;
  const chosen = new Set(options.tieTypes ?? Object.keys(typeWeights));
  for (const type of chosen) {
    const w = typeWeights[type];
    if (w === undefined || !Number.isFinite(w) || w < 0) {
      throw new RangeError(`tie type "${type}" has no valid weight (got ${String(w)})`);
    }
  }
  const pairs = new PairList();
  const add = (source: number, target: number, weight: number, where: string): void => {
    for (const id of [source, target]) {
      if (!Number.isInteger(id) || id < 0 || id >= nodeCount) {
        throw new RangeError(`${where}: organisation ${String(id)} is outside 0..${nodeCount - 1}`);
      }
    }
    pairs.push(source, target, weight);
  };
  let index = 0;
  for (const tie of ties) {
    if (chosen.has(tie.type)) add(tie.source, tie.target, typeWeights[tie.type]!, `tie ${index}`);
    index += 1;
  }
  const factor = options.coAttendanceWeight ?? 1;
  (options.coAttendance ?? []).forEach((edge, i) =>
    add(edge.source, edge.target, factor * (edge.weight ?? 1), `co-attendance edge ${i}`),
  );
  return pairs.merge(nodeCount);
}

function checkNodeCount(nodeCount: number): void {
  if (!Number.isInteger(nodeCount) || nodeCount < 0 || nodeCount > 0x7fffffff) {
    throw new RangeError(`nodeCount ${String(nodeCount)} must be a non-negative integer`);
  }
}

/**
 * Pairs collected in growing typed arrays, merged through the compact graph's counting sort
 * (parallel pairs summed, self-pairs dropped): far faster than a Map keyed by pair for the
 * millions of pairs a large exhibition or a long series of seminars yields.
 */
class PairList {
  private sources = new Int32Array(1024);
  private targets = new Int32Array(1024);
  private weights = new Float64Array(1024);
  private length = 0;

  push(source: number, target: number, weight: number): void {
    if (this.length === this.sources.length) {
      const grow = <T extends Int32Array | Float64Array>(a: T, b: T): T => {
        b.set(a);
        return b;
      };
      const size = 2 * this.length;
      this.sources = grow(this.sources, new Int32Array(size));
      this.targets = grow(this.targets, new Int32Array(size));
      this.weights = grow(this.weights, new Float64Array(size));
    }
    this.sources[this.length] = source;
    this.targets[this.length] = target;
    this.weights[this.length] = weight;
    this.length += 1;
  }

  /** One edge per pair (source < target), sorted by source then target. */
  merge(nodeCount: number): WeightedEdge[] {
    const g = buildCompactGraphFromArrays(
      nodeCount,
      this.sources.subarray(0, this.length),
      this.targets.subarray(0, this.length),
      this.weights.subarray(0, this.length),
    );
    const edges: WeightedEdge[] = [];
    for (let v = 0; v < nodeCount; v++) {
      for (let p = g.offsets[v]!; p < g.offsets[v + 1]!; p++) {
        const t = g.targets[p]!;
        if (t > v) edges.push({ source: v, target: t, weight: g.weights[p]! });
      }
    }
    return edges;
  }
}
