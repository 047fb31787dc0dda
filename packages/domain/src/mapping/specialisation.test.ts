import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRegionIndustryTableFromRecord } from './region-industry-table.ts';
import {
  computeEllisonGlaeserIndex,
  computeHerfindahlHirschmanIndex,
  computeHooverCoefficient,
  computeIndustryHooverLocalisation,
  computeKrugmanSpecialisationIndex,
  computeNormalisedHerfindahlHirschmanIndex,
  computeRegionHooverSpecialisation,
} from './specialisation.ts';

// A: X 30, Y 70; B: X 10, Y 90. National shares: X 40/200 = 0.2, Y 0.8.
const table = createRegionIndustryTableFromRecord({ A: { X: 30, Y: 70 }, B: { X: 10, Y: 90 } });

describe('Krugman and Hoover', () => {
  it('matches hand-computed values', () => {
    // |0.3 - 0.2| + |0.7 - 0.8| = 0.2
    expect(computeKrugmanSpecialisationIndex(table, 'A')).toBeCloseTo(0.2, 12);
    expect(computeRegionHooverSpecialisation(table, 'A')).toBeCloseTo(0.1, 12); // ½·0.2
    // X by region: 30/40, 10/40 = 0.75, 0.25; all jobs: 100/200, 100/200 -> ½(0.25 + 0.25)
    expect(computeIndustryHooverLocalisation(table, 'X')).toBeCloseTo(0.25, 12);
    expect(computeHooverCoefficient([1, 0], [0, 1])).toBe(1);
    expect(computeHooverCoefficient([2, 2], [5, 5])).toBe(0);
  });

  it('edge cases', () => {
    expect(computeHooverCoefficient([], [])).toBeNull();
    expect(computeHooverCoefficient([0, 0], [1, 1])).toBeNull();
    expect(() => computeHooverCoefficient([1], [1, 2])).toThrow(RangeError);
    expect(() => computeHooverCoefficient([-1, 2], [1, 2])).toThrow(RangeError);
    expect(computeRegionHooverSpecialisation(table, 'nowhere')).toBeNull();
  });

  it('property: Hoover is in [0, 1] and symmetric', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(1000), fc.nat(1000)), { minLength: 1, maxLength: 20 }),
        (pairs) => {
          const a = pairs.map((p) => p[0]);
          const b = pairs.map((p) => p[1]);
          const h = computeHooverCoefficient(a, b);
          if (h === null) return;
          expect(h).toBeGreaterThanOrEqual(0);
          expect(h).toBeLessThanOrEqual(1 + 1e-12);
          expect(computeHooverCoefficient(b, a)).toBeCloseTo(h, 12);
        },
      ),
    );
  });
});

describe('Herfindahl-Hirschman', () => {
  it('matches hand-computed values', () => {
    // shares 0.5, 0.3, 0.2: 0.25 + 0.09 + 0.04 = 0.38
    expect(computeHerfindahlHirschmanIndex([50, 30, 20])).toBeCloseTo(0.38, 12);
    // (0.38 - 1/3) / (1 - 1/3) = 0.046667 / 0.666667 = 0.07
    expect(computeNormalisedHerfindahlHirschmanIndex([50, 30, 20])).toBeCloseTo(0.07, 12);
    expect(computeHerfindahlHirschmanIndex([5, 5, 5, 5])).toBeCloseTo(0.25, 12);
    expect(computeNormalisedHerfindahlHirschmanIndex([5, 5, 5, 5])).toBeCloseTo(0, 12);
    expect(computeNormalisedHerfindahlHirschmanIndex([9, 0, 0])).toBeCloseTo(1, 12);
  });
  it('edge cases', () => {
    expect(computeHerfindahlHirschmanIndex([])).toBeNull();
    expect(computeHerfindahlHirschmanIndex([0, 0])).toBeNull();
    expect(computeNormalisedHerfindahlHirschmanIndex([7])).toBeNull();
    expect(() => computeHerfindahlHirschmanIndex([1, -1])).toThrow(RangeError);
  });
});

describe('computeEllisonGlaeserIndex', () => {
  // x = 500, 300, 200 of 1000 -> 0.5, 0.3, 0.2; Σx² = 0.25 + 0.09 + 0.04 = 0.38
  const regionEmployment = [500, 300, 200];

  it('matches a hand-computed index with many small plants', () => {
    // s = 0.6, 0.2, 0.2: G = 0.1² + 0.1² + 0 = 0.02; 100 plants of 1: H = 100·0.01² = 0.01
    // γ = (0.02 - 0.62·0.01) / (0.62·0.99) = 0.0138 / 0.6138 = 0.022483
    const r = computeEllisonGlaeserIndex({
      industryEmploymentByRegion: [60, 20, 20],
      regionEmployment,
      plantEmployment: Array.from({ length: 100 }, () => 1),
    });
    expect(r?.rawConcentration).toBeCloseTo(0.02, 12);
    expect(r?.plantHerfindahl).toBeCloseTo(0.01, 12);
    expect(r?.sumSquaredRegionShares).toBeCloseTo(0.38, 12);
    expect(r?.gamma).toBeCloseTo(0.0138 / 0.6138, 12);
  });

  it('matches a hand-computed index with lumpy plants', () => {
    // s = 1, 0, 0: G = 0.25 + 0.09 + 0.04 = 0.38; plants 40, 20, 20, 10, 10: H = .16 + .04 + .04 + .01 + .01 = 0.26
    // γ = (0.38 - 0.62·0.26) / (0.62·0.74) = 0.2188 / 0.4588
    const r = computeEllisonGlaeserIndex({
      industryEmploymentByRegion: [100, 0, 0],
      regionEmployment,
      plantEmployment: [40, 20, 20, 10, 10],
    });
    expect(r?.gamma).toBeCloseTo(0.2188 / 0.4588, 12);
  });

  it('edge cases: one plant or one region leaves γ undefined; empty input is null', () => {
    expect(
      computeEllisonGlaeserIndex({
        industryEmploymentByRegion: [10, 0],
        regionEmployment: [50, 50],
        plantEmployment: [10],
      })?.gamma,
    ).toBeNull();
    expect(
      computeEllisonGlaeserIndex({
        industryEmploymentByRegion: [10],
        regionEmployment: [50],
        plantEmployment: [5, 5],
      })?.gamma,
    ).toBeNull();
    expect(
      computeEllisonGlaeserIndex({
        industryEmploymentByRegion: [0, 0],
        regionEmployment: [50, 50],
        plantEmployment: [1, 1],
      }),
    ).toBeNull();
    expect(() =>
      computeEllisonGlaeserIndex({
        industryEmploymentByRegion: [1],
        regionEmployment: [1, 2],
        plantEmployment: [1],
      }),
    ).toThrow(RangeError);
  });
});
