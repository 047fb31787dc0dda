import type {
  AllocationOutcome,
  AllocationRuleDto,
  IndexMethodDto,
  IndexRun,
  UncertaintyResult,
} from '@innocluster/contracts';
import {
  AggregationError,
  AllocationError,
  allocateBudget,
  analyseUncertainty,
  CompositeMethodError,
  computeCompositeIndex,
  createSeededRandom,
  FrameworkValidationError,
  MissingDataError,
  moneyFollowsNoise,
  NormalisationError,
  UncertaintyError,
  WeightingError,
  type AggregationMethod,
  type AllocationRule,
  type CompositeInput,
  type CompositeMethod,
  type CompositeResult,
  type IndicatorNormalisation,
  type MissingDataRule,
  type WeightUncertainty,
} from '@innocluster/domain';

/**
 * Pure steps of the evaluation shared by the service, the uncertainty worker and the reports:
 * turning recorded method choices into the domain's method, an index run's stored input back
 * into a composite input, allocation rules keyed by complex into the domain's unit order, and
 * the Monte Carlo result into the contract's shape.
 */

/** The input of an index run as stored with its result (units are complex ids). */
export interface StoredIndexInput {
  complexIds: number[];
  complexNames: string[];
  indicators: { code: string; name: string; direction: 'higher' | 'lower' }[];
  values: (number | null)[][];
  history: { year: number; values: (number | null)[][] }[];
}

/** The method as recorded on a run: the request's choices with the weights used. */
export type RecordedMethod = IndexMethodDto & { weights: number[]; indicatorCodes: string[] };

/** Whether an error is a domain error about the data or the method (a 400, not a 500). */
export function isMethodError(error: unknown): error is Error {
  return (
    error instanceof MissingDataError ||
    error instanceof NormalisationError ||
    error instanceof WeightingError ||
    error instanceof AggregationError ||
    error instanceof CompositeMethodError ||
    error instanceof UncertaintyError ||
    error instanceof FrameworkValidationError
  );
}

/** The field of the request a method error is about, for the problem's `errors`. */
export function methodErrorField(error: Error): string {
  if (error instanceof MissingDataError) return 'body.method.missing';
  if (error instanceof NormalisationError) return 'body.method.normalisation';
  if (error instanceof WeightingError) return 'body.method.weighting';
  if (error instanceof AggregationError) return 'body.method.aggregation';
  return 'body.method';
}

/**
 * The domain method for recorded choices: `framework` weighting becomes the fixed weights it
 * resolved to when the run was made (they are part of the record).
 */
export function toDomainMethod(
  method: IndexMethodDto,
  frameworkWeights: readonly number[] | null,
): CompositeMethod {
  const weighting =
    method.weighting.kind === 'framework'
      ? { kind: 'fixed' as const, weights: [...(frameworkWeights ?? [])] }
      : method.weighting;
  return {
    missing: method.missing,
    normalisation: method.normalisation as IndicatorNormalisation,
    weighting,
    aggregation: method.aggregation as AggregationMethod,
  };
}

export function toCompositeInput(stored: StoredIndexInput): CompositeInput {
  return {
    units: stored.complexIds.map(String),
    indicators: stored.indicators,
    values: stored.values,
    history: stored.history,
  };
}

/** Runs the composite index on a stored input with recorded choices. */
export function recompute(stored: StoredIndexInput, method: RecordedMethod): CompositeResult {
  const weights = method.weighting.kind === 'framework' ? method.weights : null;
  return computeCompositeIndex(toCompositeInput(stored), toDomainMethod(method, weights));
}

/** The per-complex rows of a composite result, ordered by rank. */
export function complexRows(
  stored: StoredIndexInput,
  result: CompositeResult,
): IndexRun['complexes'] {
  const codes = stored.indicators.map((i) => i.code);
  return result.units
    .map((_, k) => {
      const u = result.unitIndices[k] as number;
      return {
        complexId: stored.complexIds[u] as number,
        complexName: stored.complexNames[u] as string,
        score: result.scores[k] as number,
        rank: result.ranks[k] as number,
        raw: stored.values[u] as (number | null)[],
        normalised: result.normalised[k] as number[],
        contributions: result.contributions[k] as (number | null)[],
        imputed: result.imputed
          .filter((c) => c.unit === u)
          .map((c) => ({
            indicatorCode: codes[c.indicator] as string,
            value: c.value,
            rule: c.rule,
            ...(c.fromYear === undefined ? {} : { fromYear: c.fromYear }),
          })),
      };
    })
    .sort((a, b) => a.rank - b.rank);
}

/** Per complex id: its position among a run's scored complexes. */
export interface ScoredComplex {
  complexId: number;
  complexName: string;
  score: number;
  rank: number;
}

/**
 * The domain rule for a rule keyed by complex, in the order of `complexes`: per-complex floors
 * and caps default to none, base sizes and last year's amounts must name every complex.
 * Throws an {@link AllocationError} naming the field.
 */
export function toDomainRule(
  rule: AllocationRuleDto,
  complexes: readonly { complexId: number; complexName: string }[],
  field = 'rule',
): AllocationRule {
  const perComplex = (
    list: readonly { complexId: number; amount?: number; size?: number }[],
    what: string,
    fallback: number | null,
  ): number[] => {
    const byId = new Map(list.map((x) => [x.complexId, x.amount ?? x.size ?? 0]));
    const known = new Set(complexes.map((c) => c.complexId));
    const stranger = list.find((x) => !known.has(x.complexId));
    if (stranger) {
      throw new AllocationError(
        `${field}.${what}`,
        `${field}.${what}: complex ${stranger.complexId} is not scored by this index run`,
      );
    }
    return complexes.map((c) => {
      const v = byId.get(c.complexId);
      if (v === undefined) {
        if (fallback === null) {
          throw new AllocationError(
            `${field}.${what}`,
            `${field}.${what}: no value for ${c.complexName} (complex ${c.complexId})`,
          );
        }
        return fallback;
      }
      return v;
    });
  };
  const bound = (b: AllocationRuleDto['floor'], what: string, fallback: number) =>
    b === undefined ? undefined : typeof b === 'number' ? b : perComplex(b, what, fallback);
  const floor = bound(rule.floor, 'floor', 0);
  const cap = bound(rule.cap, 'cap', Number.POSITIVE_INFINITY);
  return {
    pool: rule.pool,
    baseFraction: rule.baseFraction,
    base:
      rule.base.kind === 'equal'
        ? { kind: 'equal' }
        : { kind: 'proportional', sizes: perComplex(rule.base.sizes, 'base.sizes', null) },
    performance: rule.performance,
    ...(floor === undefined ? {} : { floor }),
    ...(cap === undefined ? {} : { cap }),
    ...(rule.changeLimit ? { changeLimit: rule.changeLimit } : {}),
    ...(rule.lastYear ? { lastYear: perComplex(rule.lastYear, 'lastYear', null) } : {}),
  };
}

/** One allocation rule over scored complexes, as the contract's outcome (never throws for rules). */
export function allocate(
  name: string,
  rule: AllocationRuleDto,
  scored: readonly ScoredComplex[],
): AllocationOutcome {
  const ordered = [...scored].sort((a, b) => a.rank - b.rank);
  try {
    const domainRule = toDomainRule(rule, ordered);
    const result = allocateBudget(
      ordered.map((c) => c.score),
      domainRule,
      ordered.map((c) => c.complexName),
    );
    const last = domainRule.lastYear;
    return {
      name,
      ok: true,
      error: null,
      constraint: null,
      pool: rule.pool,
      total: result.amounts.reduce((s, a) => s + a, 0),
      lines: ordered.map((c, u) => {
        const amount = result.amounts[u] as number;
        // JSON has no Infinity: an unbounded upper limit (no cap) is sent as null.
        const upper = result.upper[u] as number;
        const lastYear = last ? (last[u] as number) : null;
        return {
          complexId: c.complexId,
          complexName: c.complexName,
          score: c.score,
          rank: c.rank,
          amount,
          target: result.targets[u] as number,
          lower: result.lower[u] as number,
          upper: Number.isFinite(upper) ? upper : null,
          binding: result.binding[u] ?? null,
          lastYear,
          change: lastYear === null ? null : amount - lastYear,
        };
      }),
    };
  } catch (error) {
    if (!(error instanceof AllocationError)) throw error;
    return {
      name,
      ok: false,
      error: error.message,
      constraint: error.constraint,
      pool: rule.pool,
      total: 0,
      lines: [],
    };
  }
}

/** What the uncertainty worker is given. */
export interface UncertaintyTask {
  stored: StoredIndexInput;
  method: RecordedMethod;
  draws: number;
  seed: number;
  weights: WeightUncertainty;
  normalisations?: IndicatorNormalisation[] | undefined;
  aggregations?: AggregationMethod[] | undefined;
  missingRules?: MissingDataRule[] | undefined;
  allocations: { scenarioId: number; name: string; rule: AllocationRuleDto }[];
  moveAmount: number;
}

/**
 * The Monte Carlo uncertainty and sensitivity analysis of an index run (domain
 * analyseUncertainty, seeded), summarised per complex in the contract's shape, with each
 * indicator's contribution to the base scores and, for each allocation scenario, the share of
 * draws in which a complex's allocation moves by more than `moveAmount` KRW.
 */
export function runUncertaintyTask(
  task: UncertaintyTask,
  report: (progress: number, stage: string) => void = () => {},
): UncertaintyResult {
  const started = performance.now();
  const { stored } = task;
  const weights = task.method.weighting.kind === 'framework' ? task.method.weights : null;
  const method = toDomainMethod(task.method, weights);
  const result = analyseUncertainty(toCompositeInput(stored), method, {
    draws: task.draws,
    random: createSeededRandom(task.seed),
    weights: task.weights,
    ...(task.normalisations ? { normalisations: task.normalisations } : {}),
    ...(task.aggregations ? { aggregations: task.aggregations } : {}),
    ...(task.missingRules ? { missingRules: task.missingRules } : {}),
    keepScores: task.allocations.length > 0,
    onProgress: (done, draws) =>
      report((0.9 * done) / draws, `Monte Carlo draws ${done} of ${draws}`),
  });
  const ids = stored.complexIds;
  const perComplex = (values: readonly (number | null)[]) =>
    ids.map((complexId, u) => ({ complexId, value: values[u] ?? null }));
  const base = result.base;
  const codes = stored.indicators.map((i) => i.code);
  const geometric = method.aggregation.kind === 'geometric';
  // Each indicator's share of each base score: arithmetic w_i x_i / score; geometric
  // contributions are already shares of the log-score.
  const shares = codes.map((_, i) =>
    base.units.map((_, k) => {
      const c = base.contributions[k]?.[i] ?? null;
      if (c === null) return null;
      if (geometric) return c;
      const s = base.scores[k] as number;
      return s === 0 ? null : c / s;
    }),
  );
  report(0.92, 'allocations');
  const moneyFollowsNoiseResult = task.allocations.map((a) => {
    const scored = base.units.map((_, k) => ({
      complexId: ids[base.unitIndices[k] as number] as number,
      complexName: stored.complexNames[base.unitIndices[k] as number] as string,
    }));
    try {
      const rule = toDomainRule(a.rule, scored);
      const noise = moneyFollowsNoise(base.scores, result.scores!, rule, task.moveAmount);
      return {
        allocationScenarioId: a.scenarioId,
        scenarioName: a.name,
        moveAmount: task.moveAmount,
        error: null,
        complexes: scored.map((c, u) => ({
          complexId: c.complexId,
          deterministic: noise.deterministic[u] as number,
          shareMoved: noise.shareMoved[u] as number,
          largestMove: noise.largestMove[u] as number,
        })),
      };
    } catch (error) {
      if (!(error instanceof AllocationError)) throw error;
      return {
        allocationScenarioId: a.scenarioId,
        scenarioName: a.name,
        moveAmount: task.moveAmount,
        error: error.message,
        complexes: [],
      };
    }
  });
  const shifts = Array.from(result.averageShift).sort((a, b) => a - b);
  const mean = shifts.reduce((s, v) => s + v, 0) / Math.max(1, shifts.length);
  const p95 = shifts[Math.max(0, Math.ceil(0.95 * shifts.length) - 1)] ?? 0;
  report(1, 'done');
  return {
    draws: result.draws,
    seed: task.seed,
    complexes: result.units.map((u, k) => ({
      complexId: ids[k] as number,
      complexName: stored.complexNames[k] as string,
      baseRank: u.baseRank,
      medianRank: u.medianRank,
      lowRank: u.lowRank,
      highRank: u.highRank,
      meanRank: u.meanRank,
    })),
    sensitivity: result.sensitivity.map((s) => ({
      factor: s.factor,
      indicatorCode: s.indicator ?? null,
      estimator: s.estimator,
      mean: s.mean,
      onAverageShift: s.onAverageShift,
      perComplex: perComplex(s.perUnit),
    })),
    contributions: codes.map((code, i) => {
      const list = shares[i] as (number | null)[];
      const known = list.filter((v): v is number => v !== null);
      return {
        indicatorCode: code,
        meanShare: known.length === 0 ? 0 : known.reduce((s, v) => s + v, 0) / known.length,
        perComplex: base.units.map((_, k) => ({
          complexId: ids[base.unitIndices[k] as number] as number,
          value: list[k] ?? null,
        })),
      };
    }),
    alternatives: result.alternatives,
    averageShift: { mean, p95 },
    moneyFollowsNoise: moneyFollowsNoiseResult,
    percentileMethod: result.percentileMethod,
    seconds: (performance.now() - started) / 1000,
  };
}
