import { describe, expect, it } from 'vitest';
import {
  budgetLinesOf,
  draftTotals,
  formatKrw,
  formatShare,
  parseKrw,
  parsePercent,
  percentText,
  rubricShares,
} from './intake-form.ts';

describe('intake form helpers', () => {
  it('formats and parses amounts with their unit', () => {
    expect(formatKrw(70_000_000)).toBe('KRW 70,000,000');
    expect(formatKrw(null)).toBe('—');
    expect(parseKrw('70,000,000')).toBe(70_000_000);
    expect(parseKrw('KRW 5 000')).toBe(5000);
    expect(parseKrw('')).toBeNull();
    expect(parseKrw('12.5')).toBeNull();
  });

  it('turns percentages into shares and back', () => {
    expect(parsePercent('75')).toBe(0.75);
    expect(parsePercent('33.3%')).toBe(0.333);
    expect(parsePercent('101')).toBeNull();
    expect(percentText(0.6)).toBe('60');
    expect(formatShare(0.82)).toBe('82.0%');
  });

  it('reads budget lines, naming the first bad amount by row', () => {
    const lines = [
      { category: 'personnel', funder: 'public', amount: '40,000,000', note: '' },
      { category: 'materials', funder: 'firm', amount: 'lots', note: '' },
    ];
    expect(budgetLinesOf(lines)).toEqual({ ok: false, field: 'budget.1.amountKrw' });
    const ok = budgetLinesOf([lines[0]!, { ...lines[1]!, amount: '10,000,000' }]);
    expect(ok.ok && draftTotals(ok.lines)).toEqual({
      totalKrw: 50_000_000,
      publicKrw: 40_000_000,
      firmKrw: 10_000_000,
      otherKrw: 0,
      publicShare: 0.8,
      firmShare: 0.2,
    });
  });

  it('gives each rubric criterion its share of the weights', () => {
    expect(rubricShares([{ weight: 3 }, { weight: 1 }])).toEqual([0.75, 0.25]);
    expect(rubricShares([{ weight: 0 }, { weight: 2 }])).toEqual([0, 1]);
  });
});
