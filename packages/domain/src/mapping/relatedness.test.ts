import { describe, expect, it } from 'vitest';
import { createRegionIndustryTableFromRecord } from './region-industry-table.ts';
import { computeProximityMatrix, computeRegionPortfolio } from './relatedness.ts';

describe('computeProximityMatrix', () => {
  // Each region has 100 jobs; E = 500. National shares: A 30/500 = 0.06, B 0.04, C 0.04, D 430/500 = 0.86.
  // Specialised (LQ >= 1): A in R1, R2, R5 (0.1 > 0.06); B in R1, R3; C in R2, R3;
  // D in R4 (1.0/0.86) and R5 (0.9/0.86), not R1-R3 (0.8/0.86).
  const table = createRegionIndustryTableFromRecord({
    R1: { A: 10, B: 10, C: 0, D: 80 },
    R2: { A: 10, B: 0, C: 10, D: 80 },
    R3: { A: 0, B: 10, C: 10, D: 80 },
    R4: { A: 0, B: 0, C: 0, D: 100 },
    R5: { A: 10, B: 0, C: 0, D: 90 },
  });

  it('matches hand-counted conditional probabilities', () => {
    const { industries, values } = computeProximityMatrix(table);
    expect(industries).toEqual(['A', 'B', 'C', 'D']);
    const third = 1 / 3;
    expect(values).toEqual([
      // A-B: both in R1 / max(3, 2); A-C: R2 / 3; A-D: R5 / 3
      [1, third, third, third],
      // B-C: R3 / max(2, 2)
      [third, 1, 0.5, 0],
      [third, 0.5, 1, 0],
      [third, 0, 0, 1],
    ]);
  });

  it('is symmetric, in [0, 1], and 0 for an industry specialised nowhere', () => {
    const t = createRegionIndustryTableFromRecord({ R1: { A: 5, Z: 0 }, R2: { A: 5, Z: 0 } });
    const { values } = computeProximityMatrix(t);
    expect(values).toEqual([
      [1, 0],
      [0, 0],
    ]);
    const { values: v } = computeProximityMatrix(table, { threshold: 2 });
    v.forEach((row, a) =>
      row.forEach((x, b) => {
        expect(x).toBe(v[b]?.[a]);
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('computeRegionPortfolio', () => {
  it('gives LQ, CAGR and employment per industry of the region', () => {
    const start = createRegionIndustryTableFromRecord({
      A: { X: 100, Y: 100 },
      B: { X: 100, Y: 700 },
    });
    const end = createRegionIndustryTableFromRecord({
      A: { X: 121, Y: 79, Z: 0 },
      B: { X: 79, Y: 721, W: 10 },
    });
    const points = computeRegionPortfolio(start, end, 'A', 2);
    expect(points.map((p) => p.industry)).toEqual(['X', 'Y']); // Z and W: no jobs in A
    // X: LQ (121/200)/(200/1010) = 0.605/0.19802 = 3.0553; CAGR (121/100)^(1/2) - 1 = 0.1
    expect(points[0]?.locationQuotient).toBeCloseTo(121 / 200 / (200 / 1010), 12);
    expect(points[0]?.employmentGrowthRate).toBeCloseTo(0.1, 12);
    expect(points[0]?.employment).toBe(121);
  });
});
