import type { IndustryKey, RegionIndustryTable, RegionKey } from './region-industry-table.ts';

/**
 * Assigns each industry to a group within which the LQ's denominators are taken, e.g.
 * `'traded'` or `'local'` as in the US Cluster Mapping Project.
 */
export type IndustryGroupOf = (industry: IndustryKey) => string;

export interface LocationQuotientOptions {
  /**
   * When given, e_r and E are summed over the industries of the same group as industry i only
   * (US CMP: traded clusters' LQs against traded employment, local against local).
   */
  groupOf?: IndustryGroupOf;
}

/** One LQ of a region and industry, with the quantities it was computed from. */
export interface LocationQuotientEntry {
  region: RegionKey;
  industry: IndustryKey;
  value: number;
  /** e_ri / e_r, or null when e_r = 0. */
  regionShare: number | null;
  /** e_ri / E_i, or null when E_i = 0. */
  nationalShare: number | null;
  /** LQ, or null when a denominator is zero. */
  locationQuotient: number | null;
}

interface GroupTotals {
  byRegion: Map<RegionKey, number>;
  total: number;
}

// Tables are immutable, so the group margins are computed once per (table, groupOf) pair:
// otherwise every LQ would re-sum all industries of its group.
const groupTotalsCache = new WeakMap<
  RegionIndustryTable,
  WeakMap<IndustryGroupOf, Map<string, GroupTotals>>
>();

function computeGroupTotals(
  table: RegionIndustryTable,
  groupOf: IndustryGroupOf,
): Map<string, GroupTotals> {
  let perTable = groupTotalsCache.get(table);
  if (!perTable) {
    perTable = new WeakMap();
    groupTotalsCache.set(table, perTable);
  }
  const cached = perTable.get(groupOf);
  if (cached) return cached;
  const groups = new Map<string, GroupTotals>();
  for (const industry of table.industries) {
    const group = groupOf(industry);
    let totals = groups.get(group);
    if (!totals) {
      totals = { byRegion: new Map(), total: 0 };
      groups.set(group, totals);
    }
    totals.total += table.industryTotal(industry);
    for (const region of table.regions) {
      totals.byRegion.set(region, (totals.byRegion.get(region) ?? 0) + table.get(region, industry));
    }
  }
  perTable.set(groupOf, groups);
  return groups;
}

function groupDenominators(
  table: RegionIndustryTable,
  region: RegionKey,
  industry: IndustryKey,
  groupOf: IndustryGroupOf | undefined,
): { regionTotal: number; total: number } {
  if (!groupOf) return { regionTotal: table.regionTotal(region), total: table.total() };
  const totals = computeGroupTotals(table, groupOf).get(groupOf(industry));
  return { regionTotal: totals?.byRegion.get(region) ?? 0, total: totals?.total ?? 0 };
}

/**
 * Location quotient LQ_ri = (e_ri / e_r) / (E_i / E): the industry's share of the region's
 * employment relative to its share of the reference universe's employment (Isard 1960,
 * "Methods of Regional Analysis: an Introduction to Regional Science", MIT Press; as used by Delgado, Porter & Stern 2016, "Defining
 * clusters of related industries", Journal of Economic Geography 16(1), 1-38, and the US
 * Cluster Mapping Project methodology, where traded clusters' LQs use traded employment as the
 * denominators: pass `groupOf`).
 *
 * Returns null when e_r = 0 (the region has no employment in the group), E = 0 or E_i = 0:
 * the quotient is undefined there, and treating it as 0 would rank an empty region as
 * "unspecialised" rather than unknown.
 */
export function computeLocationQuotient(
  table: RegionIndustryTable,
  region: RegionKey,
  industry: IndustryKey,
  options: LocationQuotientOptions = {},
): number | null {
  const { regionTotal, total } = groupDenominators(table, region, industry, options.groupOf);
  const industryTotal = table.industryTotal(industry);
  if (regionTotal === 0 || total === 0 || industryTotal === 0) return null;
  return table.get(region, industry) / regionTotal / (industryTotal / total);
}

/** Share of the industry in the region's employment, e_ri / e_r; null when e_r = 0. */
export function computeRegionShare(
  table: RegionIndustryTable,
  region: RegionKey,
  industry: IndustryKey,
  options: LocationQuotientOptions = {},
): number | null {
  const { regionTotal } = groupDenominators(table, region, industry, options.groupOf);
  return regionTotal === 0 ? null : table.get(region, industry) / regionTotal;
}

/** Share of the region in the nation's employment in the industry, e_ri / E_i; null when E_i = 0. */
export function computeNationalShare(
  table: RegionIndustryTable,
  region: RegionKey,
  industry: IndustryKey,
): number | null {
  const industryTotal = table.industryTotal(industry);
  return industryTotal === 0 ? null : table.get(region, industry) / industryTotal;
}

/** LQ and both shares for every region and industry of the table (regions outer, industries inner). */
export function computeLocationQuotients(
  table: RegionIndustryTable,
  options: LocationQuotientOptions = {},
): LocationQuotientEntry[] {
  const entries: LocationQuotientEntry[] = [];
  for (const region of table.regions) {
    for (const industry of table.industries) {
      entries.push({
        region,
        industry,
        value: table.get(region, industry),
        regionShare: computeRegionShare(table, region, industry, options),
        nationalShare: computeNationalShare(table, region, industry),
        locationQuotient: computeLocationQuotient(table, region, industry, options),
      });
    }
  }
  return entries;
}
