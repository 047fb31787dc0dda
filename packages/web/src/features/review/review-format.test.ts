import { describe, expect, it } from 'vitest';
import { formatKrw, previewTotal } from './review-format.ts';

describe('review formatting', () => {
  it('computes the weighted total as the server does', () => {
    const rubric = [
      { code: 'merit', weight: 2, maxScore: 10 },
      { code: 'feasibility', weight: 1, maxScore: 5 },
    ];
    // (2·9/10 + 1·5/5) / 3 × 100 = 93.33…
    expect(previewTotal(rubric, { merit: 9, feasibility: 5 })).toBeCloseTo(280 / 3, 9);
    expect(previewTotal(rubric, { merit: 9 })).toBeNull();
    expect(previewTotal(rubric, { merit: 11, feasibility: 5 })).toBeNull();
  });
  it('writes amounts with their unit', () => {
    expect(formatKrw(120_000_000, 'en')).toBe('KRW 120,000,000');
    expect(formatKrw(120_000_000, 'ko')).toBe('120,000,000원');
  });
});
