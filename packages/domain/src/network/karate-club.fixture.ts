/**
 * Zachary's karate club (W. W. Zachary, "An information flow model for conflict and fission in
 * small groups", Journal of Anthropological Research 33(4), 1977): 34 members, 78 friendship
 * ties, nodes 0-indexed as distributed with networkx (`karate_club_graph`) and igraph
 * (`Graph.Famous("Zachary")`). Test fixture only.
 */
export const KARATE_NODE_COUNT = 34;

/** The 78 undirected, unweighted edges. */
export const KARATE_EDGES: readonly (readonly [number, number])[] = [
  [0, 1],
  [0, 2],
  [0, 3],
  [0, 4],
  [0, 5],
  [0, 6],
  [0, 7],
  [0, 8],
  [0, 10],
  [0, 11],
  [0, 12],
  [0, 13],
  [0, 17],
  [0, 19],
  [0, 21],
  [0, 31],
  [1, 2],
  [1, 3],
  [1, 7],
  [1, 13],
  [1, 17],
  [1, 19],
  [1, 21],
  [1, 30],
  [2, 3],
  [2, 7],
  [2, 8],
  [2, 9],
  [2, 13],
  [2, 27],
  [2, 28],
  [2, 32],
  [3, 7],
  [3, 12],
  [3, 13],
  [4, 6],
  [4, 10],
  [5, 6],
  [5, 10],
  [5, 16],
  [6, 16],
  [8, 30],
  [8, 32],
  [8, 33],
  [9, 33],
  [13, 33],
  [14, 32],
  [14, 33],
  [15, 32],
  [15, 33],
  [18, 32],
  [18, 33],
  [19, 33],
  [20, 32],
  [20, 33],
  [22, 32],
  [22, 33],
  [23, 25],
  [23, 27],
  [23, 29],
  [23, 32],
  [23, 33],
  [24, 25],
  [24, 27],
  [24, 31],
  [25, 31],
  [26, 29],
  [26, 33],
  [27, 33],
  [28, 31],
  [28, 33],
  [29, 32],
  [29, 33],
  [30, 32],
  [30, 33],
  [31, 32],
  [31, 33],
  [32, 33],
];

/**
 * Unnormalised betweenness (4 decimals) as published for the karate club, e.g. node 0 = 231.0714
 * and node 33 = 160.5516 (networkx `betweenness_centrality(normalized=False)`, igraph
 * `betweenness()`); this list was printed by python-igraph 0.10.2 on 2026-11-30.
 */
export const KARATE_BETWEENNESS_4DP: readonly number[] = [
  231.0714, 28.4786, 75.8508, 6.2881, 0.3333, 15.8333, 15.8333, 0.0, 29.5294, 0.4476, 0.3333, 0.0,
  0.0, 24.2159, 0.0, 0.0, 0.0, 0.0, 0.0, 17.1468, 0.0, 0.0, 0.0, 9.3, 1.1667, 2.0278, 0.0, 11.7921,
  0.9476, 1.5429, 7.6095, 73.0095, 76.6905, 160.5516,
];

/**
 * PageRank with damping 0.85 of the unweighted karate club, solved exactly (PRPACK) by
 * python-igraph 0.10.2 `Graph.pagerank()`, printed on 2026-11-30. networkx's documented power
 * iteration values (e.g. node 0 = 0.09700, node 33 = 0.10092) agree to its tolerance of 1e-6 per node.
 */
export const KARATE_PAGERANK: readonly number[] = [
  0.09699728538829475, 0.05287692406114573, 0.057078509488462034, 0.035859857786411375,
  0.021977952364589538, 0.029111154678370145, 0.029111154678370138, 0.024490497035282385,
  0.029766056081016963, 0.014309397129032916, 0.021977952364589538, 0.009564745492135509,
  0.014644892011877124, 0.029536456151913672, 0.014535993997921253, 0.014535993997921253,
  0.016784005444189665, 0.014558677209021497, 0.014535993997921253, 0.019604636325652788,
  0.014535993997921253, 0.014558677209021497, 0.014535993997921253, 0.03152251477667804,
  0.021076033559222822, 0.021006197394493005, 0.015044038082725551, 0.025639767482847988,
  0.01957345946382851, 0.026288537695114873, 0.024590155248580117, 0.0371580870691453,
  0.0716932260057545, 0.1009191823326258,
];

/** k-core numbers (igraph `coreness()`; the karate club's main core is the 4-core). */
export const KARATE_CORENESS: readonly number[] = [
  4, 4, 4, 4, 3, 3, 3, 4, 4, 2, 3, 1, 2, 4, 2, 2, 2, 2, 2, 3, 2, 2, 2, 3, 3, 3, 2, 3, 3, 3, 4, 3, 4,
  4,
];
