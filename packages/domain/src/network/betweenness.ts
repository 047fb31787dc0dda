import type { RandomSource } from '../random.ts';
import type { CompactGraph } from './compact-graph.ts';

/**
 * Reusable work arrays for {@link betweennessForSources}: allocated once per call (or per worker)
 * so the inner loops never allocate.
 */
interface BrandesWork {
  readonly distance: Int32Array;
  readonly sigma: Float64Array;
  /** (1 + δ_s(v)) / σ_sv, the share each predecessor of v multiplies by its own σ. */
  readonly coefficient: Float64Array;
  readonly order: Int32Array;
}

function createWork(n: number): BrandesWork {
  return {
    distance: new Int32Array(n).fill(-1),
    sigma: new Float64Array(n),
    coefficient: new Float64Array(n),
    order: new Int32Array(n),
  };
}

/**
 * Adds the dependencies of one source s to `sums` (Brandes 2001, "A faster algorithm for
 * betweenness centrality", J. Math. Sociol. 25(2): one breadth-first search counting shortest
 * paths, then dependencies accumulated in reverse BFS order, δ_s(v) = Σ_{w: v ∈ P_s(w)}
 * σ_sv/σ_sw (1 + δ_s(w))). Written here on typed arrays rather than taken from
 * graphology-metrics for speed (the goal is half igraph's time): predecessors are not
 * stored but recognised by distance on the way back, and only visited nodes are reset.
 * Equivalently δ_s(v) = σ_sv Σ_{w successor of v} (1 + δ_s(w))/σ_sw, computed in that form.
 */
function accumulateSource(g: CompactGraph, s: number, work: BrandesWork, sums: Float64Array): void {
  const { offsets, targets } = g;
  const { distance, sigma, coefficient, order } = work;
  distance[s] = 0;
  sigma[s] = 1;
  order[0] = s;
  let head = 0;
  let tail = 1;
  while (head < tail) {
    const v = order[head++]!;
    const dv = distance[v]! + 1;
    const sv = sigma[v]!;
    const end = offsets[v + 1]!;
    for (let p = offsets[v]!; p < end; p++) {
      const w = targets[p]!;
      const dw = distance[w]!;
      if (dw < 0) {
        distance[w] = dv;
        sigma[w] = sv;
        order[tail++] = w;
      } else if (dw === dv) {
        sigma[w]! += sv;
      }
    }
  }
  // Pull form of the accumulation: each node sums (1 + δ(w))/σ(w) over its successors w one level
  // deeper, all of which come later in BFS order and so are finished; one write per node.
  for (let i = tail - 1; i > 0; i--) {
    const v = order[i]!;
    const dNext = distance[v]! + 1;
    const end = offsets[v + 1]!;
    let sum = 0;
    for (let p = offsets[v]!; p < end; p++) {
      const w = targets[p]!;
      if (distance[w] === dNext) sum += coefficient[w]!;
    }
    const sv = sigma[v]!;
    const delta = sv * sum;
    coefficient[v] = (1 + delta) / sv;
    sums[v]! += delta;
  }
  for (let i = 0; i < tail; i++) distance[order[i]!] = -1;
}

/**
 * Partial unnormalised betweenness from the given sources only (Brandes 2001): entry v is
 * ½ Σ_{s ∈ sources} δ_s(v). Summing the partials of a partition of all nodes gives exactly
 * {@link betweenness}(g) unnormalised, so callers can split the sources across worker threads.
 * The ½ counts each unordered pair {s, t} once, as igraph and networkx do for undirected graphs.
 * Unweighted: every edge has length 1 whatever its weight.
 */
export function betweennessForSources(g: CompactGraph, sources: Iterable<number>): Float64Array {
  const n = g.nodeCount;
  const sums = new Float64Array(n);
  const work = createWork(n);
  for (const s of sources) {
    if (!Number.isInteger(s) || s < 0 || s >= n) {
      throw new RangeError(`source ${String(s)} is outside 0..${n - 1}`);
    }
    accumulateSource(g, s, work, sums);
  }
  for (let v = 0; v < n; v++) sums[v]! *= 0.5;
  return sums;
}

/** Options of {@link betweenness}. */
export interface BetweennessOptions {
  /** Divide by the number of pairs excluding v, (n-1)(n-2)/2, giving values in [0, 1]. */
  normalized?: boolean;
}

/**
 * Exact shortest-path betweenness of every node of an unweighted undirected graph (Freeman 1977,
 * "A set of measures of centrality based on betweenness", Sociometry 40(1); computed by Brandes
 * 2001): c_B(v) = Σ_{s<t, s≠v≠t} σ_st(v)/σ_st. Normalised values divide by (n-1)(n-2)/2.
 * O(nm) time, O(n + m) memory.
 */
export function betweenness(g: CompactGraph, options: BetweennessOptions = {}): Float64Array {
  const n = g.nodeCount;
  const sources = new Int32Array(n);
  for (let v = 0; v < n; v++) sources[v] = v;
  const result = betweennessInBlocks(g, sources);
  if (options.normalized) normalizeBetweenness(result, n);
  return result;
}

/**
 * Sources per block in {@link betweennessInBlocks}. Parallel callers split the same blocks
 * across threads and add the block partials in block order, so their floating-point sums are
 * bit-for-bit those of the single-thread computation.
 */
export const BETWEENNESS_BLOCK_SIZE = 64;

/** Number of blocks of {@link BETWEENNESS_BLOCK_SIZE} sources for `sourceCount` sources. */
export function betweennessBlockCount(sourceCount: number): number {
  return Math.ceil(sourceCount / BETWEENNESS_BLOCK_SIZE);
}

/** The sources of block i (a view into `sources`). */
export function betweennessBlock(sources: Int32Array, block: number): Int32Array {
  return sources.subarray(block * BETWEENNESS_BLOCK_SIZE, (block + 1) * BETWEENNESS_BLOCK_SIZE);
}

/**
 * {@link betweennessForSources} over the given sources, computed block by block and the block
 * partials added in order: the fixed summation order that parallel callers reproduce.
 */
export function betweennessInBlocks(g: CompactGraph, sources: Int32Array): Float64Array {
  const total = new Float64Array(g.nodeCount);
  const blocks = betweennessBlockCount(sources.length);
  for (let b = 0; b < blocks; b++)
    addInto(total, betweennessForSources(g, betweennessBlock(sources, b)));
  return total;
}

/** total += partial, element by element. */
export function addInto(total: Float64Array, partial: Float64Array): void {
  for (let v = 0; v < total.length; v++) total[v]! += partial[v]!;
}

/** Divides unnormalised undirected betweenness in place by (n-1)(n-2)/2 (no-op below 3 nodes). */
export function normalizeBetweenness(values: Float64Array, nodeCount: number): Float64Array {
  if (nodeCount < 3) return values;
  const scale = 2 / ((nodeCount - 1) * (nodeCount - 2));
  for (let v = 0; v < values.length; v++) values[v]! *= scale;
  return values;
}

/** Options of {@link sampledBetweenness}: either a sample size, or a target error and confidence. */
export interface SampledBetweennessOptions {
  /** Seeded random source (see random.ts). */
  random: RandomSource;
  /** Number of distinct sources to sample; defaults to {@link betweennessSampleSize}(n, epsilon, delta). */
  samples?: number;
  /** Target maximum error of the normalised values (used when `samples` is not given). Default 0.01. */
  epsilon?: number;
  /** Probability that the bound fails. Default 0.05. */
  delta?: number;
  /** Computes the partial sums for the chosen sources; defaults to {@link betweennessInBlocks}, a worker pool can be passed instead. */
  partials?: (sources: Int32Array) => Float64Array | Promise<Float64Array>;
}

/** Result of {@link sampledBetweenness}. */
export interface SampledBetweenness {
  /** Estimated normalised betweenness, in [0, 1] up to the error. */
  normalized: Float64Array;
  /** Estimated unnormalised betweenness (normalised × (n-1)(n-2)/2). */
  unnormalized: Float64Array;
  /** Number of sources used. */
  samples: number;
  /** With probability at least 1 − delta, every node's normalised estimate is within epsilon of the truth. */
  epsilon: number;
  delta: number;
  /** The same bound in unnormalised units: epsilon × (n-1)(n-2)/2. */
  epsilonUnnormalized: number;
  /** True when every node was a source, so the values are exact. */
  exact: boolean;
}

/**
 * Error bound of source-sampled betweenness, for the normalised value of every node at once:
 * ε = R √(ln(2n/δ) / (2k)) with R = n/(n-1). Each sampled source s gives the unbiased estimate
 * X_s(v) = n δ_s(v) / ((n-1)(n-2)) of the normalised betweenness b(v) with 0 ≤ X_s(v) ≤ R (as
 * δ_s(v) ≤ n-2); Hoeffding's inequality (Hoeffding 1963, "Probability inequalities for sums of
 * bounded random variables", JASA 58, Theorem 2, and §6 which extends it to sampling without
 * replacement) bounds each node's error by ε with probability 1 − δ/n, and the union bound over
 * the n nodes gives 1 − δ for all of them (cf. Brandes & Pich 2007, "Centrality estimation in
 * large networks", for source sampling).
 */
export function betweennessErrorBound(nodeCount: number, samples: number, delta: number): number {
  if (nodeCount < 3 || samples >= nodeCount) return 0;
  const range = nodeCount / (nodeCount - 1);
  return range * Math.sqrt(Math.log((2 * nodeCount) / delta) / (2 * samples));
}

/** Number of sources k for which {@link betweennessErrorBound}(n, k, δ) ≤ ε (capped at n, where the result is exact). */
export function betweennessSampleSize(nodeCount: number, epsilon: number, delta: number): number {
  if (!(epsilon > 0) || !(delta > 0 && delta < 1)) {
    throw new RangeError('epsilon must be > 0 and delta in (0, 1)');
  }
  if (nodeCount < 3) return nodeCount;
  const range = nodeCount / (nodeCount - 1);
  const k = Math.ceil(
    (range * range * Math.log((2 * nodeCount) / delta)) / (2 * epsilon * epsilon),
  );
  return Math.min(nodeCount, k);
}

/**
 * Betweenness estimated from k sources drawn uniformly without replacement (Brandes & Pich
 * 2007): b̂(v) = (n/k) Σ_{s ∈ sample} δ_s(v) / ((n-1)(n-2)), with the Hoeffding error bound of
 * {@link betweennessErrorBound}. For graphs too large for the exact O(nm) computation.
 */
export async function sampledBetweenness(
  g: CompactGraph,
  options: SampledBetweennessOptions,
): Promise<SampledBetweenness> {
  const n = g.nodeCount;
  const delta = options.delta ?? 0.05;
  const k = Math.min(
    n,
    options.samples ?? betweennessSampleSize(n, options.epsilon ?? 0.01, delta),
  );
  if (!Number.isInteger(k) || k < 1)
    throw new RangeError(`samples ${String(k)} must be a positive integer`);
  const sources = sampleWithoutReplacement(n, k, options.random);
  const partial = await (options.partials ?? ((s: Int32Array) => betweennessForSources(g, s)))(
    sources,
  );
  const unnormalized = new Float64Array(n);
  const normalized = new Float64Array(n);
  const scale = n / k;
  const pairs = n >= 3 ? ((n - 1) * (n - 2)) / 2 : 1;
  for (let v = 0; v < n; v++) {
    unnormalized[v] = partial[v]! * scale;
    normalized[v] = unnormalized[v]! / pairs;
  }
  const epsilon = betweennessErrorBound(n, k, delta);
  return {
    normalized,
    unnormalized,
    samples: k,
    epsilon,
    delta,
    epsilonUnnormalized: epsilon * pairs,
    exact: k === n,
  };
}

/** k distinct ids from 0..n-1 by a partial Fisher-Yates shuffle (Knuth, TAOCP vol. 2, Algorithm P), sorted. */
export function sampleWithoutReplacement(n: number, k: number, random: RandomSource): Int32Array {
  const pool = new Int32Array(n);
  for (let i = 0; i < n; i++) pool[i] = i;
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(random() * (n - i));
    const t = pool[i]!;
    pool[i] = pool[j]!;
    pool[j] = t;
  }
  return pool.slice(0, k).sort();
}
