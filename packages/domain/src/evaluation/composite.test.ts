import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeCompositeIndex,
  rankDescending,
  type CompositeInput,
  type CompositeMethod,
} from './composite.ts';

const input: CompositeInput = {
  units: ['Changwon', 'Gumi', 'Ulsan'],
  indicators: [
    { code: 'EXP', name: 'Exports', direction: 'higher' },
    { code: 'DAYS', name: 'Days to first money', direction: 'lower' },
  ],
  values: [
    [10, 5],
    [20, 1],
    [30, 3],
  ],
};

describe('computeCompositeIndex', () => {
  it('hand case: min-max, equal weights, arithmetic', () => {
    // EXP: (x − 10)/20 = 0, ½, 1; DAYS (lower): (5 − x)/4 = 0, 1, ½; scores 0, ¾, ¾
    const r = computeCompositeIndex(input, {
      missing: 'mean',
      normalisation: { kind: 'min-max' },
      weighting: { kind: 'equal' },
      aggregation: { kind: 'arithmetic' },
    });
    expect(r.normalised).toEqual([
      [0, 0],
      [0.5, 1],
      [1, 0.5],
    ]);
    expect(r.scores).toEqual([0, 0.75, 0.75]);
    expect(r.ranks).toEqual([3, 1, 2]); // the tie is broken by input order
    expect(r.method.weights).toEqual([0.5, 0.5]);
    expect(r.method.indicatorCodes).toEqual(['EXP', 'DAYS']);
    expect(r.contributions[1]).toEqual([0.25, 0.5]);
  });

  it('records imputations and listwise exclusions', () => {
    const gappy = {
      ...input,
      values: [
        [10, null],
        [20, 1],
        [30, 3],
      ],
    };
    const mean = computeCompositeIndex(gappy, {
      missing: 'mean',
      normalisation: { kind: 'min-max' },
      weighting: { kind: 'equal' },
      aggregation: { kind: 'arithmetic' },
    });
    expect(mean.imputed).toEqual([{ unit: 0, indicator: 1, value: 2, rule: 'mean' }]);
    const listwise = computeCompositeIndex(gappy, {
      ...mean.method,
      missing: 'listwise',
      weights: undefined,
    });
    expect(listwise.units).toEqual(['Gumi', 'Ulsan']);
    expect(listwise.excludedUnits).toEqual(['Changwon']);
  });

  it('percent of a reference unit names the unit by its input index, even after exclusions', () => {
    const gappy = {
      ...input,
      values: [
        [10, null],
        [20, 1],
        [30, 3],
      ],
    };
    const method: CompositeMethod = {
      missing: 'listwise',
      normalisation: { kind: 'percent-of-reference', referenceUnit: 2 },
      weighting: { kind: 'equal' },
      aggregation: { kind: 'arithmetic' },
    };
    // Ulsan is the reference: EXP 100·20/30, 100; DAYS (lower) 100·3/1, 100
    const r = computeCompositeIndex(gappy, method);
    expect(r.normalised[0]![0]).toBeCloseTo(200 / 3, 12);
    expect(r.normalised[0]![1]).toBeCloseTo(300, 12);
    expect(r.normalised[1]).toEqual([100, 100]);
    expect(() =>
      computeCompositeIndex(gappy, {
        ...method,
        normalisation: { kind: 'percent-of-reference', referenceUnit: 0 },
      }),
    ).toThrow(/reference unit Changwon is not scored/);
  });

  it('the returned method reproduces the scores exactly, for every kind of weighting', () => {
    const methods: CompositeMethod[] = [
      {
        missing: 'median',
        normalisation: { kind: 'z-score' },
        weighting: { kind: 'budget', points: [70, 30] },
        aggregation: { kind: 'arithmetic' },
      },
      {
        missing: 'mean',
        normalisation: { kind: 'distance-to-leader' },
        weighting: {
          kind: 'ahp',
          matrix: [
            [1, 3],
            [1 / 3, 1],
          ],
        },
        aggregation: { kind: 'geometric' },
      },
      {
        missing: 'zero',
        normalisation: { kind: 'rank' },
        weighting: { kind: 'pca' },
        aggregation: { kind: 'arithmetic' },
      },
      {
        missing: 'mean',
        normalisation: { kind: 'min-max' },
        weighting: { kind: 'fixed', weights: [2, 1] },
        aggregation: { kind: 'geometric', zero: 'shift', offset: 0.1 },
      },
    ];
    const data: CompositeInput = {
      ...input,
      units: ['a', 'b', 'c', 'd', 'e'],
      values: [
        [10, 5],
        [20, 1],
        [30, 3],
        [12, 2],
        [25, 4],
      ],
    };
    for (const method of methods) {
      const first = computeCompositeIndex(data, method);
      const again = computeCompositeIndex(
        data,
        JSON.parse(JSON.stringify(first.method)) as CompositeMethod,
      );
      expect(again.scores).toEqual(first.scores);
      expect(again.ranks).toEqual(first.ranks);
      expect(again.method).toEqual(first.method);
    }
  });

  it('rejects a stale method record', () => {
    const r = computeCompositeIndex(input, {
      missing: 'mean',
      normalisation: { kind: 'min-max' },
      weighting: { kind: 'equal' },
      aggregation: { kind: 'arithmetic' },
    });
    expect(() => computeCompositeIndex(input, { ...r.method, weights: [0.6, 0.4] })).toThrow(
      /recorded weights/,
    );
    expect(() =>
      computeCompositeIndex(
        { ...input, indicators: [input.indicators[1]!, input.indicators[0]!] },
        r.method,
      ),
    ).toThrow(/recorded for indicators EXP, DAYS/);
  });
});

describe('rankDescending', () => {
  it('gives a permutation of 1…n, best first', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 1, maxLength: 40 }),
        (scores) => {
          const ranks = Array.from(rankDescending(scores));
          expect([...ranks].sort((a, b) => a - b)).toEqual(scores.map((_, i) => i + 1));
          scores.forEach((s, u) =>
            scores.forEach((t, v) => {
              if (s > t) expect(ranks[u]!).toBeLessThan(ranks[v]!);
            }),
          );
        },
      ),
    );
    expect(Array.from(rankDescending([-Infinity, 0, -Infinity]))).toEqual([2, 1, 3]);
  });
});
