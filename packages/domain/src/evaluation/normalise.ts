import type { IndicatorDirection } from './framework.ts';

/**
 * Normalisation methods of the OECD/JRC Handbook on Constructing Composite Indicators (2008),
 * section 5 and table 3 ("normalisation methods"). Each maps one indicator's values across
 * units to a common scale on which a larger number is always better.
 */
export type IndicatorNormalisation =
  | { kind: 'min-max' }
  | { kind: 'z-score' }
  | { kind: 'rank' }
  /** One target per indicator (same order as the indicators), in the indicator's unit. */
  | { kind: 'distance-to-target'; targets: readonly number[] }
  | { kind: 'distance-to-leader' }
  /** Index of the reference unit in the table. */
  | { kind: 'percent-of-reference'; referenceUnit: number };

/** Thrown when a method is undefined for the data; names the indicator. */
export class NormalisationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NormalisationError';
  }
}

/**
 * Ranks with ties given the average of the ranks they span (the "fractional" or mid-rank
 * convention, Kendall & Gibbons 1990, "Rank Correlation Methods", ch. 3): the smallest value
 * has rank 1. Writes into `out` when given.
 */
export function computeAverageRanks(values: ArrayLike<number>, out?: Float64Array): Float64Array {
  const n = values.length;
  const ranks = out ?? new Float64Array(n);
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (values[a] as number) - (values[b] as number),
  );
  let start = 0;
  while (start < n) {
    let end = start;
    const v = values[order[start] as number] as number;
    while (end + 1 < n && values[order[end + 1] as number] === v) end += 1;
    const rank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k += 1) ranks[order[k] as number] = rank;
    start = end + 1;
  }
  return ranks;
}

/** Context for one indicator's column: its position, direction and a name for errors. */
export interface ColumnContext {
  indicator: number;
  direction: IndicatorDirection;
  name?: string;
}

/**
 * Normalises one indicator's values across units (OECD/JRC Handbook 2008, section 5), with
 * "lower is better" turned round so that the result always rises with performance:
 * - `min-max`: (x − min)/(max − min); lower: (max − x)/(max − min). In [0, 1].
 *   All equal: 0.5 for every unit (the indicator does not discriminate; the midpoint keeps
 *   geometric aggregation defined).
 * - `z-score`: (x − mean)/σ with the population σ (divide by n); lower: −z.
 *   All equal (σ = 0): 0 for every unit.
 * - `rank`: average ranks (ties share the mean of their ranks), 1 = worst, n = best; all equal
 *   gives (n + 1)/2 to every unit.
 * - `distance-to-target`: x/target; lower: target/x (Handbook "distance to a reference",
 *   the reference being a target). Needs target > 0; lower also x > 0.
 * - `distance-to-leader`: x/max; lower: min/x (the leader scores 1). Needs x ≥ 0; lower also
 *   x > 0. All zero (higher): 1 for every unit (all share the lead).
 * - `percent-of-reference`: 100·x/x_ref; lower: 100·x_ref/x (Handbook table 3, "distance to a
 *   reference", the reference being one unit, scaled to percent). Needs x_ref > 0; lower also x > 0.
 * Ratio methods throw a {@link NormalisationError} naming the indicator when undefined.
 * Writes into `out` (same length) when given, so Monte Carlo loops need not allocate.
 */
export function normaliseColumn(
  values: ArrayLike<number>,
  method: IndicatorNormalisation,
  context: ColumnContext,
  out?: Float64Array,
): Float64Array {
  const n = values.length;
  const result = out ?? new Float64Array(n);
  const lower = context.direction === 'lower';
  const name = context.name ?? `indicator #${context.indicator}`;
  const at = (u: number): number => values[u] as number;
  const requirePositive = (why: string): void => {
    for (let u = 0; u < n; u += 1) {
      if (!(at(u) > 0)) {
        throw new NormalisationError(
          `${name}: ${why} needs every value > 0, unit #${u} has ${at(u)}`,
        );
      }
    }
  };
  let min = Infinity;
  let max = -Infinity;
  for (let u = 0; u < n; u += 1) {
    if (at(u) < min) min = at(u);
    if (at(u) > max) max = at(u);
  }
  switch (method.kind) {
    case 'min-max': {
      const range = max - min;
      for (let u = 0; u < n; u += 1) {
        result[u] = range === 0 ? 0.5 : lower ? (max - at(u)) / range : (at(u) - min) / range;
      }
      return result;
    }
    case 'z-score': {
      let sum = 0;
      for (let u = 0; u < n; u += 1) sum += at(u);
      const mean = sum / n;
      let ss = 0;
      for (let u = 0; u < n; u += 1) ss += (at(u) - mean) ** 2;
      const sd = Math.sqrt(ss / n);
      for (let u = 0; u < n; u += 1) {
        const z = sd === 0 ? 0 : (at(u) - mean) / sd;
        result[u] = lower ? -z : z;
      }
      return result;
    }
    case 'rank': {
      if (!lower) return computeAverageRanks(values, result);
      const negated = new Float64Array(n);
      for (let u = 0; u < n; u += 1) negated[u] = -at(u);
      return computeAverageRanks(negated, result);
    }
    case 'distance-to-target': {
      const target = method.targets[context.indicator];
      if (target === undefined || !(target > 0) || !Number.isFinite(target)) {
        throw new NormalisationError(
          `${name}: distance to target needs a target > 0, got ${target}`,
        );
      }
      if (lower) requirePositive('distance to target, lower is better,');
      for (let u = 0; u < n; u += 1) result[u] = lower ? target / at(u) : at(u) / target;
      return result;
    }
    case 'distance-to-leader': {
      if (lower) {
        requirePositive('distance to the leader, lower is better,');
        for (let u = 0; u < n; u += 1) result[u] = min / at(u);
        return result;
      }
      if (min < 0) {
        throw new NormalisationError(
          `${name}: distance to the leader needs values ≥ 0, min is ${min}`,
        );
      }
      for (let u = 0; u < n; u += 1) result[u] = max === 0 ? 1 : at(u) / max;
      return result;
    }
    case 'percent-of-reference': {
      const ref = method.referenceUnit;
      if (!Number.isInteger(ref) || ref < 0 || ref >= n) {
        throw new NormalisationError(`${name}: reference unit #${ref} is not in the table`);
      }
      const x = at(ref);
      if (!(x > 0)) {
        throw new NormalisationError(`${name}: the reference unit #${ref} has ${x}, needs > 0`);
      }
      if (lower) requirePositive('percent of reference, lower is better,');
      for (let u = 0; u < n; u += 1) result[u] = lower ? (100 * x) / at(u) : (100 * at(u)) / x;
      return result;
    }
  }
}

/**
 * Normalises a complete units × indicators table (rows are units) column by column with
 * {@link normaliseColumn}. Returns a new table.
 */
export function normaliseTable(
  table: readonly (readonly number[])[],
  method: IndicatorNormalisation,
  directions: readonly IndicatorDirection[],
  indicatorNames?: readonly string[],
): number[][] {
  const n = table.length;
  const m = directions.length;
  const out = table.map(() => new Array<number>(m).fill(0));
  const column = new Float64Array(n);
  const normalised = new Float64Array(n);
  for (let j = 0; j < m; j += 1) {
    for (let u = 0; u < n; u += 1) column[u] = table[u]?.[j] as number;
    normaliseColumn(
      column,
      method,
      { indicator: j, direction: directions[j] as IndicatorDirection, name: indicatorNames?.[j] },
      normalised,
    );
    for (let u = 0; u < n; u += 1) (out[u] as number[])[j] = normalised[u] as number;
  }
  return out;
}

/** A short label for a method, e.g. for charts and sensitivity tables. */
export function describeNormalisation(method: IndicatorNormalisation): string {
  switch (method.kind) {
    case 'percent-of-reference':
      return `percent of unit #${method.referenceUnit}`;
    default:
      return method.kind;
  }
}
