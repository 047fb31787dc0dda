import { describe, expect, it } from 'vitest';
import { rateClusterStars } from './cluster-stars.ts';
import { createRegionIndustryTableFromRecord } from './region-industry-table.ts';
import { listRegionalClusters } from './regional-clusters.ts';
import { identifyStrongClusters } from './strong-clusters.ts';

describe('listRegionalClusters', () => {
  const employment = createRegionIndustryTableFromRecord({
    A: { X: 30, Y: 70 },
    B: { X: 10, Y: 90 },
  });
  const establishments = createRegionIndustryTableFromRecord({ A: { X: 3, Y: 7 }, B: { X: 1 } });

  it('lists LQ, size and region employment for each region-cluster', () => {
    const list = listRegionalClusters(employment, establishments, {
      regionTypeOf: () => 'province',
    });
    expect(list).toHaveLength(4);
    expect(list[0]).toMatchObject({
      region: 'A',
      cluster: 'X',
      regionType: 'province',
      employment: 30,
      establishments: 3,
      regionEmployment: 100,
    });
    expect(list[0]?.locationQuotient).toBeCloseTo(1.5, 12); // (30/100)/(40/200)
    expect(list[3]?.establishments).toBe(0); // B, Y: no establishments row
  });

  it('feeds the strong-cluster and star rules', () => {
    const list = listRegionalClusters(employment, establishments);
    // X: LQs 1.5, 0.5 -> P75 type 7 = 0.5 + 0.75·1 = 1.25: A strong (30 jobs >= P25 15, 3 firms >= 1.5)
    // Y: LQs 0.875, 1.125 -> P75 = 1.0625: B passes on LQ and jobs (90 >= 75) but has no
    // establishments row (0 < P25 of 7, 0 = 1.75)
    const verdicts = identifyStrongClusters(list);
    expect(verdicts.map((v) => v.strong)).toEqual([true, false, false, false]);
    expect(verdicts[3]?.failedConditions).toEqual(['establishments 0 below the threshold 1.75']);
    expect(rateClusterStars(list).length).toBe(4);
    expect(listRegionalClusters(employment)[0]?.regionType).toBeUndefined();
  });
});
