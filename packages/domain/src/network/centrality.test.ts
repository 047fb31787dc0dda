import fc from 'fast-check';
import closenessCentrality from 'graphology-metrics/centrality/closeness';
import eigenvectorCentralityGraphology from 'graphology-metrics/centrality/eigenvector';
import pagerankGraphology from 'graphology-metrics/centrality/pagerank';
import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../random.ts';
import {
  closeness,
  degreeCentrality,
  eigenvectorCentrality,
  pageRank,
  strength,
} from './centrality.ts';
import { buildCompactGraph, type CompactGraph } from './compact-graph.ts';
import { toGraphology } from './compact-graph-graphology.ts';
import { clusteredGraph, randomGnm } from './compact-graph-generators.ts';
import {
  KARATE_CLOSENESS,
  KARATE_EDGES,
  KARATE_EIGENVECTOR,
  KARATE_NODE_COUNT,
  KARATE_PAGERANK,
} from './karate-club.fixture.ts';

const karate = buildCompactGraph(
  KARATE_NODE_COUNT,
  KARATE_EDGES.map(([source, target]) => ({ source, target })),
);

function graph(n: number, triples: [number, number, number?][]): CompactGraph {
  return buildCompactGraph(
    n,
    triples.map(([source, target, weight]) => ({ source, target, weight })),
  );
}

const starWithTail = graph(5, [
  [0, 1, 2],
  [0, 2, 1],
  [0, 3, 1],
  [3, 4, 5],
]);

describe('degree and strength (hand-computed)', () => {
  it('counts distinct neighbours and sums weights', () => {
    expect([...degreeCentrality(starWithTail)]).toEqual([3, 1, 1, 2, 1]);
    expect([...degreeCentrality(starWithTail, { normalized: true })]).toEqual([
      0.75, 0.25, 0.25, 0.5, 0.25,
    ]);
    expect([...strength(starWithTail)]).toEqual([4, 2, 1, 6, 5]);
  });
});

describe('closeness', () => {
  it('hand-computed: star with a tail; node 0 has distances 1,1,1,2', () => {
    const c = closeness(starWithTail);
    expect(c[0]).toBeCloseTo(4 / 5, 12);
    expect(c[4]).toBeCloseTo(4 / (1 + 2 + 3 + 3), 12);
  });

  it('per component by default, Wasserman-Faust scaled on request, isolated node 0', () => {
    const g = graph(5, [
      [0, 1],
      [1, 2],
    ]);
    expect([...closeness(g)]).toEqual([2 / 3, 1, 2 / 3, 0, 0]);
    expect([...closeness(g, { convention: 'wasserman-faust' })]).toEqual([
      (2 / 3) * (2 / 4),
      2 / 4,
      (2 / 3) * (2 / 4),
      0,
      0,
    ]);
  });

  it('karate club matches igraph', () => {
    const c = closeness(karate);
    KARATE_CLOSENESS.forEach((x, v) => expect(c[v]).toBeCloseTo(x, 12));
  });

  it('matches graphology-metrics on random graphs (both conventions)', () => {
    const g = randomGnm(150, 200, createSeededRandom(5));
    const ours = closeness(g);
    const oursWf = closeness(g, { convention: 'wasserman-faust' });
    const theirs = closenessCentrality(toGraphology(g));
    const theirsWf = closenessCentrality(toGraphology(g), { wassermanFaust: true });
    for (let v = 0; v < g.nodeCount; v++) {
      expect(Math.abs(ours[v]! - theirs[String(v)]!)).toBeLessThan(1e-9);
      expect(Math.abs(oursWf[v]! - theirsWf[String(v)]!)).toBeLessThan(1e-9);
    }
  });
});

describe('eigenvector centrality', () => {
  it('hand-computed: on a star K(1,3) the centre scores √3 times a leaf, unit length', () => {
    const e = eigenvectorCentrality(
      graph(4, [
        [0, 1],
        [0, 2],
        [0, 3],
      ]),
    );
    expect(e[0]).toBeCloseTo(Math.SQRT1_2, 10);
    expect(e[1]).toBeCloseTo(Math.SQRT1_2 / Math.sqrt(3), 10);
  });

  it('karate club matches igraph', () => {
    const e = eigenvectorCentrality(karate);
    KARATE_EIGENVECTOR.forEach((x, v) => expect(e[v]).toBeCloseTo(x, 9));
  });

  it('matches graphology-metrics on a connected clustered graph, weighted and not', () => {
    const base = clusteredGraph({
      nodeCount: 200,
      edgeCount: 1500,
      blocks: 4,
      withinShare: 0.8,
      random: createSeededRandom(9),
    });
    for (const weighted of [false, true]) {
      const ours = eigenvectorCentrality(base, { weighted });
      const theirs = eigenvectorCentralityGraphology(toGraphology(base), {
        getEdgeWeight: weighted ? 'weight' : null,
        tolerance: 1e-14,
        maxIterations: 10_000,
      });
      for (let v = 0; v < base.nodeCount; v++)
        expect(Math.abs(ours[v]! - theirs[String(v)]!)).toBeLessThan(1e-9);
    }
  });
});

describe('PageRank', () => {
  it('hand-computed: 3-node path, solving x_mid = (1−d)/3 + 2d·x_end and x_end = (1−d)/3 + d·x_mid/2', () => {
    const d = 0.85;
    const mid = ((1 - d) / 3 + ((d * (1 - d)) / 3) * 2) / (1 - d * d);
    const end = (1 - mid) / 2;
    const p = pageRank(
      graph(3, [
        [0, 1],
        [1, 2],
      ]),
    );
    expect(p[1]).toBeCloseTo(mid, 12);
    expect(p[0]).toBeCloseTo(end, 12);
  });

  it('dangling (isolated) nodes jump uniformly and the scores still sum to 1', () => {
    const p = pageRank(graph(4, [[0, 1]]));
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    // An isolated node only receives jumps: b = (1−d)/4 + d·2b/4, so b = 0.0375/0.575.
    const isolated = 0.0375 / 0.575;
    expect(p[2]).toBeCloseTo(isolated, 12);
    expect(p[0]).toBeCloseTo((1 - 2 * isolated) / 2, 12);
  });

  it("karate club matches igraph's exact solution (networkx documents node 0 ≈ 0.0970)", () => {
    const p = pageRank(karate);
    KARATE_PAGERANK.forEach((x, v) => expect(p[v]).toBeCloseTo(x, 10));
  });

  it('matches graphology-metrics on random graphs, weighted and not', () => {
    const g = randomGnm(300, 700, createSeededRandom(11));
    const weighted = graph(6, [
      [0, 1, 3],
      [1, 2, 1],
      [2, 0, 2],
      [3, 4, 1],
      [4, 5, 4],
      [2, 3, 0.5],
    ]);
    for (const [h, w] of [
      [g, false],
      [weighted, true],
    ] as const) {
      const ours = pageRank(h, { weighted: w });
      const theirs = pagerankGraphology(toGraphology(h), {
        getEdgeWeight: w ? 'weight' : null,
        tolerance: 1e-15,
        maxIterations: 10_000,
      });
      for (let v = 0; v < h.nodeCount; v++)
        expect(Math.abs(ours[v]! - theirs[String(v)]!)).toBeLessThan(1e-9);
    }
  });

  it('stops within the requested L1 error of the exact scores, and refuses negative weights', () => {
    const g = randomGnm(2000, 9000, createSeededRandom(12));
    const exact = pageRank(g, { tolerance: 1e-14 });
    for (const tolerance of [1e-2, 1e-4, 1e-6]) {
      const rough = pageRank(g, { tolerance });
      let l1 = 0;
      for (let v = 0; v < g.nodeCount; v++) l1 += Math.abs(rough[v]! - exact[v]!);
      expect(l1).toBeLessThan(tolerance);
    }
    expect(() => pageRank(graph(2, [[0, 1, -1]]), { weighted: true })).toThrow(
      /non-negative weights; node 0 has a tie of weight -1/,
    );
  });

  it('sums to 1 and is positive on any graph (property)', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 15 })
          .chain((n) =>
            fc.tuple(
              fc.constant(n),
              fc.array(
                fc.tuple(
                  fc.nat(n - 1),
                  fc.nat(n - 1),
                  fc.double({ min: 0.1, max: 10, noNaN: true }),
                ),
                { maxLength: 40 },
              ),
            ),
          ),
        fc.boolean(),
        ([n, list], weighted) => {
          const p = pageRank(graph(n, list), { weighted });
          expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
          for (const x of p) expect(x).toBeGreaterThan(0);
        },
      ),
    );
  });
});
