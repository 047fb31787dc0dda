import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  averageClustering,
  connectedComponents,
  coreNumbers,
  density,
  localClustering,
  networkSize,
  transitivity,
  triangleCounts,
} from './cohesion.ts';
import { buildCompactGraph, type CompactGraph } from './compact-graph.ts';
import { KARATE_CORENESS, KARATE_EDGES, KARATE_NODE_COUNT } from './karate-club.fixture.ts';

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

/** A triangle 0-1-2 with a pendant 3 on node 2, a separate edge 4-5 and an isolated node 6. */
const small = graph(7, [
  [0, 1, 2],
  [1, 2],
  [2, 0],
  [2, 3, 0.5],
  [4, 5],
]);

describe('size, density, components (hand-computed)', () => {
  it('counts nodes, ties and weight', () => {
    expect(networkSize(small)).toEqual({ nodes: 7, edges: 5, totalWeight: 5.5 });
    expect(density(small)).toBeCloseTo(5 / 21, 12);
    expect(density(graph(1, []))).toBe(0);
  });

  it('labels components by smallest member and finds the largest', () => {
    const c = connectedComponents(small);
    expect([...c.labels]).toEqual([0, 0, 0, 0, 1, 1, 2]);
    expect(c.sizes).toEqual([4, 2, 1]);
    expect(c.largest).toBe(0);
  });
});

describe('clustering (hand-computed)', () => {
  it('triangle with a pendant: node 2 closes 1 of its 3 neighbour pairs', () => {
    expect([...triangleCounts(small)]).toEqual([1, 1, 1, 0, 0, 0, 0]);
    expect([...localClustering(small)]).toEqual([1, 1, 1 / 3, 0, 0, 0, 0]);
    expect(averageClustering(small)).toBeCloseTo((1 + 1 + 1 / 3) / 7, 12);
    // 3 × 1 triangle / (1 + 1 + 3) connected triples
    expect(transitivity(small)).toBeCloseTo(3 / 5, 12);
  });

  it("karate club: networkx's published transitivity 0.2557 and average clustering 0.5706", () => {
    expect(transitivity(karate)).toBeCloseTo(0.2556818181818182, 12);
    expect(averageClustering(karate)).toBeCloseTo(0.5706384782076823, 12);
    expect(triangleCounts(karate).reduce((a, b) => a + b, 0) / 3).toBe(45);
  });

  it('triangle counts equal a brute-force count over all node triples (property)', () => {
    fc.assert(
      fc.property(arbitraryGraph(), ([n, pairs]) => {
        const g = graph(n, pairs);
        const tied = adjacency(n, pairs);
        const expected = new Array<number>(n).fill(0);
        for (let a = 0; a < n; a++)
          for (let b = a + 1; b < n; b++)
            for (let c = b + 1; c < n; c++)
              if (tied[a]!.has(b) && tied[b]!.has(c) && tied[a]!.has(c)) {
                expected[a]! += 1;
                expected[b]! += 1;
                expected[c]! += 1;
              }
        expect([...triangleCounts(g)]).toEqual(expected);
      }),
    );
  });
});

describe('k-cores', () => {
  it('hand-computed: a 4-clique with a tail and an isolated node', () => {
    const g = graph(7, [
      [0, 1],
      [0, 2],
      [0, 3],
      [1, 2],
      [1, 3],
      [2, 3],
      [3, 4],
      [4, 5],
    ]);
    expect([...coreNumbers(g)]).toEqual([3, 3, 3, 3, 1, 1, 0]);
  });

  it('karate club matches igraph (main core k = 4)', () => {
    expect([...coreNumbers(karate)]).toEqual(KARATE_CORENESS);
  });

  it('matches naive repeated peeling (property)', () => {
    fc.assert(
      fc.property(arbitraryGraph(), ([n, pairs]) => {
        const tied = adjacency(n, pairs);
        const expected = new Array<number>(n).fill(0);
        for (let k = 1; k < n; k++) {
          const alive = new Set(Array.from({ length: n }, (_, v) => v));
          let removed = true;
          while (removed) {
            removed = false;
            for (const v of alive) {
              if ([...tied[v]!].filter((u) => alive.has(u)).length < k) {
                alive.delete(v);
                removed = true;
              }
            }
          }
          for (const v of alive) expected[v] = k;
        }
        expect([...coreNumbers(graph(n, pairs))]).toEqual(expected);
      }),
    );
  });
});

function arbitraryGraph() {
  return fc
    .integer({ min: 1, max: 12 })
    .chain((n) =>
      fc.tuple(fc.constant(n), fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 40 })),
    );
}

function adjacency(n: number, pairs: [number, number][]): Set<number>[] {
  const tied = Array.from({ length: n }, () => new Set<number>());
  for (const [a, b] of pairs) {
    if (a === b) continue;
    tied[a]!.add(b);
    tied[b]!.add(a);
  }
  return tied;
}
