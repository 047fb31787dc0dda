import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeLocationQuotient,
  computeLocationQuotients,
  computeNationalShare,
  computeRegionShare,
} from './location-quotient.ts';
import {
  createRegionIndustryTable,
  createRegionIndustryTableFromRecord,
} from './region-industry-table.ts';

// A: X 30, Y 70 (e_A = 100); B: X 10, Y 90 (e_B = 100); E_X = 40, E_Y = 160, E = 200.
const table = createRegionIndustryTableFromRecord({ A: { X: 30, Y: 70 }, B: { X: 10, Y: 90 } });

describe('region-industry table', () => {
  it('has margins and a reference universe equal to the sum of the table by default', () => {
    expect(table.regions).toEqual(['A', 'B']);
    expect(table.industries).toEqual(['X', 'Y']);
    expect(table.regionTotal('A')).toBe(100);
    expect(table.industryTotal('Y')).toBe(160);
    expect(table.total()).toBe(200);
    expect(table.get('A', 'missing')).toBe(0);
    expect(table.hasSeparateReference).toBe(false);
  });

  it('sums repeated cells and rejects negative or non-finite values', () => {
    const t = createRegionIndustryTable([
      { region: 1, industry: 'X', value: 2 },
      { region: 1, industry: 'X', value: 3 },
    ]);
    expect(t.get(1, 'X')).toBe(5);
    expect(() => createRegionIndustryTable([{ region: 1, industry: 'X', value: -1 }])).toThrow(
      RangeError,
    );
    expect(() => createRegionIndustryTable([{ region: 1, industry: 'X', value: NaN }])).toThrow(
      RangeError,
    );
  });
});

describe('computeLocationQuotient', () => {
  it('matches hand-computed quotients and shares', () => {
    expect(computeLocationQuotient(table, 'A', 'X')).toBeCloseTo(1.5, 12); // (30/100)/(40/200) = 0.3/0.2
    expect(computeLocationQuotient(table, 'B', 'X')).toBeCloseTo(0.5, 12); // 0.1/0.2
    expect(computeLocationQuotient(table, 'A', 'Y')).toBeCloseTo(0.875, 12); // 0.7/0.8
    expect(computeLocationQuotient(table, 'B', 'Y')).toBeCloseTo(1.125, 12); // 0.9/0.8
    expect(computeRegionShare(table, 'A', 'X')).toBeCloseTo(0.3, 12); // 30/100
    expect(computeNationalShare(table, 'A', 'X')).toBeCloseTo(0.75, 12); // 30/40
  });

  it('uses separately given national totals when only part of the country is loaded', () => {
    const partial = createRegionIndustryTableFromRecord(
      { A: { X: 30, Y: 70 } },
      {
        reference: {
          byIndustry: new Map([
            ['X', 100],
            ['Y', 900],
          ]),
          total: 1000,
        },
      },
    );
    expect(partial.hasSeparateReference).toBe(true);
    expect(computeLocationQuotient(partial, 'A', 'X')).toBeCloseTo(3, 12); // 0.3/(100/1000)
    expect(computeLocationQuotient(partial, 'A', 'Y')).toBeCloseTo(0.7 / 0.9, 12);
    expect(computeNationalShare(partial, 'A', 'X')).toBeCloseTo(0.3, 12); // 30/100
  });

  it('takes the denominators within traded or local industries (US CMP)', () => {
    // A: X 20, Z 20 (traded), L 60 (local); B: X 10, Z 50, L 40.
    const t = createRegionIndustryTableFromRecord({
      A: { X: 20, Z: 20, L: 60 },
      B: { X: 10, Z: 50, L: 40 },
    });
    const groupOf = (i: string | number): string => (i === 'L' ? 'local' : 'traded');
    // traded: e_A = 40, E = 100, E_X = 30 -> (20/40)/(30/100) = 0.5/0.3
    expect(computeLocationQuotient(t, 'A', 'X', { groupOf })).toBeCloseTo(5 / 3, 12);
    // all industries: (20/100)/(30/200) = 0.2/0.15
    expect(computeLocationQuotient(t, 'A', 'X')).toBeCloseTo(4 / 3, 12);
    // local: (60/60)/(100/100) = 1
    expect(computeLocationQuotient(t, 'A', 'L', { groupOf })).toBeCloseTo(1, 12);
    expect(computeRegionShare(t, 'A', 'X', { groupOf })).toBeCloseTo(0.5, 12);
  });

  it('returns null for zero denominators', () => {
    const t = createRegionIndustryTableFromRecord({ A: { X: 0 }, B: { X: 0, Y: 5 } });
    expect(computeLocationQuotient(t, 'A', 'X')).toBeNull(); // e_A = 0
    expect(computeLocationQuotient(t, 'B', 'X')).toBeNull(); // E_X = 0
    expect(computeRegionShare(t, 'A', 'X')).toBeNull();
    expect(computeNationalShare(t, 'B', 'X')).toBeNull();
  });

  it('lists every region and industry', () => {
    const entries = computeLocationQuotients(table);
    expect(entries).toHaveLength(4);
    expect(entries[0]).toMatchObject({ region: 'A', industry: 'X', value: 30 });
  });

  const tables = fc
    .array(
      fc.record({
        region: fc.integer({ min: 0, max: 4 }),
        industry: fc.integer({ min: 0, max: 4 }),
        value: fc.integer({ min: 1, max: 1000 }),
      }),
      { minLength: 1, maxLength: 30 },
    )
    .map((cells) => createRegionIndustryTable(cells));

  it('property: the nation as one region has LQ 1 in every industry', () => {
    fc.assert(
      fc.property(tables, (t) => {
        const nation = createRegionIndustryTable(
          t.industries.map((industry) => ({
            region: 'nation',
            industry,
            value: t.industryTotal(industry),
          })),
        );
        for (const industry of nation.industries) {
          expect(computeLocationQuotient(nation, 'nation', industry)).toBeCloseTo(1, 9);
        }
      }),
    );
  });

  it('property: a region LQs weighted by national shares average 1', () => {
    fc.assert(
      fc.property(tables, (t) => {
        for (const region of t.regions) {
          // Σ_i (E_i/E)·LQ_ri = Σ_i e_ri/e_r = 1
          const sum = t.industries.reduce<number>(
            (s, i) =>
              s + (t.industryTotal(i) / t.total()) * (computeLocationQuotient(t, region, i) ?? 0),
            0,
          );
          expect(sum).toBeCloseTo(1, 9);
        }
      }),
    );
  });
});
