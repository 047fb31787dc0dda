import { computeLocationQuotient, type LocationQuotientOptions } from './location-quotient.ts';
import type { IndustryKey, RegionIndustryTable, RegionKey } from './region-industry-table.ts';

/**
 * A regional cluster's measures, shaped to feed both `identifyStrongClusters` and
 * `rateClusterStars`.
 */
export interface RegionalClusterMeasures {
  region: RegionKey;
  cluster: IndustryKey;
  regionType?: string;
  employment: number;
  establishments: number;
  /** LQ of employment (null when undefined). */
  locationQuotient: number | null;
  /** The region's total employment over the table's industries (or the LQ group's, see below). */
  regionEmployment: number;
}

export interface RegionalClusterOptions extends LocationQuotientOptions {
  /** The type of each region (e.g. 'province', 'economic area'); omitted when not given. */
  regionTypeOf?: (region: RegionKey) => string;
}

/**
 * Lists every region-cluster of an employment table with its LQ (see `computeLocationQuotient`,
 * honouring `groupOf`), its employment and its establishments (from a second table of
 * establishment counts, 0 when absent or not given). `regionEmployment` is the region's total
 * over all the table's industries, the denominator of the ECO focus measure. Regions with no
 * employment in a cluster are listed too (employment 0), since percentiles over regions of a
 * type include them.
 */
export function listRegionalClusters(
  employment: RegionIndustryTable,
  establishments?: RegionIndustryTable,
  options: RegionalClusterOptions = {},
): RegionalClusterMeasures[] {
  const list: RegionalClusterMeasures[] = [];
  for (const region of employment.regions) {
    const regionType = options.regionTypeOf?.(region);
    for (const cluster of employment.industries) {
      list.push({
        region,
        cluster,
        ...(regionType === undefined ? {} : { regionType }),
        employment: employment.get(region, cluster),
        establishments: establishments?.get(region, cluster) ?? 0,
        locationQuotient: computeLocationQuotient(employment, region, cluster, options),
        regionEmployment: employment.regionTotal(region),
      });
    }
  }
  return list;
}
