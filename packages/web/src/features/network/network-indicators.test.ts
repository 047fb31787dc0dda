import { describe, expect, it } from 'vitest';
import { percentChangeBetween, reportedFigures } from './network-indicators.ts';

describe('programme indicators', () => {
  it('computes the percent change the programme reported', () => {
    // 150 activities in 2005 and 693 in 2010: 100 × (693 − 150) / 150 = 362%.
    const series = [
      { year: 2005, count: 150 },
      { year: 2010, count: 693 },
    ];
    expect(percentChangeBetween(series, 2005, 2010)).toBeCloseTo(362, 6);
    expect(reportedFigures.activityGrowth.percent).toBe(362);
  });

  it('has no change without a base year or with a zero base', () => {
    expect(percentChangeBetween([{ year: 2010, count: 5 }], 2005, 2010)).toBeNull();
    expect(
      percentChangeBetween(
        [
          { year: 2005, count: 0 },
          { year: 2010, count: 5 },
        ],
        2005,
        2010,
      ),
    ).toBeNull();
  });
});
