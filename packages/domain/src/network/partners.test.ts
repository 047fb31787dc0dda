import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCompactGraph, type WeightedEdge } from './compact-graph.ts';
import { suggestPartners, type PartnerAttributes } from './partners.ts';

// Ego 0 (an automotive company in Ulsan) sits in a closed triangle with 1 and 2. Others of its
// industry (1, 2) partner with electronics firms 4 and 5 (Gumi); 3 is a university in Ulsan;
// 6 and 7 (Gwangju) form a separate component. Communities: {0,1,2}, {3,4,5}, {6,7}.
const g = buildCompactGraph(
  8,
  [
    [0, 1],
    [0, 2],
    [1, 2],
    [1, 5],
    [2, 4],
    [2, 3],
    [3, 4],
    [4, 5],
    [6, 7],
  ].map(([source, target]) => ({ source: source!, target: target! })),
);
const attributes: PartnerAttributes = {
  kind: [
    'company',
    'company',
    'company',
    'university',
    'company',
    'company',
    'company',
    'research_institute',
  ],
  region: ['Ulsan', 'Ulsan', 'Ulsan', 'Ulsan', 'Gumi', 'Gumi', 'Gwangju', 'Gwangju'],
  industry: ['auto', 'auto', 'auto', null, 'electronics', 'electronics', 'chemicals', null],
  community: [0, 0, 0, 1, 1, 1, 2, 2],
};

describe('suggestPartners', () => {
  it('hand-computed reasons and order', () => {
    const s = suggestPartners(g, 0, attributes);
    expect(s.map((x) => x.node)).toEqual([4, 5, 3, 7, 6]);
    // Constraint now: c01 = (1/2 + 1/2·1/4)², c02 = (1/2 + 1/2·1/3)² → 481/576. With a tie to 4:
    // c01 = (1/3 + 1/3·1/4)², c02 = (1/3 + 1/3·1/3 + 1/3·1/4)², c04 = (1/3 + 1/3·1/4)² → 811/1296.
    const before = 481 / 576;
    const after4 = 811 / 1296;
    const after5 = (361 + 2 * 256) / 1296;
    const after3 = (225 + 400 + 225) / 1296;
    expect(s[0]!.reasons).toEqual([
      { code: 'complementaryIndustry', industry: 'electronics', share: 1 },
      {
        code: 'structuralHole',
        distance: 2,
        constraintBefore: expect.closeTo(before, 12),
        constraintAfter: expect.closeTo(after4, 12),
      },
      { code: 'otherRegion', region: 'Gumi' },
    ]);
    const drop = (after: number) => (before - after) / (before - after4);
    expect(s[0]!.score).toBeCloseTo(0.35 + 0.35 + 0.15, 12);
    expect(s[1]!.score).toBeCloseTo(0.35 + 0.35 * drop(after5) + 0.15, 12);
    expect(s[2]!.score).toBeCloseTo(0.35 * drop(after3) + 0.15, 12);
    expect(s[2]!.reasons.map((r) => r.code)).toEqual(['structuralHole', 'otherKind']);
    expect(s[3]).toEqual({
      node: 7,
      score: expect.closeTo(0.3, 12),
      distance: null,
      reasons: [
        { code: 'otherKind', kind: 'research_institute' },
        { code: 'otherRegion', region: 'Gwangju' },
      ],
    });
  });

  it('capabilities the ego and its partners lack count as complementarity', () => {
    const capabilities = [
      ['casting'],
      ['welding'],
      [],
      [],
      [],
      [],
      ['coating', 'welding'],
      ['testing', 'sensors', 'coating'],
    ];
    const s = suggestPartners(g, 0, { ...attributes, capabilities });
    expect(s.map((x) => x.node)).toEqual([4, 5, 7, 3, 6]);
    expect(s[2]!.reasons[0]).toEqual({
      code: 'complementaryCapability',
      capabilities: ['coating', 'sensors', 'testing'],
    });
    expect(s[2]!.score).toBeCloseTo(0.35 + 0.15 + 0.15, 12);
    expect(s[4]!.score).toBeCloseTo(0.35 / 3 + 0.15, 12);
  });

  it('limit, exclusions, and no structural hole inside the own community', () => {
    expect(
      suggestPartners(g, 0, attributes, { limit: 2, exclude: [4] }).map((x) => x.node),
    ).toEqual([5, 3]);
    const sameCommunity = { ...attributes, community: [0, 0, 0, 0, 0, 0, 2, 2] };
    const s = suggestPartners(g, 0, sameCommunity);
    expect(s.flatMap((x) => x.reasons).some((r) => r.code === 'structuralHole')).toBe(false);
  });

  it('names a bad ego or attribute', () => {
    expect(() => suggestPartners(g, 8, attributes)).toThrow(/ego 8/);
    expect(() => suggestPartners(g, 0, { ...attributes, region: ['Ulsan'] })).toThrow(
      /region has 1 entries for 8 nodes/,
    );
  });

  it('never suggests the ego or a partner; scores in [0, 1], sorted; each has a reason', () => {
    const labels = (values: string[], n: number) =>
      fc.array(fc.option(fc.constantFrom(...values)), { minLength: n, maxLength: n });
    const cases = fc.integer({ min: 2, max: 10 }).chain((n) =>
      fc.record({
        n: fc.constant(n),
        edges: fc.array(
          fc.record({
            source: fc.integer({ min: 0, max: n - 1 }),
            target: fc.integer({ min: 0, max: n - 1 }),
          }),
          { maxLength: 25 },
        ),
        kind: labels(['company', 'university'], n),
        region: labels(['A', 'B'], n),
        industry: labels(['x', 'y', 'z'], n),
        community: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: n, maxLength: n }),
        ego: fc.integer({ min: 0, max: n - 1 }),
      }),
    );
    fc.assert(
      fc.property(cases, ({ n, edges, ego, ...attrs }) => {
        const graph = buildCompactGraph(n, edges as WeightedEdge[]);
        const partners = new Set(
          graph.targets.subarray(graph.offsets[ego]!, graph.offsets[ego + 1]!),
        );
        const s = suggestPartners(graph, ego, attrs, { limit: n });
        for (let i = 0; i < s.length; i++) {
          expect(s[i]!.node).not.toBe(ego);
          expect(partners.has(s[i]!.node)).toBe(false);
          expect(s[i]!.reasons.length).toBeGreaterThan(0);
          expect(s[i]!.score).toBeGreaterThan(0);
          expect(s[i]!.score).toBeLessThanOrEqual(1 + 1e-12);
          if (i > 0) expect(s[i]!.score).toBeLessThanOrEqual(s[i - 1]!.score);
        }
        expect(suggestPartners(graph, ego, attrs, { limit: n })).toEqual(s);
      }),
    );
  });
});
