import { describe, expect, it } from 'vitest';
import { aggregateScores, AggregationError } from './aggregate.ts';

describe('aggregateScores', () => {
  it('arithmetic: Σ w·x with contributions w·x', () => {
    const r = aggregateScores(
      [
        [0.2, 0.8],
        [1, 0.5],
      ],
      [0.25, 0.75],
      { kind: 'arithmetic' },
    );
    expect(r.scores[0]).toBeCloseTo(0.65, 12); // 0.05 + 0.6
    expect(r.scores[1]).toBeCloseTo(0.625, 12); // 0.25 + 0.375
    expect(r.contributions[0]![0]).toBeCloseTo(0.05, 12);
    expect(r.contributions[0]![1]).toBeCloseTo(0.6, 12);
  });

  it('geometric: Π x^w with log-share contributions', () => {
    const r = aggregateScores(
      [
        [4, 16],
        [16, 1],
      ],
      [0.5, 0.5],
      { kind: 'geometric' },
    );
    expect(r.scores[0]).toBeCloseTo(8, 12); // √(4·16)
    expect(r.scores[1]).toBeCloseTo(4, 12); // √16
    // ln 8 = 3 ln 2; shares 0.5·2ln2/3ln2 = 1/3 and 0.5·4ln2/3ln2 = 2/3
    expect(r.contributions[0]![0]).toBeCloseTo(1 / 3, 12);
    expect(r.contributions[0]![1]).toBeCloseTo(2 / 3, 12);
    expect(r.contributions[1]![0]).toBeCloseTo(1, 12);
    expect(r.contributions[1]![1]).toBeCloseTo(0, 12);
    const q = aggregateScores([[16, 1]], [0.25, 0.75], { kind: 'geometric' });
    expect(q.scores[0]).toBeCloseTo(2, 12); // 16^¼
  });

  it('geometric zero handling: limit gives 0, shift adds the offset', () => {
    const limit = aggregateScores([[0, 4]], [0.5, 0.5], { kind: 'geometric', zero: 'limit' });
    expect(limit.scores[0]).toBe(0);
    expect(limit.contributions[0]).toEqual([null, null]);
    const shift = aggregateScores([[0, 3]], [0.5, 0.5], {
      kind: 'geometric',
      zero: 'shift',
      offset: 1,
    });
    expect(shift.scores[0]).toBeCloseTo(2, 12); // √(1·4)
    // a zero with weight zero does not matter
    expect(aggregateScores([[0, 4]], [0, 1], { kind: 'geometric' }).scores[0]).toBeCloseTo(4, 12);
    // a score of 1 has no log-shares
    expect(aggregateScores([[1, 1]], [0.5, 0.5], { kind: 'geometric' }).contributions[0]).toEqual([
      null,
      null,
    ]);
  });

  it('rejects negative values for geometric and bad weights', () => {
    expect(() =>
      aggregateScores([[-0.5, 1]], [0.5, 0.5], { kind: 'geometric' }, ['growth', 'exports']),
    ).toThrow(/unit #0, growth has -0.5/);
    expect(() => aggregateScores([[1, 1]], [0.5, 0.6], { kind: 'arithmetic' })).toThrow(
      AggregationError,
    );
    expect(() =>
      aggregateScores([[1, 1]], [0.5, 0.5], { kind: 'geometric', zero: 'shift' }),
    ).toThrow(/offset > 0/);
  });
});
