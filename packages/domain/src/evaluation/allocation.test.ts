import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allocateBudget,
  AllocationError,
  clampProportional,
  moneyFollowsNoise,
  roundLargestRemainder,
  runAllocationScenarios,
  type AllocationRule,
} from './allocation.ts';

const sum = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0);

describe('roundLargestRemainder', () => {
  it("Hamilton's method on a hand case", () => {
    // quotas 4.3, 2.5, 3.2 (total 10): floors 4, 2, 3 = 9; the one left goes to the largest remainder (.5)
    expect(roundLargestRemainder([4.3, 2.5, 3.2], 10)).toEqual([4, 3, 3]);
    // the classic 3-way split of 100: 33.33… each, ties go in input order
    expect(roundLargestRemainder([100 / 3, 100 / 3, 100 / 3], 100)).toEqual([34, 33, 33]);
  });
});

describe('clampProportional', () => {
  it('matches λ found by bisection of Σ clamp(λ·t, lo, hi) = total', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            t: fc.double({ min: 0.01, max: 100, noNaN: true }),
            lo: fc.integer({ min: 0, max: 50 }),
            width: fc.integer({ min: 0, max: 100 }),
          }),
          { minLength: 1, maxLength: 10 },
        ),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (units, at) => {
          const lower = units.map((u) => u.lo);
          const upper = units.map((u) => u.lo + u.width);
          const total = sum(lower) + at * (sum(upper) - sum(lower));
          const targets = units.map((u) => u.t);
          const g = (lambda: number): number =>
            sum(targets.map((t, u) => Math.min(upper[u]!, Math.max(lower[u]!, lambda * t))));
          let a = 0;
          let b = 1e6;
          for (let k = 0; k < 200; k += 1) {
            const mid = (a + b) / 2;
            if (g(mid) < total) a = mid;
            else b = mid;
          }
          const expected = targets.map((t, u) => Math.min(upper[u]!, Math.max(lower[u]!, b * t)));
          const actual = clampProportional(targets, total, lower, upper);
          actual.forEach((x, u) => expect(x).toBeCloseTo(expected[u]!, 6));
          expect(sum(actual)).toBeCloseTo(total, 6);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('allocateBudget', () => {
  const base: AllocationRule = {
    pool: 1000,
    baseFraction: 0.5,
    base: { kind: 'equal' },
    performance: { kind: 'proportional' },
  };

  it('base plus proportional performance share, with a cap', () => {
    // base 500/3 each; performance 500 by scores 3:2:1 = 250, 166.67, 83.33;
    // targets 416.67, 333.33, 250. Cap 400 binds for the first; the other two share 600 in
    // the ratio 333.33 : 250 = 342.857, 257.143 → floors 342 + 257 + 400 = 999, the last unit
    // goes to the larger remainder (.857).
    const r = allocateBudget([3, 2, 1], { ...base, cap: 400 });
    expect(r.targets[0]).toBeCloseTo(1250 / 3, 9);
    expect(r.amounts).toEqual([400, 343, 257]);
    expect(r.binding).toEqual(['cap', null, null]);
  });

  it('hand case with a cap, a floor from the change limit and rounding', () => {
    // last year 380, 300, 320 with ±10%: bounds [342, 400 (cap)], [270, 330], [288, 352].
    // Targets 416.67, 333.33, 250: the third sits at its lower bound 288; the first two scale
    // by λ with 750λ + 288 = 1000 → λ = 0.949333: 395.556, 316.444 → 395 + 316 + 288 = 999,
    // one unit to the larger remainder (.556).
    const r = allocateBudget([3, 2, 1], {
      ...base,
      cap: 400,
      floor: 100,
      lastYear: [380, 300, 320],
      changeLimit: { relative: 0.1 },
    });
    expect(r.lower).toEqual([342, 270, 288]);
    expect(r.upper).toEqual([400, 330, 352]);
    expect(r.amounts).toEqual([396, 316, 288]);
    expect(r.binding).toEqual([null, null, 'change-limit']);
  });

  it('hand case where a floor and a cap both bind', () => {
    // targets 416.67, 333.33, 250; floor 300 lifts the third, cap 380 holds the first; the
    // second takes the rest: 1000 − 380 − 300 = 320 (λ = 0.96 keeps the others at their bounds)
    const r = allocateBudget([3, 2, 1], { ...base, floor: 300, cap: 380 });
    expect(r.amounts).toEqual([380, 320, 300]);
    expect(r.binding).toEqual(['cap', null, 'floor']);
    // with the floor alone: the first two share 700 as 5 : 4 = 388.89, 311.11 → 389, 311
    expect(allocateBudget([3, 2, 1], { ...base, floor: 300 }).amounts).toEqual([389, 311, 300]);
  });

  it('proportional to a size, and only above a threshold', () => {
    const r = allocateBudget([0.9, 0.4, 0.6], {
      pool: 900,
      baseFraction: 1 / 3,
      base: { kind: 'proportional', sizes: [1, 1, 4] }, // 50, 50, 200
      performance: { kind: 'proportional', threshold: 0.5 }, // 600 over 0.9 and 0.6: 360, 0, 240
    });
    expect(r.amounts).toEqual([410, 50, 440]);
  });

  it('rank tiers: top 30% ×1.5, next 40% ×1, the rest ×0.5', () => {
    const scores = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
    const rule: AllocationRule = {
      pool: 1000,
      baseFraction: 0,
      base: { kind: 'equal' },
      performance: {
        kind: 'tiers',
        tiers: [
          { upToFraction: 0.3, multiplier: 1.5 },
          { upToFraction: 0.7, multiplier: 1 },
        ],
        otherMultiplier: 0.5,
      },
    };
    // multipliers sum 3·1.5 + 4·1 + 3·0.5 = 10, so one multiplier unit is 100
    expect(allocateBudget(scores, rule).amounts).toEqual([
      150, 150, 150, 100, 100, 100, 100, 50, 50, 50,
    ]);
    // tied scores at the boundary share the better tier: ranks 1, 2, 3, 3, 5, …
    const tied = allocateBudget([10, 9, 8, 8, 6, 5, 4, 3, 2, 1], rule).amounts;
    expect(tied[2]).toBe(tied[3]);
    expect(sum(tied)).toBe(1000);
  });

  it('names the constraint when infeasible', () => {
    expect(() => allocateBudget([1, 2, 3], { ...base, floor: 400 })).toThrow(
      /lower bounds \(floor\) add up to 1200, more than the pool of 1000/,
    );
    expect(() => allocateBudget([1, 2, 3], { ...base, cap: 300 })).toThrow(
      /upper bounds \(cap\) add up to 900/,
    );
    try {
      allocateBudget(
        [1, 2],
        { ...base, floor: 350, lastYear: [300, 700], changeLimit: { relative: 0.1 } },
        ['Gumi', 'Ulsan'],
      );
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AllocationError);
      expect((error as AllocationError).message).toMatch(
        /Gumi: the lower bound 350 \(floor\) is above the upper bound 330 \(change-limit\)/,
      );
      expect((error as AllocationError).constraint).toBe('floor/change-limit');
    }
    expect(() => allocateBudget([1, 2], { ...base, changeLimit: { relative: 0.1 } })).toThrow(
      /needs last year/,
    );
    expect(() => allocateBudget([-1, 2], base)).toThrow(/scores ≥ 0/);
    expect(() => allocateBudget([1, 2], { ...base, pool: 10.5 })).toThrow(/whole number/);
  });

  it('property: sums exactly to the pool and respects floors, caps and change limits whenever feasible', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }).chain((n) =>
          fc.record({
            scores: fc.array(fc.double({ min: 0, max: 100, noNaN: true }), {
              minLength: n,
              maxLength: n,
            }),
            last: fc.array(fc.integer({ min: 0, max: 20_000 }), { minLength: n, maxLength: n }),
            pool: fc.integer({ min: 0, max: 100_000 }),
            baseFraction: fc.double({ min: 0, max: 1, noNaN: true }),
            floor: fc.option(fc.integer({ min: 0, max: 5_000 }), { nil: undefined }),
            cap: fc.option(fc.integer({ min: 0, max: 30_000 }), { nil: undefined }),
            relative: fc.option(fc.double({ min: 0, max: 0.5, noNaN: true }), { nil: undefined }),
            tiers: fc.boolean(),
          }),
        ),
        (c) => {
          const n = c.scores.length;
          const rule: AllocationRule = {
            pool: c.pool,
            baseFraction: c.baseFraction,
            base: { kind: 'equal' },
            performance: c.tiers
              ? { kind: 'tiers', tiers: [{ upToFraction: 0.3, multiplier: 2 }], otherMultiplier: 1 }
              : { kind: 'proportional' },
            floor: c.floor,
            cap: c.cap,
            ...(c.relative === undefined
              ? {}
              : { changeLimit: { relative: c.relative }, lastYear: c.last }),
          };
          // independent feasibility: whole-unit bounds per unit and their sums
          const lo = c.last.map((l) =>
            Math.ceil(
              Math.max(c.floor ?? 0, c.relative === undefined ? 0 : l - c.relative * l) - 1e-9,
            ),
          );
          const hi = c.last.map((l) =>
            Math.floor(
              Math.min(
                c.cap ?? Infinity,
                c.relative === undefined ? Infinity : l + c.relative * l,
              ) + 1e-9,
            ),
          );
          const feasible =
            lo.every((x, u) => x <= hi[u]!) && sum(lo) <= c.pool && sum(hi) >= c.pool;
          if (!feasible) {
            expect(() => allocateBudget(c.scores, rule)).toThrow(AllocationError);
            return;
          }
          const r = allocateBudget(c.scores, rule);
          expect(sum(r.amounts)).toBe(c.pool);
          expect(r.amounts).toHaveLength(n);
          r.amounts.forEach((a, u) => {
            expect(Number.isInteger(a)).toBe(true);
            expect(a).toBeGreaterThanOrEqual(c.floor ?? 0);
            if (c.cap !== undefined) expect(a).toBeLessThanOrEqual(c.cap);
            if (c.relative !== undefined) {
              expect(Math.abs(a - c.last[u]!)).toBeLessThanOrEqual(c.relative * c.last[u]! + 1e-6);
            }
          });
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('runAllocationScenarios', () => {
  it('runs several rules over the same scores, reporting infeasible ones', () => {
    const out = runAllocationScenarios(
      [3, 1],
      [
        {
          name: 'all equal',
          rule: {
            pool: 100,
            baseFraction: 1,
            base: { kind: 'equal' },
            performance: { kind: 'proportional' },
          },
        },
        {
          name: 'all on merit',
          rule: {
            pool: 100,
            baseFraction: 0,
            base: { kind: 'equal' },
            performance: { kind: 'proportional' },
          },
        },
        {
          name: 'too many floors',
          rule: {
            pool: 100,
            baseFraction: 0,
            base: { kind: 'equal' },
            performance: { kind: 'proportional' },
            floor: 60,
          },
        },
      ],
    );
    expect(out[0]).toMatchObject({ name: 'all equal', ok: true, result: { amounts: [50, 50] } });
    expect(out[1]).toMatchObject({ name: 'all on merit', ok: true, result: { amounts: [75, 25] } });
    expect(out[2]).toMatchObject({ name: 'too many floors', ok: false, constraint: 'floor' });
  });
});

describe('moneyFollowsNoise', () => {
  it("counts the draws in which a unit's allocation moves by more than the amount", () => {
    const rule: AllocationRule = {
      pool: 300,
      baseFraction: 0,
      base: { kind: 'equal' },
      performance: {
        kind: 'tiers',
        tiers: [{ upToFraction: 1 / 3, multiplier: 2 }],
        otherMultiplier: 1,
      },
    };
    // deterministic: A first → 150, 75, 75. Draws: same order; B first; same order; C first.
    const draws = Float64Array.from([3, 2, 1, 2, 3, 1, 3, 1, 2, 1, 2, 3]);
    const r = moneyFollowsNoise([3, 2, 1], draws, rule, 10);
    expect(r.deterministic).toEqual([150, 75, 75]);
    expect(r.draws).toBe(4);
    expect(r.shareMoved).toEqual([0.5, 0.25, 0.25]);
    expect(r.largestMove).toEqual([75, 75, 75]);
    expect(moneyFollowsNoise([3, 2, 1], draws, rule, 75).shareMoved).toEqual([0, 0, 0]);
  });
});
