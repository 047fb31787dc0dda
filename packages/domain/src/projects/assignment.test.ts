import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assignReviewers,
  assignReviewersGreedy,
  expertiseCost,
  keywordVector,
  type ReviewerAssignmentInput,
  type ReviewerPair,
} from './assignment.ts';

/** Every k-subset of 0..m-1. */
function subsets(m: number, k: number): number[][] {
  const out: number[][] = [];
  const walk = (start: number, acc: number[]): void => {
    if (acc.length === k) {
      out.push([...acc]);
      return;
    }
    for (let e = start; e < m; e++) walk(e + 1, [...acc, e]);
  };
  walk(0, []);
  return out;
}

/** Exhaustive minimum over every choice of k reviewers per proposal; null when none is feasible. */
function bruteForce(
  costs: number[][],
  k: number,
  maxLoad: number,
  minLoad: number,
  blocked: Set<string>,
  fixed: Set<string> = new Set(),
): number | null {
  const n = costs.length;
  const m = costs[0]?.length ?? 0;
  const choices = subsets(m, k);
  let best: number | null = null;
  const load = new Array<number>(m).fill(0);
  const walk = (p: number, acc: number): void => {
    if (p === n) {
      if (load.every((l) => l >= minLoad && l <= maxLoad) && (best === null || acc < best))
        best = acc;
      return;
    }
    for (const set of choices) {
      if (set.some((e) => blocked.has(`${p},${e}`))) continue;
      if ([...fixed].some((f) => f.startsWith(`${p},`) && !set.includes(Number(f.split(',')[1]))))
        continue;
      let c = 0;
      for (const e of set) {
        load[e] = load[e]! + 1;
        c += costs[p]![e]!;
      }
      walk(p + 1, acc + c);
      for (const e of set) load[e] = load[e]! - 1;
    }
  };
  walk(0, 0);
  return best;
}

function inputOf(
  costs: number[][],
  k: number,
  maxLoad: number,
  extra: Partial<ReviewerAssignmentInput> = {},
): ReviewerAssignmentInput {
  return {
    proposalCount: costs.length,
    evaluatorCount: costs[0]?.length ?? 0,
    reviewersPerProposal: k,
    maxLoad,
    cost: (p, e) => costs[p]![e]!,
    ...extra,
  };
}

describe('assignReviewers', () => {
  it('solves a hand-worked case where greedy is worse', () => {
    // Two proposals, two evaluators, one review each, at most one proposal per evaluator.
    // Greedy serves proposal 0 first (ties by index) with evaluator 0 (cost 1), leaving
    // proposal 1 evaluator 1 at cost 10: total 11. The optimum swaps them: 2 + 2 = 4.
    const costs = [
      [1, 2],
      [2, 10],
    ];
    const opt = assignReviewers(inputOf(costs, 1, 1));
    expect(opt).toMatchObject({ ok: true, totalCost: 4 });
    if (!opt.ok) return;
    expect(opt.reviewersOf).toEqual([[1], [0]]);
    const greedy = assignReviewersGreedy(inputOf(costs, 1, 1));
    expect(greedy).toMatchObject({ ok: true, totalCost: 11 });
  });

  it('never uses a conflicted pair, even when it is cheapest', () => {
    const costs = [
      [0, 5, 5],
      [0, 5, 1],
    ];
    const conflicts: ReviewerPair[] = [{ proposal: 0, evaluator: 0 }];
    const out = assignReviewers(inputOf(costs, 2, 2, { conflicts }));
    // Proposal 0 must take {1, 2} (cost 10); proposal 1 takes {0, 2} (cost 1): total 11.
    expect(out).toMatchObject({
      ok: true,
      totalCost: 11,
      reviewersOf: [
        [1, 2],
        [0, 2],
      ],
    });
  });

  it('honours fixed and forbidden pairs', () => {
    const costs = [
      [1, 2, 3],
      [1, 2, 3],
    ];
    const out = assignReviewers(
      inputOf(costs, 1, 2, {
        fixed: [{ proposal: 0, evaluator: 2 }],
        forbidden: [{ proposal: 1, evaluator: 0 }],
      }),
    );
    expect(out).toMatchObject({ ok: true, totalCost: 5, reviewersOf: [[2], [1]] });
  });

  it('meets minimum loads at the least cost', () => {
    // Evaluator 0 is cheapest for everyone, but evaluator 1 must take at least 2 of 3.
    const costs = [
      [0, 3],
      [0, 1],
      [0, 2],
    ];
    const out = assignReviewers(inputOf(costs, 1, 3, { minLoad: [0, 2] }));
    expect(out).toMatchObject({ ok: true, totalCost: 3, reviewersOf: [[0], [1], [1]] });
  });

  it('names the proposal that cannot get k non-conflicted reviewers', () => {
    const costs = [
      [1, 1, 1],
      [1, 1, 1],
    ];
    const out = assignReviewers(
      inputOf(costs, 2, 2, {
        conflicts: [
          { proposal: 1, evaluator: 0 },
          { proposal: 1, evaluator: 1 },
        ],
      }),
    );
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.issues).toEqual([
      {
        kind: 'proposal_short',
        proposal: 1,
        available: 1,
        needed: 2,
        message:
          'proposal 1 needs 2 more reviewers but only 1 non-conflicted evaluators with free capacity remain',
      },
    ]);
  });

  it('reports a group of proposals whose evaluators are too few (min cut)', () => {
    // Proposals 0, 1 and 3 are conflicted with evaluator 2, so all three compete for
    // evaluators 0 and 1, who take one proposal each: three reviews needed, two available.
    // Each proposal alone has two eligible evaluators, so only the group check finds it.
    const costs = [
      [1, 1, 1],
      [1, 1, 1],
      [1, 1, 1],
      [1, 1, 1],
    ];
    const conflicts: ReviewerPair[] = [
      { proposal: 0, evaluator: 2 },
      { proposal: 1, evaluator: 2 },
      { proposal: 3, evaluator: 2 },
    ];
    const out = assignReviewers(inputOf(costs, 1, 0, { conflicts, maxLoad: [1, 1, 2] }));
    expect(out.ok).toBe(false);
    if (out.ok) return;
    const issue = out.issues[0]!;
    expect(issue.kind).toBe('proposal_group_short');
    if (issue.kind !== 'proposal_group_short') return;
    expect(issue.proposals).toEqual([0, 1, 3]);
    expect(issue.needed).toBe(3);
    expect(issue.available).toBe(2);
  });

  it('reports too little capacity and minimum loads that cannot all be met', () => {
    const costs = [
      [1, 1],
      [1, 1],
      [1, 1],
    ];
    expect(assignReviewers(inputOf(costs, 1, 1))).toMatchObject({
      ok: false,
      issues: [
        { kind: 'capacity', message: '3 reviews are needed but evaluators can take only 2' },
      ],
    });
    expect(assignReviewers(inputOf(costs, 1, 3, { minLoad: 2 }))).toMatchObject({
      ok: false,
      issues: [
        {
          kind: 'minimum_exceeds_demand',
          message: 'minimum loads add up to 4 reviews but only 3 are needed',
        },
      ],
    });
    // Evaluator 1 must take 2 but is conflicted with proposals 0 and 1; only proposal 2 is free,
    // so the per-evaluator check names it.
    const out = assignReviewers(
      inputOf(costs, 1, 3, {
        minLoad: [0, 2],
        conflicts: [
          { proposal: 0, evaluator: 1 },
          { proposal: 1, evaluator: 1 },
        ],
      }),
    );
    expect(out).toMatchObject({
      ok: false,
      issues: [{ kind: 'evaluator_short', evaluator: 1, available: 1, needed: 2 }],
    });
  });

  it('finds minimum loads unmet that no single evaluator check reveals', () => {
    // Evaluators 0 and 1 must each take one proposal and may only review proposal 0, which
    // needs one reviewer: each alone is fine, both together cannot be served.
    const out = assignReviewers(
      inputOf(
        [
          [1, 2, 1],
          [1, 1, 1],
        ],
        1,
        1,
        {
          minLoad: [1, 1, 0],
          conflicts: [
            { proposal: 1, evaluator: 0 },
            { proposal: 1, evaluator: 1 },
          ],
        },
      ),
    );
    expect(out).toMatchObject({
      ok: false,
      issues: [{ kind: 'minimum_load_unmet', evaluators: [1] }],
    });
  });

  it('refuses a fixed pair that is conflicted', () => {
    const out = assignReviewers(
      inputOf([[1, 1]], 1, 1, {
        conflicts: [{ proposal: 0, evaluator: 1 }],
        fixed: [{ proposal: 0, evaluator: 1 }],
      }),
    );
    expect(out).toMatchObject({
      ok: false,
      issues: [
        {
          kind: 'fixed_pair_blocked',
          message: 'fixed pair (proposal 0, evaluator 1) is a conflict of interest',
        },
      ],
    });
  });

  const tiny = fc
    .record({
      n: fc.integer({ min: 1, max: 4 }),
      m: fc.integer({ min: 2, max: 4 }),
      seed: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 16, maxLength: 16 }),
      conflictMask: fc.array(fc.boolean(), { minLength: 16, maxLength: 16 }),
      maxLoad: fc.integer({ min: 1, max: 4 }),
      minLoad: fc.integer({ min: 0, max: 2 }),
    })
    .chain((r) =>
      fc.record({
        k: fc.integer({ min: 1, max: r.m }),
        r: fc.constant(r),
      }),
    );

  it('property: optimal equals brute force on tiny random cases, and every bound holds', () => {
    fc.assert(
      fc.property(tiny, ({ k, r }) => {
        const costs = Array.from({ length: r.n }, (_, p) =>
          Array.from({ length: r.m }, (_, e) => r.seed[p * 4 + e]!),
        );
        const conflicts: ReviewerPair[] = [];
        const blocked = new Set<string>();
        for (let p = 0; p < r.n; p++) {
          for (let e = 0; e < r.m; e++) {
            if (r.conflictMask[p * 4 + e] && (p + e) % 3 === 0) {
              conflicts.push({ proposal: p, evaluator: e });
              blocked.add(`${p},${e}`);
            }
          }
        }
        const minLoad = Math.min(r.minLoad, r.maxLoad);
        const expected = bruteForce(costs, k, r.maxLoad, minLoad, blocked);
        const out = assignReviewers(inputOf(costs, k, r.maxLoad, { conflicts, minLoad }));
        if (expected === null) {
          expect(out.ok).toBe(false);
          return;
        }
        expect(out.ok).toBe(true);
        if (!out.ok) return;
        expect(out.totalCost).toBe(expected);
        for (const { proposal, evaluator } of out.pairs) {
          expect(blocked.has(`${proposal},${evaluator}`)).toBe(false);
        }
        for (const list of out.reviewersOf) expect(list.length).toBe(k);
        for (const l of out.load) {
          expect(l).toBeLessThanOrEqual(r.maxLoad);
          expect(l).toBeGreaterThanOrEqual(minLoad);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('property: no conflicted pair, loads within bounds, optimal ≤ greedy on larger cases', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 3, max: 12 }),
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 360, maxLength: 360 }),
        fc.array(fc.integer({ min: 0, max: 359 }), { maxLength: 40 }),
        (n, m, k, costFlat, conflictIdx) => {
          const maxLoad = Math.ceil((n * k) / m) + 1;
          const conflicts: ReviewerPair[] = conflictIdx
            .filter((i) => Math.floor(i / 12) < n && i % 12 < m)
            .map((i) => ({ proposal: Math.floor(i / 12), evaluator: i % 12 }));
          const blocked = new Set(conflicts.map((c) => `${c.proposal},${c.evaluator}`));
          const input: ReviewerAssignmentInput = {
            proposalCount: n,
            evaluatorCount: m,
            reviewersPerProposal: k,
            maxLoad,
            cost: (p, e) => costFlat[p * 12 + e]!,
            conflicts,
          };
          const out = assignReviewers(input);
          const greedy = assignReviewersGreedy(input);
          if (!out.ok) {
            expect(greedy.ok).toBe(false);
            return;
          }
          for (const { proposal, evaluator } of out.pairs) {
            expect(blocked.has(`${proposal},${evaluator}`)).toBe(false);
          }
          for (const list of out.reviewersOf) expect(list.length).toBe(k);
          for (const l of out.load) expect(l).toBeLessThanOrEqual(maxLoad);
          if (greedy.ok) {
            // Costs are quantised to 1e-6 per pair for exact arithmetic.
            expect(out.totalCost).toBeLessThanOrEqual(greedy.totalCost + n * k * 1e-6);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('fixed pairs agree with brute force restricted to them', () => {
    const costs = [
      [4, 1, 3],
      [2, 2, 1],
      [1, 5, 2],
    ];
    const fixed = new Set(['0,0', '2,1']);
    const expected = bruteForce(costs, 2, 2, 0, new Set(), fixed);
    const out = assignReviewers(
      inputOf(costs, 2, 2, {
        fixed: [
          { proposal: 0, evaluator: 0 },
          { proposal: 2, evaluator: 1 },
        ],
      }),
    );
    expect(out).toMatchObject({ ok: true, totalCost: expected });
  });
});

describe('expertiseCost', () => {
  it('is 1 − cosine of keyword counts', () => {
    // a = (x:1, y:1), b = (y:1, z:1): cos = 1 / (√2 · √2) = 0.5.
    expect(expertiseCost(keywordVector(['X', 'y']), keywordVector(['y', 'z ']))).toBeCloseTo(
      0.5,
      12,
    );
    expect(expertiseCost(keywordVector(['a']), keywordVector(['a']))).toBe(0);
    expect(expertiseCost(keywordVector([]), keywordVector(['a']))).toBe(1);
  });
});
