import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignReviewers, assignReviewersGreedy, type ReviewerPair } from './assignment.ts';
import { selectByRankWithinBudget, selectKnapsackWithinBudget } from './review-scores.ts';
import { allowedSteps, projectCycleWorkflows, statesReachingTerminal } from './workflow.ts';

/**
 * Properties of the review's domain core on random instances: the assignment never uses a
 * conflicted pair, meets every load bound whenever some assignment does (checked against
 * exhaustive search on small instances), costs no more than the greedy baseline and equals
 * the exhaustive optimum; selection never exceeds the budget; and every path through each
 * workflow table can still end in a terminal state.
 */

interface Instance {
  n: number;
  m: number;
  k: number;
  maxLoad: number[];
  minLoad: number[];
  costs: number[];
  conflicts: ReviewerPair[];
}

const instance = fc
  .record({
    n: fc.integer({ min: 1, max: 4 }),
    m: fc.integer({ min: 1, max: 4 }),
    k: fc.integer({ min: 1, max: 2 }),
  })
  .chain(({ n, m, k }) =>
    fc.record({
      n: fc.constant(n),
      m: fc.constant(m),
      k: fc.constant(k),
      maxLoad: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: m, maxLength: m }),
      minFraction: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: m, maxLength: m }),
      costs: fc.array(fc.integer({ min: 0, max: 20 }), { minLength: n * m, maxLength: n * m }),
      conflictMask: fc.array(
        fc.integer({ min: 0, max: 4 }).map((x) => x === 0),
        { minLength: n * m, maxLength: n * m },
      ),
    }),
  )
  .map(({ n, m, k, maxLoad, minFraction, costs, conflictMask }): Instance => ({
    n,
    m,
    k,
    maxLoad,
    // Minimum loads up to the maximum, often 0.
    minLoad: minFraction.map((f, e) => Math.max(0, Math.min(maxLoad[e] ?? 0, f - 1))),
    costs: costs.map((c) => c / 10),
    conflicts: conflictMask.flatMap((c, i) =>
      c ? [{ proposal: Math.floor(i / m), evaluator: i % m }] : [],
    ),
  }));

function subsets(m: number, k: number): number[][] {
  const out: number[][] = [];
  const rec = (start: number, acc: number[]) => {
    if (acc.length === k) return void out.push([...acc]);
    for (let e = start; e < m; e++) rec(e + 1, [...acc, e]);
  };
  rec(0, []);
  return out;
}

/** The cheapest feasible assignment by trying every choice of k evaluators per proposal. */
function bruteForce(inst: Instance): number | null {
  const { n, m, k } = inst;
  const blocked = new Set(inst.conflicts.map((c) => c.proposal * m + c.evaluator));
  const options = Array.from({ length: n }, (_, p) =>
    subsets(m, k).filter((s) => s.every((e) => !blocked.has(p * m + e))),
  );
  let best: number | null = null;
  const load = new Array<number>(m).fill(0);
  const rec = (p: number, cost: number) => {
    if (p === n) {
      if (
        load.every((l, e) => l >= (inst.minLoad[e] ?? 0)) &&
        (best === null || cost < best - 1e-12)
      )
        best = cost;
      return;
    }
    for (const s of options[p] ?? []) {
      if (s.some((e) => (load[e] ?? 0) + 1 > (inst.maxLoad[e] ?? 0))) continue;
      for (const e of s) load[e] = (load[e] ?? 0) + 1;
      rec(p + 1, cost + s.reduce((a, e) => a + (inst.costs[p * m + e] ?? 0), 0));
      for (const e of s) load[e] = (load[e] ?? 0) - 1;
    }
  };
  rec(0, 0);
  return best;
}

const inputOf = (inst: Instance) => ({
  proposalCount: inst.n,
  evaluatorCount: inst.m,
  reviewersPerProposal: inst.k,
  maxLoad: inst.maxLoad,
  minLoad: inst.minLoad,
  cost: (p: number, e: number) => inst.costs[p * inst.m + e] ?? 0,
  conflicts: inst.conflicts,
});

describe('reviewer assignment on random instances with random conflicts', () => {
  it('never assigns a conflicted pair, meets every bound when feasible, and is optimal', () => {
    fc.assert(
      fc.property(instance, (inst) => {
        const outcome = assignReviewers(inputOf(inst));
        const best = bruteForce(inst);
        if (!outcome.ok) {
          // Infeasible only when exhaustive search finds nothing either.
          expect(best).toBeNull();
          return;
        }
        expect(best).not.toBeNull();
        const blocked = new Set(inst.conflicts.map((c) => `${c.proposal}:${c.evaluator}`));
        for (const pair of outcome.pairs)
          expect(blocked.has(`${pair.proposal}:${pair.evaluator}`)).toBe(false);
        for (const reviewers of outcome.reviewersOf) {
          expect(reviewers).toHaveLength(inst.k);
          expect(new Set(reviewers).size).toBe(inst.k);
        }
        outcome.load.forEach((l, e) => {
          expect(l).toBeLessThanOrEqual(inst.maxLoad[e] ?? 0);
          expect(l).toBeGreaterThanOrEqual(inst.minLoad[e] ?? 0);
        });
        expect(outcome.totalCost).toBeCloseTo(best as number, 9);
        const greedy = assignReviewersGreedy(inputOf(inst));
        // The greedy baseline ignores minimum loads; where its answer meets them too it is a
        // feasible assignment, so the optimum can cost no more.
        if (greedy.ok && greedy.load.every((l, e) => l >= (inst.minLoad[e] ?? 0)))
          expect(outcome.totalCost).toBeLessThanOrEqual(greedy.totalCost + 1e-9);
      }),
      { numRuns: 400, seed: 20261130 },
    );
  });
});

describe('selection within a budget', () => {
  const candidates = fc.array(
    fc.record({
      id: fc.uuid(),
      score: fc.double({ min: -10, max: 100, noNaN: true }),
      amountKrw: fc.integer({ min: 0, max: 500 }).map((x) => x * 1_000_000),
    }),
    { maxLength: 25 },
  );
  it('never exceeds the budget, greedy by rank or knapsack', () => {
    fc.assert(
      fc.property(candidates, fc.integer({ min: 0, max: 3000 }), (list, millions) => {
        const budget = millions * 1_000_000;
        for (const select of [selectByRankWithinBudget, selectKnapsackWithinBudget]) {
          const chosen = select(list, budget);
          const spent = list
            .filter((c) => chosen.selected.includes(c.id))
            .reduce((a, c) => a + c.amountKrw, 0);
          expect(spent).toBeLessThanOrEqual(budget);
          expect(chosen.totalAmountKrw).toBe(spent);
        }
      }),
      { numRuns: 300, seed: 20261130 },
    );
  });
});

describe('workflow tables', () => {
  const tables = Object.values(projectCycleWorkflows);
  it('every random walk can still end in a terminal state, and the shortest way there does', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...tables),
        fc.array(fc.nat(), { minLength: 1, maxLength: 60 }),
        (table, choices) => {
          const finishing = statesReachingTerminal(table);
          let state: string = table.initial;
          for (const choice of choices) {
            const steps = allowedSteps(table, state);
            if (steps.length === 0) break;
            state = (steps[choice % steps.length] as { to: string }).to;
            expect(finishing.has(state)).toBe(true);
          }
          // From wherever the walk stopped, follow a shortest path (breadth-first) to the end.
          const previous = new Map<string, string | null>([[state, null]]);
          const queue = [state];
          let end: string | undefined;
          for (let head = 0; head < queue.length && end === undefined; head++) {
            const s = queue[head] as string;
            if (table.terminal.includes(s)) end = s;
            for (const step of allowedSteps(table, s)) {
              if (!previous.has(step.to)) {
                previous.set(step.to, s);
                queue.push(step.to);
              }
            }
          }
          expect(end).toBeDefined();
          expect(allowedSteps(table, end as string)).toEqual([]);
        },
      ),
      { numRuns: 500, seed: 20261130 },
    );
  });
});
