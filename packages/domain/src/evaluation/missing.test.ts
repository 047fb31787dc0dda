import { describe, expect, it } from 'vitest';
import { handleMissingData, MissingDataError } from './missing.ts';

const table = [
  [1, null],
  [3, 4],
  [null, 8],
  [5, 10],
];

describe('handleMissingData', () => {
  it('listwise exclusion drops the units with a gap', () => {
    const r = handleMissingData(table, 'listwise');
    expect(r.keptUnits).toEqual([1, 3]);
    expect(r.excludedUnits).toEqual([0, 2]);
    expect(r.values).toEqual([
      [3, 4],
      [5, 10],
    ]);
    expect(r.imputed).toEqual([]);
  });

  it('mean imputation within the year', () => {
    const r = handleMissingData(table, 'mean');
    // column 0: (1 + 3 + 5)/3 = 3; column 1: (4 + 8 + 10)/3 = 22/3
    expect(r.values[2]![0]).toBe(3);
    expect(r.values[0]![1]).toBeCloseTo(22 / 3, 12);
    expect(r.imputed).toEqual([
      { unit: 0, indicator: 1, value: 22 / 3, rule: 'mean' },
      { unit: 2, indicator: 0, value: 3, rule: 'mean' },
    ]);
    expect(r.keptUnits).toEqual([0, 1, 2, 3]);
  });

  it('median imputation within the year', () => {
    const r = handleMissingData(table, 'median');
    expect(r.values[2]![0]).toBe(3); // median of 1, 3, 5
    expect(r.values[0]![1]).toBe(8); // median of 4, 8, 10
    const even = handleMissingData([[1], [4], [null], [2], [10]], 'median');
    expect(even.values[2]![0]).toBe(3); // (2 + 4)/2
  });

  it('carries the latest earlier value forward', () => {
    const r = handleMissingData(table, 'carry-forward', {
      history: [
        {
          year: 2020,
          values: [
            [0, 7],
            [0, 0],
            [11, 0],
            [0, 0],
          ],
        },
        {
          year: 2021,
          values: [
            [0, null],
            [0, 0],
            [12, 0],
            [0, 0],
          ],
        },
      ],
    });
    expect(r.values[0]![1]).toBe(7); // 2021 is missing too, so 2020's value
    expect(r.values[2]![0]).toBe(12);
    expect(r.imputed).toEqual([
      { unit: 0, indicator: 1, value: 7, rule: 'carry-forward', fromYear: 2020 },
      { unit: 2, indicator: 0, value: 12, rule: 'carry-forward', fromYear: 2021 },
    ]);
  });

  it('treats missing as zero', () => {
    const r = handleMissingData(table, 'zero');
    expect(r.values[0]).toEqual([1, 0]);
    expect(r.values[2]).toEqual([0, 8]);
    expect(r.imputed).toHaveLength(2);
  });

  it('names the unit and indicator when a cell cannot be filled', () => {
    expect(() =>
      handleMissingData(table, 'carry-forward', {
        unitNames: ['Changwon', 'Gumi', 'Ulsan', 'Banwol'],
        indicatorNames: ['exports', 'patents'],
      }),
    ).toThrow(/Changwon, patents: missing, and no earlier year/);
    expect(() => handleMissingData([[null], [null]], 'mean')).toThrow(MissingDataError);
    expect(() => handleMissingData([[1, 2], [3]], 'zero')).toThrow(
      /unit #1 has 1 values, expected 2/,
    );
    expect(() => handleMissingData([[Infinity]], 'zero')).toThrow(/not finite/);
  });

  it('treats NaN as missing and leaves the input alone', () => {
    const input = [[Number.NaN], [2]];
    const r = handleMissingData(input, 'mean');
    expect(r.values).toEqual([[2], [2]]);
    expect(input[0]![0]).toBeNaN();
  });
});
