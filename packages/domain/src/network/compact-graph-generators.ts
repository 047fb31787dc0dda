import type { RandomSource } from '../random.ts';
import { buildCompactGraphFromArrays, type CompactGraph } from './compact-graph.ts';

/**
 * Uniform random graph with n nodes and m edge draws (Erdős & Rényi 1959 G(n, m) model, drawn
 * with replacement: repeated pairs merge and self-loops are dropped, so slightly fewer than m
 * distinct edges remain).
 */
export function randomGnm(n: number, m: number, random: RandomSource): CompactGraph {
  const sources = new Int32Array(m);
  const targets = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    sources[i] = Math.floor(random() * n);
    targets[i] = Math.floor(random() * n);
  }
  return buildCompactGraphFromArrays(n, sources, targets);
}

/** Options of {@link clusteredGraph}. */
export interface ClusteredGraphOptions {
  nodeCount: number;
  /** Edge draws (about this many distinct edges result). */
  edgeCount: number;
  /** Number of equal-sized blocks (clusters). */
  blocks: number;
  /** Share of edge draws that stay inside a block; the rest join two random blocks. */
  withinShare: number;
  random: RandomSource;
}

/**
 * A clustered graph with skewed degrees, for benchmarks and tests: a degree-corrected stochastic
 * block model (Karrer & Newman 2011, "Stochastic blockmodels and community structure in
 * networks", Phys. Rev. E 83) with node propensities θ_v ∝ 1/(rank within block + 10)^0.8 (a
 * heavy-tailed, Zipf-like degree distribution, as in knowledge networks with hubs). Each edge
 * draw picks a block, then (with probability withinShare) both ends in that block, otherwise
 * the second end in another random block; ends are chosen in proportion to θ.
 */
export function clusteredGraph(options: ClusteredGraphOptions): CompactGraph {
  const { nodeCount: n, edgeCount: m, blocks, withinShare, random } = options;
  if (blocks < 1 || blocks > n) throw new RangeError('blocks must be in 1..nodeCount');
  // Members of block b are b, b + blocks, b + 2·blocks, …; cumulative θ per block for sampling.
  const perBlock = Math.ceil(n / blocks);
  const cumulative = new Float64Array(perBlock);
  let total = 0;
  for (let r = 0; r < perBlock; r++) {
    total += 1 / Math.pow(r + 10, 0.8);
    cumulative[r] = total;
  }
  const pickInBlock = (b: number): number => {
    const size = Math.floor((n - 1 - b) / blocks) + 1;
    const u = random() * cumulative[size - 1]!;
    let lo = 0;
    let hi = size - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return b + lo * blocks;
  };
  const sources = new Int32Array(m);
  const targets = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    const b = Math.floor(random() * blocks);
    const c = random() < withinShare || blocks === 1 ? b : Math.floor(random() * blocks);
    sources[i] = pickInBlock(b);
    targets[i] = pickInBlock(c);
  }
  return buildCompactGraphFromArrays(n, sources, targets);
}
