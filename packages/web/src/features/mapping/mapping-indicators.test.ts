import type { MeasureRow } from '@innocluster/contracts';
import { describe, expect, it } from 'vitest';
import {
  filterAndSortRows,
  formatIndicator,
  legendRange,
  regionValuesFromRows,
} from './mapping-indicators.ts';

function row(regionCode: string, lq: number | null, strong: boolean, stars: number): MeasureRow {
  return {
    regionId: 1,
    regionCode,
    regionName: regionCode,
    unitId: 1,
    unitCode: 'c',
    unitName: 'c',
    kind: 'traded',
    year: 2020,
    value: 10,
    regionTotal: 100,
    nationValue: 50,
    nationTotal: 1000,
    lq,
    shareOfRegion: 0.1,
    shareOfNation: 0.2,
    baseYear: 2011,
    baseValue: 5,
    change: 5,
    cagr: 0.08,
    restsOnFilled: false,
    establishments: 3,
    strong,
    strongTop10: false,
    stars: { size: stars > 0, specialisation: stars > 1, focus: stars > 2, count: stars },
    stage: 'growing',
    stageReason: '',
    stageReasons: [],
  };
}

describe('mapping indicators', () => {
  it('formats each indicator with its unit', () => {
    expect(formatIndicator('lq', 1.234, 'en')).toBe('1.23');
    expect(formatIndicator('shareOfRegion', 0.125, 'en')).toBe('12.5 %');
    expect(formatIndicator('cagr', 0.0315, 'en')).toBe('+3.2 %/yr');
    expect(formatIndicator('cagr', -0.02, 'en')).toBe('-2.0 %/yr');
    expect(formatIndicator('cagr', 0.05, 'ko-KR')).toBe('+5.0 %/년');
    expect(formatIndicator('value', 1234.4, 'en')).toBe('1,234');
    expect(formatIndicator('lq', null, 'en')).toBe('—');
  });

  it('centres the LQ legend on 1 and growth on 0', () => {
    expect(legendRange('lq', [0.5, 1.2])).toEqual({ min: 0.5, max: 1.5 });
    expect(legendRange('cagr', [-0.01, 0.04])).toEqual({ min: -0.04, max: 0.04 });
    expect(legendRange('value', [10, 30])).toEqual({ min: 0, max: 30 });
  });

  it('filters strong rows and sorts with nulls last', () => {
    const rows = [row('A', 0.8, false, 0), row('B', null, true, 1), row('C', 2.5, true, 3)];
    const sorted = filterAndSortRows(rows, { strongOnly: false, stage: '', region: '' }, '-lq');
    expect(sorted.map((r) => r.regionCode)).toEqual(['C', 'A', 'B']);
    const strong = filterAndSortRows(rows, { strongOnly: true, stage: '', region: '' }, 'lq');
    expect(strong.map((r) => r.regionCode)).toEqual(['C', 'B']);
    const byStars = filterAndSortRows(rows, { strongOnly: false, stage: '', region: '' }, '-stars');
    expect(byStars.map((r) => r.regionCode)).toEqual(['C', 'B', 'A']);
  });

  it('sums size and stars per region and takes the highest LQ, like the API', () => {
    const rows = [row('A', 0.8, false, 1), row('A', 1.6, true, 2), row('B', null, false, 0)];
    const lq = regionValuesFromRows(rows, 'lq');
    expect(lq).toEqual([
      { code: 'A', name: 'A', value: 1.6, restsOnFilled: false },
      { code: 'B', name: 'B', value: null, restsOnFilled: false },
    ]);
    expect(regionValuesFromRows(rows, 'value')[0]?.value).toBe(20);
    expect(regionValuesFromRows(rows, 'stars')[0]?.value).toBe(3);
  });
});
