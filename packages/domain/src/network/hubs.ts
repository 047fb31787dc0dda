import type { CompactGraph } from './compact-graph.ts';

/** Why a node counts as a hub; codes for the UI to translate, with the numbers behind them. */
export type HubReason =
  | { code: 'topDegree'; topPercent: number; rank: number; value: number }
  | { code: 'topBetweenness'; topPercent: number; rank: number; value: number }
  | { code: 'bridgesCommunities'; communities: number }
  | { code: 'gatekeeper' };

/** Precomputed measures the hub ranking reads (arrays indexed by node id). */
export interface HubMeasures {
  /** Degree or strength. */
  degree: ArrayLike<number>;
  betweenness?: ArrayLike<number>;
  /** Community id of each node (e.g. Louvain). */
  community?: ArrayLike<number>;
  /** Knowledge-gatekeeper flag of each node. */
  gatekeeper?: ArrayLike<boolean>;
}

/** Options of {@link rankHubs}. */
export interface HubOptions {
  /** Share of nodes counted as "top" by degree and by betweenness (default 0.05). */
  topShare?: number;
  /** Least communities (its own included) among a node and its neighbours to bridge them (default 3). */
  minCommunities?: number;
  /** Most hubs returned (default: all). */
  limit?: number;
}

/** A hub and the reasons it is one. */
export interface Hub {
  node: number;
  /** Number of reasons plus the mean percentile of degree and betweenness (for ordering). */
  score: number;
  reasons: HubReason[];
}

/**
 * Ranks the network's hubs, with the reasons each is one. KIET found cluster performance rising
 * with hubs that intensify connectivity (DOMAIN.md); we read a hub as a node that stands out on
 * at least one of: degree (top `topShare` by degree or strength, Freeman 1979, "Centrality in
 * social networks: conceptual clarification", Social Networks 1: 215-239), betweenness (top
 * `topShare`, Freeman 1977), bridging communities (its own and its neighbours' communities
 * number at least `minCommunities`, in the spirit of Guimerà & Amaral's 2005 participation of a
 * node across modules, Nature 433: 895-900) or knowledge gatekeeping (Giuliani & Bell 2005).
 * "Top p%" means a competition rank (1 + nodes with a larger value) of at most ⌈p·n⌉ and a
 * value above 0. Hubs are ordered by score (reasons, then the mean of the degree and
 * betweenness percentiles, a percentile being the share of nodes with a smaller value), then by
 * node id, so the order is deterministic.
 */
export function rankHubs(g: CompactGraph, measures: HubMeasures, options: HubOptions = {}): Hub[] {
  const n = g.nodeCount;
  const check = (name: string, a: ArrayLike<unknown> | undefined) => {
    if (a !== undefined && a.length !== n) {
      throw new RangeError(`${name} has ${a.length} entries for ${n} nodes`);
    }
  };
  check('degree', measures.degree);
  check('betweenness', measures.betweenness);
  check('community', measures.community);
  check('gatekeeper', measures.gatekeeper);
  const topShare = options.topShare ?? 0.05;
  if (!(topShare > 0 && topShare <= 1))
    throw new RangeError(`topShare ${topShare} must be in (0, 1]`);
  const minCommunities = options.minCommunities ?? 3;
  const cutoff = Math.ceil(topShare * n);
  const topPercent = Math.round(topShare * 1000) / 10;
  const degreeRank = ranks(measures.degree);
  const betweennessRank = measures.betweenness ? ranks(measures.betweenness) : undefined;

  const hubs: Hub[] = [];
  for (let v = 0; v < n; v++) {
    const reasons: HubReason[] = [];
    const d = measures.degree[v]!;
    if (d > 0 && degreeRank.rank[v]! <= cutoff) {
      reasons.push({ code: 'topDegree', topPercent, rank: degreeRank.rank[v]!, value: d });
    }
    const b = measures.betweenness?.[v];
    if (betweennessRank && b !== undefined && b > 0 && betweennessRank.rank[v]! <= cutoff) {
      reasons.push({
        code: 'topBetweenness',
        topPercent,
        rank: betweennessRank.rank[v]!,
        value: b,
      });
    }
    if (measures.community) {
      const seen = new Set<number>([measures.community[v]!]);
      for (let p = g.offsets[v]!; p < g.offsets[v + 1]!; p++) {
        seen.add(measures.community[g.targets[p]!]!);
      }
      if (seen.size >= minCommunities) {
        reasons.push({ code: 'bridgesCommunities', communities: seen.size });
      }
    }
    if (measures.gatekeeper?.[v]) reasons.push({ code: 'gatekeeper' });
    if (reasons.length === 0) continue;
    const percentile = betweennessRank
      ? (degreeRank.percentile[v]! + betweennessRank.percentile[v]!) / 2
      : degreeRank.percentile[v]!;
    hubs.push({ node: v, score: reasons.length + percentile, reasons });
  }
  hubs.sort((a, b) => b.score - a.score || a.node - b.node);
  return options.limit === undefined ? hubs : hubs.slice(0, options.limit);
}

/** Competition rank (1 = largest; ties share the best rank) and percentile of each value. */
function ranks(values: ArrayLike<number>): { rank: Int32Array; percentile: Float64Array } {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[b]! - values[a]!);
  const rank = new Int32Array(n);
  const percentile = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const v = order[k]!;
    const previous = k > 0 ? order[k - 1]! : -1;
    rank[v] = previous >= 0 && values[previous] === values[v] ? rank[previous]! : k + 1;
  }
  // Nodes with a smaller value = n − (rank − 1) − (nodes sharing the value).
  const shared = new Map<number, number>();
  for (let v = 0; v < n; v++) shared.set(rank[v]!, (shared.get(rank[v]!) ?? 0) + 1);
  for (let v = 0; v < n; v++) {
    percentile[v] = n > 0 ? (n - (rank[v]! - 1) - shared.get(rank[v]!)!) / n : 0;
  }
  return { rank, percentile };
}

/** An English one-line reading of a hub's reasons, e.g. "top 5% degree; bridges 3 communities; gatekeeper". */
export function describeHubReasons(reasons: readonly HubReason[]): string {
  return reasons
    .map((r) => {
      switch (r.code) {
        case 'topDegree':
          return `top ${r.topPercent}% degree`;
        case 'topBetweenness':
          return `top ${r.topPercent}% betweenness`;
        case 'bridgesCommunities':
          return `bridges ${r.communities} communities`;
        case 'gatekeeper':
          return 'gatekeeper';
      }
    })
    .join('; ');
}
