/** Undirected weighted graph in CSR form; node ids are 0..nodeCount-1. Each edge appears in both directions. */
export interface CompactGraph {
  readonly nodeCount: number;
  /** Number of undirected edges after merging parallel edges and dropping self-loops. */
  readonly edgeCount: number;
  /** Length nodeCount + 1; the neighbours of v are targets[offsets[v] .. offsets[v + 1]). */
  readonly offsets: Int32Array;
  /** Length 2 * edgeCount: every edge is stored once from each end. */
  readonly targets: Int32Array;
  /** Weight of the arc at the same index in `targets`. */
  readonly weights: Float64Array;
}

/** One undirected edge given to {@link buildCompactGraph}. */
export interface WeightedEdge {
  source: number;
  target: number;
  weight?: number;
}

/**
 * Builds a CompactGraph; parallel edges are merged by summing weights (default weight 1);
 * self-loops are dropped; throws RangeError naming the edge index for an id outside
 * 0..nodeCount-1. Neighbours of each node are sorted by id so results do not depend on the
 * order the edges were given in.
 */
export function buildCompactGraph(nodeCount: number, edges: Iterable<WeightedEdge>): CompactGraph {
  checkNodeCount(nodeCount);
  let capacity = 1024;
  let sources: Int32Array = new Int32Array(capacity);
  let targets: Int32Array = new Int32Array(capacity);
  let weights: Float64Array = new Float64Array(capacity);
  let count = 0;
  let index = 0;
  for (const edge of edges) {
    const { source, target } = edge;
    const weight = edge.weight ?? 1;
    checkEndpoint(nodeCount, source, index, 'source');
    checkEndpoint(nodeCount, target, index, 'target');
    if (!Number.isFinite(weight)) {
      throw new RangeError(`edge ${index}: weight ${String(weight)} is not a finite number`);
    }
    index += 1;
    if (source === target) continue;
    if (count === capacity) {
      capacity *= 2;
      sources = grow(sources, capacity);
      targets = grow(targets, capacity);
      const w = new Float64Array(capacity);
      w.set(weights);
      weights = w;
    }
    sources[count] = source;
    targets[count] = target;
    weights[count] = weight;
    count += 1;
  }
  return fromEdgeArrays(
    nodeCount,
    sources.subarray(0, count),
    targets.subarray(0, count),
    weights.subarray(0, count),
  );
}

/**
 * Same as {@link buildCompactGraph} for edges already held in typed arrays (fast path for large
 * generated graphs): edge i joins sources[i] and targets[i] with weight weights?.[i] ?? 1.
 */
export function buildCompactGraphFromArrays(
  nodeCount: number,
  sources: Int32Array,
  targets: Int32Array,
  weights?: Float64Array,
): CompactGraph {
  checkNodeCount(nodeCount);
  if (targets.length !== sources.length || (weights && weights.length !== sources.length)) {
    throw new RangeError('sources, targets and weights must have the same length');
  }
  let kept = 0;
  for (let i = 0; i < sources.length; i++) {
    const s = sources[i]!;
    const t = targets[i]!;
    checkEndpoint(nodeCount, s, i, 'source');
    checkEndpoint(nodeCount, t, i, 'target');
    if (weights && !Number.isFinite(weights[i]!)) {
      throw new RangeError(`edge ${i}: weight ${String(weights[i])} is not a finite number`);
    }
    if (s !== t) kept += 1;
  }
  if (kept === sources.length) {
    return fromEdgeArrays(
      nodeCount,
      sources,
      targets,
      weights ?? new Float64Array(sources.length).fill(1),
    );
  }
  const s2 = new Int32Array(kept);
  const t2 = new Int32Array(kept);
  const w2 = new Float64Array(kept);
  let k = 0;
  for (let i = 0; i < sources.length; i++) {
    if (sources[i] === targets[i]) continue;
    s2[k] = sources[i]!;
    t2[k] = targets[i]!;
    w2[k] = weights ? weights[i]! : 1;
    k += 1;
  }
  return fromEdgeArrays(nodeCount, s2, t2, w2);
}

/** The neighbours of v as a view into the graph's targets (no copy). */
export function neighbours(g: CompactGraph, v: number): Int32Array {
  return g.targets.subarray(g.offsets[v]!, g.offsets[v + 1]!);
}

/** The weights of the arcs from v, aligned with {@link neighbours}(g, v). */
export function neighbourWeights(g: CompactGraph, v: number): Float64Array {
  return g.weights.subarray(g.offsets[v]!, g.offsets[v + 1]!);
}

/** Number of distinct neighbours of v. */
export function degreeOf(g: CompactGraph, v: number): number {
  return g.offsets[v + 1]! - g.offsets[v]!;
}

function checkNodeCount(nodeCount: number): void {
  if (!Number.isInteger(nodeCount) || nodeCount < 0 || nodeCount > 0x7fffffff) {
    throw new RangeError(`nodeCount ${String(nodeCount)} must be a non-negative integer`);
  }
}

function checkEndpoint(nodeCount: number, id: number, index: number, end: string): void {
  if (!Number.isInteger(id) || id < 0 || id >= nodeCount) {
    throw new RangeError(`edge ${index}: ${end} ${String(id)} is outside 0..${nodeCount - 1}`);
  }
}

function grow(a: Int32Array, capacity: number): Int32Array {
  const b = new Int32Array(capacity);
  b.set(a);
  return b;
}

/** Counting sort into CSR, then per node: sort neighbours and merge duplicates. No self-loops here. */
function fromEdgeArrays(
  nodeCount: number,
  sources: Int32Array,
  targets: Int32Array,
  weights: Float64Array,
): CompactGraph {
  const m = sources.length;
  const rawOffsets = new Int32Array(nodeCount + 1);
  for (let i = 0; i < m; i++) {
    rawOffsets[sources[i]! + 1]! += 1;
    rawOffsets[targets[i]! + 1]! += 1;
  }
  for (let v = 0; v < nodeCount; v++) rawOffsets[v + 1]! += rawOffsets[v]!;
  const cursor = rawOffsets.slice(0, nodeCount);
  const rawTargets = new Int32Array(2 * m);
  const rawWeights = new Float64Array(2 * m);
  // Filling sources in increasing order makes each node's list sorted for free on a second pass.
  for (let i = 0; i < m; i++) {
    const s = sources[i]!;
    const t = targets[i]!;
    const w = weights[i]!;
    let p = cursor[s]!++;
    rawTargets[p] = t;
    rawWeights[p] = w;
    p = cursor[t]!++;
    rawTargets[p] = s;
    rawWeights[p] = w;
  }
  // Transpose twice (a radix pass by neighbour id) so every list ends up sorted by id.
  const sortedTargets = new Int32Array(2 * m);
  const sortedWeights = new Float64Array(2 * m);
  cursor.set(rawOffsets.subarray(0, nodeCount));
  for (let u = 0; u < nodeCount; u++) {
    for (let p = rawOffsets[u]!; p < rawOffsets[u + 1]!; p++) {
      const v = rawTargets[p]!;
      const q = cursor[v]!++;
      sortedTargets[q] = u;
      sortedWeights[q] = rawWeights[p]!;
    }
  }
  // sortedTargets[offsets[v]..] now lists v's neighbours in increasing id; merge equal runs.
  const offsets = new Int32Array(nodeCount + 1);
  let write = 0;
  for (let v = 0; v < nodeCount; v++) {
    const start = rawOffsets[v]!;
    const end = rawOffsets[v + 1]!;
    offsets[v] = write;
    let last = -1;
    for (let p = start; p < end; p++) {
      const t = sortedTargets[p]!;
      if (t === last) {
        sortedWeights[write - 1]! += sortedWeights[p]!;
      } else {
        sortedTargets[write] = t;
        sortedWeights[write] = sortedWeights[p]!;
        write += 1;
        last = t;
      }
    }
  }
  offsets[nodeCount] = write;
  return {
    nodeCount,
    edgeCount: write / 2,
    offsets,
    targets: write === 2 * m ? sortedTargets : sortedTargets.slice(0, write),
    weights: write === 2 * m ? sortedWeights : sortedWeights.slice(0, write),
  };
}
