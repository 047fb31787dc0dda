import { describe, expect, it } from 'vitest';
import { assessLifeCycleStage, describeLifeCycleReason, type ClusterYear } from './life-cycle.ts';

function years(
  employment: readonly number[],
  lq: readonly (number | null)[],
  establishments?: readonly number[],
  from = 2020,
): ClusterYear[] {
  return employment.map((e, k) => ({
    year: from + k,
    employment: e,
    locationQuotient: lq[k] ?? null,
    ...(establishments ? { establishments: establishments[k] ?? 0 } : {}),
  }));
}

describe('assessLifeCycleStage', () => {
  it('growing: specialised and employment up 10% a year', () => {
    // CAGR 2020-2022: (1210/1000)^(1/2) - 1 = 0.1
    const a = assessLifeCycleStage(years([1000, 1100, 1210], [1.5, 1.5, 1.5]));
    expect(a.stage).toBe('growing');
    expect(a.employmentGrowthRate).toBeCloseTo(0.1, 12);
    expect(a.locationQuotientSlope).toBeCloseTo(0, 12);
    expect(a.explanation).toBe(
      'Growing: LQ 1.50 is at least 1; employment grew 10.0% a year in 2020-2022, at least 2.0%.',
    );
  });

  it('growing on a rising LQ even with flat employment', () => {
    // LQ 1.0, 1.1, 1.2: least-squares slope 0.1 a year >= 0.02
    const a = assessLifeCycleStage(years([1000, 1000, 1000], [1.0, 1.1, 1.2]));
    expect(a.stage).toBe('growing');
    expect(a.locationQuotientSlope).toBeCloseTo(0.1, 12);
    expect(a.reasons).toContain('LQ rose 0.100 a year (trend threshold 0.02)');
  });

  it('declining: employment down 10% a year', () => {
    // (810/1000)^(1/2) - 1 = -0.1 <= -0.01
    const a = assessLifeCycleStage(years([1000, 900, 810], [2, 2, 2]));
    expect(a.stage).toBe('declining');
    expect(a.reasons[0]).toBe(
      'employment fell 10.0% a year in 2020-2022, a change at or below -1.0%',
    );
  });

  it('declining: LQ falling and establishments shrinking with flat employment', () => {
    // LQ 1.5, 1.4, 1.3: slope -0.1; establishments (81/100)^(1/2) - 1 = -0.1
    const a = assessLifeCycleStage(years([1000, 1000, 1000], [1.5, 1.4, 1.3], [100, 90, 81]));
    expect(a.stage).toBe('declining');
    expect(a.establishmentsGrowthRate).toBeCloseTo(-0.1, 12);
    expect(a.reasons).toEqual([
      'LQ fell 0.100 a year (trend threshold 0.02)',
      'establishments fell 10.0% a year',
    ]);
  });

  it('emerging: not yet specialised', () => {
    const a = assessLifeCycleStage(years([100, 110, 121], [0.5, 0.55, 0.6]));
    expect(a.stage).toBe('emerging');
    expect(a.reasons[0]).toBe('LQ 0.60 is below 1: not yet specialised');
  });

  it('emerging from nothing: undefined CAGR, positive employment', () => {
    const a = assessLifeCycleStage(years([0, 20, 50], [null, 0.2, 0.4]));
    expect(a.stage).toBe('emerging');
    expect(a.employmentGrowthRate).toBeNull();
    expect(a.reasons[1]).toBe('employment rose from 0 to 50 in 2020-2022');
  });

  it('mature: specialised, employment within the band', () => {
    // (1010/1000)^(1/2) - 1 = 0.005: between -1% and 2%
    const a = assessLifeCycleStage(years([1000, 1005, 1010], [1.8, 1.8, 1.8]));
    expect(a.stage).toBe('mature');
    expect(a.explanation).toContain(
      'employment grew 0.5% a year in 2020-2022, a change between -1.0% and 2.0%',
    );
  });

  it('uses only the window and configurable thresholds', () => {
    // 2010-2015 collapse, 2017-2022 (window of 5 from 2022) steady growth of 10%
    const trajectory: ClusterYear[] = [
      { year: 2010, employment: 5000, locationQuotient: 3 },
      { year: 2017, employment: 1000, locationQuotient: 1.2 },
      { year: 2022, employment: 1610.51, locationQuotient: 1.2 }, // 1000·1.1^5
    ];
    const a = assessLifeCycleStage(trajectory);
    expect(a.fromYear).toBe(2017);
    expect(a.stage).toBe('growing');
    expect(a.employmentGrowthRate).toBeCloseTo(0.1, 9);
    expect(assessLifeCycleStage(trajectory, { windowYears: 20 }).stage).toBe('declining');
    expect(assessLifeCycleStage(trajectory, { growthRate: 0.15 }).stage).toBe('mature');
  });

  it('gives no stage for a trajectory shorter than two years', () => {
    expect(assessLifeCycleStage([]).stage).toBeNull();
    const one = assessLifeCycleStage(years([10], [1]));
    expect(one.stage).toBeNull();
    expect(one.explanation).toBe('No stage: fewer than two years of data in the window.');
  });

  it('gives each reason as a code with its numbers, and the English from the codes', () => {
    // CAGR (1210/1000)^(1/2) - 1 = 0.1 >= 0.02 with LQ 1.5 >= 1: growing.
    const a = assessLifeCycleStage(years([1000, 1100, 1210], [1.5, 1.5, 1.5]));
    expect(a.reasonCodes.map((r) => r.code)).toEqual(['lq_at_least', 'employment_growing']);
    expect(a.reasonCodes[0]!.params).toEqual({ lq: 1.5, threshold: 1 });
    const growth = a.reasonCodes[1]!.params;
    expect(growth.cagr).toBeCloseTo(0.1, 12);
    expect(growth).toMatchObject({ threshold: 0.02, fromYear: 2020, toYear: 2022 });
    expect(a.reasonCodes.map(describeLifeCycleReason)).toEqual(a.reasons);

    // LQ 1.5, 1.4, 1.3 (slope -0.1) and establishments 100, 90, 81 (-10% a year): declining.
    const d = assessLifeCycleStage(years([1000, 1000, 1000], [1.5, 1.4, 1.3], [100, 90, 81]));
    expect(d.reasonCodes.map((r) => r.code)).toEqual(['lq_falling', 'establishments_falling']);
    expect(d.reasonCodes[0]!.params.slope).toBeCloseTo(-0.1, 12);
    expect(d.reasonCodes[1]!.params.rate).toBeCloseTo(-0.1, 12);

    // (1010/1000)^(1/2) - 1 = 0.005 with a flat LQ of 1.8: mature, band -1%..2%.
    const m = assessLifeCycleStage(years([1000, 1005, 1010], [1.8, 1.8, 1.8]));
    expect(m.reasonCodes.map((r) => r.code)).toEqual([
      'lq_at_least',
      'employment_within_band',
      'lq_trend_flat',
    ]);
    expect(m.reasonCodes[1]!.params).toMatchObject({
      declineThreshold: -0.01,
      growthThreshold: 0.02,
    });
    expect(assessLifeCycleStage([]).reasonCodes).toEqual([{ code: 'too_few_years', params: {} }]);
  });
});
