import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computePercentile } from './percentile.ts';

describe('computePercentile', () => {
  const xs = [4, 1, 3, 2];
  it('type 7: h = (n-1)p + 1', () => {
    expect(computePercentile(xs, 0.75)).toBeCloseTo(3.25, 12); // h = 3·0.75 + 1 = 3.25 -> 3 + 0.25·(4-3)
    expect(computePercentile(xs, 0.25)).toBeCloseTo(1.75, 12); // h = 1.75 -> 1 + 0.75·1
    expect(computePercentile(xs, 0.5)).toBeCloseTo(2.5, 12); // h = 2.5
    expect(computePercentile([3, 1, 2], 0.5)).toBe(2); // h = 2
  });
  it('type 6: h = (n+1)p, clamped', () => {
    expect(computePercentile(xs, 0.75, 'type6')).toBeCloseTo(3.75, 12); // h = 5·0.75 = 3.75
    expect(computePercentile(xs, 0.25, 'type6')).toBeCloseTo(1.25, 12); // h = 1.25
    expect(computePercentile(xs, 0.1, 'type6')).toBe(1); // h = 0.5 < 1 -> x(1)
    expect(computePercentile(xs, 0.9, 'type6')).toBe(4); // h = 4.5 > n -> x(n)
  });
  it('type 1: nearest rank x(ceil(np))', () => {
    expect(computePercentile(xs, 0.75, 'type1')).toBe(3); // ceil(3) = 3
    expect(computePercentile(xs, 0.76, 'type1')).toBe(4); // ceil(3.04) = 4
    expect(computePercentile(xs, 0.25, 'type1')).toBe(1); // ceil(1) = 1
    expect(computePercentile(xs, 0, 'type1')).toBe(1);
  });
  it('handles the edges', () => {
    expect(computePercentile([], 0.5)).toBeNaN();
    expect(computePercentile([7], 0.3)).toBe(7);
    expect(computePercentile(xs, 1)).toBe(4);
    expect(computePercentile(xs, 0)).toBe(1);
    expect(() => computePercentile(xs, 1.5)).toThrow(RangeError);
    expect(() => computePercentile([1, NaN], 0.5)).toThrow(RangeError);
  });
  it('property: within [min, max] and non-decreasing in p, for every method', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 40 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, p, q) => {
          const [lo, hi] = p <= q ? [p, q] : [q, p];
          for (const method of ['type1', 'type6', 'type7'] as const) {
            const a = computePercentile(values, lo, method);
            const b = computePercentile(values, hi, method);
            expect(a).toBeGreaterThanOrEqual(Math.min(...values));
            expect(b).toBeLessThanOrEqual(Math.max(...values));
            expect(a).toBeLessThanOrEqual(b + 1e-9);
          }
        },
      ),
    );
  });
});
