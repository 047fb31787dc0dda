/**
 * Performance-based allocation of next year's pool among complexes: Korea allocated each
 * complex's budget by its evaluation results, to make complexes compete (DOMAIN.md, "Budgets and
 * funding rules", after the OECD's review of the programme). A rule is a base share plus a
 * performance share, limited by floors, caps and a year-on-year change limit, rounded to whole
 * currency units that sum exactly to the pool.
 */

/** The base share: split equally, or in proportion to a size (e.g. member firms). */
export type BaseShareRule = { kind: 'equal' } | { kind: 'proportional'; sizes: readonly number[] };

/** One rank tier: the best `topFraction` of units not in an earlier tier get `multiplier`. */
export interface RankTier {
  /** Cumulative fraction of units reached by this tier (e.g. 0.3 = the top 30%). */
  upToFraction: number;
  multiplier: number;
}

/**
 * The performance share:
 * - `proportional`: in proportion to the score among units scoring at least `threshold`
 *   (default: every unit); scores must be ≥ 0;
 * - `tiers`: by rank tiers, each unit receiving `multiplier` units of the share (e.g. top 30%
 *   1.5, next 40% 1.0, the rest `otherMultiplier`, default 0).
 */
export type PerformanceShareRule =
  | { kind: 'proportional'; threshold?: number }
  | { kind: 'tiers'; tiers: readonly RankTier[]; otherMultiplier?: number };

/** A per-unit bound: one number for every unit or one per unit. */
export type UnitBound = number | readonly number[];

/** A rule for splitting next year's pool; amounts are in whole currency units. */
export interface AllocationRule {
  /** Whole currency units to distribute (e.g. KRW million). */
  pool: number;
  /** Fraction of the pool split as the base share, in [0, 1]; the rest is the performance share. */
  baseFraction: number;
  base: BaseShareRule;
  performance: PerformanceShareRule;
  floor?: UnitBound;
  cap?: UnitBound;
  /**
   * Year-on-year change limit: |a_u − last_u| ≤ max(relative·last_u, absolute). Needs
   * `lastYear`.
   */
  changeLimit?: { relative?: number; absolute?: number };
  /** Last year's allocation per unit (same order as the scores). */
  lastYear?: readonly number[];
}

/** An allocation with the targets and bounds behind it, for the simulator to explain. */
export interface AllocationResult {
  /** Whole currency units per unit, summing exactly to the pool. */
  amounts: number[];
  /** The unrounded target before bounds: base + performance share. */
  targets: number[];
  /** The bounds actually applied (whole units). */
  lower: number[];
  upper: number[];
  /** Units whose amount sits at a bound: `floor`, `cap`, `change-limit`, or null. */
  binding: ('floor' | 'cap' | 'change-limit' | null)[];
}

/** Thrown when a rule cannot be met; names the constraint (and unit). */
export class AllocationError extends Error {
  readonly constraint: string;
  constructor(constraint: string, message: string) {
    super(message);
    this.name = 'AllocationError';
    this.constraint = constraint;
  }
}

function boundAt(
  bound: UnitBound | undefined,
  u: number,
  fallback: number,
  what: string,
  n: number,
): number {
  if (bound === undefined) return fallback;
  if (typeof bound === 'number') return bound;
  if (bound.length !== n)
    throw new AllocationError(what, `${what} lists ${bound.length} units, expected ${n}`);
  return bound[u] as number;
}

/**
 * Largest-remainder rounding (Hamilton's method; Balinski & Young 2001, "Fair Representation",
 * 2nd ed., Brookings, ch. 2): every unit gets the whole part of its real share, and the units
 * left over go one each to the largest fractional parts (ties: larger share first, then input
 * order). Shares are kept within integer bounds [lower, upper]; the real shares must already lie
 * within them and sum to `total`.
 */
export function roundLargestRemainder(
  shares: readonly number[],
  total: number,
  lower?: readonly number[],
  upper?: readonly number[],
): number[] {
  const n = shares.length;
  const lo = (u: number): number => lower?.[u] ?? 0;
  const hi = (u: number): number => upper?.[u] ?? Infinity;
  const amounts = shares.map((s, u) => Math.min(hi(u), Math.max(lo(u), Math.floor(s + 1e-9))));
  let left = total - amounts.reduce((s, a) => s + a, 0);
  const order = shares
    .map((s, u) => ({ u, frac: s - Math.floor(s + 1e-9), s }))
    .sort((a, b) => b.frac - a.frac || b.s - a.s || a.u - b.u);
  for (let pass = 0; left > 0 && pass < n + 1; pass += 1) {
    for (const { u } of order) {
      if (left === 0) break;
      if ((amounts[u] as number) < hi(u)) {
        amounts[u] = (amounts[u] as number) + 1;
        left -= 1;
      }
    }
  }
  for (let pass = 0; left < 0 && pass < n + 1; pass += 1) {
    for (const { u } of [...order].reverse()) {
      if (left === 0) break;
      if ((amounts[u] as number) > lo(u)) {
        amounts[u] = (amounts[u] as number) - 1;
        left += 1;
      }
    }
  }
  if (left !== 0)
    throw new AllocationError('pool', `cannot round to the pool of ${total} within the bounds`);
  return amounts;
}

/**
 * Scales targets proportionally and clamps them to [lower, upper] so that they sum to `total`:
 * the fixed point of the iterative clamp (scale the free units to what is left, fix the units
 * that cross a bound, repeat), found exactly as the λ solving Σ clamp(λ·t_u, lo_u, hi_u) = total
 * (the function is piecewise linear and non-decreasing in λ; its breakpoints lo/t and hi/t are
 * searched in order, and beyond the last one it rises with the units that have no upper
 * bound). If every unit with a positive target reaches its upper bound and money is left, the
 * rest is shared equally, within their bounds, among the units with no target (a target
 * below 1e-12 of the largest counts as none). Needs Σlo ≤ total ≤ Σhi.
 */
export function clampProportional(
  rawTargets: readonly number[],
  total: number,
  lower: readonly number[],
  upper: readonly number[],
): number[] {
  const n = rawTargets.length;
  // Targets below 1e-12 of the largest count as none: scaling them up to meet a bound would
  // overflow λ (e.g. a denormal score share) without changing any whole-unit amount.
  const largest = rawTargets.reduce((a, t) => Math.max(a, t), 0);
  const targets = rawTargets.map((t) => (t > largest * 1e-12 ? t : 0));
  const clamp = (u: number, lambda: number): number =>
    Math.min(upper[u] as number, Math.max(lower[u] as number, lambda * (targets[u] as number)));
  const g = (lambda: number): number => {
    let s = 0;
    for (let u = 0; u < n; u += 1) s += clamp(u, lambda);
    return s;
  };
  let reachable = 0;
  for (let u = 0; u < n; u += 1) {
    reachable += (targets[u] as number) > 0 ? (upper[u] as number) : (lower[u] as number);
  }
  if (reachable < total - 1e-9) {
    const idle = targets.map((_, u) => u).filter((u) => !((targets[u] as number) > 0));
    const busy = targets.map((_, u) => u).filter((u) => (targets[u] as number) > 0);
    const rest = clampProportional(
      idle.map(() => 1),
      total - busy.reduce((s, u) => s + (upper[u] as number), 0),
      idle.map((u) => lower[u] as number),
      idle.map((u) => upper[u] as number),
    );
    const out = [...upper] as number[];
    idle.forEach((u, k) => {
      out[u] = rest[k] as number;
    });
    return out;
  }
  const breakpoints = [0];
  let openSlope = 0;
  for (let u = 0; u < n; u += 1) {
    const t = targets[u] as number;
    if (t > 0) {
      breakpoints.push((lower[u] as number) / t);
      if (Number.isFinite(upper[u] as number)) breakpoints.push((upper[u] as number) / t);
      else openSlope += t;
    }
  }
  breakpoints.sort((a, b) => a - b);
  let previous = 0;
  for (const b of breakpoints) {
    const gB = g(b);
    if (gB >= total) {
      const gPrevious = g(previous);
      const lambda =
        gB === gPrevious ? b : previous + ((total - gPrevious) * (b - previous)) / (gB - gPrevious);
      return targets.map((_, u) => clamp(u, lambda));
    }
    previous = b;
  }
  const lambda = openSlope > 0 ? previous + (total - g(previous)) / openSlope : previous;
  return targets.map((_, u) => clamp(u, lambda));
}

/**
 * Next year's allocation by a rule:
 * 1. targets t_u = base_u + perf_u, with base B = baseFraction·pool split equally or by size
 *    and performance P = pool − B split by score (proportional above the threshold; equally
 *    among all units if no unit qualifies or all qualifying scores are 0) or by rank tiers
 *    (P·m_u/Σm; tied scores share the better tier: a unit's rank is 1 + the number of units
 *    scoring strictly more; tier k holds ranks ≤ round(upToFraction_k·n));
 * 2. whole-unit bounds lo_u = ⌈max(floor_u, last_u − limit_u)⌉, hi_u = ⌊min(cap_u, last_u +
 *    limit_u)⌋ with limit_u = max(relative·last_u, absolute);
 * 3. feasibility: lo_u ≤ hi_u for every unit, Σlo ≤ pool ≤ Σhi, else an
 *    {@link AllocationError} naming the constraint;
 * 4. {@link clampProportional}, then {@link roundLargestRemainder} within the bounds.
 * The amounts are whole numbers summing exactly to the pool.
 */
export function allocateBudget(
  scores: readonly number[],
  rule: AllocationRule,
  unitNames?: readonly string[],
): AllocationResult {
  const n = scores.length;
  const name = (u: number): string => unitNames?.[u] ?? `unit #${u}`;
  if (n === 0) throw new AllocationError('units', 'no units to allocate to');
  if (!(Number.isInteger(rule.pool) && rule.pool >= 0)) {
    throw new AllocationError('pool', `the pool must be a whole number ≥ 0, got ${rule.pool}`);
  }
  if (!(rule.baseFraction >= 0 && rule.baseFraction <= 1)) {
    throw new AllocationError(
      'baseFraction',
      `baseFraction must be in [0, 1], got ${rule.baseFraction}`,
    );
  }
  scores.forEach((s, u) => {
    if (!Number.isFinite(s))
      throw new AllocationError('scores', `${name(u)}: score ${s} is not finite`);
  });
  const baseTotal = rule.pool * rule.baseFraction;
  const perfTotal = rule.pool - baseTotal;

  let base: number[];
  if (rule.base.kind === 'equal') base = scores.map(() => baseTotal / n);
  else {
    const sizes = rule.base.sizes;
    if (sizes.length !== n)
      throw new AllocationError('base.sizes', `sizes list ${sizes.length} units, expected ${n}`);
    sizes.forEach((s, u) => {
      if (!(Number.isFinite(s) && s >= 0))
        throw new AllocationError('base.sizes', `${name(u)}: size must be ≥ 0, got ${s}`);
    });
    const total = sizes.reduce((s, v) => s + v, 0);
    if (!(total > 0)) throw new AllocationError('base.sizes', 'sizes need a positive total');
    base = sizes.map((s) => (baseTotal * s) / total);
  }

  let perf: number[];
  if (rule.performance.kind === 'proportional') {
    const threshold = rule.performance.threshold ?? -Infinity;
    scores.forEach((s, u) => {
      if (s < 0 && s >= threshold) {
        throw new AllocationError(
          'scores',
          `${name(u)}: a proportional share needs scores ≥ 0, got ${s}`,
        );
      }
    });
    const eligible = scores.map((s) => (s >= threshold ? s : 0));
    const total = eligible.reduce((s, v) => s + v, 0);
    perf =
      total > 0 ? eligible.map((s) => (perfTotal * s) / total) : scores.map(() => perfTotal / n);
  } else {
    const tiers = [...rule.performance.tiers];
    tiers.forEach((t, k) => {
      if (!(t.upToFraction > 0 && t.upToFraction <= 1) || !(t.multiplier >= 0)) {
        throw new AllocationError(
          'performance.tiers',
          `tier #${k}: upToFraction must be in (0, 1] and multiplier ≥ 0`,
        );
      }
      if (k > 0 && t.upToFraction < (tiers[k - 1] as RankTier).upToFraction) {
        throw new AllocationError('performance.tiers', `tier #${k}: fractions must not decrease`);
      }
    });
    const other = rule.performance.otherMultiplier ?? 0;
    const multipliers = scores.map((s) => {
      const rank = 1 + scores.filter((x) => x > s).length;
      const tier = tiers.find((t) => rank <= Math.round(t.upToFraction * n));
      return tier ? tier.multiplier : other;
    });
    const total = multipliers.reduce((s, v) => s + v, 0);
    perf =
      total > 0
        ? multipliers.map((mu) => (perfTotal * mu) / total)
        : scores.map(() => perfTotal / n);
  }
  const targets = base.map((b, u) => b + (perf[u] as number));

  const last = rule.lastYear;
  if (rule.changeLimit && !last) {
    throw new AllocationError(
      'changeLimit',
      "a change limit needs last year's allocation (lastYear)",
    );
  }
  if (last && last.length !== n)
    throw new AllocationError('lastYear', `lastYear lists ${last.length} units, expected ${n}`);
  const lower: number[] = [];
  const upper: number[] = [];
  const lowerBy: ('floor' | 'change-limit' | null)[] = [];
  const upperBy: ('cap' | 'change-limit' | null)[] = [];
  for (let u = 0; u < n; u += 1) {
    const floor = boundAt(rule.floor, u, 0, 'floor', n);
    const cap = boundAt(rule.cap, u, Infinity, 'cap', n);
    if (!(floor >= 0))
      throw new AllocationError('floor', `${name(u)}: floor must be ≥ 0, got ${floor}`);
    if (!(cap >= 0)) throw new AllocationError('cap', `${name(u)}: cap must be ≥ 0, got ${cap}`);
    let lo = floor;
    let hi = cap;
    let loBy: 'floor' | 'change-limit' | null = rule.floor === undefined ? null : 'floor';
    let hiBy: 'cap' | 'change-limit' | null = rule.cap === undefined ? null : 'cap';
    if (rule.changeLimit && last) {
      const was = last[u] as number;
      if (!(Number.isFinite(was) && was >= 0))
        throw new AllocationError('lastYear', `${name(u)}: last year must be ≥ 0, got ${was}`);
      const limit = Math.max(
        (rule.changeLimit.relative ?? 0) * was,
        rule.changeLimit.absolute ?? 0,
      );
      if (was - limit > lo) {
        lo = was - limit;
        loBy = 'change-limit';
      }
      if (was + limit < hi) {
        hi = was + limit;
        hiBy = 'change-limit';
      }
    }
    lo = Math.ceil(lo - 1e-9);
    hi = Math.floor(hi + 1e-9);
    if (lo > hi) {
      throw new AllocationError(
        `${loBy ?? 'floor'}/${hiBy ?? 'cap'}`,
        `${name(u)}: the lower bound ${lo} (${loBy ?? 'floor'}) is above the upper bound ${hi} (${hiBy ?? 'cap'})`,
      );
    }
    lower.push(lo);
    upper.push(hi);
    lowerBy.push(loBy);
    upperBy.push(hiBy);
  }
  const sumLower = lower.reduce((s, v) => s + v, 0);
  const sumUpper = upper.reduce((s, v) => s + v, 0);
  if (sumLower > rule.pool) {
    const which = [...new Set(lowerBy.filter((b) => b !== null))].join(' and ') || 'floor';
    throw new AllocationError(
      which,
      `infeasible: the lower bounds (${which}) add up to ${sumLower}, more than the pool of ${rule.pool}`,
    );
  }
  if (sumUpper < rule.pool) {
    const which = [...new Set(upperBy.filter((b) => b !== null))].join(' and ') || 'cap';
    throw new AllocationError(
      which,
      `infeasible: the upper bounds (${which}) add up to ${sumUpper}, less than the pool of ${rule.pool}`,
    );
  }
  const real = clampProportional(targets, rule.pool, lower, upper);
  const amounts = roundLargestRemainder(real, rule.pool, lower, upper);
  const binding = amounts.map((a, u) => {
    if (a === lower[u] && lowerBy[u] !== null) return lowerBy[u] as 'floor' | 'change-limit';
    if (a === upper[u] && upperBy[u] !== null) return upperBy[u] as 'cap' | 'change-limit';
    return null;
  });
  return { amounts, targets, lower, upper, binding };
}

/** One named rule of a scenario comparison. */
export interface AllocationScenario {
  name: string;
  rule: AllocationRule;
}

/** The outcome of one scenario: the allocation, or the error that made it infeasible. */
export type ScenarioOutcome =
  | { name: string; ok: true; result: AllocationResult }
  | { name: string; ok: false; error: string; constraint: string };

/** Runs several rules over the same scores, side by side; an infeasible rule reports its error. */
export function runAllocationScenarios(
  scores: readonly number[],
  scenarios: readonly AllocationScenario[],
  unitNames?: readonly string[],
): ScenarioOutcome[] {
  return scenarios.map(({ name, rule }) => {
    try {
      return { name, ok: true as const, result: allocateBudget(scores, rule, unitNames) };
    } catch (error) {
      if (error instanceof AllocationError) {
        return { name, ok: false as const, error: error.message, constraint: error.constraint };
      }
      throw error;
    }
  });
}

/** Per unit: how often the Monte Carlo allocation moves more than `amount` from the deterministic one. */
export interface MoneyFollowsNoiseResult {
  deterministic: number[];
  /** Share of draws (0…1) with |a_draw − a_deterministic| > amount. */
  shareMoved: number[];
  /** Largest absolute move seen per unit. */
  largestMove: number[];
  draws: number;
}

/**
 * Money-follows-noise check: with the deterministic scores and each Monte Carlo draw's scores
 * (draws × units, row-major, e.g. `analyseUncertainty(..., { keepScores: true }).scores`),
 * allocates by the same rule each time and counts, per unit, the draws in which its
 * allocation differs from the deterministic one by more than `amount` currency units. A
 * proportional performance share needs non-negative scores in every draw (min-max, rank or
 * ratio normalisations); with z-scores use rank tiers.
 */
export function moneyFollowsNoise(
  deterministicScores: readonly number[],
  drawScores: Float64Array,
  rule: AllocationRule,
  amount: number,
): MoneyFollowsNoiseResult {
  const n = deterministicScores.length;
  if (n === 0 || drawScores.length % n !== 0) {
    throw new AllocationError(
      'scores',
      `draw scores (${drawScores.length}) are not a multiple of ${n} units`,
    );
  }
  const draws = drawScores.length / n;
  const deterministic = allocateBudget(deterministicScores, rule).amounts;
  const moved = new Uint32Array(n);
  const largestMove = new Array<number>(n).fill(0);
  const scores = new Array<number>(n).fill(0);
  for (let d = 0; d < draws; d += 1) {
    for (let u = 0; u < n; u += 1) scores[u] = drawScores[d * n + u] as number;
    const amounts = allocateBudget(scores, rule).amounts;
    for (let u = 0; u < n; u += 1) {
      const move = Math.abs((amounts[u] as number) - (deterministic[u] as number));
      if (move > amount) moved[u] = (moved[u] as number) + 1;
      if (move > (largestMove[u] as number)) largestMove[u] = move;
    }
  }
  return {
    deterministic,
    shareMoved: Array.from(moved, (c) => c / draws),
    largestMove,
    draws,
  };
}
