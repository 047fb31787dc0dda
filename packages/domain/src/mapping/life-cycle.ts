import { computeCompoundAnnualGrowthRate } from './growth.ts';

/** Stages of a cluster's life cycle (Menzel & Fornahl 2010). */
export type LifeCycleStage = 'emerging' | 'growing' | 'mature' | 'declining';

/** One year of a regional cluster's trajectory. */
export interface ClusterYear {
  year: number;
  employment: number;
  establishments?: number;
  /** LQ that year; null when undefined. */
  locationQuotient: number | null;
}

export interface LifeCycleOptions {
  /** Years looked back from the last observation (default 5); earlier years are ignored. */
  windowYears?: number;
  /** Employment CAGR at or above this is growth (default 0.02 = 2% a year). */
  growthRate?: number;
  /** Employment CAGR at or below this is decline (default −0.01 = −1% a year). */
  declineRate?: number;
  /** LQ below this means the region is not (yet) specialised (default 1). */
  specialisationLocationQuotient?: number;
  /** |LQ slope| per year at or above this counts as a trend (default 0.02). */
  locationQuotientTrend?: number;
}

/** Codes of the conditions that decide a stage; each comes with its numbers in `params`. */
export const lifeCycleReasonCodes = [
  'too_few_years',
  'employment_declining',
  'lq_falling',
  'establishments_falling',
  'lq_undefined',
  'lq_below',
  'employment_change',
  'employment_from_zero',
  'lq_at_least',
  'employment_growing',
  'lq_rising',
  'employment_within_band',
  'lq_trend_flat',
] as const;
export type LifeCycleReasonCode = (typeof lifeCycleReasonCodes)[number];

/**
 * One condition behind a stage, as a code and its numbers, so that each interface words it in
 * its own language. Rates are fractions a year (0.05 = 5% a year), LQ slopes are LQ points a
 * year, `fromYear`/`toYear` bound the window.
 */
export interface LifeCycleReason {
  code: LifeCycleReasonCode;
  params: Record<string, number>;
}

/** The classification and the numbers and conditions behind it, for the UI to explain. */
export interface LifeCycleAssessment {
  /** null when the trajectory is too short (fewer than two years in the window). */
  stage: LifeCycleStage | null;
  /** The deciding conditions as codes with their numbers (`reasons` in English). */
  reasonCodes: LifeCycleReason[];
  /** One sentence per condition that decided the stage, with its numbers. */
  reasons: string[];
  /** `reasons` joined into one explanation. */
  explanation: string;
  fromYear: number | null;
  toYear: number | null;
  employmentGrowthRate: number | null;
  establishmentsGrowthRate: number | null;
  /** LQ in the last year of the window. */
  locationQuotient: number | null;
  /** Least-squares slope of LQ per year over the window (null with fewer than two LQs). */
  locationQuotientSlope: number | null;
}

function formatPercent(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

function num(params: Record<string, number>, key: string): number {
  return params[key] ?? Number.NaN;
}

/** A reason in English, as the API and CLI give it. */
export function describeLifeCycleReason(reason: LifeCycleReason): string {
  const p = reason.params;
  const period = `${num(p, 'fromYear')}-${num(p, 'toYear')}`;
  const cagr = num(p, 'cagr');
  const change = `employment ${cagr < 0 ? 'fell' : 'grew'} ${formatPercent(Math.abs(cagr))} a year in ${period}`;
  switch (reason.code) {
    case 'too_few_years':
      return 'fewer than two years of data in the window';
    case 'employment_declining':
      return `${change}, a change at or below ${formatPercent(num(p, 'threshold'))}`;
    case 'lq_falling':
      return `LQ fell ${Math.abs(num(p, 'slope')).toFixed(3)} a year (trend threshold ${num(p, 'threshold')})`;
    case 'establishments_falling':
      return `establishments fell ${formatPercent(-num(p, 'rate'))} a year`;
    case 'lq_undefined':
      return 'LQ is undefined';
    case 'lq_below':
      return `LQ ${num(p, 'lq').toFixed(2)} is below ${num(p, 'threshold')}: not yet specialised`;
    case 'employment_change':
      return change;
    case 'employment_from_zero':
      return `employment rose from ${num(p, 'from')} to ${num(p, 'to')} in ${period}`;
    case 'lq_at_least':
      return `LQ ${num(p, 'lq').toFixed(2)} is at least ${num(p, 'threshold')}`;
    case 'employment_growing':
      return `${change}, at least ${formatPercent(num(p, 'threshold'))}`;
    case 'lq_rising':
      return `LQ rose ${num(p, 'slope').toFixed(3)} a year (trend threshold ${num(p, 'threshold')})`;
    case 'employment_within_band':
      return `${change}, a change between ${formatPercent(num(p, 'declineThreshold'))} and ${formatPercent(num(p, 'growthThreshold'))}`;
    case 'lq_trend_flat':
      return `LQ trend ${num(p, 'slope').toFixed(3)} a year is within ±${num(p, 'threshold')}`;
  }
}

function computeSlope(points: readonly { x: number; y: number }[]): number | null {
  if (points.length < 2) return null;
  const n = points.length;
  const meanX = points.reduce((s, p) => s + p.x, 0) / n;
  const meanY = points.reduce((s, p) => s + p.y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const p of points) {
    sxy += (p.x - meanX) * (p.y - meanY);
    sxx += (p.x - meanX) ** 2;
  }
  return sxx === 0 ? null : sxy / sxx;
}

/**
 * Life-cycle stage of a regional cluster from its yearly trajectory, by an explicit rule after
 * Menzel & Fornahl (2010), "Cluster life cycles: dimensions and rationales of cluster
 * evolution", Industrial and Corporate Change 19(1), 205-238, and its four stages of emergence,
 * growth, sustainment and decline: a cluster emerges before it is a specialised
 * agglomeration, grows while employment and firms increase, sustains (here "mature") as growth
 * levels off, and declines as employment and firms shrink. The paper gives
 * no numeric thresholds; these are ours, configurable, and stated in the explanation.
 *
 * Over the last `windowYears` years (from the last year back; years need not be consecutive
 * or sorted), with g = employment CAGR, LQ the last LQ and b the LQ's least-squares slope:
 *  1. declining if g ≤ declineRate, or if b ≤ −trend and establishments shrank;
 *  2. else emerging if LQ < specialisationLocationQuotient (not yet specialised);
 *  3. else growing if g ≥ growthRate or b ≥ trend;
 *  4. else mature.
 * Edge cases: fewer than two years in the window → stage null; an undefined CAGR (no base
 * employment) with positive end employment counts as growth; a null last LQ counts as not
 * specialised.
 */
export function assessLifeCycleStage(
  trajectory: readonly ClusterYear[],
  options: LifeCycleOptions = {},
): LifeCycleAssessment {
  const windowYears = options.windowYears ?? 5;
  const growthRate = options.growthRate ?? 0.02;
  const declineRate = options.declineRate ?? -0.01;
  const minLq = options.specialisationLocationQuotient ?? 1;
  const trend = options.locationQuotientTrend ?? 0.02;
  const sorted = [...trajectory].sort((a, b) => a.year - b.year);
  const last = sorted[sorted.length - 1];
  const window = last ? sorted.filter((y) => y.year >= last.year - windowYears) : [];
  const first = window[0];
  if (!first || !last || window.length < 2 || first.year === last.year) {
    const codes: LifeCycleReason[] = [{ code: 'too_few_years', params: {} }];
    const reason = describeLifeCycleReason(codes[0]!);
    return {
      stage: null,
      reasonCodes: codes,
      reasons: [reason],
      explanation: `No stage: ${reason}.`,
      fromYear: first?.year ?? null,
      toYear: last?.year ?? null,
      employmentGrowthRate: null,
      establishmentsGrowthRate: null,
      locationQuotient: last?.locationQuotient ?? null,
      locationQuotientSlope: null,
    };
  }
  const span = last.year - first.year;
  const g = computeCompoundAnnualGrowthRate(first.employment, last.employment, span);
  const establishmentsGrowth =
    first.establishments !== undefined && last.establishments !== undefined
      ? computeCompoundAnnualGrowthRate(first.establishments, last.establishments, span)
      : null;
  const lq = last.locationQuotient;
  const slope = computeSlope(
    window.flatMap((y) =>
      y.locationQuotient === null ? [] : [{ x: y.year, y: y.locationQuotient }],
    ),
  );
  const years = { fromYear: first.year, toYear: last.year };
  const growthReason: LifeCycleReason =
    g === null
      ? {
          code: 'employment_from_zero',
          params: { from: first.employment, to: last.employment, ...years },
        }
      : { code: 'employment_change', params: { cagr: g, ...years } };
  const growing = g === null ? last.employment > 0 : g >= growthRate;
  const codes: LifeCycleReason[] = [];
  let stage: LifeCycleStage;
  if (g !== null && g <= declineRate) {
    stage = 'declining';
    codes.push({
      code: 'employment_declining',
      params: { cagr: g, threshold: declineRate, ...years },
    });
  } else if (
    slope !== null &&
    slope <= -trend &&
    establishmentsGrowth !== null &&
    establishmentsGrowth < 0
  ) {
    stage = 'declining';
    codes.push(
      { code: 'lq_falling', params: { slope, threshold: trend } },
      { code: 'establishments_falling', params: { rate: establishmentsGrowth } },
    );
  } else if (lq === null || lq < minLq) {
    stage = 'emerging';
    codes.push(
      lq === null
        ? { code: 'lq_undefined', params: {} }
        : { code: 'lq_below', params: { lq, threshold: minLq } },
      growthReason,
    );
  } else if (growing || (slope !== null && slope >= trend)) {
    stage = 'growing';
    codes.push({ code: 'lq_at_least', params: { lq, threshold: minLq } });
    if (growing) {
      codes.push(
        g === null
          ? growthReason
          : { code: 'employment_growing', params: { cagr: g, threshold: growthRate, ...years } },
      );
    }
    if (slope !== null && slope >= trend) {
      codes.push({ code: 'lq_rising', params: { slope, threshold: trend } });
    }
  } else {
    stage = 'mature';
    codes.push(
      { code: 'lq_at_least', params: { lq, threshold: minLq } },
      g === null
        ? growthReason
        : {
            code: 'employment_within_band',
            params: {
              cagr: g,
              declineThreshold: declineRate,
              growthThreshold: growthRate,
              ...years,
            },
          },
    );
    if (slope !== null) codes.push({ code: 'lq_trend_flat', params: { slope, threshold: trend } });
  }
  const reasons = codes.map(describeLifeCycleReason);
  const explanation = `${stage[0]?.toUpperCase()}${stage.slice(1)}: ${reasons.join('; ')}.`;
  return {
    stage,
    reasonCodes: codes,
    reasons,
    explanation,
    fromYear: first.year,
    toYear: last.year,
    employmentGrowthRate: g,
    establishmentsGrowthRate: establishmentsGrowth,
    locationQuotient: lq,
    locationQuotientSlope: slope,
  };
}
