import type { RandomSource } from '../random.ts';
import { computePercentile } from './percentile.ts';

/** A selection criterion: a named function from a candidate's data to a raw score. */
export interface SelectionCriterion<T> {
  key: string;
  label: string;
  /** Weight >= 0; weights are renormalised to sum 1 when scoring. */
  weight: number;
  /** Raw value; null when it cannot be computed (the candidate is then excluded, with reason). */
  measure: (candidate: T) => number | null;
  /** Whether a higher raw value is better (default) or a lower one. */
  direction?: 'higher' | 'lower';
}

/** An eligibility condition; a candidate failing it is excluded with `reason`. */
export interface EligibilityRule<T> {
  key: string;
  reason: string;
  test: (candidate: T) => boolean;
}

/**
 * How raw criterion values are made comparable across candidates:
 * - `minMax`: (x − min) / (max − min), in [0, 1]; all 0 when every candidate has the same value;
 * - `zScore`: (x − mean) / sd with the population sd; all 0 when sd = 0;
 * - `rank`: (rank − 1) / (n − 1) with average ranks for ties (worst 0, best 1); 0 when n = 1.
 * For a criterion with direction `lower` the value is negated first.
 */
export type NormalisationMethod = 'minMax' | 'zScore' | 'rank';

export interface SelectionConfig<T> {
  id: (candidate: T) => string;
  criteria: readonly SelectionCriterion<T>[];
  eligibility?: readonly EligibilityRule<T>[];
  normalisation?: NormalisationMethod;
}

export interface ScoredCandidate {
  id: string;
  raw: Record<string, number>;
  normalised: Record<string, number>;
  score: number;
  /** 1 = best; ties share the better rank (1, 2, 2, 4). */
  rank: number;
}

export interface ExcludedCandidate {
  id: string;
  reasons: string[];
}

export interface SelectionResult {
  /** Eligible candidates, best first (ties by id). */
  ranked: ScoredCandidate[];
  excluded: ExcludedCandidate[];
  /** The weights used, renormalised to sum 1. */
  weights: Record<string, number>;
}

function normaliseValues(values: readonly number[], method: NormalisationMethod): number[] {
  const n = values.length;
  if (n === 0) return [];
  if (method === 'minMax') {
    const min = Math.min(...values);
    const max = Math.max(...values);
    return values.map((v) => (max === min ? 0 : (v - min) / (max - min)));
  }
  if (method === 'zScore') {
    const mean = values.reduce((s, v) => s + v, 0) / n;
    const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / n);
    return values.map((v) => (sd === 0 ? 0 : (v - mean) / sd));
  }
  if (n === 1) return [0];
  const order = values.map((v, k) => ({ v, k })).sort((a, b) => a.v - b.v);
  const ranks = new Array<number>(n).fill(0);
  let start = 0;
  while (start < n) {
    let end = start;
    while (end + 1 < n && order[end + 1]?.v === order[start]?.v) end += 1;
    const averageRank = (start + end) / 2 + 1;
    for (let j = start; j <= end; j += 1) ranks[(order[j] as { k: number }).k] = averageRank;
    start = end + 1;
  }
  return ranks.map((r) => (r - 1) / (n - 1));
}

function normaliseWeights(weights: readonly number[]): number[] {
  for (const w of weights) {
    if (!Number.isFinite(w) || w < 0)
      throw new RangeError(`weights must be finite and >= 0, got ${w}`);
  }
  const total = weights.reduce((s, w) => s + w, 0);
  if (total === 0) throw new RangeError('weights must not all be zero');
  return weights.map((w) => w / total);
}

function rankScores(scores: readonly number[]): number[] {
  // competition ranking: 1 + the number of clearly better scores
  return scores.map(
    (s) => 1 + scores.filter((other) => other - s > 1e-12 * Math.max(1, Math.abs(s))).length,
  );
}

interface PreparedSelection {
  eligible: { id: string; raw: Record<string, number> }[];
  excluded: ExcludedCandidate[];
  /** normalised[c][k]: candidate k's normalised value on criterion c. */
  normalised: number[][];
}

function prepareSelection<T>(
  candidates: readonly T[],
  config: SelectionConfig<T>,
): PreparedSelection {
  const method = config.normalisation ?? 'minMax';
  const eligible: { id: string; raw: Record<string, number> }[] = [];
  const excluded: ExcludedCandidate[] = [];
  for (const candidate of candidates) {
    const id = config.id(candidate);
    const reasons = (config.eligibility ?? [])
      .filter((r) => !r.test(candidate))
      .map((r) => r.reason);
    const raw: Record<string, number> = {};
    for (const criterion of config.criteria) {
      const value = criterion.measure(candidate);
      if (value === null || !Number.isFinite(value))
        reasons.push(`no value for ${criterion.label}`);
      else raw[criterion.key] = value;
    }
    if (reasons.length > 0) excluded.push({ id, reasons });
    else eligible.push({ id, raw });
  }
  const normalised = config.criteria.map((criterion) => {
    const sign = criterion.direction === 'lower' ? -1 : 1;
    return normaliseValues(
      eligible.map((c) => sign * (c.raw[criterion.key] as number)),
      method,
    );
  });
  return { eligible, excluded, normalised };
}

function scoreWith(prepared: PreparedSelection, weights: readonly number[]): number[] {
  return prepared.eligible.map((_, k) =>
    weights.reduce((s, w, c) => s + w * (prepared.normalised[c]?.[k] ?? 0), 0),
  );
}

/**
 * Scores and ranks candidate complexes by a weighted sum of normalised criteria, the simple
 * additive weighting of multi-criteria decision analysis (OECD/JRC 2008, "Handbook on
 * Constructing Composite Indicators", steps 5 and 6 of its checklist: normalisation, weighting
 * and aggregation), over the five criteria MOCIE used to select the pilot complexes (OECD 2007,
 * "Competitive Regional Clusters: National Policy Approaches", ch. 14 "Korea", section 4
 * "Targets and scope"; see `createDefaultSelectionCriteria`).
 *
 * Candidates failing an eligibility rule, or with a null criterion value, are excluded with all
 * their reasons; normalisation is over the eligible candidates only. Weights are renormalised
 * to sum 1 (RangeError if negative or all zero). Ranks: 1 is best; equal scores share a rank,
 * scores within 1e-12 (relative) counting as equal so that rounding does not split a tie.
 */
export function scoreCandidates<T>(
  candidates: readonly T[],
  config: SelectionConfig<T>,
): SelectionResult {
  const prepared = prepareSelection(candidates, config);
  const weights = normaliseWeights(config.criteria.map((c) => c.weight));
  const scores = scoreWith(prepared, weights);
  const ranks = rankScores(scores);
  const ranked = prepared.eligible
    .map((c, k) => ({
      id: c.id,
      raw: c.raw,
      normalised: Object.fromEntries(
        config.criteria.map((criterion, ci) => [criterion.key, prepared.normalised[ci]?.[k] ?? 0]),
      ),
      score: scores[k] ?? 0,
      rank: ranks[k] ?? 0,
    }))
    .sort((a, b) => a.rank - b.rank || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    ranked,
    excluded: prepared.excluded,
    weights: Object.fromEntries(config.criteria.map((c, ci) => [c.key, weights[ci] ?? 0])),
  };
}

export interface UncertaintyOptions {
  iterations: number;
  random: RandomSource;
  /** [min, max] of each criterion's weight, by key; a criterion not listed keeps its weight. */
  weightBounds: Readonly<Record<string, readonly [number, number]>>;
  /** k for the "how often in the top k" count (default 3). */
  topK?: number;
}

export interface RankUncertainty {
  id: string;
  /** Rank with the configured weights. */
  baseRank: number;
  medianRank: number;
  minRank: number;
  maxRank: number;
  /** 5th and 95th percentiles (type 7) of the simulated ranks. */
  rankP5: number;
  rankP95: number;
  /** Share of iterations in which the candidate ranked within the top k. */
  topKShare: number;
}

/**
 * Uncertainty of the ranking under uncertain weights, by Monte Carlo (Saisana, Saltelli &
 * Tarantola 2005, "Uncertainty and sensitivity analysis techniques as tools for the quality
 * assessment of composite indicators", J. Royal Statistical Society A 168(2), 307-323): in
 * each iteration every listed criterion's weight is drawn uniformly from its bounds, all
 * weights are renormalised to sum 1, and the eligible candidates are re-ranked. Returns per
 * candidate the median, min, max, 5th-95th percentile rank (type 7) and the share of
 * iterations in the top k, in the order of the base ranking.
 *
 * Deterministic for a given seeded `random` (draws in criterion order, iteration by
 * iteration). If an iteration draws all-zero weights it throws a RangeError: bounds that
 * allow all weights to be zero are a configuration error.
 * iterations must be a positive integer; bounds must satisfy 0 <= min <= max and name known
 * criteria (else RangeError).
 */
export function simulateRankUncertainty<T>(
  candidates: readonly T[],
  config: SelectionConfig<T>,
  options: UncertaintyOptions,
): RankUncertainty[] {
  if (!Number.isInteger(options.iterations) || options.iterations < 1) {
    throw new RangeError('iterations must be a positive integer');
  }
  const keys = new Set(config.criteria.map((c) => c.key));
  for (const [key, [min, max]] of Object.entries(options.weightBounds)) {
    if (!keys.has(key)) throw new RangeError(`weight bounds name an unknown criterion: ${key}`);
    if (!(min >= 0 && max >= min))
      throw new RangeError(`bounds of ${key} must satisfy 0 <= min <= max`);
  }
  const topK = options.topK ?? 3;
  const base = scoreCandidates(candidates, config);
  const prepared = prepareSelection(candidates, config);
  const ids = prepared.eligible.map((c) => c.id);
  const samples: number[][] = ids.map(() => []);
  for (let it = 0; it < options.iterations; it += 1) {
    const drawn = config.criteria.map((criterion) => {
      const bounds = options.weightBounds[criterion.key];
      if (!bounds) return criterion.weight;
      const [min, max] = bounds;
      return min + options.random() * (max - min);
    });
    const ranks = rankScores(scoreWith(prepared, normaliseWeights(drawn)));
    ranks.forEach((r, k) => samples[k]?.push(r));
  }
  const byId = new Map(ids.map((id, k) => [id, samples[k] ?? []]));
  return base.ranked.map((c) => {
    const ranks = byId.get(c.id) ?? [];
    return {
      id: c.id,
      baseRank: c.rank,
      medianRank: computePercentile(ranks, 0.5),
      minRank: Math.min(...ranks),
      maxRank: Math.max(...ranks),
      rankP5: computePercentile(ranks, 0.05),
      rankP95: computePercentile(ranks, 0.95),
      topKShare: ranks.filter((r) => r <= topK).length / ranks.length,
    };
  });
}

/** The data of a candidate complex for the default criteria. */
export interface ComplexCandidate {
  id: string;
  name?: string;
  /** Number of tenant companies. */
  companies: number;
  /** Jobs in the complex by industry. */
  jobsByIndustry: Readonly<Record<string, number>>;
  /** The complex's main industry (a key of jobsByIndustry). */
  mainIndustry: string;
  /** The complex's production (or jobs) and its province's, for regional influence. */
  complexOutput: number;
  provinceOutput: number;
  /** Indicators of industry development level and innovation capacity, already on one scale. */
  competitivenessIndicators: readonly number[];
  /** Indicators of infrastructure and of a leading company, already on one scale. */
  investmentIndicators: readonly number[];
  /** Consistency with central and regional policy, an entered score. */
  policyConsistencyScore: number | null;
  /** A regional complex on a strategic industry (eligible whatever its size). */
  strategicRegionalComplex?: boolean;
}

/**
 * Concentration on a main industry: the main industry's share of the complex's jobs. Null when
 * the complex has no jobs.
 */
export function computeMainIndustryConcentration(
  jobsByIndustry: Readonly<Record<string, number>>,
  mainIndustry: string,
): number | null {
  const total = Object.values(jobsByIndustry).reduce((s, v) => s + v, 0);
  if (total <= 0) return null;
  return (jobsByIndustry[mainIndustry] ?? 0) / total;
}

/** Influence on the regional economy: the complex's share of its province's output; null when the province's is 0. */
export function computeRegionalInfluence(
  complexOutput: number,
  provinceOutput: number,
): number | null {
  return provinceOutput > 0 ? complexOutput / provinceOutput : null;
}

/** Mean of indicator values given on a common scale; null for none. */
export function computeIndicatorMean(indicators: readonly number[]): number | null {
  if (indicators.length === 0) return null;
  return indicators.reduce((s, v) => s + v, 0) / indicators.length;
}

/**
 * The five criteria MOCIE used to select the pilot complexes (OECD 2007, "Competitive Regional
 * Clusters: National Policy Approaches", ch. 14 "Korea", section 4; DOMAIN.md "Selecting
 * complexes"), equally weighted by
 * default: competitiveness (mean of its indicators), influence on the regional economy
 * (share of the province's output), concentration on a main industry (its share of jobs),
 * consistency with policy (entered score), investment expectancy (mean of its indicators).
 */
export function createDefaultSelectionCriteria(
  weights: Partial<Record<DefaultCriterionKey, number>> = {},
): SelectionCriterion<ComplexCandidate>[] {
  return [
    {
      key: 'competitiveness',
      label: 'Competitiveness',
      weight: weights.competitiveness ?? 0.2,
      measure: (c) => computeIndicatorMean(c.competitivenessIndicators),
    },
    {
      key: 'influence',
      label: 'Influence on the regional economy',
      weight: weights.influence ?? 0.2,
      measure: (c) => computeRegionalInfluence(c.complexOutput, c.provinceOutput),
    },
    {
      key: 'concentration',
      label: 'Concentration on a main industry',
      weight: weights.concentration ?? 0.2,
      measure: (c) => computeMainIndustryConcentration(c.jobsByIndustry, c.mainIndustry),
    },
    {
      key: 'policyConsistency',
      label: 'Consistency with policy',
      weight: weights.policyConsistency ?? 0.2,
      measure: (c) => c.policyConsistencyScore,
    },
    {
      key: 'investmentExpectancy',
      label: 'Investment expectancy',
      weight: weights.investmentExpectancy ?? 0.2,
      measure: (c) => computeIndicatorMean(c.investmentIndicators),
    },
  ];
}

export type DefaultCriterionKey =
  'competitiveness' | 'influence' | 'concentration' | 'policyConsistency' | 'investmentExpectancy';

/**
 * The default eligibility rule (OECD 2007, ch. 14, section 4: candidates were complexes with
 * over 100 companies,
 * plus regional complexes on strategic industries): more than `minimumCompanies` companies
 * (default 100), or flagged as a strategic regional complex.
 */
export function createDefaultEligibilityRules(
  minimumCompanies = 100,
): EligibilityRule<ComplexCandidate>[] {
  return [
    {
      key: 'companies',
      reason: `${minimumCompanies} companies or fewer, and not a strategic regional complex`,
      test: (c) => c.companies > minimumCompanies || c.strategicRegionalComplex === true,
    },
  ];
}
