import type { CompactGraph } from './compact-graph.ts';

/** Size of a network (Wasserman & Faust 1994, Social Network Analysis, §4.2). */
export interface NetworkSize {
  /** Number of nodes (actors). */
  nodes: number;
  /** Number of distinct undirected ties. */
  edges: number;
  /** Sum of tie weights. */
  totalWeight: number;
}

/** Nodes, ties and total tie weight. */
export function networkSize(g: CompactGraph): NetworkSize {
  let totalWeight = 0;
  for (const w of g.weights) totalWeight += w;
  return { nodes: g.nodeCount, edges: g.edgeCount, totalWeight: totalWeight / 2 };
}

/**
 * Density: the share of possible ties present, 2m / (n(n − 1)) for an undirected simple graph
 * (Wasserman & Faust 1994, §4.2.2); 0 below two nodes.
 */
export function density(g: CompactGraph): number {
  const n = g.nodeCount;
  return n < 2 ? 0 : (2 * g.edgeCount) / (n * (n - 1));
}

/** Connected components: a label per node and the size of each component. */
export interface Components {
  /** Component index of each node; components are numbered by their smallest node id. */
  labels: Int32Array;
  /** Size of component i. */
  sizes: number[];
  /** Index of the largest component (the lowest index among equals); -1 for an empty graph. */
  largest: number;
}

/** Connected components by breadth-first search (Hopcroft & Tarjan 1973, CACM 16(6)), O(n + m). */
export function connectedComponents(g: CompactGraph): Components {
  const n = g.nodeCount;
  const labels = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  const sizes: number[] = [];
  let largest = -1;
  for (let s = 0; s < n; s++) {
    if (labels[s]! >= 0) continue;
    const label = sizes.length;
    labels[s] = label;
    queue[0] = s;
    let head = 0;
    let tail = 1;
    while (head < tail) {
      const v = queue[head++]!;
      for (let p = g.offsets[v]!; p < g.offsets[v + 1]!; p++) {
        const w = g.targets[p]!;
        if (labels[w]! < 0) {
          labels[w] = label;
          queue[tail++] = w;
        }
      }
    }
    sizes.push(tail);
    if (largest < 0 || tail > sizes[largest]!) largest = label;
  }
  return { labels, sizes, largest };
}

/**
 * Number of triangles through each node. Each triangle is found once by orienting every edge
 * from the lower to the higher (degree, id) rank and intersecting out-lists with a marker array
 * (Schank & Wagner 2005, "Finding, counting and listing all triangles in large graphs", the
 * "forward" idea), O(m^1.5).
 */
export function triangleCounts(g: CompactGraph): Float64Array {
  const n = g.nodeCount;
  const { offsets, targets } = g;
  const triangles = new Float64Array(n);
  const ranksAbove = (v: number, u: number): boolean => {
    const dv = offsets[v + 1]! - offsets[v]!;
    const du = offsets[u + 1]! - offsets[u]!;
    return du > dv || (du === dv && u > v);
  };
  const outOffsets = new Int32Array(n + 1);
  for (let v = 0; v < n; v++) {
    let count = 0;
    for (let p = offsets[v]!; p < offsets[v + 1]!; p++) if (ranksAbove(v, targets[p]!)) count++;
    outOffsets[v + 1] = outOffsets[v]! + count;
  }
  const out = new Int32Array(outOffsets[n]!);
  for (let v = 0; v < n; v++) {
    let q = outOffsets[v]!;
    for (let p = offsets[v]!; p < offsets[v + 1]!; p++) {
      if (ranksAbove(v, targets[p]!)) out[q++] = targets[p]!;
    }
  }
  const mark = new Int32Array(n).fill(-1);
  for (let v = 0; v < n; v++) {
    for (let p = outOffsets[v]!; p < outOffsets[v + 1]!; p++) mark[out[p]!] = v;
    for (let p = outOffsets[v]!; p < outOffsets[v + 1]!; p++) {
      const u = out[p]!;
      for (let q = outOffsets[u]!; q < outOffsets[u + 1]!; q++) {
        const w = out[q]!;
        if (mark[w] === v) {
          triangles[v]! += 1;
          triangles[u]! += 1;
          triangles[w]! += 1;
        }
      }
    }
  }
  return triangles;
}

/**
 * Local clustering coefficient (Watts & Strogatz 1998, "Collective dynamics of 'small-world'
 * networks", Nature 393): the share of pairs of a node's neighbours that are themselves tied,
 * t(v) / (k(k − 1)/2); 0 for nodes with fewer than two neighbours (networkx's convention).
 * Ties are unweighted.
 */
export function localClustering(g: CompactGraph): Float64Array {
  const triangles = triangleCounts(g);
  const result = new Float64Array(g.nodeCount);
  for (let v = 0; v < g.nodeCount; v++) {
    const k = g.offsets[v + 1]! - g.offsets[v]!;
    result[v] = k < 2 ? 0 : (2 * triangles[v]!) / (k * (k - 1));
  }
  return result;
}

/**
 * Average clustering (Watts & Strogatz 1998): the mean local clustering over all nodes, nodes
 * with fewer than two neighbours counting 0 (networkx `average_clustering`, igraph
 * `transitivity_avglocal_undirected(mode="zero")`); 0 for an empty graph.
 */
export function averageClustering(g: CompactGraph): number {
  if (g.nodeCount === 0) return 0;
  let sum = 0;
  for (const c of localClustering(g)) sum += c;
  return sum / g.nodeCount;
}

/**
 * Transitivity (global clustering; Newman, Strogatz & Watts 2001, Phys. Rev. E 64, 026118):
 * 3 × triangles / connected triples = Σ t(v) / Σ k(k − 1)/2; 0 when there are no triples.
 */
export function transitivity(g: CompactGraph): number {
  const triangles = triangleCounts(g);
  let closed = 0;
  let triples = 0;
  for (let v = 0; v < g.nodeCount; v++) {
    const k = g.offsets[v + 1]! - g.offsets[v]!;
    closed += triangles[v]!;
    triples += (k * (k - 1)) / 2;
  }
  return triples === 0 ? 0 : closed / triples;
}

/**
 * k-core number of each node: the largest k such that the node belongs to a subgraph in which
 * every node has at least k neighbours (Seidman 1983, "Network structure and minimum degree",
 * Social Networks 5). Computed by the O(m) bin-sort peeling of Batagelj & Zaversnik 2003, "An
 * O(m) algorithm for cores decomposition of networks" (arXiv cs/0310049).
 */
export function coreNumbers(g: CompactGraph): Int32Array {
  const n = g.nodeCount;
  const degree = new Int32Array(n);
  let maxDegree = 0;
  for (let v = 0; v < n; v++) {
    degree[v] = g.offsets[v + 1]! - g.offsets[v]!;
    if (degree[v]! > maxDegree) maxDegree = degree[v]!;
  }
  const binStart = new Int32Array(maxDegree + 1);
  for (let v = 0; v < n; v++) binStart[degree[v]!]! += 1;
  let start = 0;
  for (let d = 0; d <= maxDegree; d++) {
    const count = binStart[d]!;
    binStart[d] = start;
    start += count;
  }
  const position = new Int32Array(n);
  const order = new Int32Array(n);
  for (let v = 0; v < n; v++) {
    position[v] = binStart[degree[v]!]!;
    order[position[v]!] = v;
    binStart[degree[v]!]! += 1;
  }
  for (let d = maxDegree; d > 0; d--) binStart[d] = binStart[d - 1]!;
  binStart[0] = 0;
  for (let i = 0; i < n; i++) {
    const v = order[i]!;
    for (let p = g.offsets[v]!; p < g.offsets[v + 1]!; p++) {
      const u = g.targets[p]!;
      const du = degree[u]!;
      if (du > degree[v]!) {
        // Move u to the front of its bin, then shrink the bin: u's remaining degree drops by one.
        const pu = position[u]!;
        const pw = binStart[du]!;
        const w = order[pw]!;
        if (u !== w) {
          position[u] = pw;
          order[pu] = w;
          position[w] = pu;
          order[pw] = u;
        }
        binStart[du]! += 1;
        degree[u] = du - 1;
      }
    }
  }
  return degree;
}
