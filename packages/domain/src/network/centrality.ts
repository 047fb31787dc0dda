import type { CompactGraph } from './compact-graph.ts';

/**
 * Degree: the number of distinct neighbours of each node (Freeman 1978/79, "Centrality in social
 * networks: conceptual clarification", Social Networks 1). With `normalized`, divided by n − 1.
 */
export function degreeCentrality(
  g: CompactGraph,
  options: { normalized?: boolean } = {},
): Float64Array {
  const n = g.nodeCount;
  const result = new Float64Array(n);
  const scale = options.normalized && n > 1 ? 1 / (n - 1) : 1;
  for (let v = 0; v < n; v++) result[v] = (g.offsets[v + 1]! - g.offsets[v]!) * scale;
  return result;
}

/**
 * Strength: the sum of the weights of each node's ties (Barrat, Barthélemy, Pastor-Satorras &
 * Vespignani 2004, "The architecture of complex weighted networks", PNAS 101(11)).
 */
export function strength(g: CompactGraph): Float64Array {
  const n = g.nodeCount;
  const result = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    let sum = 0;
    for (let p = g.offsets[v]!; p < g.offsets[v + 1]!; p++) sum += g.weights[p]!;
    result[v] = sum;
  }
  return result;
}

/** Options of {@link closeness}. */
export interface ClosenessOptions {
  /**
   * 'component' (default, igraph's convention): (r − 1) / Σ d(v, u) over the r nodes v can
   * reach, i.e. the inverse mean distance within its component. 'wasserman-faust' (networkx's
   * default): that value × (r − 1)/(n − 1), which lowers the scores of small components
   * (Wasserman & Faust 1994, Social Network Analysis, eq. 5.5).
   */
  convention?: 'component' | 'wasserman-faust';
}

/**
 * Closeness centrality (Freeman 1978/79; Bavelas 1950): the inverse of the mean shortest-path
 * distance (unweighted, by breadth-first search) from a node to the others. Distances are only
 * defined within a component, so by default each node is measured within its own component (see
 * {@link ClosenessOptions}); an isolated node scores 0. O(nm).
 */
export function closeness(g: CompactGraph, options: ClosenessOptions = {}): Float64Array {
  const n = g.nodeCount;
  const { offsets, targets } = g;
  const result = new Float64Array(n);
  const distance = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  for (let s = 0; s < n; s++) {
    distance[s] = 0;
    queue[0] = s;
    let head = 0;
    let tail = 1;
    let total = 0;
    while (head < tail) {
      const v = queue[head++]!;
      const dv = distance[v]! + 1;
      for (let p = offsets[v]!; p < offsets[v + 1]!; p++) {
        const w = targets[p]!;
        if (distance[w]! < 0) {
          distance[w] = dv;
          total += dv;
          queue[tail++] = w;
        }
      }
    }
    const reached = tail - 1;
    if (total > 0) {
      result[s] = reached / total;
      if (options.convention === 'wasserman-faust') result[s]! *= reached / (n - 1);
    }
    for (let i = 0; i < tail; i++) distance[queue[i]!] = -1;
  }
  return result;
}

/** Options of the iterative measures. */
export interface IterationOptions {
  /** Use tie weights (default false: every tie counts 1). */
  weighted?: boolean;
  /** Stop when the L1 change between iterations is below this. Default 1e-12. */
  tolerance?: number;
  /** Give up (RangeError) after this many iterations. Default 10,000. */
  maxIterations?: number;
}

/**
 * Eigenvector centrality (Bonacich 1972, "Factoring and weighting approaches to status scores
 * and clique identification", J. Math. Sociol. 2): the leading eigenvector of the adjacency
 * matrix, scaled to unit Euclidean length (networkx's convention; igraph scales the maximum to 1).
 * Power iteration on A + I, which has the same leading eigenvector but cannot oscillate on
 * bipartite graphs. In a disconnected graph the vector concentrates on the component with the
 * largest eigenvalue.
 */
export function eigenvectorCentrality(
  g: CompactGraph,
  options: IterationOptions = {},
): Float64Array {
  const n = g.nodeCount;
  const { offsets, targets, weights } = g;
  const tolerance = options.tolerance ?? 1e-12;
  const maxIterations = options.maxIterations ?? 10_000;
  let x = new Float64Array(n).fill(n > 0 ? 1 / Math.sqrt(n) : 0);
  let next = new Float64Array(n);
  if (g.edgeCount === 0) return x;
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    let norm = 0;
    for (let v = 0; v < n; v++) {
      let sum = x[v]!;
      for (let p = offsets[v]!; p < offsets[v + 1]!; p++) {
        sum += options.weighted ? weights[p]! * x[targets[p]!]! : x[targets[p]!]!;
      }
      next[v] = sum;
      norm += sum * sum;
    }
    norm = Math.sqrt(norm);
    let change = 0;
    for (let v = 0; v < n; v++) {
      next[v]! /= norm;
      change += Math.abs(next[v]! - x[v]!);
    }
    [x, next] = [next, x];
    if (change < tolerance) return x;
  }
  throw new RangeError(`eigenvector centrality did not converge in ${maxIterations} iterations`);
}

/** Options of {@link pageRank}. */
export interface PageRankOptions extends IterationOptions {
  /** Probability of following a tie rather than jumping to a random node. Default 0.85. */
  damping?: number;
}

/**
 * PageRank (Brin & Page 1998, "The anatomy of a large-scale hypertextual web search engine"):
 * the stationary distribution of a random walk that follows a tie (in proportion to its weight
 * when weighted) with probability `damping` and otherwise jumps to a uniformly random node.
 * Dangling nodes (no ties) jump uniformly, so the scores sum to 1. Power iteration until the L1
 * change is below the tolerance (the error is then below tolerance·d/(1−d)).
 */
export function pageRank(g: CompactGraph, options: PageRankOptions = {}): Float64Array {
  const n = g.nodeCount;
  const { offsets, targets, weights } = g;
  const damping = options.damping ?? 0.85;
  if (!(damping >= 0 && damping < 1)) throw new RangeError(`damping ${damping} must be in [0, 1)`);
  const tolerance = options.tolerance ?? 1e-12;
  const maxIterations = options.maxIterations ?? 10_000;
  if (n === 0) return new Float64Array(0);
  const out = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    if (options.weighted) {
      let sum = 0;
      for (let p = offsets[v]!; p < offsets[v + 1]!; p++) sum += weights[p]!;
      out[v] = sum;
    } else {
      out[v] = offsets[v + 1]! - offsets[v]!;
    }
  }
  let x = new Float64Array(n).fill(1 / n);
  let next = new Float64Array(n);
  const share = new Float64Array(n);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    let dangling = 0;
    for (let v = 0; v < n; v++) {
      if (out[v]! > 0) share[v] = x[v]! / out[v]!;
      else dangling += x[v]!;
    }
    const base = (1 - damping + damping * dangling) / n;
    let change = 0;
    for (let v = 0; v < n; v++) {
      let sum = 0;
      const end = offsets[v + 1]!;
      if (options.weighted) {
        for (let p = offsets[v]!; p < end; p++) sum += weights[p]! * share[targets[p]!]!;
      } else {
        for (let p = offsets[v]!; p < end; p++) sum += share[targets[p]!]!;
      }
      const value = base + damping * sum;
      next[v] = value;
      change += Math.abs(value - x[v]!);
    }
    [x, next] = [next, x];
    if (change < tolerance) return x;
  }
  throw new RangeError(`PageRank did not converge in ${maxIterations} iterations`);
}
