import type { RandomSource } from '../random.ts';
import type { CompactGraph } from './compact-graph.ts';

/**
 * Modularity of a partition (Newman & Girvan 2004; Newman 2006, "Modularity and community
 * structure in networks", PNAS 103(23)): Q = (1/2m) Σ_ij [A_ij − γ k_i k_j / 2m] δ(c_i, c_j),
 * with A the weighted adjacency, k the strengths, 2m their sum and γ the resolution (default 1,
 * Reichardt & Bornholdt 2006). Equivalently Σ_c [in_c/2m − γ (tot_c/2m)²]. 0 without ties.
 */
export function modularity(
  g: CompactGraph,
  communities: ArrayLike<number>,
  options: { resolution?: number } = {},
): number {
  const n = g.nodeCount;
  if (communities.length !== n) {
    throw new RangeError(`communities has ${communities.length} entries for ${n} nodes`);
  }
  const resolution = options.resolution ?? 1;
  let count = 0;
  for (let v = 0; v < n; v++) {
    const c = communities[v]!;
    if (!Number.isInteger(c) || c < 0)
      throw new RangeError(`community of node ${v} must be a non-negative integer`);
    if (c + 1 > count) count = c + 1;
  }
  const inside = new Float64Array(count);
  const total = new Float64Array(count);
  let m2 = 0;
  for (let v = 0; v < n; v++) {
    const c = communities[v]!;
    for (let p = g.offsets[v]!; p < g.offsets[v + 1]!; p++) {
      const w = g.weights[p]!;
      m2 += w;
      total[c]! += w;
      if (communities[g.targets[p]!] === c) inside[c]! += w;
    }
  }
  if (m2 === 0) return 0;
  let q = 0;
  for (let c = 0; c < count; c++) q += inside[c]! / m2 - resolution * (total[c]! / m2) ** 2;
  return q;
}

/** Options of {@link louvain}. */
export interface LouvainOptions {
  /** Seeded random source: the order in which nodes are visited (see random.ts). */
  random: RandomSource;
  /** Resolution γ of the modularity (default 1; larger gives smaller communities). */
  resolution?: number;
}

/** Result of {@link louvain}. */
export interface LouvainResult {
  /** Community of each node, numbered 0..count-1 in order of each community's smallest node id. */
  communities: Int32Array;
  count: number;
  /** Modularity of the partition (see {@link modularity}). */
  modularity: number;
  /** Number of aggregation levels performed. */
  levels: number;
}

/** Weighted graph of one Louvain level: CSR without self-loops, plus each node's loop weight and strength. */
interface Level {
  n: number;
  offsets: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
  /** Σ_k of each node (including its internal weight, counted twice as in Σ_j A_ij). */
  strength: Float64Array;
}

/**
 * Louvain community detection (Blondel, Guillaume, Lambiotte & Lefebvre 2008, "Fast unfolding of
 * communities in large networks", J. Stat. Mech. P10008): repeat (1) move single nodes, in a
 * seeded random order, to the neighbouring community with the largest modularity gain
 * k_i,D − γ Σ_tot(D) k_i / 2m until no move helps, then (2) merge each community into one
 * node, until a level moves nothing. Uses tie weights. Written here on typed arrays rather than
 * using graphology-communities-louvain because the issue asks for igraph's speed on 20,000-node
 * graphs; the tests compare both.
 */
export function louvain(g: CompactGraph, options: LouvainOptions): LouvainResult {
  const n = g.nodeCount;
  const resolution = options.resolution ?? 1;
  const strength0 = new Float64Array(n);
  let m2 = 0;
  for (let v = 0; v < n; v++) {
    let s = 0;
    for (let p = g.offsets[v]!; p < g.offsets[v + 1]!; p++) s += g.weights[p]!;
    strength0[v] = s;
    m2 += s;
  }
  const membership = new Int32Array(n);
  for (let v = 0; v < n; v++) membership[v] = v;
  let level: Level = {
    n,
    offsets: g.offsets,
    targets: g.targets,
    weights: g.weights,
    strength: strength0,
  };
  let levels = 0;
  if (m2 > 0) {
    for (;;) {
      const { moved, community, count } = moveNodes(level, m2, resolution, options.random);
      if (!moved) break;
      levels += 1;
      for (let v = 0; v < n; v++) membership[v] = community[membership[v]!]!;
      level = aggregate(level, community, count);
    }
  }
  const { labels, count } = renumber(membership);
  return { communities: labels, count, modularity: modularity(g, labels, { resolution }), levels };
}

function moveNodes(
  level: Level,
  m2: number,
  resolution: number,
  random: RandomSource,
): { moved: boolean; community: Int32Array; count: number } {
  const { n, offsets, targets, weights, strength } = level;
  const community = new Int32Array(n);
  const total = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    community[v] = v;
    total[v] = strength[v]!;
  }
  const order = new Int32Array(n);
  for (let v = 0; v < n; v++) order[v] = v;
  const linkWeight = new Float64Array(n);
  const touched = new Int32Array(n);
  const scale = resolution / m2;
  let movedAny = false;
  // Fast local moving (Traag, Waltman & van Eck 2019, "From Louvain to Leiden", Sci. Rep. 9):
  // after one pass over all nodes in random order, only neighbours of moved nodes are revisited.
  shuffle(order, random);
  const queue = new Int32Array(n);
  const queued = new Uint8Array(n).fill(1);
  queue.set(order);
  let head = 0;
  let size = n;
  while (size > 0) {
    const v = queue[head]!;
    head = head + 1 === n ? 0 : head + 1;
    size -= 1;
    queued[v] = 0;
    const current = community[v]!;
    const kv = strength[v]!;
    let touchedCount = 0;
    linkWeight[current] = 0;
    touched[touchedCount++] = current;
    for (let p = offsets[v]!; p < offsets[v + 1]!; p++) {
      const c = community[targets[p]!]!;
      if (linkWeight[c] === 0 && c !== current) touched[touchedCount++] = c;
      linkWeight[c]! += weights[p]!;
    }
    total[current]! -= kv;
    let best = current;
    let bestGain = linkWeight[current]! - total[current]! * kv * scale;
    for (let t = 1; t < touchedCount; t++) {
      const c = touched[t]!;
      const gain = linkWeight[c]! - total[c]! * kv * scale;
      if (gain > bestGain) {
        bestGain = gain;
        best = c;
      }
    }
    total[best]! += kv;
    for (let t = 0; t < touchedCount; t++) linkWeight[touched[t]!] = 0;
    if (best === current) continue;
    community[v] = best;
    movedAny = true;
    for (let p = offsets[v]!; p < offsets[v + 1]!; p++) {
      const u = targets[p]!;
      if (queued[u] === 0 && community[u] !== best) {
        queued[u] = 1;
        let tailIndex = head + size;
        if (tailIndex >= n) tailIndex -= n;
        queue[tailIndex] = u;
        size += 1;
      }
    }
  }
  const { labels, count } = renumber(community);
  return { moved: movedAny, community: labels, count };
}

/** Fisher-Yates shuffle in place (Knuth, TAOCP vol. 2, Algorithm P). */
function shuffle(order: Int32Array, random: RandomSource): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
}

/** Communities renumbered 0..count-1 in order of first appearance. */
function renumber(community: Int32Array): { labels: Int32Array; count: number } {
  const map = new Int32Array(community.length).fill(-1);
  const labels = new Int32Array(community.length);
  let count = 0;
  for (let v = 0; v < community.length; v++) {
    const c = community[v]!;
    if (map[c]! < 0) map[c] = count++;
    labels[v] = map[c]!;
  }
  return { labels, count };
}

/** One node per community; ties between communities summed, ties inside become loop weight (kept in strength only). */
function aggregate(level: Level, community: Int32Array, count: number): Level {
  const { n, offsets, targets, weights, strength } = level;
  const memberStart = new Int32Array(count + 1);
  for (let v = 0; v < n; v++) memberStart[community[v]! + 1]! += 1;
  for (let c = 0; c < count; c++) memberStart[c + 1]! += memberStart[c]!;
  const members = new Int32Array(n);
  const cursor = memberStart.slice(0, count);
  for (let v = 0; v < n; v++) members[cursor[community[v]!]!++] = v;

  const newStrength = new Float64Array(count);
  const newOffsets = new Int32Array(count + 1);
  let newTargets = new Int32Array(Math.max(16, targets.length >> 1));
  let newWeights = new Float64Array(newTargets.length);
  const slot = new Int32Array(count).fill(-1);
  let write = 0;
  for (let c = 0; c < count; c++) {
    const rowStart = write;
    for (let i = memberStart[c]!; i < memberStart[c + 1]!; i++) {
      const v = members[i]!;
      newStrength[c]! += strength[v]!;
      for (let p = offsets[v]!; p < offsets[v + 1]!; p++) {
        const d = community[targets[p]!]!;
        if (d === c) continue;
        const s = slot[d]!;
        if (s >= rowStart) {
          newWeights[s]! += weights[p]!;
        } else {
          if (write === newTargets.length) {
            const t2 = new Int32Array(newTargets.length * 2);
            t2.set(newTargets);
            newTargets = t2;
            const w2 = new Float64Array(newWeights.length * 2);
            w2.set(newWeights);
            newWeights = w2;
          }
          slot[d] = write;
          newTargets[write] = d;
          newWeights[write] = weights[p]!;
          write += 1;
        }
      }
    }
    newOffsets[c + 1] = write;
  }
  return {
    n: count,
    offsets: newOffsets,
    targets: newTargets.subarray(0, write),
    weights: newWeights.subarray(0, write),
    strength: newStrength,
  };
}
