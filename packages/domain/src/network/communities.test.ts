import fc from 'fast-check';
import louvainGraphology from 'graphology-communities-louvain';
import modularityGraphology from 'graphology-metrics/graph/modularity';
import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../random.ts';
import { louvain, modularity } from './communities.ts';
import { buildCompactGraph, type CompactGraph } from './compact-graph.ts';
import { toGraphology } from './compact-graph-graphology.ts';
import { clusteredGraph } from './compact-graph-generators.ts';
import { KARATE_EDGES, KARATE_NODE_COUNT } from './karate-club.fixture.ts';

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

const twoTriangles = graph(6, [
  [0, 1],
  [1, 2],
  [2, 0],
  [3, 4],
  [4, 5],
  [5, 3],
  [2, 3],
]);

describe('modularity', () => {
  it('hand-computed: two triangles joined by one tie, 2·(6/14 − (7/14)²) = 5/14', () => {
    expect(modularity(twoTriangles, [0, 0, 0, 1, 1, 1])).toBeCloseTo(5 / 14, 12);
    expect(modularity(twoTriangles, [0, 0, 0, 0, 0, 0])).toBeCloseTo(0, 12);
  });

  it('resolution scales the null-model term', () => {
    expect(modularity(twoTriangles, [0, 0, 0, 1, 1, 1], { resolution: 2 })).toBeCloseTo(
      12 / 14 - 2 * 0.5,
      12,
    );
  });

  it('names a bad partition', () => {
    expect(() => modularity(twoTriangles, [0, 0, 0])).toThrow(/3 entries for 6 nodes/);
    expect(() => modularity(twoTriangles, [0, 0, 0, 1, 1, -1])).toThrow(/node 5/);
  });

  it('equals graphology-metrics on random weighted graphs and partitions (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 12 }).chain((n) =>
          fc.tuple(
            fc.constant(n),
            fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.integer({ min: 1, max: 5 })), {
              minLength: 1,
              maxLength: 30,
            }),
            fc.array(fc.nat(3), { minLength: n, maxLength: n }),
          ),
        ),
        ([n, list, partition]) => {
          const g = graph(n, list);
          fc.pre(g.edgeCount > 0);
          const h = toGraphology(g);
          const theirs = modularityGraphology(h, {
            getNodeCommunity: (node: string) => partition[Number(node)]!,
            getEdgeWeight: 'weight',
          });
          expect(modularity(g, partition)).toBeCloseTo(theirs, 10);
        },
      ),
    );
  });
});

describe('louvain', () => {
  it('hand-computed: splits two triangles joined by one tie', () => {
    const result = louvain(twoTriangles, { random: createSeededRandom(1) });
    expect([...result.communities]).toEqual([0, 0, 0, 1, 1, 1]);
    expect(result.count).toBe(2);
    expect(result.modularity).toBeCloseTo(5 / 14, 12);
  });

  it('no ties: every node alone, modularity 0', () => {
    const result = louvain(graph(3, []), { random: createSeededRandom(1) });
    expect(result.count).toBe(3);
    expect(result.modularity).toBe(0);
  });

  it('karate club: modularity 0.41-0.42 for most seeds, reaching the best known 0.4198 (Brandes et al. 2008)', () => {
    const values: number[] = [];
    for (let seed = 1; seed <= 30; seed++) {
      const result = louvain(karate, { random: createSeededRandom(seed) });
      expect(result.modularity).toBeCloseTo(modularity(karate, result.communities), 12);
      // Louvain is a greedy heuristic: an unlucky visiting order can stop in a poorer optimum.
      expect(result.modularity).toBeGreaterThan(0.39);
      expect(result.modularity).toBeLessThanOrEqual(0.4198 + 1e-4);
      values.push(result.modularity);
    }
    expect(values.filter((q) => q > 0.41).length).toBeGreaterThanOrEqual(27);
    expect(Math.max(...values)).toBeCloseTo(0.4198, 4);
  });

  it('is reproducible from its seed', () => {
    const a = louvain(karate, { random: createSeededRandom(42) });
    const b = louvain(karate, { random: createSeededRandom(42) });
    expect(a).toEqual(b);
  });

  it('finds planted blocks about as well as graphology-communities-louvain', () => {
    const g = clusteredGraph({
      nodeCount: 600,
      edgeCount: 4000,
      blocks: 8,
      withinShare: 0.85,
      random: createSeededRandom(4),
    });
    const ours = louvain(g, { random: createSeededRandom(5) });
    const theirs = louvainGraphology.detailed(toGraphology(g), {
      rng: createSeededRandom(5),
      getEdgeWeight: 'weight',
    });
    expect(ours.modularity).toBeGreaterThan(theirs.modularity - 0.01);
    // Planted partition (node v in block v mod 8) as a floor.
    const planted = Array.from({ length: g.nodeCount }, (_, v) => v % 8);
    expect(ours.modularity).toBeGreaterThanOrEqual(modularity(g, planted) - 0.01);
  });
});
