import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeAverageRanks,
  normaliseColumn,
  normaliseTable,
  NormalisationError,
} from './normalise.ts';

const x = [2, 4, 6, 10];
const higher = { indicator: 0, direction: 'higher' as const };
const lower = { indicator: 0, direction: 'lower' as const };
const close = (actual: Float64Array, expected: number[]): void => {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((e, i) => expect(actual[i]).toBeCloseTo(e, 12));
};

describe('normaliseColumn', () => {
  it('min-max', () => {
    close(normaliseColumn(x, { kind: 'min-max' }, higher), [0, 0.25, 0.5, 1]); // (x - 2)/8
    close(normaliseColumn(x, { kind: 'min-max' }, lower), [1, 0.75, 0.5, 0]); // (10 - x)/8
    close(normaliseColumn([3, 3, 3], { kind: 'min-max' }, higher), [0.5, 0.5, 0.5]);
  });

  it('z-score with the population standard deviation', () => {
    // mean 5.5; squared deviations 12.25 + 2.25 + 0.25 + 20.25 = 35; σ = √(35/4)
    const sd = Math.sqrt(8.75);
    close(normaliseColumn(x, { kind: 'z-score' }, higher), [
      -3.5 / sd,
      -1.5 / sd,
      0.5 / sd,
      4.5 / sd,
    ]);
    close(normaliseColumn(x, { kind: 'z-score' }, lower), [
      3.5 / sd,
      1.5 / sd,
      -0.5 / sd,
      -4.5 / sd,
    ]);
    close(normaliseColumn([7, 7], { kind: 'z-score' }, higher), [0, 0]);
  });

  it('rank with average ranks for ties', () => {
    close(normaliseColumn([3, 1, 3, 2], { kind: 'rank' }, higher), [3.5, 1, 3.5, 2]);
    close(normaliseColumn([3, 1, 3, 2], { kind: 'rank' }, lower), [1.5, 4, 1.5, 3]);
    close(normaliseColumn([5, 5, 5], { kind: 'rank' }, higher), [2, 2, 2]);
  });

  it('distance to a target', () => {
    const method = { kind: 'distance-to-target' as const, targets: [8] };
    close(normaliseColumn(x, method, higher), [0.25, 0.5, 0.75, 1.25]);
    close(normaliseColumn(x, method, lower), [4, 2, 8 / 6, 0.8]);
    expect(() => normaliseColumn(x, { kind: 'distance-to-target', targets: [0] }, higher)).toThrow(
      NormalisationError,
    );
  });

  it('distance to the leader', () => {
    close(normaliseColumn(x, { kind: 'distance-to-leader' }, higher), [0.2, 0.4, 0.6, 1]);
    close(normaliseColumn(x, { kind: 'distance-to-leader' }, lower), [1, 0.5, 2 / 6, 0.2]);
    close(normaliseColumn([0, 0], { kind: 'distance-to-leader' }, higher), [1, 1]);
    expect(() =>
      normaliseColumn([-1, 2], { kind: 'distance-to-leader' }, { ...higher, name: 'exports' }),
    ).toThrow(/exports: distance to the leader needs values ≥ 0/);
    expect(() => normaliseColumn([0, 2], { kind: 'distance-to-leader' }, lower)).toThrow(
      /unit #0 has 0/,
    );
  });

  it('percent of a reference unit', () => {
    const method = { kind: 'percent-of-reference' as const, referenceUnit: 1 };
    close(normaliseColumn(x, method, higher), [50, 100, 150, 250]);
    close(normaliseColumn(x, method, lower), [200, 100, 400 / 6, 40]);
    expect(() => normaliseColumn([1, 0], method, higher)).toThrow(/reference unit #1 has 0/);
    expect(() =>
      normaliseColumn([1, 2], { kind: 'percent-of-reference', referenceUnit: 5 }, higher),
    ).toThrow(/not in the table/);
  });

  it('writes into a given buffer', () => {
    const out = new Float64Array(4);
    expect(normaliseColumn(x, { kind: 'min-max' }, higher, out)).toBe(out);
  });
});

describe('computeAverageRanks', () => {
  it('is a mid-rank and sums to n(n+1)/2', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 30 }),
        (values) => {
          const ranks = computeAverageRanks(values);
          const n = values.length;
          expect(ranks.reduce((s, r) => s + r, 0)).toBeCloseTo((n * (n + 1)) / 2, 9);
          values.forEach((v, i) => {
            const less = values.filter((w) => w < v).length;
            const equal = values.filter((w) => w === v).length;
            expect(ranks[i]).toBeCloseTo(less + (equal + 1) / 2, 12);
          });
        },
      ),
    );
  });
});

describe('normaliseTable', () => {
  it('keeps min-max values in [0, 1] and applies each direction', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 3, maxLength: 3 }),
          {
            minLength: 1,
            maxLength: 20,
          },
        ),
        (table) => {
          const out = normaliseTable(table, { kind: 'min-max' }, ['higher', 'lower', 'higher']);
          for (const row of out) for (const v of row) expect(v >= 0 && v <= 1).toBe(true);
        },
      ),
    );
  });
});
