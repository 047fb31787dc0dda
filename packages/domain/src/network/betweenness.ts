import { createSeededRandom, type RandomSource } from '../random.ts';
import type { CompactGraph } from './compact-graph.ts';

/**
 * Reusable work arrays for {@link betweennessForSources}: allocated once per call (or per worker)
 * so the inner loops never allocate.
 */
export interface BrandesWork {
  readonly distance: Int32Array;
  readonly sigma: Float64Array;
  /** (1 + δ_s(v)) / σ_sv, the share each predecessor of v multiplies by its own σ. */
  readonly coefficient: Float64Array;
  /** Nodes in BFS order. */
  readonly order: Int32Array;
  /** Successors (next-level neighbours) of the i-th node in BFS order: successors[successorEnd[i] .. successorEnd[i + 1]). */
  readonly successors: Int32Array;
  readonly successorEnd: Int32Array;
}

/** Work arrays for {@link betweennessForSources} on graph g: O(n + m) memory, reused by every source. */
export function createBrandesWork(g: CompactGraph): BrandesWork {
  const n = g.nodeCount;
  return {
    distance: new Int32Array(n).fill(-1),
    sigma: new Float64Array(n),
    coefficient: new Float64Array(n),
    order: new Int32Array(n),
    successors: new Int32Array(g.targets.length),
    successorEnd: new Int32Array(n + 1),
  };
}

/**
 * Adds the dependencies of one source s to `sums` (Brandes 2001, "A faster algorithm for
 * betweenness centrality", J. Math. Sociol. 25(2): one breadth-first search counting shortest
 * paths, then dependencies accumulated in reverse BFS order, δ_s(v) = Σ_{w: v ∈ P_s(w)}
 * σ_sv/σ_sw (1 + δ_s(w))). Written here on typed arrays rather than taken from
 * graphology-metrics for speed (the goal is half igraph's time). Equivalently
 * δ_s(v) = σ_sv Σ_{w successor of v} (1 + δ_s(w))/σ_sw, computed in that (pull) form: the BFS
 * writes each node's successors contiguously as it scans the node's neighbours, so the way back
 * reads only the shortest-path DAG's arcs (at most m, against 2m neighbour checks by distance;
 * about 30% faster on the benchmark graphs, same sums in the same order). Only visited nodes
 * are reset.
 */
function accumulateSource(g: CompactGraph, s: number, work: BrandesWork, sums: Float64Array): void {
  const { offsets, targets } = g;
  const { distance, sigma, coefficient, order, successors, successorEnd } = work;
  distance[s] = 0;
  sigma[s] = 1;
  order[0] = s;
  successorEnd[0] = 0;
  let head = 0;
  let tail = 1;
  let write = 0;
  while (head < tail) {
    const v = order[head]!;
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
        successors[write++] = w;
      } else if (dw === dv) {
        sigma[w]! += sv;
        successors[write++] = w;
      }
    }
    successorEnd[++head] = write;
  }
  // Successors come later in BFS order, so walking it backwards finds them finished; one write per node.
  for (let i = tail - 1; i > 0; i--) {
    const v = order[i]!;
    const end = successorEnd[i + 1]!;
    let sum = 0;
    for (let p = successorEnd[i]!; p < end; p++) sum += coefficient[successors[p]!]!;
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
 * Unweighted: every edge has length 1 whatever its weight. `work` ({@link createBrandesWork})
 * can be passed to reuse the arrays across calls.
 */
export function betweennessForSources(
  g: CompactGraph,
  sources: Iterable<number>,
  work: BrandesWork = createBrandesWork(g),
): Float64Array {
  const n = g.nodeCount;
  const sums = new Float64Array(n);
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
  const work = createBrandesWork(g);
  for (let b = 0; b < blocks; b++)
    addInto(total, betweennessForSources(g, betweennessBlock(sources, b), work));
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

// ---------------------------------------------------------------------------------------------
// Shortest-path sampling with the VC-dimension bound (Riondato & Kornaropoulos 2016).

/**
 * Upper bound on the vertex diameter (the most nodes on any shortest path) of an unweighted
 * graph: one BFS per connected component from its lowest-id node u gives ecc(u), and every
 * shortest path in that component has at most 2·ecc(u) edges, so at most 2·ecc(u) + 1 nodes
 * (Riondato & Kornaropoulos 2016, §5.1, the 2-approximation for unweighted graphs), and no more
 * than the component has. O(n + m).
 */
export function vertexDiameterBound(g: CompactGraph): number {
  const n = g.nodeCount;
  const { offsets, targets } = g;
  const distance = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  let bound = n > 0 ? 1 : 0;
  for (let u = 0; u < n; u++) {
    if (distance[u]! >= 0) continue;
    distance[u] = 0;
    queue[0] = u;
    let head = 0;
    let tail = 1;
    let eccentricity = 0;
    while (head < tail) {
      const v = queue[head++]!;
      const dv = distance[v]! + 1;
      for (let p = offsets[v]!, end = offsets[v + 1]!; p < end; p++) {
        const w = targets[p]!;
        if (distance[w]! < 0) {
          distance[w] = dv;
          eccentricity = dv;
          queue[tail++] = w;
        }
      }
    }
    // No shortest path has more nodes than its component.
    bound = Math.max(bound, Math.min(2 * eccentricity + 1, tail));
  }
  return bound;
}

/** The universal constant c of the ε-approximation theorem, ≈ 0.5 (Löffler & Phillips 2009), as Riondato & Kornaropoulos use it. */
const VC_CONSTANT = 0.5;

/** ⌊log2(VD − 2)⌋ + 1 + ln(1/δ): the VC-dimension bound's numerator (Riondato & Kornaropoulos 2016, Theorem 1 and Lemma 2). */
function vcTerm(vertexDiameter: number, delta: number): number {
  return Math.floor(Math.log2(vertexDiameter - 2)) + 1 + Math.log(1 / delta);
}

/**
 * Number of sampled shortest paths r for which every node's estimate from
 * {@link pathSampledBetweenness} is within ε of its betweenness normalised by the n(n-1) ordered
 * pairs, with probability at least 1 − δ: r = ⌈(c/ε²)(⌊log2(VD − 2)⌋ + 1 + ln(1/δ))⌉, c = 0.5
 * (Riondato & Kornaropoulos 2016, "Fast approximation of betweenness centrality through
 * sampling", Data Min. Knowl. Disc. 30(2), Theorem 1 with the VC-dimension bound of Lemma 2).
 * The bound depends on the vertex diameter VD, not on n: no union bound over the nodes.
 * Returns 0 when VD ≤ 2 (no shortest path has an inner node: every value is 0).
 */
export function pathSampleSize(vertexDiameter: number, epsilon: number, delta: number): number {
  if (!(epsilon > 0) || !(delta > 0 && delta < 1)) {
    throw new RangeError('epsilon must be > 0 and delta in (0, 1)');
  }
  if (vertexDiameter <= 2) return 0;
  return Math.ceil((VC_CONSTANT / (epsilon * epsilon)) * vcTerm(vertexDiameter, delta));
}

/** ε of {@link pathSampleSize} for r samples (ordered-pair normalisation): √(c(⌊log2(VD − 2)⌋ + 1 + ln(1/δ))/r). */
export function pathSampleErrorBound(
  vertexDiameter: number,
  samples: number,
  delta: number,
): number {
  if (vertexDiameter <= 2) return 0;
  return Math.sqrt((VC_CONSTANT * vcTerm(vertexDiameter, delta)) / samples);
}

/**
 * Reusable arrays for {@link samplePaths}: per side (0 from s, 1 from t) the BFS distance (−1 =
 * unvisited), the number of shortest paths σ, and the visited nodes in BFS order. Allocated once
 * per thread; a sample resets only the nodes it visited, so a sample costs what it explores.
 */
export interface PathSamplingWork {
  readonly distance: [Int32Array, Int32Array];
  readonly sigma: [Float64Array, Float64Array];
  readonly visited: [Int32Array, Int32Array];
}

/** Work arrays for {@link samplePaths} on a graph of n nodes. */
export function createPathSamplingWork(n: number): PathSamplingWork {
  return {
    distance: [new Int32Array(n).fill(-1), new Int32Array(n).fill(-1)],
    sigma: [new Float64Array(n), new Float64Array(n)],
    visited: [new Int32Array(n), new Int32Array(n)],
  };
}

/**
 * Draws `samples` ordered pairs (s, t), s ≠ t, uniformly; for each connected pair picks one
 * shortest s–t path uniformly at random and adds 1 to `counts` at each of its inner nodes
 * (Riondato & Kornaropoulos 2016, Algorithm 1). The shortest paths are found by a balanced
 * bidirectional BFS that counts paths from both ends (as in KADABRA, Borassi & Natale 2016):
 * it expands, one whole level at a time, the side whose frontier has the smaller degree sum,
 * and stops at the first level where the two searches meet. If side X has then reached level a
 * and side Y level b, every shortest path has a + b edges and crosses X's level a at a node w
 * with d_Y(w) = b, so σ_st = Σ_w σ_X(w)·σ_Y(w); the path is drawn by choosing w with
 * probability σ_X(w)σ_Y(w)/σ_st and then, on each side, walking back to the end, choosing each
 * predecessor z of x with probability σ(z)/σ(x). Small-world graphs meet after exploring a tiny
 * part of the graph, so a sample costs far less than a full BFS.
 */
export function samplePaths(
  g: CompactGraph,
  samples: number,
  random: RandomSource,
  work: PathSamplingWork,
  counts: Float64Array,
): void {
  const n = g.nodeCount;
  if (n < 3) return;
  for (let i = 0; i < samples; i++) {
    const s = Math.floor(random() * n);
    let t = Math.floor(random() * (n - 1));
    if (t >= s) t += 1;
    samplePath(g, s, t, random, work, counts);
  }
}

function samplePath(
  g: CompactGraph,
  s: number,
  t: number,
  random: RandomSource,
  work: PathSamplingWork,
  counts: Float64Array,
): void {
  const { offsets, targets } = g;
  const { distance, sigma, visited } = work;
  const ends = [s, t];
  // Per side: visited[0..size), current frontier visited[start..size), its level and degree sum.
  const size = [1, 1];
  const start = [0, 0];
  const level = [0, 0];
  const frontierDegree = [0, 0];
  for (let x = 0; x < 2; x++) {
    const e = ends[x]!;
    distance[x]![e] = 0;
    sigma[x]![e] = 1;
    visited[x]![0] = e;
    frontierDegree[x] = offsets[e + 1]! - offsets[e]!;
  }
  let meetSide = -1;
  while (meetSide < 0 && size[0]! > start[0]! && size[1]! > start[1]!) {
    const x = frontierDegree[0]! <= frontierDegree[1]! ? 0 : 1;
    const dX = distance[x]!;
    const sX = sigma[x]!;
    const vX = visited[x]!;
    const dY = distance[1 - x]!;
    const from = start[x]!;
    const to = size[x]!;
    const next = level[x]! + 1;
    let tail = to;
    let degreeSum = 0;
    let met = false;
    for (let i = from; i < to; i++) {
      const v = vX[i]!;
      const sv = sX[v]!;
      for (let p = offsets[v]!, end = offsets[v + 1]!; p < end; p++) {
        const w = targets[p]!;
        const dw = dX[w]!;
        if (dw < 0) {
          dX[w] = next;
          sX[w] = sv;
          vX[tail++] = w;
          degreeSum += offsets[w + 1]! - offsets[w]!;
          if (dY[w]! >= 0) met = true;
        } else if (dw === next) {
          sX[w]! += sv;
        }
      }
    }
    start[x] = to;
    size[x] = tail;
    level[x] = next;
    frontierDegree[x] = degreeSum;
    if (met) meetSide = x;
  }
  if (meetSide >= 0) {
    const x = meetSide;
    const dY = distance[1 - x]!;
    const sX = sigma[x]!;
    const sY = sigma[1 - x]!;
    const vX = visited[x]!;
    // Meeting nodes: X's new level that Y has reached (all at Y's current level, see above).
    let total = 0;
    for (let i = start[x]!; i < size[x]!; i++) {
      const w = vX[i]!;
      if (dY[w]! >= 0) total += sX[w]! * sY[w]!;
    }
    let u = random() * total;
    let meet = -1;
    for (let i = start[x]!; i < size[x]!; i++) {
      const w = vX[i]!;
      if (dY[w]! < 0) continue;
      meet = w;
      u -= sX[w]! * sY[w]!;
      if (u < 0) break;
    }
    if (meet !== s && meet !== t) counts[meet]! += 1;
    walkBack(g, meet, distance[0]!, sigma[0]!, random, counts);
    walkBack(g, meet, distance[1]!, sigma[1]!, random, counts);
  }
  for (let x = 0; x < 2; x++) {
    const dX = distance[x]!;
    const vX = visited[x]!;
    for (let i = 0, end = size[x]!; i < end; i++) dX[vX[i]!] = -1;
  }
}

/** From `node` back to the side's end (distance 0), adding 1 at each inner node passed. */
function walkBack(
  g: CompactGraph,
  node: number,
  distance: Int32Array,
  sigma: Float64Array,
  random: RandomSource,
  counts: Float64Array,
): void {
  const { offsets, targets } = g;
  let x = node;
  let d = distance[x]!;
  while (d > 0) {
    const previous = d - 1;
    let u = random() * sigma[x]!;
    let chosen = -1;
    for (let p = offsets[x]!, end = offsets[x + 1]!; p < end; p++) {
      const z = targets[p]!;
      if (distance[z] !== previous) continue;
      chosen = z;
      u -= sigma[z]!;
      if (u < 0) break;
    }
    x = chosen;
    d = previous;
    if (d > 0) counts[x]! += 1;
  }
}

/** Samples per chunk in {@link pathSampledBetweenness}; each chunk has its own seed, so the result does not depend on how chunks are split across threads. */
export const PATH_SAMPLE_CHUNK = 2048;

/** Options of {@link pathSampledBetweenness}. */
export interface PathSampledBetweennessOptions {
  /** Seeded random source: draws one seed per chunk of samples. */
  random: RandomSource;
  /** Target maximum error of the normalised values. Default 0.01. */
  epsilon?: number;
  /** Probability that the bound fails. Default 0.05. */
  delta?: number;
  /** Number of sampled paths (instead of deriving it from epsilon); the bound is then computed for it. */
  samples?: number;
  /**
   * Runs the chunks: chunk i draws `sizes[i]` paths with `createSeededRandom(seeds[i])` and
   * adds them into one count per node ({@link samplePaths}). Defaults to this thread; a worker
   * pool can be passed instead. Counts are integers, so any order of adding gives the same sums.
   */
  counts?: (seeds: Uint32Array, sizes: Int32Array) => Float64Array | Promise<Float64Array>;
}

/** Result of {@link pathSampledBetweenness}. */
export interface PathSampledBetweenness {
  /** Estimated normalised betweenness (divided by (n-1)(n-2)/2, as {@link betweenness} with `normalized`). */
  normalized: Float64Array;
  /** Estimated unnormalised betweenness. */
  unnormalized: Float64Array;
  /** Number of sampled paths. */
  samples: number;
  /** The vertex-diameter bound the sample size was derived from. */
  vertexDiameter: number;
  /** With probability at least 1 − delta, every node's normalised estimate is within epsilon of the truth. */
  epsilon: number;
  delta: number;
  /** The same bound in unnormalised units. */
  epsilonUnnormalized: number;
}

/**
 * Betweenness of every node estimated from r uniformly sampled shortest paths (Riondato &
 * Kornaropoulos 2016): b̂(v) = (number of sampled paths with v inside) / r estimates
 * c_B(v)/(n(n-1)/2), and r from {@link pathSampleSize} makes every node's estimate
 * ε-accurate at once with probability 1 − δ. Reported in the (n-1)(n-2)/2 normalisation of
 * {@link betweenness}, which multiplies values and bound by n/(n-2). For very large graphs:
 * one O(n + m) pass for the vertex diameter, then samples that each explore a small part of
 * the graph ({@link samplePaths}), instead of the full BFS per source of source sampling.
 */
export async function pathSampledBetweenness(
  g: CompactGraph,
  options: PathSampledBetweennessOptions,
): Promise<PathSampledBetweenness> {
  const n = g.nodeCount;
  const delta = options.delta ?? 0.05;
  const vertexDiameter = vertexDiameterBound(g);
  const r = options.samples ?? pathSampleSize(vertexDiameter, options.epsilon ?? 0.01, delta);
  if (!Number.isInteger(r) || r < 0) {
    throw new RangeError(`samples ${String(r)} must be a non-negative integer`);
  }
  const chunks = Math.ceil(r / PATH_SAMPLE_CHUNK);
  const seeds = new Uint32Array(chunks);
  const sizes = new Int32Array(chunks);
  for (let c = 0; c < chunks; c++) {
    seeds[c] = Math.floor(options.random() * 4294967296);
    sizes[c] = Math.min(PATH_SAMPLE_CHUNK, r - c * PATH_SAMPLE_CHUNK);
  }
  const counts =
    chunks === 0
      ? new Float64Array(n)
      : await (options.counts ?? ((s, z) => pathSampleCounts(g, s, z)))(seeds, sizes);
  const pairs = n >= 3 ? ((n - 1) * (n - 2)) / 2 : 1;
  const toOurs = n >= 3 ? n / (n - 2) : 1;
  const normalized = new Float64Array(n);
  const unnormalized = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    normalized[v] = r > 0 ? (counts[v]! / r) * toOurs : 0;
    unnormalized[v] = normalized[v]! * pairs;
  }
  const epsilon = r > 0 ? pathSampleErrorBound(vertexDiameter, r, delta) * toOurs : 0;
  return {
    normalized,
    unnormalized,
    samples: r,
    vertexDiameter,
    epsilon,
    delta,
    epsilonUnnormalized: epsilon * pairs,
  };
}

/** The counts of the given chunks in this thread ({@link samplePaths} with one seeded source per chunk). */
export function pathSampleCounts(
  g: CompactGraph,
  seeds: Uint32Array,
  sizes: Int32Array,
  work: PathSamplingWork = createPathSamplingWork(g.nodeCount),
  counts: Float64Array = new Float64Array(g.nodeCount),
): Float64Array {
  for (let c = 0; c < seeds.length; c++) {
    samplePaths(g, sizes[c]!, createSeededRandom(seeds[c]!), work, counts);
  }
  return counts;
}
