import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRegionIndustryTableFromRecord } from './region-industry-table.ts';
import {
  decomposeRegionShiftShare,
  decomposeShiftShare,
  decomposeShiftShareFromTables,
} from './shift-share.ts';

describe('decomposeShiftShare', () => {
  it('matches a hand-computed decomposition', () => {
    // G = 11000/10000 - 1 = 0.1; g_i = 1200/1000 - 1 = 0.2; r = 130/100 - 1 = 0.3
    const result = decomposeShiftShare({
      regionIndustryStart: 100,
      regionIndustryEnd: 130,
      nationIndustryStart: 1000,
      nationIndustryEnd: 1200,
      nationStart: 10000,
      nationEnd: 11000,
    });
    expect(result?.totalChange).toBe(30);
    expect(result?.nationalGrowth).toBeCloseTo(10, 9); // 100·0.1
    expect(result?.industryMix).toBeCloseTo(10, 9); // 100·(0.2 - 0.1)
    expect(result?.regionalShift).toBeCloseTo(10, 9); // 100·(0.3 - 0.2)
  });

  it('handles a declining industry in a growing nation', () => {
    // G = 0.1; g_i = 800/1000 - 1 = -0.2; r = 90/100 - 1 = -0.1
    const result = decomposeShiftShare({
      regionIndustryStart: 100,
      regionIndustryEnd: 90,
      nationIndustryStart: 1000,
      nationIndustryEnd: 800,
      nationStart: 10000,
      nationEnd: 11000,
    });
    expect(result?.nationalGrowth).toBeCloseTo(10, 9); // 100·0.1
    expect(result?.industryMix).toBeCloseTo(-30, 9); // 100·(-0.2 - 0.1)
    expect(result?.regionalShift).toBeCloseTo(10, 9); // 100·(-0.1 + 0.2)
  });

  it('edge cases: zero base totals give null, a zero base region is all regional shift', () => {
    const base = {
      regionIndustryStart: 0,
      regionIndustryEnd: 5,
      nationIndustryStart: 10,
      nationIndustryEnd: 20,
      nationStart: 100,
      nationEnd: 120,
    };
    expect(decomposeShiftShare(base)).toEqual({
      totalChange: 5,
      nationalGrowth: 0,
      industryMix: 0,
      regionalShift: 5,
    });
    expect(decomposeShiftShare({ ...base, nationIndustryStart: 0 })).toBeNull();
    expect(decomposeShiftShare({ ...base, nationStart: 0 })).toBeNull();
    expect(() => decomposeShiftShare({ ...base, nationEnd: -1 })).toThrow(RangeError);
  });

  it('property: the components sum to the total change', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e6 }),
        fc.integer({ min: 0, max: 1e6 }),
        fc.integer({ min: 1, max: 1e7 }),
        fc.integer({ min: 0, max: 1e7 }),
        fc.integer({ min: 1, max: 1e8 }),
        fc.integer({ min: 0, max: 1e8 }),
        (e0, e1, ei0, ei1, n0, n1) => {
          const r = decomposeShiftShare({
            regionIndustryStart: e0,
            regionIndustryEnd: e1,
            nationIndustryStart: ei0,
            nationIndustryEnd: ei1,
            nationStart: n0,
            nationEnd: n1,
          });
          expect(r).not.toBeNull();
          if (!r) return;
          expect(r.nationalGrowth + r.industryMix + r.regionalShift).toBeCloseTo(e1 - e0, 6);
        },
      ),
    );
  });
});

describe('shift-share over tables', () => {
  // 2015: A {X 100, Y 100}, B {X 900, Y 8900}: E_X = 1000, E_Y = 9000, E = 10000
  // 2020: A {X 130, Y 90},  B {X 1070, Y 9710}: E_X = 1200, E_Y = 9800, E = 11000
  const start = createRegionIndustryTableFromRecord({
    A: { X: 100, Y: 100 },
    B: { X: 900, Y: 8900 },
  });
  const end = createRegionIndustryTableFromRecord({
    A: { X: 130, Y: 90 },
    B: { X: 1070, Y: 9710 },
  });

  it('decomposes one region-industry from two tables', () => {
    const r = decomposeShiftShareFromTables(start, end, 'A', 'X');
    expect(r?.nationalGrowth).toBeCloseTo(10, 9); // 100·0.1
    expect(r?.industryMix).toBeCloseTo(10, 9); // 100·(0.2 - 0.1)
    expect(r?.regionalShift).toBeCloseTo(10, 9); // 30 - 20
  });

  it('sums over a region industries', () => {
    // Y: g_Y = 9800/9000 - 1 = 0.08889; NS = 10; IM = 100·(0.08889 - 0.1) = -1.111; RS = -10 - 10 + 1.111
    const r = decomposeRegionShiftShare(start, end, 'A');
    expect(r.totalChange).toBe(20); // (130 + 90) - (100 + 100)
    expect(r.nationalGrowth).toBeCloseTo(20, 9); // 200·0.1
    expect(r.industryMix).toBeCloseTo(10 + 100 * (9800 / 9000 - 1.1), 9);
    expect(r.nationalGrowth + r.industryMix + r.regionalShift).toBeCloseTo(20, 9);
  });
});
