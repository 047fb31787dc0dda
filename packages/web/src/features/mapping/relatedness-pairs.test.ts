import { describe, expect, it } from 'vitest';
import { relatedPairs } from './relatedness-pairs.ts';

const unit = (code: string, specialisedRegions: number) => ({
  unitId: code.charCodeAt(0),
  unitCode: code,
  unitName: `Unit ${code}`,
  specialisedRegions,
});

describe('relatedPairs', () => {
  it('lists each pair of distinct units once, most related first, ties by code', () => {
    const pairs = relatedPairs({
      units: [unit('A', 2), unit('B', 3), unit('C', 1)],
      matrix: [
        [1, 0.5, 0.5],
        [0.5, 1, 1 / 3],
        [0.5, 1 / 3, 1],
      ],
    });
    expect(pairs.map((p) => [p.a.unitCode, p.b.unitCode, p.proximity])).toEqual([
      ['A', 'B', 0.5],
      ['A', 'C', 0.5],
      ['B', 'C', 1 / 3],
    ]);
  });
});
