import { describe, expect, it } from 'vitest';
import { rateClusterStars, type StarRatingObservation } from './cluster-stars.ts';

// ten region-clusters, employment 100..1000, each in a region of 10 000 jobs
const rows: StarRatingObservation[] = Array.from({ length: 10 }, (_, k) => ({
  region: `r${k}`,
  cluster: 'photonics',
  employment: 100 * (k + 1),
  locationQuotient: k === 0 ? 2.5 : k === 9 ? null : 1 + k / 10,
  regionEmployment: 10_000,
}));

describe('rateClusterStars', () => {
  it('gives size, specialisation and focus stars by the documented defaults', () => {
    const stars = rateClusterStars(rows);
    // size: P90 type 7 of 100..1000: h = 9·0.9 + 1 = 9.1 -> 900 + 0.1·100 = 910
    expect(stars[0]?.sizeThreshold).toBeCloseTo(910, 9);
    // focus shares 0.01..0.10: P90 = 0.091
    expect(stars[0]?.focusThreshold).toBeCloseTo(0.091, 12);
    expect(stars[9]).toMatchObject({ size: true, focus: true, specialisation: false, stars: 2 });
    expect(stars[0]).toMatchObject({ size: false, focus: false, specialisation: true, stars: 1 });
    expect(stars[0]?.focusShare).toBeCloseTo(0.01, 12); // 100/10000
    expect(stars[5]?.stars).toBe(0); // LQ 1.5, 600 jobs, 6% focus
  });

  it('accepts an absolute size threshold and other cut-offs', () => {
    const stars = rateClusterStars(rows, {
      sizeAbsoluteEmployment: 800,
      specialisationMinimumLocationQuotient: 1.8,
      focusTopShare: 0.3,
    });
    expect(stars.filter((s) => s.size).map((s) => s.region)).toEqual(['r7', 'r8', 'r9']);
    // LQ 2.5 (r0) and 1.8 (r8)
    expect(stars.filter((s) => s.specialisation).map((s) => s.region)).toEqual(['r0', 'r8']);
    // P70 of 0.01..0.10: h = 9·0.7 + 1 = 7.3 -> 0.073: r7, r8, r9
    expect(stars.filter((s) => s.focus).map((s) => s.region)).toEqual(['r7', 'r8', 'r9']);
    expect(stars[8]?.stars).toBe(3);
  });

  it('a region without employment has no focus share', () => {
    const stars = rateClusterStars([
      { region: 'a', cluster: 'c', employment: 0, locationQuotient: null, regionEmployment: 0 },
    ]);
    expect(stars[0]?.focusShare).toBeNull();
    expect(stars[0]?.focus).toBe(false);
    expect(rateClusterStars([])).toEqual([]);
  });
});

describe('rateClusterStars: size within the cluster category', () => {
  it('compares employment within the same cluster by default, or across all on request', () => {
    // shipbuilding: 5000 and 100 jobs; photonics: 300 and 200 jobs (regions of 100 000 jobs)
    const mixed: StarRatingObservation[] = [
      {
        region: 'a',
        cluster: 'ship',
        employment: 5000,
        locationQuotient: 1,
        regionEmployment: 1e5,
      },
      { region: 'b', cluster: 'ship', employment: 100, locationQuotient: 1, regionEmployment: 1e5 },
      {
        region: 'a',
        cluster: 'photo',
        employment: 300,
        locationQuotient: 1,
        regionEmployment: 1e5,
      },
      {
        region: 'b',
        cluster: 'photo',
        employment: 200,
        locationQuotient: 1,
        regionEmployment: 1e5,
      },
    ];
    const byCluster = rateClusterStars(mixed);
    // photonics P90 of 200, 300: h = 1·0.9 + 1 = 1.9 -> 200 + 0.9·100 = 290
    expect(byCluster[2]?.sizeThreshold).toBeCloseTo(290, 9);
    expect(byCluster.map((s) => s.size)).toEqual([true, false, true, false]);
    // all: P90 of 100, 200, 300, 5000: h = 3·0.9 + 1 = 3.7 -> 300 + 0.7·4700 = 3590
    const pooled = rateClusterStars(mixed, { sizeComparison: 'all' });
    expect(pooled[2]?.sizeThreshold).toBeCloseTo(3590, 9);
    expect(pooled.map((s) => s.size)).toEqual([true, false, false, false]);
  });
});
