import { computePercentile, type PercentileMethod } from './percentile.ts';
import type { IndustryKey, RegionKey } from './region-industry-table.ts';

/** One regional cluster (a cluster in a region) as the strong-cluster rule sees it. */
export interface RegionalClusterObservation {
  region: RegionKey;
  cluster: IndustryKey;
  /** Kind of region (state, economic area, county...); clusters are compared within one type. */
  regionType?: string;
  /** Location quotient; null when undefined (such a cluster is never strong). */
  locationQuotient: number | null;
  employment: number;
  establishments: number;
}

export interface StrongClusterOptions {
  /** Share of regions at the top by LQ that can be strong: 0.25 (default, US CMP) or 0.10. */
  topShare?: number;
  /** Employment and establishments must be at or above this percentile (default 0.25). */
  sizePercentile?: number;
  /** Minimum LQ (default 1: the region must be specialised at all). */
  minimumLocationQuotient?: number;
  /** Percentile definition (default Hyndman-Fan type 7). */
  method?: PercentileMethod;
}

/** The verdict on one regional cluster, with the thresholds of its comparison group. */
export interface StrongClusterVerdict {
  region: RegionKey;
  cluster: IndustryKey;
  regionType: string | undefined;
  strong: boolean;
  /** LQ threshold: the (1 − topShare) percentile of the group's LQs. */
  locationQuotientThreshold: number;
  employmentThreshold: number;
  establishmentsThreshold: number;
  /** Conditions that failed, in words; empty when strong. */
  failedConditions: string[];
}

/**
 * Strong clusters after the US Cluster Mapping Project (Delgado, Porter & Stern 2014,
 * "Clusters, convergence, and economic performance", Research Policy 43(10), 1785-1799:
 * a region's cluster is strong when it is in the top quartile of regions by LQ
 * for that cluster; US CMP methodology, which adds minimum size conditions).
 *
 * Within each comparison group (same region type, same cluster) a regional cluster is strong
 * when all hold:
 *  1. LQ ≥ the (1 − topShare) percentile of the group's defined LQs (top 25% by default;
 *     topShare = 0.10 gives the top-10% variant);
 *  2. LQ ≥ minimumLocationQuotient (1 by default);
 *  3. employment ≥ the sizePercentile (25th) percentile of the group's employment;
 *  4. establishments ≥ the sizePercentile percentile of the group's establishments.
 * The size conditions (3, 4) and the top-10% variant follow this project's specification of the
 * US CMP rule; the US CMP's public pages (clustermapping.us, "Cluster Mapping Methodology" and
 * FAQ) describe strong clusters as the top quartile by specialisation without stating the size
 * cut-offs, so they are parameters here.
 * "At or above" is used for every threshold, so ties at a threshold pass. Percentiles are
 * Hyndman-Fan type 7 unless `method` says otherwise; because the definitions differ in small
 * groups, the method can change a verdict (tested). A null LQ is never strong and is left out
 * of the LQ percentile. Output order follows the input.
 */
export function identifyStrongClusters(
  observations: readonly RegionalClusterObservation[],
  options: StrongClusterOptions = {},
): StrongClusterVerdict[] {
  const topShare = options.topShare ?? 0.25;
  const sizePercentile = options.sizePercentile ?? 0.25;
  const minimumLq = options.minimumLocationQuotient ?? 1;
  const method = options.method ?? 'type7';
  if (!(topShare > 0 && topShare <= 1)) throw new RangeError('topShare must be in (0, 1]');
  const groupKey = (o: RegionalClusterObservation): string =>
    JSON.stringify([o.regionType ?? null, o.cluster]);
  const groups = new Map<string, RegionalClusterObservation[]>();
  for (const o of observations) {
    const key = groupKey(o);
    const list = groups.get(key) ?? [];
    list.push(o);
    groups.set(key, list);
  }
  const thresholds = new Map<string, { lq: number; employment: number; establishments: number }>();
  for (const [key, list] of groups) {
    const lqs = list.flatMap((o) => (o.locationQuotient === null ? [] : [o.locationQuotient]));
    thresholds.set(key, {
      lq: computePercentile(lqs, 1 - topShare, method),
      employment: computePercentile(
        list.map((o) => o.employment),
        sizePercentile,
        method,
      ),
      establishments: computePercentile(
        list.map((o) => o.establishments),
        sizePercentile,
        method,
      ),
    });
  }
  return observations.map((o) => {
    const t = thresholds.get(groupKey(o)) as {
      lq: number;
      employment: number;
      establishments: number;
    };
    const failed: string[] = [];
    const lq = o.locationQuotient;
    if (lq === null) failed.push('LQ is undefined');
    else {
      if (!(lq >= t.lq))
        failed.push(
          `LQ ${lq} below the top-${Number((topShare * 100).toFixed(2))}% threshold ${t.lq}`,
        );
      if (!(lq >= minimumLq)) failed.push(`LQ ${lq} below ${minimumLq}`);
    }
    if (!(o.employment >= t.employment)) {
      failed.push(`employment ${o.employment} below the threshold ${t.employment}`);
    }
    if (!(o.establishments >= t.establishments)) {
      failed.push(`establishments ${o.establishments} below the threshold ${t.establishments}`);
    }
    return {
      region: o.region,
      cluster: o.cluster,
      regionType: o.regionType,
      strong: failed.length === 0,
      locationQuotientThreshold: t.lq,
      employmentThreshold: t.employment,
      establishmentsThreshold: t.establishments,
      failedConditions: failed,
    };
  });
}
