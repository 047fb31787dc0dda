import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../random.ts';
import {
  computeIndicatorMean,
  computeMainIndustryConcentration,
  computeRegionalInfluence,
  createDefaultEligibilityRules,
  createDefaultSelectionCriteria,
  scoreCandidates,
  simulateRankUncertainty,
  type ComplexCandidate,
  type SelectionConfig,
} from './selection.ts';

interface Simple {
  id: string;
  a: number;
  b: number;
}

const candidates: Simple[] = [
  { id: 'P', a: 10, b: 1 },
  { id: 'Q', a: 20, b: 3 },
  { id: 'R', a: 30, b: 2 },
];

function configOf(
  weights: [number, number],
  normalisation?: 'minMax' | 'zScore' | 'rank',
): SelectionConfig<Simple> {
  return {
    id: (c) => c.id,
    criteria: [
      { key: 'a', label: 'A', weight: weights[0], measure: (c) => c.a },
      { key: 'b', label: 'B', weight: weights[1], measure: (c) => c.b },
    ],
    ...(normalisation ? { normalisation } : {}),
  };
}

describe('scoreCandidates', () => {
  it('min-max weighted sum with renormalised weights', () => {
    // a: 0, 0.5, 1; b: 0, 1, 0.5; weights 3:1 -> 0.75, 0.25
    // P 0; Q 0.375 + 0.25 = 0.625; R 0.75 + 0.125 = 0.875
    const r = scoreCandidates(candidates, configOf([3, 1]));
    expect(r.weights).toEqual({ a: 0.75, b: 0.25 });
    expect(r.ranked.map((c) => [c.id, c.rank])).toEqual([
      ['R', 1],
      ['Q', 2],
      ['P', 3],
    ]);
    expect(r.ranked[0]?.score).toBeCloseTo(0.875, 12);
    expect(r.ranked[1]?.score).toBeCloseTo(0.625, 12);
    expect(r.ranked[1]?.normalised).toEqual({ a: 0.5, b: 1 });
    expect(r.ranked[1]?.raw).toEqual({ a: 20, b: 3 });
  });

  it('z-scores with the population standard deviation, ties share a rank', () => {
    // a: mean 20, sd sqrt(200/3) = 8.165 -> -1.2247, 0, 1.2247; b: mean 2, sd sqrt(2/3) -> -1.2247, 1.2247, 0
    const r = scoreCandidates(candidates, configOf([1, 1], 'zScore'));
    const z = Math.sqrt(3 / 2); // 10 / sqrt(200/3)
    const q = r.ranked.find((c) => c.id === 'Q');
    expect(q?.normalised.b).toBeCloseTo(z, 12);
    expect(q?.score).toBeCloseTo(z / 2, 12); // 0.5·0 + 0.5·1.2247
    expect(r.ranked.map((c) => [c.id, c.rank])).toEqual([
      ['Q', 1],
      ['R', 1],
      ['P', 3],
    ]);
  });

  it('ranks with average ranks for ties, and lower-is-better criteria', () => {
    const rows: Simple[] = [
      { id: 'x', a: 5, b: 1 },
      { id: 'y', a: 5, b: 2 },
      { id: 'z', a: 9, b: 3 },
    ];
    // a: ranks 1.5, 1.5, 3 -> 0.25, 0.25, 1
    const r = scoreCandidates(rows, configOf([1, 0], 'rank'));
    expect(r.ranked.map((c) => c.normalised.a)).toEqual([1, 0.25, 0.25]);
    const lower: SelectionConfig<Simple> = {
      id: (c) => c.id,
      criteria: [{ key: 'b', label: 'Cost', weight: 1, measure: (c) => c.b, direction: 'lower' }],
    };
    expect(scoreCandidates(rows, lower).ranked.map((c) => c.id)).toEqual(['x', 'y', 'z']);
  });

  it('edge cases: equal values normalise to 0, weights must be valid', () => {
    const same = scoreCandidates(
      [
        { id: 'a', a: 1, b: 1 },
        { id: 'b', a: 1, b: 1 },
      ],
      configOf([1, 1]),
    );
    expect(same.ranked.map((c) => c.score)).toEqual([0, 0]);
    expect(same.ranked.map((c) => c.rank)).toEqual([1, 1]);
    expect(() => scoreCandidates(candidates, configOf([0, 0]))).toThrow(RangeError);
    expect(() => scoreCandidates(candidates, configOf([-1, 2]))).toThrow(RangeError);
    expect(scoreCandidates([], configOf([1, 1])).ranked).toEqual([]);
  });
});

describe('scoreCandidates: rounding ties', () => {
  it('scores equal up to rounding share a rank', () => {
    // weights 0.1, 0.2, 0.7; U: 0.1 + 0.2 = 0.30000000000000004; V: 0.7·(3/7) = 0.3
    const rows = [
      { id: 'U', v: [1, 1, 0] },
      { id: 'V', v: [0, 0, 3] },
      { id: 'W', v: [0, 0, 7] },
    ];
    const r = scoreCandidates(rows, {
      id: (c) => c.id,
      criteria: [0.1, 0.2, 0.7].map((weight, i) => ({
        key: `k${i}`,
        label: `K${i}`,
        weight,
        measure: (c: (typeof rows)[number]) => c.v[i] ?? 0,
      })),
    });
    expect(r.ranked.map((c) => [c.id, c.rank])).toEqual([
      ['W', 1],
      ['U', 2],
      ['V', 2],
    ]);
  });
});

describe('default criteria for complexes', () => {
  const base: ComplexCandidate = {
    id: 'gumi',
    companies: 1200,
    jobsByIndustry: { electronics: 600, machinery: 400 },
    mainIndustry: 'electronics',
    complexOutput: 30,
    provinceOutput: 100,
    competitivenessIndicators: [3, 4, 5],
    investmentIndicators: [2, 4],
    policyConsistencyScore: 4,
  };

  it('computes the default formulas', () => {
    expect(computeMainIndustryConcentration(base.jobsByIndustry, 'electronics')).toBeCloseTo(
      0.6,
      12,
    ); // 600/1000
    expect(computeMainIndustryConcentration({}, 'x')).toBeNull();
    expect(computeRegionalInfluence(30, 100)).toBeCloseTo(0.3, 12);
    expect(computeRegionalInfluence(30, 0)).toBeNull();
    expect(computeIndicatorMean([3, 4, 5])).toBe(4);
    expect(computeIndicatorMean([])).toBeNull();
    const criteria = createDefaultSelectionCriteria({ policyConsistency: 0.4 });
    expect(criteria.map((c) => c.key)).toEqual([
      'competitiveness',
      'influence',
      'concentration',
      'policyConsistency',
      'investmentExpectancy',
    ]);
    expect(criteria.map((c) => c.measure(base))).toEqual([4, 0.3, 0.6, 4, 3]);
    expect(criteria[3]?.weight).toBe(0.4);
  });

  it('excludes ineligible candidates with their reasons', () => {
    const small: ComplexCandidate = { ...base, id: 'small', companies: 80 };
    const strategic: ComplexCandidate = {
      ...base,
      id: 'wonju',
      companies: 60,
      strategicRegionalComplex: true,
    };
    const unscored: ComplexCandidate = {
      ...base,
      id: 'unscored',
      companies: 100,
      policyConsistencyScore: null,
    };
    const r = scoreCandidates([base, small, strategic, unscored], {
      id: (c) => c.id,
      criteria: createDefaultSelectionCriteria(),
      eligibility: createDefaultEligibilityRules(),
    });
    expect(r.ranked.map((c) => c.id).sort()).toEqual(['gumi', 'wonju']);
    expect(r.excluded).toEqual([
      { id: 'small', reasons: ['100 companies or fewer, and not a strategic regional complex'] },
      {
        id: 'unscored',
        reasons: [
          '100 companies or fewer, and not a strategic regional complex',
          'no value for Consistency with policy',
        ],
      },
    ]);
  });
});

describe('simulateRankUncertainty', () => {
  it('is deterministic for a seed', () => {
    const run = (seed: number) =>
      simulateRankUncertainty(candidates, configOf([1, 1]), {
        iterations: 200,
        random: createSeededRandom(seed),
        weightBounds: { a: [0, 1], b: [0, 1] },
        topK: 1,
      });
    expect(run(7)).toEqual(run(7));
    expect(run(7)).not.toEqual(run(8));
  });

  it('fixed bounds reproduce the base ranking', () => {
    const r = simulateRankUncertainty(candidates, configOf([3, 1]), {
      iterations: 50,
      random: createSeededRandom(1),
      weightBounds: { a: [0.75, 0.75], b: [0.25, 0.25] },
      topK: 2,
    });
    expect(r).toEqual([
      {
        id: 'R',
        baseRank: 1,
        medianRank: 1,
        minRank: 1,
        maxRank: 1,
        rankP5: 1,
        rankP95: 1,
        topKShare: 1,
      },
      {
        id: 'Q',
        baseRank: 2,
        medianRank: 2,
        minRank: 2,
        maxRank: 2,
        rankP5: 2,
        rankP95: 2,
        topKShare: 1,
      },
      {
        id: 'P',
        baseRank: 3,
        medianRank: 3,
        minRank: 3,
        maxRank: 3,
        rankP5: 3,
        rankP95: 3,
        topKShare: 0,
      },
    ]);
  });

  it('a dominated candidate stays last; the leaders swap with the weights', () => {
    // P is worst on both criteria. After min-max (a: 0, .5, 1; b: 0, 1, .5),
    // Q - R = (0.5 w_a + w_b) - (w_a + 0.5 w_b) = 0.5 (w_b - w_a): Q is first when w_b > w_a.
    const r = simulateRankUncertainty(candidates, configOf([1, 1]), {
      iterations: 2000,
      random: createSeededRandom(42),
      weightBounds: { a: [0, 1], b: [0, 1] },
      topK: 1,
    });
    const p = r.find((c) => c.id === 'P');
    expect(p).toMatchObject({ minRank: 3, maxRank: 3, topKShare: 0 });
    const q = r.find((c) => c.id === 'Q');
    const rr = r.find((c) => c.id === 'R');
    expect(q?.minRank).toBe(1);
    expect(q?.maxRank).toBe(2);
    expect(rr?.minRank).toBe(1);
    // P(Q first) = P(w_b > w_a) = 1/2 for independent uniform weights
    expect(q?.topKShare).toBeGreaterThan(0.45);
    expect(q?.topKShare).toBeLessThan(0.55);
    for (const c of r) {
      expect(c.rankP5).toBeLessThanOrEqual(c.medianRank);
      expect(c.medianRank).toBeLessThanOrEqual(c.rankP95);
    }
  });

  it('rejects bad options', () => {
    const opts = { random: createSeededRandom(1), weightBounds: { a: [0, 1] as const } };
    expect(() =>
      simulateRankUncertainty(candidates, configOf([1, 1]), { ...opts, iterations: 0 }),
    ).toThrow(RangeError);
    expect(() =>
      simulateRankUncertainty(candidates, configOf([1, 1]), {
        ...opts,
        iterations: 1,
        weightBounds: { a: [2, 1] },
      }),
    ).toThrow(RangeError);
    expect(() =>
      simulateRankUncertainty(candidates, configOf([1, 1]), {
        ...opts,
        iterations: 1,
        weightBounds: { c: [0, 1] },
      }),
    ).toThrow(RangeError);
  });
});
