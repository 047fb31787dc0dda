import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  normaliseReviewScores,
  rankProposalScores,
  selectByRankWithinBudget,
  selectKnapsackWithinBudget,
  summariseProposalScores,
  weightedRubricScore,
  type FundingCandidate,
} from './review-scores.ts';

const M = 1_000_000;

describe('weightedRubricScore', () => {
  it('is the weighted mean of rescaled criteria on 0–100', () => {
    // (2·4/5 + 1·6/10 + 1·3/5) / 4 × 100 = (1.6 + 0.6 + 0.6) / 4 × 100 = 70.
    const rubric = [
      { key: 'innovation', weight: 2, maxScore: 5 },
      { key: 'feasibility', weight: 1, maxScore: 10 },
      { key: 'impact', weight: 1, maxScore: 5 },
    ];
    expect(weightedRubricScore(rubric, { innovation: 4, feasibility: 6, impact: 3 })).toBeCloseTo(
      70,
      12,
    );
    expect(() => weightedRubricScore(rubric, { innovation: 4, feasibility: 6 })).toThrow(
      'criterion impact: no score given',
    );
    expect(() => weightedRubricScore(rubric, { innovation: 6, feasibility: 6, impact: 3 })).toThrow(
      'criterion innovation: score 6 is outside 0–5',
    );
  });
});

describe('per-reviewer normalisation', () => {
  // Reviewer A scores 60, 80 (mean 70, sd 10); reviewer B scores 40, 50, 60 (mean 50, sd √(200/3)).
  const reviews = [
    { reviewerId: 'A', proposalId: 'p1', score: 60 },
    { reviewerId: 'A', proposalId: 'p2', score: 80 },
    { reviewerId: 'B', proposalId: 'p1', score: 40 },
    { reviewerId: 'B', proposalId: 'p2', score: 60 },
    { reviewerId: 'B', proposalId: 'p3', score: 50 },
  ];

  it('z-score per reviewer with the population standard deviation', () => {
    const sdB = Math.sqrt(200 / 3);
    const z = normaliseReviewScores(reviews, 'z-score').map((r) => r.normalised);
    expect(z[0]).toBeCloseTo(-1, 12);
    expect(z[1]).toBeCloseTo(1, 12);
    expect(z[2]).toBeCloseTo(-10 / sdB, 12);
    expect(z[3]).toBeCloseTo(10 / sdB, 12);
    expect(z[4]).toBeCloseTo(0, 12);
  });

  it('mean-centring keeps the scale: s − reviewer mean + grand mean (58)', () => {
    const c = normaliseReviewScores(reviews, 'mean-centre').map((r) => r.normalised);
    expect(c).toEqual([48, 68, 48, 68, 58]);
    const summary = summariseProposalScores(reviews, 'mean-centre');
    expect(summary).toEqual([
      { proposalId: 'p1', reviews: 2, rawMean: 50, normalisedMean: 48 },
      { proposalId: 'p2', reviews: 2, rawMean: 70, normalisedMean: 68 },
      { proposalId: 'p3', reviews: 1, rawMean: 50, normalisedMean: 58 },
    ]);
  });

  it('a reviewer with one score or equal scores gets z = 0', () => {
    const out = normaliseReviewScores(
      [
        { reviewerId: 'C', proposalId: 'p1', score: 90 },
        { reviewerId: 'D', proposalId: 'p1', score: 70 },
        { reviewerId: 'D', proposalId: 'p2', score: 70 },
      ],
      'z-score',
    );
    expect(out.map((r) => r.normalised)).toEqual([0, 0, 0]);
  });
});

describe('rankProposalScores', () => {
  it('uses competition ranking for ties', () => {
    const ranked = rankProposalScores([
      { id: 'a', score: 70 },
      { id: 'b', score: 90 },
      { id: 'c', score: 70 },
      { id: 'd', score: 50 },
    ]);
    expect(ranked.map((r) => `${r.id}${r.rank}`)).toEqual(['b1', 'a2', 'c2', 'd4']);
  });
});

describe('selection within budget', () => {
  const candidates: FundingCandidate[] = [
    { id: 'a', score: 90, amountKrw: 60 * M },
    { id: 'b', score: 80, amountKrw: 50 * M },
    { id: 'c', score: 75, amountKrw: 50 * M },
    { id: 'd', score: 40, amountKrw: 30 * M },
  ];

  it('greedy by rank skips what does not fit and goes on', () => {
    // Budget 100: a (60) fits, b (50) does not, c (50) does not, d (30) fits: 90 + 40 = 130.
    expect(selectByRankWithinBudget(candidates, 100 * M)).toEqual({
      selected: ['a', 'd'],
      skipped: ['b', 'c'],
      totalScore: 130,
      totalAmountKrw: 90 * M,
    });
  });

  it('the knapsack finds the best subset: b + c = 155 beats a + d = 130', () => {
    expect(selectKnapsackWithinBudget(candidates, 100 * M)).toEqual({
      selected: ['b', 'c'],
      skipped: ['a', 'd'],
      totalScore: 155,
      totalAmountKrw: 100 * M,
    });
  });

  it('rounds requests up to whole units so the budget holds in won', () => {
    // 50.5 million counts as 51 units: two of them (102) do not fit in 101 million.
    const out = selectKnapsackWithinBudget(
      [
        { id: 'x', score: 1, amountKrw: 50_500_000 },
        { id: 'y', score: 1, amountKrw: 50_500_000 },
      ],
      101 * M,
    );
    expect(out.selected).toHaveLength(1);
  });

  const arbitraryCandidates = fc.array(
    fc.record({
      id: fc.uuid(),
      score: fc.double({ min: -5, max: 100, noNaN: true }),
      amountKrw: fc.integer({ min: 0, max: 80 }).map((u) => u * M),
    }),
    { maxLength: 14 },
  );

  it('property: neither method exceeds the budget; knapsack ≥ greedy; knapsack = brute force', () => {
    fc.assert(
      fc.property(arbitraryCandidates, fc.integer({ min: 0, max: 300 }), (items, budgetUnits) => {
        const budget = budgetUnits * M;
        const greedy = selectByRankWithinBudget(items, budget);
        const knap = selectKnapsackWithinBudget(items, budget);
        expect(greedy.totalAmountKrw).toBeLessThanOrEqual(budget);
        expect(knap.totalAmountKrw).toBeLessThanOrEqual(budget);
        expect(knap.totalScore).toBeGreaterThanOrEqual(greedy.totalScore - 1e-9);
        if (items.length <= 10) {
          let best = 0;
          for (let mask = 0; mask < 1 << items.length; mask++) {
            let amount = 0;
            let score = 0;
            items.forEach((c, i) => {
              if (mask & (1 << i)) {
                amount += c.amountKrw;
                score += c.score;
              }
            });
            if (amount <= budget && score > best) best = score;
          }
          expect(knap.totalScore).toBeCloseTo(best, 6);
        }
      }),
      { numRuns: 200 },
    );
  });
});
