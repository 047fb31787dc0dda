import fc from 'fast-check';
import betweennessCentrality from 'graphology-metrics/centrality/betweenness';
import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../random.ts';
import {
  betweenness,
  betweennessErrorBound,
  betweennessForSources,
  betweennessSampleSize,
  createPathSamplingWork,
  pathSampleCounts,
  pathSampledBetweenness,
  pathSampleErrorBound,
  pathSampleSize,
  samplePaths,
  sampledBetweenness,
  sampleWithoutReplacement,
  vertexDiameterBound,
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

describe('shortest-path sampling (Riondato & Kornaropoulos 2016)', () => {
  it('vertex-diameter bound: 2·ecc + 1 from each component, capped by its size', () => {
    // Path 0-1-2-3-4-5-6: ecc(0) = 6 gives 13, capped at the 7 nodes.
    const path7 = graph(7, [
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 4],
      [4, 5],
      [5, 6],
    ]);
    expect(vertexDiameterBound(path7)).toBe(7);
    // Star with centre 0: ecc(0) = 1, bound 3 (leaf, centre, leaf), exact here.
    const star = graph(5, [
      [0, 1],
      [0, 2],
      [0, 3],
      [0, 4],
    ]);
    expect(vertexDiameterBound(star)).toBe(3);
    // Path 0-1-2 plus a separate 6-node path 3..8 whose lowest id is an end: ecc 5, 11 capped at 6.
    const twoParts = graph(9, [
      [0, 1],
      [1, 2],
      [3, 4],
      [4, 5],
      [5, 6],
      [6, 7],
      [7, 8],
    ]);
    expect(vertexDiameterBound(twoParts)).toBe(6);
    // Karate club: ecc(0) = 3, so at most 7 nodes on a shortest path (its diameter is 5 edges).
    expect(vertexDiameterBound(karate)).toBe(7);
    expect(vertexDiameterBound(graph(0, []))).toBe(0);
  });

  it('sample size r = ⌈(0.5/ε²)(⌊log2(VD − 2)⌋ + 1 + ln(1/δ))⌉ and the bound for r are inverse', () => {
    // VD = 17: ⌊log2 15⌋ + 1 = 4; ln 20 = 2.995732…; 5000 · 6.995732 = 34978.66 → 34979.
    expect(pathSampleSize(17, 0.01, 0.05)).toBe(34979);
    // VD = 7: ⌊log2 5⌋ + 1 = 3; ln 10 = 2.302585; 50 · 5.302585 = 265.13 → 266.
    expect(pathSampleSize(7, 0.1, 0.1)).toBe(266);
    expect(pathSampleErrorBound(17, 34979, 0.05)).toBeLessThanOrEqual(0.01);
    expect(pathSampleErrorBound(17, 34978, 0.05)).toBeGreaterThan(0.01);
    expect(pathSampleSize(2, 0.01, 0.05)).toBe(0);
    expect(() => pathSampleSize(17, 0, 0.05)).toThrow(RangeError);
  });

  it('a path 0-1-2: every sampled path with an inner node has node 1 inside', () => {
    const counts = new Float64Array(3);
    samplePaths(
      graph(3, [
        [0, 1],
        [1, 2],
      ]),
      600,
      createSeededRandom(1),
      createPathSamplingWork(3),
      counts,
    );
    // Only the ordered pairs (0, 2) and (2, 0), 2 of 6, have an inner node: about 200 of 600.
    expect(counts[0]).toBe(0);
    expect(counts[2]).toBe(0);
    expect(counts[1]).toBeGreaterThan(150);
    expect(counts[1]).toBeLessThan(250);
  });

  it('unconnected pairs give nothing; a graph with VD ≤ 2 needs no sample and is all zeros', async () => {
    const counts = new Float64Array(4);
    samplePaths(
      graph(4, [
        [0, 1],
        [2, 3],
      ]),
      100,
      createSeededRandom(2),
      createPathSamplingWork(4),
      counts,
    );
    expect([...counts]).toEqual([0, 0, 0, 0]);
    // Single edges and isolated nodes: no component has more than 2 nodes, so VD ≤ 2.
    const k4 = graph(5, [
      [0, 1],
      [2, 3],
    ]);
    expect(vertexDiameterBound(k4)).toBe(2);
    const r = await pathSampledBetweenness(k4, { random: createSeededRandom(1) });
    expect(r.samples).toBe(0);
    expect(r.epsilon).toBe(0);
    expect([...r.normalized]).toEqual([0, 0, 0, 0, 0]);
  });

  it('karate club: estimates within the stated bound of the published values', async () => {
    const exact = betweenness(karate, { normalized: true });
    const r = await pathSampledBetweenness(karate, {
      random: createSeededRandom(7),
      epsilon: 0.005,
    });
    expect(r.vertexDiameter).toBe(7);
    expect(r.samples).toBe(pathSampleSize(7, 0.005, 0.05));
    // Bound in the (n-1)(n-2)/2 normalisation: ε · n/(n-2) = 0.005 · 34/32.
    expect(r.epsilon).toBeCloseTo(pathSampleErrorBound(7, r.samples, 0.05) * (34 / 32), 12);
    let maxError = 0;
    for (let v = 0; v < 34; v++)
      maxError = Math.max(maxError, Math.abs(r.normalized[v]! - exact[v]!));
    expect(maxError).toBeLessThanOrEqual(r.epsilon);
    expect(r.unnormalized[0]).toBeCloseTo(KARATE_BETWEENNESS_4DP[0]!, -1);
  });

  it('the true error stays within the stated bound on clustered and grid graphs', async () => {
    const grid: [number, number][] = [];
    for (let i = 0; i < 6; i++)
      for (let j = 0; j < 6; j++) {
        if (j < 5) grid.push([6 * i + j, 6 * i + j + 1]);
        if (i < 5) grid.push([6 * i + j, 6 * (i + 1) + j]);
      }
    const graphs = [
      graph(36, grid),
      clusteredGraph({
        nodeCount: 400,
        edgeCount: 1600,
        blocks: 4,
        withinShare: 0.85,
        random: createSeededRandom(4),
      }),
    ];
    for (const g of graphs) {
      const exact = betweenness(g, { normalized: true });
      const r = await pathSampledBetweenness(g, { random: createSeededRandom(5), epsilon: 0.01 });
      let maxError = 0;
      for (let v = 0; v < g.nodeCount; v++)
        maxError = Math.max(maxError, Math.abs(r.normalized[v]! - exact[v]!));
      expect(maxError).toBeLessThanOrEqual(r.epsilon);
    }
  });

  it('is reproducible from its seed and uses the counts function given (e.g. a worker pool)', async () => {
    const g = randomGnm(300, 1200, createSeededRandom(6));
    const a = await pathSampledBetweenness(g, { random: createSeededRandom(3), samples: 5000 });
    let chunks = 0;
    const b = await pathSampledBetweenness(g, {
      random: createSeededRandom(3),
      samples: 5000,
      counts: (seeds, sizes) => {
        chunks = seeds.length;
        expect([...sizes]).toEqual([2048, 2048, 904]);
        return pathSampleCounts(g, seeds, sizes);
      },
    });
    expect(chunks).toBe(3);
    expect([...b.normalized]).toEqual([...a.normalized]);
  });
});
