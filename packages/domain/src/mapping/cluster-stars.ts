import { computePercentile, type PercentileMethod } from './percentile.ts';
import type { IndustryKey, RegionKey } from './region-industry-table.ts';

/** One regional cluster as the European Cluster Observatory's star rating sees it. */
export interface StarRatingObservation {
  region: RegionKey;
  cluster: IndustryKey;
  employment: number;
  /** LQ; null when undefined (no specialisation star). */
  locationQuotient: number | null;
  /** The region's total employment (for focus = employment / regionEmployment). */
  regionEmployment: number;
}

export interface StarRatingOptions {
  /** Size star for the top share of region-clusters by employment (default 0.10). */
  sizeTopShare?: number;
  /**
   * Which region-clusters the size percentile compares: those of the same cluster category
   * (`'sameCluster'`, default, as the ECO does) or all region-clusters given (`'all'`).
   */
  sizeComparison?: 'sameCluster' | 'all';
  /** Size star also for employment at or above this absolute number (default: none). */
  sizeAbsoluteEmployment?: number;
  /** Specialisation star for LQ at or above this (default 2). */
  specialisationMinimumLocationQuotient?: number;
  /** Focus star for the top share of all region-clusters by focus (default 0.10). */
  focusTopShare?: number;
  /** Percentile definition for the thresholds (default type 7). */
  method?: PercentileMethod;
}

export interface StarRating {
  region: RegionKey;
  cluster: IndustryKey;
  stars: 0 | 1 | 2 | 3;
  size: boolean;
  specialisation: boolean;
  focus: boolean;
  /** employment / regionEmployment, or null when the region has no employment. */
  focusShare: number | null;
  /** The size threshold of this region-cluster's comparison group. */
  sizeThreshold: number;
  focusThreshold: number;
}

/**
 * European Cluster Observatory star rating (Ketels & Sölvell 2006, "Clusters in the EU-10 new
 * member countries", Europe INNOVA paper no. 1, Stockholm School of Economics; European
 * Cluster Observatory 2011, "Evaluation of regional cluster strength" in its methodology):
 * one star each for
 *  - size: employment ≥ the (1 − sizeTopShare) percentile of employment over the
 *    region-clusters of the same cluster category (top 10% by default; the ECO's "top 10% of
 *    all clusters in Europe within the same cluster category"; `sizeComparison: 'all'` pools
 *    every category), or ≥ sizeAbsoluteEmployment when set;
 *  - specialisation: LQ ≥ 2 (configurable);
 *  - focus: the cluster's share of the region's employment ≥ the (1 − focusTopShare)
 *    percentile of that share over all region-clusters of all categories (top 10% by
 *    default; ECO: "the top 10% of clusters which account for the largest proportion of their
 *    region's total employment").
 * Region-clusters whose region employment is 0 have no focus share and get no focus star
 * (they are left out of the focus percentile). With no observations the result is empty.
 */
export function rateClusterStars(
  observations: readonly StarRatingObservation[],
  options: StarRatingOptions = {},
): StarRating[] {
  const method = options.method ?? 'type7';
  const sizeTop = options.sizeTopShare ?? 0.1;
  const focusTop = options.focusTopShare ?? 0.1;
  const minLq = options.specialisationMinimumLocationQuotient ?? 2;
  const focusShares = observations.map((o) =>
    o.regionEmployment > 0 ? o.employment / o.regionEmployment : null,
  );
  const sameCluster = (options.sizeComparison ?? 'sameCluster') === 'sameCluster';
  const employmentByGroup = new Map<IndustryKey | null, number[]>();
  for (const o of observations) {
    const key = sameCluster ? o.cluster : null;
    const list = employmentByGroup.get(key) ?? [];
    list.push(o.employment);
    employmentByGroup.set(key, list);
  }
  const sizeThresholds = new Map(
    [...employmentByGroup].map(([key, list]) => [
      key,
      computePercentile(list, 1 - sizeTop, method),
    ]),
  );
  const focusThreshold = computePercentile(
    focusShares.flatMap((f) => (f === null ? [] : [f])),
    1 - focusTop,
    method,
  );
  return observations.map((o, k) => {
    const focusShare = focusShares[k] ?? null;
    const sizeThreshold = sizeThresholds.get(sameCluster ? o.cluster : null) as number;
    const size =
      o.employment >= sizeThreshold ||
      (options.sizeAbsoluteEmployment !== undefined &&
        o.employment >= options.sizeAbsoluteEmployment);
    const specialisation = o.locationQuotient !== null && o.locationQuotient >= minLq;
    const focus = focusShare !== null && focusShare >= focusThreshold;
    const stars = (Number(size) + Number(specialisation) + Number(focus)) as 0 | 1 | 2 | 3;
    return {
      region: o.region,
      cluster: o.cluster,
      stars,
      size,
      specialisation,
      focus,
      focusShare,
      sizeThreshold,
      focusThreshold,
    };
  });
}
