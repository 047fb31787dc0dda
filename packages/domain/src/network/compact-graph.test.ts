import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  buildCompactGraph,
  buildCompactGraphFromArrays,
  neighbourWeights,
  neighbours,
} from './compact-graph.ts';

describe('buildCompactGraph', () => {
  it('stores each edge both ways, sorted, merging parallel edges and dropping self-loops', () => {
    const g = buildCompactGraph(4, [
      { source: 2, target: 0 },
      { source: 0, target: 1, weight: 2 },
      { source: 1, target: 0, weight: 3 },
      { source: 3, target: 3 },
    ]);
    expect(g.nodeCount).toBe(4);
    expect(g.edgeCount).toBe(2);
    expect([...g.offsets]).toEqual([0, 2, 3, 4, 4]);
    expect([...neighbours(g, 0)]).toEqual([1, 2]);
    expect([...neighbourWeights(g, 0)]).toEqual([5, 1]);
    expect([...neighbours(g, 1)]).toEqual([0]);
    expect([...neighbourWeights(g, 1)]).toEqual([5]);
    expect([...neighbours(g, 3)]).toEqual([]);
  });

  it('names the edge index of an id out of range', () => {
    expect(() =>
      buildCompactGraph(3, [
        { source: 0, target: 1 },
        { source: 1, target: 3 },
      ]),
    ).toThrow(/edge 1: target 3 is outside 0\.\.2/);
    expect(() => buildCompactGraph(3, [{ source: -1, target: 1 }])).toThrow(RangeError);
    expect(() => buildCompactGraph(3, [{ source: 0.5, target: 1 }])).toThrow(/edge 0: source/);
  });

  it('matches a plain adjacency map on random multigraphs (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }).chain((n) =>
          fc.tuple(
            fc.constant(n),
            fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.integer({ min: 1, max: 5 })), {
              maxLength: 40,
            }),
          ),
        ),
        ([n, list]) => {
          const edges = list.map(([source, target, weight]) => ({ source, target, weight }));
          const g = buildCompactGraph(n, edges);
          const fast = buildCompactGraphFromArrays(
            n,
            Int32Array.from(list.map((e) => e[0])),
            Int32Array.from(list.map((e) => e[1])),
            Float64Array.from(list.map((e) => e[2])),
          );
          expect(fast).toEqual(g);
          const expected = new Map<string, number>();
          for (const [s, t, w] of list) {
            if (s === t) continue;
            expected.set(`${s}-${t}`, (expected.get(`${s}-${t}`) ?? 0) + w);
            expected.set(`${t}-${s}`, (expected.get(`${t}-${s}`) ?? 0) + w);
          }
          const actual = new Map<string, number>();
          for (let v = 0; v < n; v++) {
            const ns = [...neighbours(g, v)];
            expect(ns).toEqual([...ns].sort((a, b) => a - b));
            const ws = neighbourWeights(g, v);
            ns.forEach((t, i) => actual.set(`${v}-${t}`, ws[i]!));
          }
          expect(actual).toEqual(expected);
          expect(g.edgeCount * 2).toBe(expected.size);
        },
      ),
    );
  });
});
