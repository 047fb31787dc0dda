import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../random.ts';
import { computeLocationQuotient } from './location-quotient.ts';
import { createRegionIndustryTable, type RegionIndustryTable } from './region-industry-table.ts';
import { computeProximityMatrix } from './relatedness.ts';
import { simulateRankUncertainty } from './selection.ts';
import { decomposeRegionShiftShare } from './shift-share.ts';
import {
  computeEllisonGlaeserIndex,
  computeHerfindahlHirschmanIndex,
  computeKrugmanSpecialisationIndex,
  computeNormalisedHerfindahlHirschmanIndex,
  computeRegionHooverSpecialisation,
} from './specialisation.ts';

const tables = fc
  .array(
    fc.record({
      region: fc.integer({ min: 0, max: 5 }),
      industry: fc.integer({ min: 0, max: 5 }),
      value: fc.integer({ min: 0, max: 1000 }),
    }),
    { minLength: 1, maxLength: 36 },
  )
  .map((cells) => createRegionIndustryTable(cells));

describe('mapping properties', () => {
  it('region shift-share components sum to the region change', () => {
    fc.assert(
      fc.property(tables, tables, (start: RegionIndustryTable, end: RegionIndustryTable) => {
        for (const region of new Set([...start.regions, ...end.regions])) {
          const r = decomposeRegionShiftShare(start, end, region);
          expect(r.nationalGrowth + r.industryMix + r.regionalShift).toBeCloseTo(r.totalChange, 6);
          expect(r.totalChange).toBe(end.regionTotal(region) - start.regionTotal(region));
        }
      }),
    );
  });

  it('Krugman = 2 × Hoover, in [0, 2]', () => {
    fc.assert(
      fc.property(tables, (t) => {
        for (const region of t.regions) {
          const k = computeKrugmanSpecialisationIndex(t, region);
          const h = computeRegionHooverSpecialisation(t, region);
          if (k === null || h === null) {
            expect(k).toBe(h);
            continue;
          }
          expect(k).toBeCloseTo(2 * h, 12);
          expect(k).toBeGreaterThanOrEqual(0);
          expect(k).toBeLessThanOrEqual(2 + 1e-12);
        }
      }),
    );
  });

  it('HHI in [1/n, 1], normalised HHI in [0, 1]', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(1000), { minLength: 2, maxLength: 20 }), (values) => {
        const h = computeHerfindahlHirschmanIndex(values);
        if (h === null) return;
        expect(h).toBeGreaterThanOrEqual(1 / values.length - 1e-12);
        expect(h).toBeLessThanOrEqual(1 + 1e-12);
        const n = computeNormalisedHerfindahlHirschmanIndex(values) as number;
        expect(n).toBeGreaterThanOrEqual(-1e-12);
        expect(n).toBeLessThanOrEqual(1 + 1e-12);
      }),
    );
  });

  it('Ellison-Glaeser equals its second form (G / (1 − Σx²) − H) / (1 − H)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 1, max: 5000 })), {
          minLength: 2,
          maxLength: 10,
        }),
        fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 2, maxLength: 30 }),
        (regions, plants) => {
          const r = computeEllisonGlaeserIndex({
            industryEmploymentByRegion: regions.map((p) => p[0]),
            regionEmployment: regions.map((p) => p[1]),
            plantEmployment: plants,
          });
          if (r === null || r.gamma === null) return;
          const second =
            (r.rawConcentration / (1 - r.sumSquaredRegionShares) - r.plantHerfindahl) /
            (1 - r.plantHerfindahl);
          expect(r.gamma).toBeCloseTo(second, 9);
        },
      ),
    );
  });

  it('proximity is symmetric, in [0, 1], and matches a direct count', () => {
    fc.assert(
      fc.property(tables, (t) => {
        const { industries, values } = computeProximityMatrix(t);
        const specialisedIn = (i: string | number) =>
          t.regions.filter((r) => (computeLocationQuotient(t, r, i) ?? 0) >= 1);
        industries.forEach((i, a) =>
          industries.forEach((j, b) => {
            const x = values[a]?.[b] as number;
            expect(x).toBe(values[b]?.[a]);
            // P(j | i) and P(i | j) from region lists
            const si = specialisedIn(i);
            const sj = specialisedIn(j);
            const together = si.filter((r) => sj.includes(r)).length;
            const conditional = [si.length, sj.length].map((n) => (n === 0 ? 0 : together / n));
            expect(x).toBeCloseTo(Math.min(...conditional), 12);
          }),
        );
      }),
    );
  });

  it('rank uncertainty summaries are ordered and deterministic per seed', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(100), fc.nat(100), fc.nat(100)), { minLength: 1, maxLength: 8 }),
        fc.integer(),
        (rows, seed) => {
          const candidates = rows.map((r, k) => ({ id: `c${k}`, v: r }));
          const config = {
            id: (c: (typeof candidates)[number]) => c.id,
            criteria: [0, 1, 2].map((i) => ({
              key: `k${i}`,
              label: `K${i}`,
              weight: 1,
              measure: (c: (typeof candidates)[number]) => c.v[i] ?? 0,
            })),
          };
          const options = () => ({
            iterations: 30,
            random: createSeededRandom(seed),
            weightBounds: { k0: [0.1, 1] as const, k1: [0.1, 1] as const },
            topK: 2,
          });
          const result = simulateRankUncertainty(candidates, config, options());
          expect(simulateRankUncertainty(candidates, config, options())).toEqual(result);
          for (const c of result) {
            expect(c.minRank).toBeLessThanOrEqual(c.rankP5);
            expect(c.rankP5).toBeLessThanOrEqual(c.medianRank);
            expect(c.medianRank).toBeLessThanOrEqual(c.rankP95);
            expect(c.rankP95).toBeLessThanOrEqual(c.maxRank);
            expect(c.topKShare).toBeGreaterThanOrEqual(0);
            expect(c.topKShare).toBeLessThanOrEqual(1);
          }
        },
      ),
      { numRuns: 50 },
    );
  });
});
