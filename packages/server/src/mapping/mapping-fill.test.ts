import { describe, expect, it } from 'vitest';
import { fillSuppressed, type ParsedCell } from './mapping-fill.ts';

const cell = (over: Partial<ParsedCell>): ParsedCell => ({
  row: 2,
  regionId: 1,
  industryId: 10,
  parentId: 1,
  year: 2020,
  measure: 'employment',
  value: null,
  suppressed: true,
  bandLow: null,
  bandHigh: null,
  ...over,
});

describe('filling suppressed cells', () => {
  it('zero: a suppressed cell counts as 0 and is flagged', () => {
    const { cells, issues } = fillSuppressed([cell({})], 'zero');
    expect(issues).toEqual([]);
    expect(cells[0]).toMatchObject({ value: 0, filled: true, fillRule: 'zero' });
  });

  it('band_midpoint: the middle of the published band, and an issue without one', () => {
    const { cells, issues } = fillSuppressed(
      [cell({ bandLow: 20, bandHigh: 99 }), cell({ row: 3, industryId: 11 })],
      'band_midpoint',
    );
    expect(cells[0]).toMatchObject({ value: 59.5, filled: true, fillRule: 'band_midpoint(20-99)' });
    expect(issues).toEqual([{ row: 3, column: 'band_low', message: expect.any(String) as string }]);
  });

  it('parent_share: the parent less its known children, shared by the suppressed ones', () => {
    // Parent 100; known children 30 + 40; two suppressed children share the 30 left: 15 each.
    const { cells, issues } = fillSuppressed(
      [
        cell({ row: 2, industryId: 1, parentId: null, value: 100, suppressed: false }),
        cell({ row: 3, industryId: 10, value: 30, suppressed: false }),
        cell({ row: 4, industryId: 11, value: 40, suppressed: false }),
        cell({ row: 5, industryId: 12 }),
        cell({ row: 6, industryId: 13 }),
        // Another region: no parent value, so the rule cannot apply.
        cell({ row: 7, regionId: 2, industryId: 12 }),
      ],
      'parent_share',
    );
    expect(cells.map((c) => c.value)).toEqual([100, 30, 40, 15, 15, 0]);
    expect(cells.map((c) => c.filled)).toEqual([false, false, false, true, true, true]);
    expect(issues.map((i) => i.row)).toEqual([7]);
  });
});
