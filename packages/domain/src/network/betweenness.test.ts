import fc from 'fast-check';
import betweennessCentrality from 'graphology-metrics/centrality/betweenness';
import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../random.ts';
import {
  betweenness,
  betweennessErrorBound,
  betweennessForSources,
  betweennessSampleSize,
  sampledBetweenness,
  sampleWithoutReplacement,
} from './betweenness.ts';
import { buildCompactGraph, type CompactGraph } from './compact-graph.ts';
import { toGraphology } from './compact-graph-graphology.ts';
import { clusteredGraph, randomGnm } from './compact-graph-generators.ts';
import { KARATE_BETWEENNESS_4DP, KARATE_EDGES, KARATE_NODE_COUNT } from './karate-club.fixture.ts';

const karate = buildCompactGraph(
  KARATE_NODE_COUNT,
  KARATE_EDGES.map(([source, target]) => ({ source, target })),
);

function graph(n: number, pairs: [number, number][]): CompactGraph {
  return buildCompactGraph(
    n,
    pairs.map(([source, target]) => ({ source, target })),
  );
}

describe('betweenness (hand-computed)', () => {
  it('path 0-1-2-3: inner nodes lie on 2 pairs each', () => {
    expect([
      ...betweenness(
        graph(4, [
          [0, 1],
          [1, 2],
          [2, 3],
        ]),
      ),
    ]).toEqual([0, 2, 2, 0]);
  });

  it('star with centre 0 and 4 leaves: the centre lies on all C(4,2) = 6 leaf pairs', () => {
    const star = graph(5, [
      [0, 1],
      [0, 2],
      [0, 3],
      [0, 4],
    ]);
    expect([...betweenness(star)]).toEqual([6, 0, 0, 0, 0]);
    expect([...betweenness(star, { normalized: true })]).toEqual([1, 0, 0, 0, 0]);
  });

  it('4-cycle: each node carries half of the one pair it separates', () => {
    expect([
      ...betweenness(
        graph(4, [
          [0, 1],
          [1, 2],
          [2, 3],
          [3, 0],
        ]),
      ),
    ]).toEqual([0.5, 0.5, 0.5, 0.5]);
  });

  it('two components are measured separately; isolated nodes get 0', () => {
    expect([
      ...betweenness(
        graph(6, [
          [0, 1],
          [1, 2],
          [3, 4],
        ]),
      ),
    ]).toEqual([0, 1, 0, 0, 0, 0]);
  });
});

describe('betweenness (published and second method)', () => {
  it("Zachary's karate club matches the published values (node 0 = 231.0714)", () => {
    const values = betweenness(karate);
    KARATE_BETWEENNESS_4DP.forEach((expected, v) => expect(values[v]).toBeCloseTo(expected, 4));
  });

  it('matches graphology-metrics on random and clustered graphs to 1e-9', () => {
    const graphs = [
      randomGnm(120, 300, createSeededRandom(1)),
      randomGnm(200, 250, createSeededRandom(2)),
      clusteredGraph({
        nodeCount: 300,
        edgeCount: 1200,
        blocks: 6,
        withinShare: 0.9,
        random: createSeededRandom(3),
      }),
    ];
    for (const g of graphs) {
      for (const normalized of [false, true]) {
        const ours = betweenness(g, { normalized });
        const theirs = betweennessCentrality(toGraphology(g), { normalized, getEdgeWeight: null });
        for (let v = 0; v < g.nodeCount; v++) {
          expect(Math.abs(ours[v]! - theirs[String(v)]!)).toBeLessThan(
            1e-9 * Math.max(1, ours[v]!),
          );
        }
      }
    }
  });
});

describe('betweenness (properties)', () => {
  const arbitraryGraph = fc
    .integer({ min: 2, max: 14 })
    .chain((n) =>
      fc.tuple(fc.constant(n), fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 40 })),
    );

  it('partials over a split of the sources add up to the whole', () => {
    fc.assert(
      fc.property(arbitraryGraph, fc.integer({ min: 0, max: 14 }), ([n, pairs], cut) => {
        const g = graph(n, pairs);
        const all = Array.from({ length: n }, (_, v) => v);
        const a = betweennessForSources(g, all.slice(0, cut));
        const b = betweennessForSources(g, all.slice(cut));
        const whole = betweenness(g);
        for (let v = 0; v < n; v++) expect(a[v]! + b[v]!).toBeCloseTo(whole[v]!, 9);
      }),
    );
  });

  it('Σ_v c_B(v) = Σ over connected pairs of (d(s,t) − 1): each pair credits its inner nodes', () => {
    fc.assert(
      fc.property(arbitraryGraph, ([n, pairs]) => {
        const g = graph(n, pairs);
        let expected = 0;
        for (let s = 0; s < n; s++) {
          const d = bfsDistances(g, s);
          for (let t = s + 1; t < n; t++) if (d[t]! > 0) expected += d[t]! - 1;
        }
        const total = betweenness(g).reduce((x, y) => x + y, 0);
        expect(total).toBeCloseTo(expected, 9);
      }),
    );
  });
});

function bfsDistances(g: CompactGraph, s: number): Int32Array {
  const d = new Int32Array(g.nodeCount).fill(-1);
  d[s] = 0;
  const queue = [s];
  for (let i = 0; i < queue.length; i++) {
    const v = queue[i]!;
    for (let p = g.offsets[v]!; p < g.offsets[v + 1]!; p++) {
      const w = g.targets[p]!;
      if (d[w]! < 0) {
        d[w] = d[v]! + 1;
        queue.push(w);
      }
    }
  }
  return d;
}

describe('sampled betweenness', () => {
  it('sample size and bound are inverse: k(ε) gives a bound ≤ ε, and k = n is exact', () => {
    const k = betweennessSampleSize(1_000_000, 0.05, 0.05);
    expect(betweennessErrorBound(1_000_000, k, 0.05)).toBeLessThanOrEqual(0.05);
    expect(betweennessErrorBound(1_000_000, k - 1, 0.05)).toBeGreaterThan(0.05);
    expect(betweennessSampleSize(50, 0.01, 0.05)).toBe(50);
  });

  it('draws distinct sorted sources, reproducibly from the seed', () => {
    const a = sampleWithoutReplacement(100, 30, createSeededRandom(7));
    expect(new Set(a).size).toBe(30);
    expect([...a]).toEqual([...a].sort((x, y) => x - y));
    expect(a).toEqual(sampleWithoutReplacement(100, 30, createSeededRandom(7)));
  });

  it('with every node sampled it is exact', async () => {
    const result = await sampledBetweenness(karate, { random: createSeededRandom(1), samples: 34 });
    expect(result.exact).toBe(true);
    expect(result.epsilon).toBe(0);
    const exact = betweenness(karate);
    for (let v = 0; v < 34; v++) expect(result.unnormalized[v]).toBeCloseTo(exact[v]!, 9);
  });

  it('the true error stays within the stated bound on random graphs (empirical check)', async () => {
    for (let seed = 1; seed <= 6; seed++) {
      const g =
        seed % 2
          ? randomGnm(400, 1200, createSeededRandom(seed))
          : clusteredGraph({
              nodeCount: 400,
              edgeCount: 1500,
              blocks: 5,
              withinShare: 0.85,
              random: createSeededRandom(seed),
            });
      const exact = betweenness(g, { normalized: true });
      const estimate = await sampledBetweenness(g, {
        random: createSeededRandom(100 + seed),
        samples: 60,
        delta: 0.05,
      });
      let maxError = 0;
      for (let v = 0; v < g.nodeCount; v++)
        maxError = Math.max(maxError, Math.abs(estimate.normalized[v]! - exact[v]!));
      expect(estimate.samples).toBe(60);
      expect(maxError).toBeLessThanOrEqual(estimate.epsilon);
      expect(estimate.epsilonUnnormalized).toBeCloseTo((estimate.epsilon * 399 * 398) / 2, 6);
    }
  });

  it('uses the partials function given (e.g. a worker pool)', async () => {
    let seen: Int32Array | undefined;
    const result = await sampledBetweenness(karate, {
      random: createSeededRandom(3),
      samples: 10,
      partials: (sources) => {
        seen = sources;
        return betweennessForSources(karate, sources);
      },
    });
    expect(seen?.length).toBe(10);
    expect(result.samples).toBe(10);
  });
});
