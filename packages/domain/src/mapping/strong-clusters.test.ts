import { describe, expect, it } from 'vitest';
import { identifyStrongClusters, type RegionalClusterObservation } from './strong-clusters.ts';

function observe(
  region: string,
  locationQuotient: number | null,
  employment = 100,
  establishments = 10,
  regionType = 'province',
  cluster = 'automotive',
): RegionalClusterObservation {
  return { region, cluster, regionType, locationQuotient, employment, establishments };
}

describe('identifyStrongClusters', () => {
  const fourRegions = [observe('a', 1), observe('b', 2), observe('c', 3), observe('d', 4)];

  it('type 7 and type 1 percentiles give different verdicts on the same data', () => {
    // type 7: P75 of 1,2,3,4: h = 3·0.75 + 1 = 3.25 -> 3.25: only d (LQ 4) is strong
    const type7 = identifyStrongClusters(fourRegions);
    expect(type7.map((v) => v.strong)).toEqual([false, false, false, true]);
    expect(type7[0]?.locationQuotientThreshold).toBeCloseTo(3.25, 12);
    // type 1: x(ceil(4·0.75)) = x(3) = 3: c (LQ 3) is strong too
    const type1 = identifyStrongClusters(fourRegions, { method: 'type1' });
    expect(type1.map((v) => v.strong)).toEqual([false, false, true, true]);
    // type 6: h = 5·0.75 = 3.75 -> 3.75: only d
    expect(identifyStrongClusters(fourRegions, { method: 'type6' })[2]?.strong).toBe(false);
    expect(type7[2]?.failedConditions[0]).toContain('below the top-25% threshold 3.25');
  });

  it('requires employment and establishments at or above the 25th percentile', () => {
    // employment 100, 200, 300, 400: P25 type 7 h = 1.75 -> 100 + 0.75·100 = 175
    const rows = [
      observe('a', 4, 100, 10),
      observe('b', 1, 200, 10),
      observe('c', 2, 300, 10),
      observe('d', 3, 400, 10),
    ];
    const verdicts = identifyStrongClusters(rows);
    expect(verdicts[0]?.employmentThreshold).toBeCloseTo(175, 12);
    expect(verdicts[0]?.strong).toBe(false); // top LQ but too small
    expect(verdicts[0]?.failedConditions).toEqual(['employment 100 below the threshold 175']);
    // establishments 1, 10, 10, 10: P25 h = 1.75 -> 1 + 0.75·9 = 7.75
    const fewFirms = identifyStrongClusters([
      observe('a', 4, 100, 1),
      observe('b', 1, 100, 10),
      observe('c', 2, 100, 10),
      observe('d', 3, 100, 10),
    ]);
    expect(fewFirms[0]?.establishmentsThreshold).toBeCloseTo(7.75, 12);
    expect(fewFirms[0]?.strong).toBe(false);
  });

  it('requires LQ >= 1 and compares within one region type and cluster', () => {
    const rows = [
      ...[0.2, 0.4, 0.6, 0.8].map((lq, k) => observe(`p${k}`, lq)),
      // another region type: its own percentile, so its top LQ 1.2 is strong
      observe('x', 1.2, 100, 10, 'economic area'),
      observe('y', 0.9, 100, 10, 'economic area'),
      // another cluster in the same regions
      observe('p0', 5, 100, 10, 'province', 'shipbuilding'),
    ];
    const v = identifyStrongClusters(rows);
    expect(v[3]?.strong).toBe(false); // top of its group, but LQ 0.8 < 1
    expect(v[3]?.failedConditions).toEqual(['LQ 0.8 below 1']);
    expect(v[4]?.strong).toBe(true);
    expect(v[5]?.strong).toBe(false);
    expect(v[6]?.strong).toBe(true); // alone in its group
  });

  it('top-10% variant', () => {
    // LQ 1..10: P90 type 7 h = 9·0.9 + 1 = 9.1 -> 9.1: only 10 is strong
    const rows = Array.from({ length: 10 }, (_, k) => observe(`r${k}`, k + 1));
    const v = identifyStrongClusters(rows, { topShare: 0.1 });
    expect(v.filter((x) => x.strong).map((x) => x.region)).toEqual(['r9']);
    // top 25%: P75 h = 7.75 -> 7.75: 8, 9, 10
    expect(identifyStrongClusters(rows).filter((x) => x.strong)).toHaveLength(3);
  });

  it('a null LQ is never strong and does not enter the percentile', () => {
    const v = identifyStrongClusters([observe('a', null), observe('b', 2)]);
    expect(v[0]?.strong).toBe(false);
    expect(v[0]?.failedConditions).toEqual(['LQ is undefined']);
    expect(v[1]?.strong).toBe(true);
    expect(identifyStrongClusters([])).toEqual([]);
  });
});
