import { describe, expect, it } from 'vitest';
import {
  addMonthsIso,
  binLabels,
  formatKrw,
  parseKrw,
  roundsDistribution,
  scheduleBalance,
  splitEvenly,
} from './delivery-format.ts';

describe('delivery formatting', () => {
  it('reads typed amounts with separators and refuses anything else', () => {
    expect(parseKrw('40,000,000')).toBe(40_000_000);
    expect(parseKrw(' 12 345 ')).toBe(12_345);
    expect(parseKrw('1.5')).toBeNaN();
    expect(parseKrw('')).toBeNaN();
  });

  it('balances a schedule against the grant', () => {
    expect(
      scheduleBalance(100_000_000, [
        { scheduledOn: '2024-04-01', amountKrw: '40,000,000' },
        { scheduledOn: '2025-03-01', amountKrw: '50000000' },
      ]),
    ).toEqual({ sumKrw: 90_000_000, differenceKrw: -10_000_000, valid: false });
    expect(
      scheduleBalance(100, [
        { scheduledOn: '2024-04-01', amountKrw: '40' },
        { scheduledOn: '2025-03-01', amountKrw: '60' },
      ]).valid,
    ).toBe(true);
    expect(scheduleBalance(100, [{ scheduledOn: '', amountKrw: '100' }]).valid).toBe(false);
  });

  it('splits a grant evenly with the remainder last', () => {
    expect(splitEvenly(100, 3)).toEqual([33, 33, 34]);
    expect(splitEvenly(100, 0)).toEqual([]);
  });

  it('adds months clamping to the end of the month', () => {
    expect(addMonthsIso('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonthsIso('2024-03-01', 12)).toBe('2025-03-01');
    expect(addMonthsIso('2024-11-15', 2)).toBe('2025-01-15');
  });

  it('labels bins and money with units', () => {
    expect(
      binLabels([
        { fromDays: -30, toDays: -1 },
        { fromDays: 0, toDays: 29 },
      ]),
    ).toEqual(['-30–-1', '0–29']);
    expect(formatKrw(1234567)).toBe('KRW 1,234,567');
    expect(formatKrw(null)).toBe('—');
  });

  it('counts projects by amendment rounds', () => {
    expect(roundsDistribution([0, 2, 2, 0, 3])).toEqual([2, 0, 2, 1]);
    expect(roundsDistribution([])).toEqual([]);
  });
});
