import { describe, expect, it } from 'vitest';
import {
  computeAbsoluteChange,
  computeCompoundAnnualGrowthRate,
  computePercentageChange,
} from './growth.ts';

describe('growth', () => {
  it('CAGR', () => {
    expect(computeCompoundAnnualGrowthRate(100, 121, 2)).toBeCloseTo(0.1, 12); // (1.21)^(1/2) - 1
    expect(computeCompoundAnnualGrowthRate(1000, 810, 2)).toBeCloseTo(-0.1, 12); // 0.81^(1/2) - 1
    expect(computeCompoundAnnualGrowthRate(100, 0, 3)).toBe(-1);
    expect(computeCompoundAnnualGrowthRate(0, 10, 3)).toBeNull();
    expect(computeCompoundAnnualGrowthRate(10, 10, 0)).toBeNull();
    expect(computeCompoundAnnualGrowthRate(10, -1, 1)).toBeNull();
  });
  it('simple and percentage change', () => {
    expect(computeAbsoluteChange(200, 250)).toBe(50);
    expect(computePercentageChange(200, 250)).toBeCloseTo(25, 12); // 100·50/200
    expect(computePercentageChange(200, 150)).toBeCloseTo(-25, 12);
    expect(computePercentageChange(-10, -5)).toBeCloseTo(50, 12); // 100·5/|-10|
    expect(computePercentageChange(0, 5)).toBeNull();
  });
});
