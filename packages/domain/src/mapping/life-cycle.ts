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

/** The classification and the numbers and conditions behind it, for the UI to explain. */
export interface LifeCycleAssessment {
  /** null when the trajectory is too short (fewer than two years in the window). */
  stage: LifeCycleStage | null;
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
    const reason = 'fewer than two years of data in the window';
    return {
      stage: null,
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
  const period = `${first.year}-${last.year}`;
  const growthText =
    g === null
      ? `employment rose from ${first.employment} to ${last.employment} in ${period}`
      : `employment ${g < 0 ? 'fell' : 'grew'} ${formatPercent(Math.abs(g))} a year in ${period}`;
  const growing = g === null ? last.employment > 0 : g >= growthRate;
  const reasons: string[] = [];
  let stage: LifeCycleStage;
  if (g !== null && g <= declineRate) {
    stage = 'declining';
    reasons.push(`${growthText}, a change at or below ${formatPercent(declineRate)}`);
  } else if (
    slope !== null &&
    slope <= -trend &&
    establishmentsGrowth !== null &&
    establishmentsGrowth < 0
  ) {
    stage = 'declining';
    reasons.push(
      `LQ fell ${Math.abs(slope).toFixed(3)} a year (trend threshold ${trend})`,
      `establishments fell ${formatPercent(-establishmentsGrowth)} a year`,
    );
  } else if (lq === null || lq < minLq) {
    stage = 'emerging';
    reasons.push(
      lq === null
        ? 'LQ is undefined'
        : `LQ ${lq.toFixed(2)} is below ${minLq}: not yet specialised`,
      growthText,
    );
  } else if (growing || (slope !== null && slope >= trend)) {
    stage = 'growing';
    reasons.push(`LQ ${lq.toFixed(2)} is at least ${minLq}`);
    if (growing) reasons.push(`${growthText}, at least ${formatPercent(growthRate)}`);
    if (slope !== null && slope >= trend) {
      reasons.push(`LQ rose ${slope.toFixed(3)} a year (trend threshold ${trend})`);
    }
  } else {
    stage = 'mature';
    reasons.push(
      `LQ ${lq.toFixed(2)} is at least ${minLq}`,
      `${growthText}, a change between ${formatPercent(declineRate)} and ${formatPercent(growthRate)}`,
    );
    if (slope !== null) reasons.push(`LQ trend ${slope.toFixed(3)} a year is within ±${trend}`);
  }
  const explanation = `${stage[0]?.toUpperCase()}${stage.slice(1)}: ${reasons.join('; ')}.`;
  return {
    stage,
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
