import type { RandomSource } from '../random.ts';
import { geometricOffset, type AggregationMethod } from './aggregate.ts';
import {
  computeCompositeIndex,
  type CompositeInput,
  type CompositeMethod,
  type CompositeResult,
} from './composite.ts';
import { handleMissingData, type MissingDataRule } from './missing.ts';
import { describeNormalisation, normaliseTable, type IndicatorNormalisation } from './normalise.ts';

/**
 * How the weights vary between draws:
 * - `none`: the base weights in every draw;
 * - `uniform`: w'_i = w_i·(1 + b·(2U_i − 1)) with U_i ~ U[0, 1) and b = `relativeBound`
 *   (e.g. 0.2 for ±20%), then rescaled to sum to 1;
 * - `dirichlet`: w' ~ Dirichlet(c·w_1, …, c·w_m) with c = `concentration` (mean w, variance
 *   w_i(1 − w_i)/(c + 1)); a zero base weight stays zero.
 */
export type WeightUncertainty =
  | { kind: 'none' }
  | { kind: 'uniform'; relativeBound: number }
  | { kind: 'dirichlet'; concentration: number };

/** What varies between Monte Carlo draws, how many draws, and the seeded random source. */
export interface RankUncertaintyOptions {
  /** Number of Monte Carlo draws (≥ 1). */
  draws: number;
  /** The seeded random source (see createSeededRandom); the same seed reproduces the run. */
  random: RandomSource;
  weights?: WeightUncertainty;
  /** Alternatives drawn with equal probability; default: the base method's only. */
  normalisations?: readonly IndicatorNormalisation[];
  aggregations?: readonly AggregationMethod[];
  missingRules?: readonly MissingDataRule[];
  /** Equal-count bins per weight for the sensitivity estimate (default 20). */
  weightBins?: number;
  /** Keep every draw's scores (draws × units), e.g. for {@link moneyFollowsNoise}. */
  keepScores?: boolean;
  /**
   * Called with the draws done so far about every 1% of the draws and once at the end (for a
   * job's progress bar); it does not touch the random source, so results are unchanged.
   */
  onProgress?: (done: number, draws: number) => void;
}

/** One unit's rank distribution over the draws (ranks: 1 = best). */
export interface UnitRankSummary {
  unit: string;
  /** Rank under the base method. */
  baseRank: number;
  medianRank: number;
  /** 5th and 95th percentile ranks: the 90% interval. */
  lowRank: number;
  highRank: number;
  meanRank: number;
  rankVariance: number;
}

/** First-order sensitivity of the ranks to one uncertain input. */
export interface SensitivityEntry {
  factor: 'missing' | 'normalisation' | 'aggregation' | 'weight';
  /** For `weight`: the indicator code. */
  indicator?: string;
  /** `levels`: grouped by the choice's discrete levels; `bins`: equal-count bins of the weight. */
  estimator: 'levels' | 'bins';
  /** S_i for each unit (null when the unit's rank never varies). */
  perUnit: (number | null)[];
  /** Mean of `perUnit` over the units whose rank varies (null when none varies). */
  mean: number | null;
  /** S_i of the average rank shift R̄ (null when R̄ never varies). */
  onAverageShift: number | null;
}

/** Rank distributions, sensitivity indices and the raw draws of an uncertainty analysis. */
export interface UncertaintyResult {
  base: CompositeResult;
  draws: number;
  units: UnitRankSummary[];
  sensitivity: SensitivityEntry[];
  /** rankCounts[u·n + r − 1]: draws in which unit u had rank r. */
  rankCounts: Uint32Array;
  /** ranks[d·n + u]: unit u's rank in draw d. */
  ranks: Uint32Array;
  /**
   * R̄ per draw: the average absolute shift of the units' ranks from the base ranking,
   * (1/n)·Σ_u |rank_d(u) − base(u)| (Saisana, Saltelli & Tarantola 2005, "Uncertainty and
   * sensitivity analysis techniques as tools for the quality assessment of composite
   * indicators", J. Royal Statistical Society A 168(2), 307-323; Handbook 2008, section 7).
   */
  averageShift: Float64Array;
  /** scores[d·n + u], when `keepScores`. */
  scores?: Float64Array;
  /** The level index chosen in each draw (into the alternatives, in the order given). */
  choices: { missing: Uint8Array; normalisation: Uint8Array; aggregation: Uint8Array };
  /** Labels of the alternatives, in order. */
  alternatives: { missing: string[]; normalisation: string[]; aggregation: string[] };
  /** How the percentiles are defined. */
  percentileMethod: string;
}

/** Thrown when the analysis is not defined for the input. */
export class UncertaintyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UncertaintyError';
  }
}

/** A standard normal deviate by the Box–Muller transform (Box & Muller 1958). */
function sampleNormal(random: RandomSource): number {
  const u1 = 1 - random();
  const u2 = random();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/**
 * A Gamma(α, 1) deviate by Marsaglia & Tsang (2000), "A simple method for generating gamma
 * variables", ACM TOMS 26(3), 363-372; for α < 1, Gamma(α + 1)·U^(1/α) (their section 6).
 */
export function sampleGamma(random: RandomSource, alpha: number): number {
  if (alpha < 1) return sampleGamma(random, alpha + 1) * Math.pow(1 - random(), 1 / alpha);
  const d = alpha - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = sampleNormal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - random();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

function label(method: AggregationMethod): string {
  if (method.kind === 'arithmetic') return 'arithmetic';
  return method.zero === 'shift' ? `geometric (shift ${method.offset})` : 'geometric';
}

/**
 * Uncertainty and sensitivity analysis of a composite index's ranks by Monte Carlo (OECD/JRC
 * Handbook 2008, step 7 and section 7: "uncertainty analysis" and "sensitivity analysis"):
 * each draw picks a missing-data rule, a normalisation and an aggregation uniformly from the
 * alternatives given and perturbs the base weights, then ranks the units.
 *
 * Per unit: median rank and the 90% interval [5th, 95th percentile], by the inverse of the
 * empirical distribution function (Hyndman & Fan 1996, definition 1: the smallest rank r with
 * F(r) ≥ p), read from the rank histogram.
 *
 * First-order sensitivity index of unit u's rank Y to input X_i (Saltelli et al. 2008,
 * "Global Sensitivity Analysis: The Primer", Wiley, ch. 1; Handbook 2008, section 7.2):
 * S_i = V(E(Y | X_i)) / V(Y). For a discrete choice, E(Y | X_i = level) is the mean rank in the
 * draws with that level; for a weight, the draws are split into `weightBins` equal-count bins
 * of the drawn weight (a binned estimator, biased upwards by about (bins − 1)/draws). V is the
 * population variance over the draws. The same index is also given for one scalar output of
 * the whole ranking, the average rank shift R̄ (see `averageShift`).
 *
 * Every alternative table is prepared once, so a draw costs one weighted sum per unit and one
 * sort, with no allocation. The same seed reproduces the result exactly. Every missing-data
 * alternative must keep every unit (listwise exclusion that drops a unit throws).
 */
export function analyseUncertainty(
  input: CompositeInput,
  baseMethod: CompositeMethod,
  options: RankUncertaintyOptions,
): UncertaintyResult {
  const draws = options.draws;
  if (!Number.isInteger(draws) || draws < 1)
    throw new UncertaintyError(`draws must be an integer ≥ 1, got ${draws}`);
  const base = computeCompositeIndex(input, baseMethod);
  const n = input.units.length;
  const m = input.indicators.length;
  const names = input.indicators.map((i) => i.name ?? i.code);
  const directions = input.indicators.map((i) => i.direction);
  const missingRules = options.missingRules ?? [baseMethod.missing];
  const normalisations = options.normalisations ?? [baseMethod.normalisation];
  const aggregations = options.aggregations ?? [baseMethod.aggregation];
  for (const [what, list] of [
    ['missing-data rules', missingRules],
    ['normalisations', normalisations],
    ['aggregations', aggregations],
  ] as const) {
    if (list.length === 0 || list.length > 255) {
      throw new UncertaintyError(`give between 1 and 255 ${what}, got ${list.length}`);
    }
  }
  if (base.excludedUnits.length > 0) {
    throw new UncertaintyError(
      `the base method drops ${base.excludedUnits.join(', ')}; use an imputation rule for the uncertainty analysis`,
    );
  }
  const baseWeights = base.method.weights;
  const weightModel = options.weights ?? { kind: 'none' };
  if (
    weightModel.kind === 'uniform' &&
    !(weightModel.relativeBound >= 0 && weightModel.relativeBound < 1)
  ) {
    throw new UncertaintyError(`relativeBound must be in [0, 1), got ${weightModel.relativeBound}`);
  }
  if (
    weightModel.kind === 'dirichlet' &&
    !(weightModel.concentration > 0 && Number.isFinite(weightModel.concentration))
  ) {
    throw new UncertaintyError(`concentration must be > 0, got ${weightModel.concentration}`);
  }
  const bins = options.weightBins ?? 20;
  if (!Number.isInteger(bins) || bins < 1)
    throw new UncertaintyError(`weightBins must be an integer ≥ 1, got ${bins}`);

  // tables[(mi·K + ki)·A + ai]: row-major n × m values ready to be summed with the weights
  // (ln(x + offset) for geometric aggregation).
  const K = normalisations.length;
  const A = aggregations.length;
  const tables: Float64Array[] = [];
  missingRules.forEach((rule) => {
    const filled = handleMissingData(input.values, rule, {
      history: input.history,
      unitNames: input.units,
      indicatorNames: names,
    });
    if (filled.excludedUnits.length > 0) {
      throw new UncertaintyError(
        `listwise exclusion drops ${filled.excludedUnits.map((u) => input.units[u]).join(', ')}; every draw needs every unit`,
      );
    }
    normalisations.forEach((normalisation) => {
      const table = normaliseTable(filled.values, normalisation, directions, names);
      aggregations.forEach((aggregation) => {
        const offset = geometricOffset(aggregation);
        const flat = new Float64Array(n * m);
        for (let u = 0; u < n; u += 1) {
          for (let i = 0; i < m; i += 1) {
            const x = (table[u] as number[])[i] as number;
            if (aggregation.kind === 'arithmetic') flat[u * m + i] = x;
            else {
              if (!(x + offset >= 0)) {
                throw new UncertaintyError(
                  `geometric aggregation with ${describeNormalisation(normalisation)} normalisation: ${input.units[u]}, ${names[i]} is ${x} < 0`,
                );
              }
              flat[u * m + i] = Math.log(x + offset);
            }
          }
        }
        tables.push(flat);
      });
    });
  });

  const random = options.random;
  const weights = new Float64Array(m);
  const drawnWeights = new Float64Array(draws * m);
  const score = new Float64Array(n);
  const rank = new Uint32Array(n);
  const order = new Uint32Array(n);
  for (let u = 0; u < n; u += 1) order[u] = u;
  const ranks = new Uint32Array(draws * n);
  const averageShift = new Float64Array(draws);
  const baseRanks = Uint32Array.from(base.ranks);
  const rankCounts = new Uint32Array(n * n);
  const scores = options.keepScores ? new Float64Array(draws * n) : undefined;
  const choices = {
    missing: new Uint8Array(draws),
    normalisation: new Uint8Array(draws),
    aggregation: new Uint8Array(draws),
  };
  const pickLevel = (count: number): number => (count > 1 ? Math.floor(random() * count) : 0);
  const onProgress = options.onProgress;
  const progressEvery = Math.max(1, Math.floor(draws / 100));

  for (let d = 0; d < draws; d += 1) {
    if (onProgress && d > 0 && d % progressEvery === 0) onProgress(d, draws);
    const mi = pickLevel(missingRules.length);
    const ki = pickLevel(K);
    const ai = pickLevel(A);
    choices.missing[d] = mi;
    choices.normalisation[d] = ki;
    choices.aggregation[d] = ai;
    let total = 0;
    for (let i = 0; i < m; i += 1) {
      const w = baseWeights[i] as number;
      let drawn = w;
      if (weightModel.kind === 'uniform')
        drawn = w * (1 + weightModel.relativeBound * (2 * random() - 1));
      else if (weightModel.kind === 'dirichlet')
        drawn = w > 0 ? sampleGamma(random, weightModel.concentration * w) : 0;
      weights[i] = drawn;
      total += drawn;
    }
    // Without perturbation the base weights are used as they are: rescaling by a total of
    // 1 ± 1 ulp would turn exact ties of the base ranking into near-ties that flip.
    const rescale = weightModel.kind !== 'none' && total > 0;
    for (let i = 0; i < m; i += 1) {
      const w = rescale ? (weights[i] as number) / total : (baseWeights[i] as number);
      weights[i] = w;
      drawnWeights[d * m + i] = w;
    }
    const table = tables[(mi * K + ki) * A + ai] as Float64Array;
    const geometric = (aggregations[ai] as AggregationMethod).kind === 'geometric';
    for (let u = 0; u < n; u += 1) {
      let s = 0;
      const row = u * m;
      if (geometric) {
        for (let i = 0; i < m; i += 1) {
          const w = weights[i] as number;
          if (w !== 0) s += w * (table[row + i] as number);
        }
      } else {
        for (let i = 0; i < m; i += 1) s += (weights[i] as number) * (table[row + i] as number);
      }
      score[u] = s;
      if (scores) scores[d * n + u] = geometric ? Math.exp(s) : s;
    }
    // Insertion sort from the previous draw's order: successive orders differ little, so
    // this is close to linear, allocates nothing and keeps ties in unit order.
    for (let k = 1; k < n; k += 1) {
      const unit = order[k] as number;
      const value = score[unit] as number;
      let j = k - 1;
      while (j >= 0) {
        const other = order[j] as number;
        const otherValue = score[other] as number;
        if (otherValue > value || (otherValue === value && other < unit)) break;
        order[j + 1] = other;
        j -= 1;
      }
      order[j + 1] = unit;
    }
    for (let k = 0; k < n; k += 1) rank[order[k] as number] = k + 1;
    let shift = 0;
    for (let u = 0; u < n; u += 1) {
      const r = rank[u] as number;
      shift += Math.abs(r - (baseRanks[u] as number));
      ranks[d * n + u] = r;
      rankCounts[u * n + r - 1] = (rankCounts[u * n + r - 1] as number) + 1;
    }
    averageShift[d] = shift / n;
  }
  onProgress?.(draws, draws);

  const quantileRank = (u: number, p: number): number => {
    const needed = Math.max(1, Math.ceil(p * draws - 1e-9));
    let cumulative = 0;
    for (let r = 1; r <= n; r += 1) {
      cumulative += rankCounts[u * n + r - 1] as number;
      if (cumulative >= needed) return r;
    }
    return n;
  };
  const meanRank = new Float64Array(n);
  const varianceRank = new Float64Array(n);
  for (let u = 0; u < n; u += 1) {
    let sum = 0;
    let sumSq = 0;
    for (let r = 1; r <= n; r += 1) {
      const c = rankCounts[u * n + r - 1] as number;
      sum += c * r;
      sumSq += c * r * r;
    }
    const mean = sum / draws;
    meanRank[u] = mean;
    varianceRank[u] = Math.max(0, sumSq / draws - mean * mean);
  }
  const units: UnitRankSummary[] = input.units.map((unit, u) => ({
    unit,
    baseRank: base.ranks[u] as number,
    medianRank: quantileRank(u, 0.5),
    lowRank: quantileRank(u, 0.05),
    highRank: quantileRank(u, 0.95),
    meanRank: meanRank[u] as number,
    rankVariance: varianceRank[u] as number,
  }));

  let shiftMean = 0;
  for (let d = 0; d < draws; d += 1) shiftMean += (averageShift[d] as number) / draws;
  let shiftVariance = 0;
  for (let d = 0; d < draws; d += 1)
    shiftVariance += ((averageShift[d] as number) - shiftMean) ** 2 / draws;

  // S_i from a grouping of the draws: group[d] in 0…groups−1.
  const firstOrder = (
    group: Uint8Array | Uint16Array,
    groups: number,
  ): { perUnit: (number | null)[]; mean: number | null; onAverageShift: number | null } => {
    const counts = new Float64Array(groups);
    const sums = new Float64Array(groups * n);
    const shiftSums = new Float64Array(groups);
    for (let d = 0; d < draws; d += 1) {
      const g = group[d] as number;
      counts[g] = (counts[g] as number) + 1;
      shiftSums[g] = (shiftSums[g] as number) + (averageShift[d] as number);
      const offset = g * n;
      for (let u = 0; u < n; u += 1)
        sums[offset + u] = (sums[offset + u] as number) + (ranks[d * n + u] as number);
    }
    const perUnit: (number | null)[] = [];
    let total = 0;
    let varying = 0;
    for (let u = 0; u < n; u += 1) {
      const v = varianceRank[u] as number;
      if (!(v > 1e-12)) {
        perUnit.push(null);
        continue;
      }
      let between = 0;
      for (let g = 0; g < groups; g += 1) {
        const c = counts[g] as number;
        if (c === 0) continue;
        between += (c / draws) * ((sums[g * n + u] as number) / c - (meanRank[u] as number)) ** 2;
      }
      const s = Math.min(1, between / v);
      perUnit.push(s);
      total += s;
      varying += 1;
    }
    let shiftBetween = 0;
    for (let g = 0; g < groups; g += 1) {
      const c = counts[g] as number;
      if (c > 0) shiftBetween += (c / draws) * ((shiftSums[g] as number) / c - shiftMean) ** 2;
    }
    return {
      perUnit,
      mean: varying === 0 ? null : total / varying,
      onAverageShift: shiftVariance > 1e-12 ? Math.min(1, shiftBetween / shiftVariance) : null,
    };
  };
  const sensitivity: SensitivityEntry[] = [];
  if (missingRules.length > 1)
    sensitivity.push({
      factor: 'missing',
      estimator: 'levels',
      ...firstOrder(choices.missing, missingRules.length),
    });
  if (K > 1)
    sensitivity.push({
      factor: 'normalisation',
      estimator: 'levels',
      ...firstOrder(choices.normalisation, K),
    });
  if (A > 1)
    sensitivity.push({
      factor: 'aggregation',
      estimator: 'levels',
      ...firstOrder(choices.aggregation, A),
    });
  if (weightModel.kind !== 'none') {
    const groups = Math.min(bins, draws);
    const column = new Float64Array(draws);
    const edges = new Float64Array(groups);
    const bin = new Uint16Array(draws);
    for (let i = 0; i < m; i += 1) {
      if ((baseWeights[i] as number) === 0) continue;
      for (let d = 0; d < draws; d += 1) column[d] = drawnWeights[d * m + i] as number;
      column.sort();
      // edges[b] is the smallest weight of bin b; a draw falls in the last bin whose edge it
      // reaches (equal weights share a bin).
      for (let b = 0; b < groups; b += 1)
        edges[b] = column[Math.floor((b * draws) / groups)] as number;
      for (let d = 0; d < draws; d += 1) {
        const w = drawnWeights[d * m + i] as number;
        let lo = 0;
        let hi = groups - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if ((edges[mid] as number) <= w) lo = mid;
          else hi = mid - 1;
        }
        bin[d] = lo;
      }
      sensitivity.push({
        factor: 'weight',
        indicator: input.indicators[i]?.code as string,
        estimator: 'bins',
        ...firstOrder(bin, groups),
      });
    }
  }

  return {
    base,
    draws,
    units,
    sensitivity,
    rankCounts,
    ranks,
    averageShift,
    ...(scores ? { scores } : {}),
    choices,
    alternatives: {
      missing: [...missingRules],
      normalisation: normalisations.map(describeNormalisation),
      aggregation: aggregations.map(label),
    },
    percentileMethod:
      'inverse empirical distribution function (Hyndman & Fan 1996, definition 1): the smallest rank r with F(r) ≥ p; median p = 0.5, interval p = 0.05 and 0.95',
  };
}
