import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computePercentile } from '../mapping/percentile.ts';
import { createSeededRandom } from '../random.ts';
import { computeCompositeIndex, type CompositeInput, type CompositeMethod } from './composite.ts';
import type { IndicatorNormalisation } from './normalise.ts';
import { analyseUncertainty, sampleGamma } from './uncertainty.ts';

function syntheticInput(units: number, indicators: number, seed: number): CompositeInput {
  const random = createSeededRandom(seed);
  return {
    units: Array.from({ length: units }, (_, u) => `unit ${u}`),
    indicators: Array.from({ length: indicators }, (_, i) => ({
      code: `I${i}`,
      direction: i % 3 === 2 ? ('lower' as const) : ('higher' as const),
    })),
    values: Array.from({ length: units }, () =>
      Array.from({ length: indicators }, () => 1 + random() * 99),
    ),
  };
}

const baseMethod: CompositeMethod = {
  missing: 'mean',
  normalisation: { kind: 'min-max' },
  weighting: { kind: 'equal' },
  aggregation: { kind: 'arithmetic' },
};

describe('analyseUncertainty', () => {
  const input = syntheticInput(12, 6, 7);
  const options = {
    draws: 400,
    weights: { kind: 'uniform' as const, relativeBound: 0.3 },
    normalisations: [
      { kind: 'min-max' },
      { kind: 'distance-to-leader' },
      { kind: 'rank' },
    ] as IndicatorNormalisation[],
    aggregations: [
      { kind: 'arithmetic' as const },
      { kind: 'geometric' as const, zero: 'shift' as const, offset: 0.01 },
    ],
    keepScores: true,
  };

  it('reproduces a run exactly from the same seed', () => {
    const a = analyseUncertainty(input, baseMethod, {
      ...options,
      normalisations: [{ kind: 'min-max' }, { kind: 'rank' }],
      random: createSeededRandom(42),
    });
    const b = analyseUncertainty(input, baseMethod, {
      ...options,
      normalisations: [{ kind: 'min-max' }, { kind: 'rank' }],
      random: createSeededRandom(42),
    });
    expect(Array.from(b.ranks)).toEqual(Array.from(a.ranks));
    expect(Array.from(b.scores!)).toEqual(Array.from(a.scores!));
    expect(b.units).toEqual(a.units);
    expect(b.sensitivity).toEqual(a.sensitivity);
    expect(Array.from(b.choices.normalisation)).toEqual(Array.from(a.choices.normalisation));
    const c = analyseUncertainty(input, baseMethod, {
      ...options,
      normalisations: [{ kind: 'min-max' }, { kind: 'rank' }],
      random: createSeededRandom(43),
    });
    expect(Array.from(c.ranks)).not.toEqual(Array.from(a.ranks));
  });

  it('reports progress about every 1% of the draws without changing the result', () => {
    const seen: number[] = [];
    const run = (onProgress?: (done: number, draws: number) => void) =>
      analyseUncertainty(input, baseMethod, {
        ...options,
        draws: 250,
        random: createSeededRandom(5),
        ...(onProgress ? { onProgress } : {}),
      });
    const watched = run((done, draws) => {
      expect(draws).toBe(250);
      seen.push(done);
    });
    // every floor(250/100) = 2 draws, then once at the end
    expect(seen.length).toBe(125);
    expect(seen[0]).toBe(2);
    expect(seen.at(-1)).toBe(250);
    expect(Array.from(watched.ranks)).toEqual(Array.from(run().ranks));
  });

  it('without uncertainty every draw is the base ranking', () => {
    const r = analyseUncertainty(input, baseMethod, { draws: 50, random: createSeededRandom(1) });
    const base = computeCompositeIndex(input, baseMethod);
    for (const unit of r.units) {
      const u = input.units.indexOf(unit.unit);
      expect([unit.baseRank, unit.medianRank, unit.lowRank, unit.highRank]).toEqual(
        Array(4).fill(base.ranks[u]),
      );
      expect(unit.rankVariance).toBe(0);
    }
    expect(r.sensitivity).toEqual([]);
  });

  it('percentiles are the inverse ECDF (Hyndman–Fan type 1) of the drawn ranks', () => {
    const r = analyseUncertainty(input, baseMethod, { ...options, random: createSeededRandom(9) });
    const n = input.units.length;
    r.units.forEach((unit, u) => {
      const ranks = Array.from({ length: r.draws }, (_, d) => r.ranks[d * n + u]!);
      expect(unit.medianRank).toBe(computePercentile(ranks, 0.5, 'type1'));
      expect(unit.lowRank).toBe(computePercentile(ranks, 0.05, 'type1'));
      expect(unit.highRank).toBe(computePercentile(ranks, 0.95, 'type1'));
      expect(unit.meanRank).toBeCloseTo(ranks.reduce((s, x) => s + x, 0) / r.draws, 9);
      expect(unit.lowRank).toBeLessThanOrEqual(unit.medianRank);
      expect(unit.medianRank).toBeLessThanOrEqual(unit.highRank);
    });
  });

  it('S = 1 when the rank depends only on the normalisation chosen', () => {
    const methods: IndicatorNormalisation[] = [{ kind: 'min-max' }, { kind: 'rank' }];
    const r = analyseUncertainty(input, baseMethod, {
      draws: 300,
      random: createSeededRandom(5),
      normalisations: methods,
    });
    const [first, second] = methods.map(
      (normalisation) => computeCompositeIndex(input, { ...baseMethod, normalisation }).ranks,
    );
    const entry = r.sensitivity.find((s) => s.factor === 'normalisation')!;
    expect(entry.estimator).toBe('levels');
    input.units.forEach((_, u) => {
      if (first![u] === second![u]) expect(entry.perUnit[u]).toBeNull();
      else expect(entry.perUnit[u]).toBeCloseTo(1, 9);
    });
    expect(first).not.toEqual(second);
    // R̄ is 0 in the base-method draws and a constant in the others, so it too is determined
    expect(entry.onAverageShift).toBeCloseTo(1, 9);
    const n = input.units.length;
    for (let d = 0; d < r.draws; d += 1) {
      const expected =
        input.units.reduce((s, _, u) => s + Math.abs(r.ranks[d * n + u]! - first![u]!), 0) / n;
      expect(r.averageShift[d]).toBeCloseTo(expected, 12);
    }
  });

  it('with two indicators the binned weight index is near 1', () => {
    const two = syntheticInput(8, 2, 11);
    const r = analyseUncertainty(two, baseMethod, {
      draws: 4000,
      random: createSeededRandom(3),
      weights: { kind: 'uniform', relativeBound: 0.9 },
    });
    // the rank is a function of w1 alone (w2 = 1 − w1), so S ≈ 1 less the binning error
    const entry = r.sensitivity.find((s) => s.factor === 'weight' && s.indicator === 'I0')!;
    expect(entry.mean).not.toBeNull();
    expect(entry.mean!).toBeGreaterThan(0.85);
    expect(entry.mean!).toBeLessThanOrEqual(1);
  });

  it('varies the missing-data rule and the Dirichlet weights', () => {
    const gappy: CompositeInput = {
      ...input,
      values: input.values.map((row, u) => row.map((v, i) => (u === i ? null : v))),
    };
    const r = analyseUncertainty(gappy, baseMethod, {
      draws: 200,
      random: createSeededRandom(8),
      missingRules: ['mean', 'median', 'zero'],
      weights: { kind: 'dirichlet', concentration: 20 },
    });
    expect(r.alternatives.missing).toEqual(['mean', 'median', 'zero']);
    expect(r.sensitivity.map((s) => s.factor)).toContain('missing');
    expect(new Set(Array.from(r.choices.missing))).toEqual(new Set([0, 1, 2]));
  });

  it('property: every draw ranks the units as a permutation', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 15 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer(),
        (units, indicators, seed) => {
          const data = syntheticInput(units, indicators, seed);
          const r = analyseUncertainty(data, baseMethod, {
            ...options,
            draws: 20,
            keepScores: false,
            random: createSeededRandom(seed),
          });
          for (let d = 0; d < r.draws; d += 1) {
            const ranks = Array.from(r.ranks.subarray(d * units, (d + 1) * units)).sort(
              (a, b) => a - b,
            );
            expect(ranks).toEqual(Array.from({ length: units }, (_, u) => u + 1));
          }
          let total = 0;
          for (const c of r.rankCounts) total += c;
          expect(total).toBe(units * r.draws);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('refuses choices that drop units or break the geometric mean', () => {
    const gappy: CompositeInput = {
      ...input,
      values: input.values.map((row, u) => (u === 0 ? [null, ...row.slice(1)] : row)),
    };
    expect(() =>
      analyseUncertainty(gappy, baseMethod, {
        draws: 10,
        random: createSeededRandom(1),
        missingRules: ['mean', 'listwise'],
      }),
    ).toThrow(/listwise exclusion drops unit 0/);
    expect(() =>
      analyseUncertainty(input, baseMethod, {
        draws: 10,
        random: createSeededRandom(1),
        normalisations: [{ kind: 'z-score' }],
        aggregations: [{ kind: 'geometric' }],
      }),
    ).toThrow(/geometric aggregation with z-score normalisation/);
    expect(() =>
      analyseUncertainty(input, baseMethod, { draws: 0, random: createSeededRandom(1) }),
    ).toThrow(/draws/);
  });
});

describe('sampleGamma', () => {
  it('has mean α and variance α (Marsaglia–Tsang, and the boost for α < 1)', () => {
    for (const alpha of [0.4, 2.5]) {
      const random = createSeededRandom(17);
      const n = 40_000;
      let sum = 0;
      let sumSq = 0;
      for (let k = 0; k < n; k += 1) {
        const x = sampleGamma(random, alpha);
        if (!(x >= 0)) throw new Error(`negative gamma deviate ${x}`);
        sum += x;
        sumSq += x * x;
      }
      const mean = sum / n;
      expect(Math.abs(mean - alpha)).toBeLessThan(4 * Math.sqrt(alpha / n));
      expect(sumSq / n - mean * mean).toBeCloseTo(alpha, 1);
    }
  });
});
