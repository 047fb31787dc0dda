import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCompactGraph, type WeightedEdge } from './compact-graph.ts';
import {
  computeEIIndex,
  computeEgoHeterogeneity,
  computeHeterogeneity,
  computeTripleHelixBalance,
  findKnowledgeGatekeepers,
  shareOfTiesToOtherRegions,
} from './composition.ts';
import { zacharyFactions, zacharyWeightedEdges } from './zachary-karate.fixture.ts';

const graph = (n: number, pairs: readonly (readonly number[])[]) =>
  buildCompactGraph(
    n,
    pairs.map(([source, target, weight]) => ({ source: source!, target: target!, weight })),
  );

const labelled = fc
  .integer({ min: 1, max: 10 })
  .chain((n) =>
    fc.tuple(
      fc.array(
        fc.record({
          source: fc.integer({ min: 0, max: n - 1 }),
          target: fc.integer({ min: 0, max: n - 1 }),
          weight: fc.integer({ min: 1, max: 4 }),
        }),
        { maxLength: 25 },
      ),
      fc.array(fc.constantFrom('A', 'B', 'C', null), { minLength: n, maxLength: n }),
    ),
  )
  .map(([edges, group]: [WeightedEdge[], (string | null)[]]) => ({
    g: buildCompactGraph(group.length, edges),
    group,
  }));

describe('computeHeterogeneity', () => {
  it('hand-computed shares 1/2, 1/4, 1/4', () => {
    const h = computeHeterogeneity(['company', 'company', 'university', 'institute', null]);
    expect(h.count).toBe(4);
    expect(h.categories).toBe(3);
    expect(h.blau).toBeCloseTo(1 - (0.25 + 0.0625 + 0.0625), 12);
    expect(h.normalisedBlau).toBeCloseTo(0.625 / (2 / 3), 12);
    expect(h.shannon).toBeCloseTo(1.5 * Math.log(2), 12);
    expect(h.evenness).toBeCloseTo((1.5 * Math.log(2)) / Math.log(3), 12);
    // Normalising by the five registry kinds instead of the three observed.
    const h5 = computeHeterogeneity(['a', 'a', 'b', 'c'], { categoryCount: 5 });
    expect(h5.evenness).toBeCloseTo((1.5 * Math.log(2)) / Math.log(5), 12);
  });

  it('one category: no variety; no labels: nulls; a subset of nodes', () => {
    expect(computeHeterogeneity(['x', 'x'])).toMatchObject({ blau: 0, shannon: 0, evenness: null });
    expect(computeHeterogeneity([null]).blau).toBeNull();
    expect(computeHeterogeneity(['a', 'b', 'b'], { nodes: [1, 2] }).blau).toBe(0);
    expect(() => computeHeterogeneity(['a', 'b'], { categoryCount: 1 })).toThrow(/categoryCount/);
  });

  it('Blau in [0, 1 − 1/K], evenness in [0, 1]', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', 'c', 'd', null)), (labels) => {
        const h = computeHeterogeneity(labels, { categoryCount: 4 });
        if (h.blau === null) {
          expect(h.count).toBe(0);
          return;
        }
        expect(h.blau).toBeGreaterThanOrEqual(-1e-12);
        expect(h.blau).toBeLessThanOrEqual(1 - 1 / 4 + 1e-12);
        expect(h.evenness!).toBeGreaterThanOrEqual(-1e-12);
        expect(h.evenness!).toBeLessThanOrEqual(1 + 1e-12);
      }),
    );
  });
});

describe('computeEgoHeterogeneity', () => {
  it("hand-computed Blau of each node's contacts", () => {
    // 0 is tied to a company, a university and an institute; 1 to 0 only; 4 to nobody.
    const g = graph(5, [
      [0, 1, 2],
      [0, 2, 1],
      [0, 3, 1],
    ]);
    const kind = ['company', 'company', 'university', 'research_institute', 'company'];
    const h = computeEgoHeterogeneity(g, kind);
    expect(h[0]).toBeCloseTo(1 - 3 / 9, 12);
    expect(h[1]).toBe(0);
    expect(Number.isNaN(h[4])).toBe(true);
    // Weighted: shares 2/4, 1/4, 1/4.
    expect(computeEgoHeterogeneity(g, kind, { weighted: true })[0]).toBeCloseTo(0.625, 12);
  });
});

describe('computeEIIndex and shareOfTiesToOtherRegions', () => {
  it('hand-computed: two groups joined by one bridge', () => {
    // A: 0,1,2 (triangle); B: 3,4 (tie); bridge 2-3; node 5 has no group.
    const g = graph(6, [
      [0, 1],
      [1, 2],
      [0, 2],
      [3, 4],
      [2, 3],
      [4, 5],
    ]);
    const group = ['A', 'A', 'A', 'B', 'B', null];
    const ei = computeEIIndex(g, group);
    expect(ei.external).toBe(1);
    expect(ei.internal).toBe(4);
    expect(ei.index).toBeCloseTo(-3 / 5, 12);
    expect(ei.byGroup.get('A')).toEqual({ external: 1, internal: 3, index: -0.5 });
    expect(ei.byGroup.get('B')).toEqual({ external: 1, internal: 1, index: 0 });
    expect(ei.byNode[2]).toBeCloseTo((1 - 2) / 3, 12);
    expect(Number.isNaN(ei.byNode[5])).toBe(true);

    const regions = shareOfTiesToOtherRegions(g, group);
    expect(regions.share).toBeCloseTo(1 / 5, 12);
    expect(regions.byNode[3]).toBeCloseTo(1 / 2, 12);
  });

  it('weighted ties sum weights', () => {
    const g = graph(3, [
      [0, 1, 3],
      [1, 2, 1],
    ]);
    expect(computeEIIndex(g, ['A', 'A', 'B'], { weighted: true }).index).toBeCloseTo(-0.5, 12);
  });

  it("Zachary's karate club by faction: E and I equal a direct count of the edge list", () => {
    const g = buildCompactGraph(
      34,
      zacharyWeightedEdges.map(([source, target]) => ({ source, target })),
    );
    const external = zacharyWeightedEdges.filter(
      ([a, b]) => zacharyFactions[a] !== zacharyFactions[b],
    ).length;
    const ei = computeEIIndex(g, zacharyFactions);
    expect(ei.external).toBe(external);
    expect(ei.internal).toBe(78 - external);
    // The club split along its ties: strongly inward-looking factions.
    expect(ei.index).toBeCloseTo((external - (78 - external)) / 78, 12);
    expect(ei.index!).toBeLessThan(-0.5);
  });

  it('E-I in [−1, 1]; share in [0, 1]; group E and I add up to the whole', () => {
    fc.assert(
      fc.property(labelled, ({ g, group }) => {
        const ei = computeEIIndex(g, group);
        if (ei.index !== null) {
          expect(ei.index).toBeGreaterThanOrEqual(-1);
          expect(ei.index).toBeLessThanOrEqual(1);
        }
        let e = 0;
        let i = 0;
        for (const s of ei.byGroup.values()) {
          e += s.external;
          i += s.internal;
        }
        // Each external tie is seen from both of its groups.
        expect(e).toBeCloseTo(2 * ei.external, 9);
        expect(i).toBeCloseTo(ei.internal, 9);
        const share = shareOfTiesToOtherRegions(g, group).share;
        if (share !== null) expect((ei.index! + 1) / 2).toBeCloseTo(share, 9);
      }),
    );
  });
});

describe('computeTripleHelixBalance', () => {
  it('hand-computed pair shares and balance', () => {
    // 0 company, 1 company, 2 university, 3 research institute, 4 support body (left out).
    const kind = ['company', 'company', 'university', 'research_institute', 'support_institution'];
    const g = graph(5, [
      [0, 2],
      [1, 2],
      [0, 3],
      [0, 1],
      [3, 4],
    ]);
    const t = computeTripleHelixBalance(g, kind);
    expect(t.pairs).toEqual({
      'industry-university': 2,
      'industry-institute': 1,
      'university-institute': 0,
    });
    expect(t.withinHelix).toBe(1);
    expect(t.crossSectorShare).toBeCloseTo(3 / 4, 12);
    const h = -((2 / 3) * Math.log(2 / 3) + (1 / 3) * Math.log(1 / 3));
    expect(t.balance).toBeCloseTo(h / Math.log(3), 12);
  });

  it('balance is 1 for equal pair types and 0 for one type; null without cross ties', () => {
    const kind = ['company', 'university', 'research_institute'];
    expect(
      computeTripleHelixBalance(
        graph(3, [
          [0, 1],
          [1, 2],
          [0, 2],
        ]),
        kind,
      ).balance,
    ).toBeCloseTo(1, 12);
    expect(computeTripleHelixBalance(graph(3, [[0, 1]]), kind).balance).toBe(0);
    expect(computeTripleHelixBalance(graph(3, []), kind).balance).toBeNull();
  });
});

describe('findKnowledgeGatekeepers', () => {
  it('ranks inside actors with both inside and outside ties', () => {
    // Inside: 0..3; outside: 4..6. 0: in 2, out 2; 1: in 2, out 1; 2: in 1, out 0; 3: in 1, out 1.
    const inside = [true, true, true, true, false, false, false];
    const g = graph(7, [
      [0, 1],
      [0, 3],
      [1, 2],
      [0, 4],
      [0, 5],
      [1, 6],
      [3, 4],
      [5, 6],
    ]);
    expect(findKnowledgeGatekeepers(g, inside)).toEqual([
      { node: 0, insideTies: 2, outsideTies: 2 },
      { node: 1, insideTies: 2, outsideTies: 1 },
      { node: 3, insideTies: 1, outsideTies: 1 },
    ]);
    expect(findKnowledgeGatekeepers(g, inside, { minOutside: 2 }).map((k) => k.node)).toEqual([0]);
  });
});
