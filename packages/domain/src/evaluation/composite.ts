import type { IndicatorDirection } from './framework.ts';
import {
  handleMissingData,
  type HistoryYear,
  type ImputedCell,
  type MissingDataRule,
} from './missing.ts';
import { normaliseTable, type IndicatorNormalisation } from './normalise.ts';
import {
  computeAhpWeights,
  computeBudgetAllocationWeights,
  computeEqualWeights,
  computePcaWeights,
  WeightingError,
  type AhpMethod,
  type AhpResult,
  type PcaWeightResult,
} from './weights.ts';
import { aggregateScores, type AggregationMethod } from './aggregate.ts';

/** How the weights are obtained (OECD/JRC Handbook 2008, section 6.1). */
export type WeightingSpec =
  | { kind: 'equal' }
  /** Expert points per indicator, or one list per expert (averaged). */
  | { kind: 'budget'; points: readonly number[] | readonly (readonly number[])[] }
  | { kind: 'ahp'; matrix: readonly (readonly number[])[]; method?: AhpMethod }
  /** PCA on the normalised table; varimax unless `rotate: false`. */
  | { kind: 'pca'; rotate?: boolean }
  /** Given weights (e.g. a framework's nested weights), scaled to sum to 1. */
  | { kind: 'fixed'; weights: readonly number[] };

/**
 * Every choice behind a composite index. Returned with each result, completed with the
 * weights actually used and the indicator codes they belong to, so that the same method and
 * the same inputs reproduce the same scores.
 */
export interface CompositeMethod {
  missing: MissingDataRule;
  normalisation: IndicatorNormalisation;
  weighting: WeightingSpec;
  aggregation: AggregationMethod;
  /** The weights used, in indicator order; when given on input they must match the weighting. */
  weights?: readonly number[];
  /** Indicator codes the weights refer to; when given on input they must match the input. */
  indicatorCodes?: readonly string[];
}

/** The indicator columns of the input. */
export interface CompositeIndicator {
  code: string;
  name?: string;
  direction: IndicatorDirection;
}

/** Units × indicators raw values for one year (rows are units; null = missing). */
export interface CompositeInput {
  units: readonly string[];
  indicators: readonly CompositeIndicator[];
  values: readonly (readonly (number | null)[])[];
  /** Earlier years for carry-forward imputation. */
  history?: readonly HistoryYear[];
}

/** A composite index with everything needed to explain and reproduce it. */
export interface CompositeResult {
  /** The method with `weights` and `indicatorCodes` filled in. */
  method: CompositeMethod & { weights: number[]; indicatorCodes: string[] };
  /** Units scored (listwise exclusion may drop some), in input order. */
  units: string[];
  /** Indices of `units` in the input. */
  unitIndices: number[];
  excludedUnits: string[];
  scores: number[];
  /** 1 = best; ties broken by input order, so ranks are a permutation of 1…n. */
  ranks: number[];
  /** Normalised values, rows as `units`. */
  normalised: number[][];
  /** Contribution of each indicator to each score (see {@link aggregateScores}). */
  contributions: (number | null)[][];
  imputed: ImputedCell[];
  /** AHP or PCA details when the weighting used them. */
  weightDetails?: AhpResult | PcaWeightResult;
}

/** Thrown when a method record does not fit the input. */
export class CompositeMethodError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CompositeMethodError';
  }
}

/**
 * Ordinal ranks of scores, 1 = highest; equal scores are ranked in input order (so the ranks
 * are always a permutation of 1…n); −Infinity (a geometric score of 0 in log space) ranks last. Writes into `out` when given; `order` is scratch space of
 * the same length (both let Monte Carlo loops run without allocating).
 */
export function rankDescending(
  scores: ArrayLike<number>,
  out?: Uint32Array,
  order?: Uint32Array,
): Uint32Array {
  const n = scores.length;
  const ranks = out ?? new Uint32Array(n);
  const idx = order ?? new Uint32Array(n);
  for (let u = 0; u < n; u += 1) idx[u] = u;
  idx.sort((a, b) => {
    const sa = scores[a] as number;
    const sb = scores[b] as number;
    return sb > sa ? 1 : sb < sa ? -1 : a - b;
  });
  for (let k = 0; k < n; k += 1) ranks[idx[k] as number] = k + 1;
  return ranks;
}

/** The weights a weighting spec gives for a normalised table (details for AHP and PCA). */
export function resolveWeights(
  weighting: WeightingSpec,
  normalised: readonly (readonly number[])[],
  indicatorNames: readonly string[],
): { weights: number[]; details?: AhpResult | PcaWeightResult } {
  const m = indicatorNames.length;
  const check = (weights: number[]): number[] => {
    if (weights.length !== m) {
      throw new WeightingError(
        `${weighting.kind} weighting gives ${weights.length} weights for ${m} indicators`,
      );
    }
    return weights;
  };
  switch (weighting.kind) {
    case 'equal':
      return { weights: computeEqualWeights(m) };
    case 'budget':
      return { weights: check(computeBudgetAllocationWeights(weighting.points, indicatorNames)) };
    case 'ahp': {
      const details = computeAhpWeights(weighting.matrix, weighting.method ?? 'eigenvector');
      return { weights: check(details.weights), details };
    }
    case 'pca': {
      const details = computePcaWeights(normalised, {
        rotate: weighting.rotate ?? true,
        indicatorNames,
      });
      return { weights: check(details.weights), details };
    }
    case 'fixed': {
      const given = check([...weighting.weights]);
      given.forEach((w, i) => {
        if (!(Number.isFinite(w) && w >= 0)) {
          throw new WeightingError(`${indicatorNames[i]}: weight must be ≥ 0, got ${w}`);
        }
      });
      const total = given.reduce((s, w) => s + w, 0);
      if (!(total > 0)) throw new WeightingError('fixed weights need a positive total');
      return { weights: given.map((w) => w / total) };
    }
  }
}

/**
 * The composite index for units × indicators in the Handbook's order of steps (OECD/JRC 2008:
 * step 3 missing data, step 5 normalisation, step 6 weighting and aggregation): missing-data
 * rule, normalisation per indicator (directions applied), weights, aggregation, then ordinal
 * ranks. Pure and deterministic: the returned `method` with the same input reproduces the
 * result exactly. When the input method carries `weights`/`indicatorCodes` they are checked
 * against what the weighting gives for this input (within 1e-12), so a stale record fails
 * loudly instead of silently scoring differently.
 */
export function computeCompositeIndex(
  input: CompositeInput,
  method: CompositeMethod,
): CompositeResult {
  const m = input.indicators.length;
  const codes = input.indicators.map((i) => i.code);
  const names = input.indicators.map((i) => i.name ?? i.code);
  if (input.values.length !== input.units.length) {
    throw new CompositeMethodError(
      `${input.values.length} rows of values for ${input.units.length} units`,
    );
  }
  if (method.indicatorCodes && method.indicatorCodes.join('\u0000') !== codes.join('\u0000')) {
    throw new CompositeMethodError(
      `the method was recorded for indicators ${method.indicatorCodes.join(', ')}, the input has ${codes.join(', ')}`,
    );
  }
  const filled = handleMissingData(input.values, method.missing, {
    history: input.history,
    unitNames: input.units,
    indicatorNames: names,
  });
  if (filled.values.length === 0) throw new CompositeMethodError('no unit is left to score');
  const directions = input.indicators.map((i) => i.direction);
  let normalisation = method.normalisation;
  if (normalisation.kind === 'percent-of-reference') {
    // The reference is named by its input index; listwise exclusion shifts the rows.
    const reference = normalisation.referenceUnit;
    const kept = filled.keptUnits.indexOf(reference);
    if (kept < 0) {
      throw new CompositeMethodError(
        `the reference unit ${input.units[reference] ?? `#${reference}`} is not scored (excluded or absent)`,
      );
    }
    normalisation = { kind: 'percent-of-reference', referenceUnit: kept };
  }
  const normalised = normaliseTable(filled.values, normalisation, directions, names);
  const { weights, details } = resolveWeights(method.weighting, normalised, names);
  if (method.weights) {
    const recorded = method.weights;
    if (
      recorded.length !== m ||
      recorded.some((w, i) => Math.abs(w - (weights[i] as number)) > 1e-12)
    ) {
      throw new CompositeMethodError(
        `the recorded weights (${recorded.join(', ')}) differ from what the ${method.weighting.kind} weighting gives (${weights.join(', ')})`,
      );
    }
  }
  const { scores, contributions } = aggregateScores(normalised, weights, method.aggregation, names);
  const ranks = Array.from(rankDescending(scores));
  return {
    method: { ...method, weights, indicatorCodes: codes },
    units: filled.keptUnits.map((u) => input.units[u] as string),
    unitIndices: filled.keptUnits,
    excludedUnits: filled.excludedUnits.map((u) => input.units[u] as string),
    scores,
    ranks,
    normalised,
    contributions,
    imputed: filled.imputed,
    ...(details ? { weightDetails: details } : {}),
  };
}
