import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCompactGraph, degreeOf } from './compact-graph.ts';
import { describeHubReasons, rankHubs } from './hubs.ts';

// Three triangles (communities 0, 1, 2) joined through node 9, which ties one node of each;
// node 0 also has three pendant contacts (10, 11, 12) in community 0.
const edges = [
  [0, 1],
  [1, 2],
  [0, 2],
  [3, 4],
  [4, 5],
  [3, 5],
  [6, 7],
  [7, 8],
  [6, 8],
  [9, 0],
  [9, 3],
  [9, 6],
  [0, 10],
  [0, 11],
  [0, 12],
].map(([source, target]) => ({ source: source!, target: target! }));
const g = buildCompactGraph(13, edges);
const degree = Array.from({ length: 13 }, (_, v) => degreeOf(g, v));
const community = [0, 0, 0, 1, 1, 1, 2, 2, 2, 1, 0, 0, 0];

describe('rankHubs', () => {
  it('hand-made graph: reasons and order', () => {
    // Betweenness (unordered pairs) as networkx 3.6 computes it for this graph.
    const betweenness = [44, 0, 0, 20, 0, 0, 20, 0, 0, 45, 0, 0, 0];
    const gatekeeper = community.map((_, v) => v === 3);
    const hubs = rankHubs(g, { degree, betweenness, community, gatekeeper }, { topShare: 0.1 });
    // ⌈0.1 × 13⌉ = 2: node 0 (degree 6) ranks 1, and 3, 6 and 9 (degree 3) share rank 2; by
    // betweenness 9 ranks 1 and 0 ranks 2. Node 9 alone touches three communities.
    expect(hubs.map((h) => h.node)).toEqual([9, 0, 3, 6]);
    expect(hubs[0]!.reasons).toEqual([
      { code: 'topDegree', topPercent: 10, rank: 2, value: 3 },
      { code: 'topBetweenness', topPercent: 10, rank: 1, value: 45 },
      { code: 'bridgesCommunities', communities: 3 },
    ]);
    // Score = reasons + mean percentile (share of nodes with a smaller value).
    expect(hubs[0]!.score).toBeCloseTo(3 + (9 / 13 + 12 / 13) / 2, 12);
    expect(hubs[1]!.score).toBeCloseTo(2 + (12 / 13 + 11 / 13) / 2, 12);
    expect(describeHubReasons(hubs[0]!.reasons)).toBe(
      'top 10% degree; top 10% betweenness; bridges 3 communities',
    );
    expect(describeHubReasons(hubs[2]!.reasons)).toBe('top 10% degree; gatekeeper');
    expect(hubs[3]!.reasons.map((r) => r.code)).toEqual(['topDegree']);
  });

  it('degree only, a limit, and nothing stands out in an empty graph', () => {
    expect(rankHubs(g, { degree }, { limit: 1 })).toEqual([
      {
        node: 0,
        score: 1 + 12 / 13,
        reasons: [{ code: 'topDegree', topPercent: 5, rank: 1, value: 6 }],
      },
    ]);
    const empty = buildCompactGraph(3, []);
    expect(rankHubs(empty, { degree: [0, 0, 0] })).toEqual([]);
  });

  it('names a measure of the wrong length and a bad share', () => {
    expect(() => rankHubs(g, { degree: [1] })).toThrow(/degree has 1 entries for 13 nodes/);
    expect(() => rankHubs(g, { degree }, { topShare: 0 })).toThrow(/topShare/);
  });
});

describe('rankHubs properties', () => {
  it('top-degree hubs are exactly the nodes with fewer than ⌈p·n⌉ larger degrees; order by score', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }).chain((n) =>
          fc.tuple(
            fc.constant(n),
            fc.array(
              fc.record({
                source: fc.integer({ min: 0, max: n - 1 }),
                target: fc.integer({ min: 0, max: n - 1 }),
              }),
              { maxLength: 60 },
            ),
            fc.double({ min: 0.01, max: 1, noNaN: true }),
          ),
        ),
        ([n, list, topShare]) => {
          const graph = buildCompactGraph(n, list);
          const deg = Array.from({ length: n }, (_, v) => degreeOf(graph, v));
          const hubs = rankHubs(graph, { degree: deg }, { topShare });
          const cutoff = Math.ceil(topShare * n);
          const expected = deg
            .map((d, v) => ({ d, v }))
            .filter(({ d }) => d > 0 && 1 + deg.filter((x) => x > d).length <= cutoff)
            .map(({ v }) => v)
            .sort((a, b) => a - b);
          expect(hubs.map((h) => h.node).sort((a, b) => a - b)).toEqual(expected);
          for (let i = 1; i < hubs.length; i++) {
            expect(hubs[i]!.score).toBeLessThanOrEqual(hubs[i - 1]!.score);
          }
        },
      ),
    );
  });
});
