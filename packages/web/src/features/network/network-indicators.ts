import type { NetworkIndicatorsResponse, NetworkSummary } from '@innocluster/contracts';
import type { CsvColumn } from '../mapping/csv-download.ts';

/**
 * Figures the programme reported for 2005 to 2010 (DOMAIN.md, from the programme's own
 * evaluation as summarised by KIET): networking activities grew by 362%, and members per
 * mini-cluster rose from 55.2 to 98.4.
 */
export const reportedFigures = {
  activityGrowth: { fromYear: 2005, toYear: 2010, percent: 362 },
  membersPerMiniCluster: [
    { year: 2005, value: 55.2 },
    { year: 2010, value: 98.4 },
  ],
} as const;

/** Percent change 100 × (b − a) / a between two years of a per-year count; null without a base. */
export function percentChangeBetween(
  series: readonly { year: number; count: number }[],
  fromYear: number,
  toYear: number,
): number | null {
  const a = series.find((p) => p.year === fromYear)?.count;
  const b = series.find((p) => p.year === toYear)?.count;
  if (a === undefined || b === undefined || a === 0) return null;
  return (100 * (b - a)) / a;
}

/** Network-level measures of the yearly series, with their unit (share, count, nats, index). */
export const yearlyMeasures = [
  { key: 'nodes', unit: 'count' },
  { key: 'edges', unit: 'count' },
  { key: 'density', unit: 'share' },
  { key: 'clustering', unit: 'share' },
  { key: 'transitivity', unit: 'share' },
  { key: 'modularity', unit: 'index' },
  { key: 'blauKinds', unit: 'share' },
  { key: 'shannonKinds', unit: 'nats' },
  { key: 'blauIndustries', unit: 'share' },
  { key: 'shannonIndustries', unit: 'nats' },
  { key: 'otherRegionTieShare', unit: 'share' },
  { key: 'eiIndex', unit: 'index' },
  { key: 'tripleHelixBalance', unit: 'share' },
  { key: 'crossSectorShare', unit: 'share' },
] as const;
export type YearlyMeasureKey = (typeof yearlyMeasures)[number]['key'];

/** One yearly measure's value from a summary (the triple-helix figures sit in its record). */
export function summaryValue(summary: NetworkSummary, key: YearlyMeasureKey): number | null {
  if (key === 'tripleHelixBalance') return summary.tripleHelix?.['balance'] ?? null;
  if (key === 'crossSectorShare') return summary.tripleHelix?.['crossSectorShare'] ?? null;
  return summary[key];
}

/** One year of the programme indicators, with the programme's reported figure where there is one. */
export interface IndicatorYear {
  year: number;
  activities: number;
  miniClusters: number | null;
  memberships: number | null;
  averagePerMiniCluster: number | null;
  reportedPerMiniCluster: number | null;
  members: number | null;
  newMembers: number | null;
  dropouts: number | null;
}

/** The indicators as one row per year. */
export function indicatorYears(ind: NetworkIndicatorsResponse): IndicatorYear[] {
  return ind.years.map((year) => {
    const members = ind.membersPerMiniCluster.find((p) => p.year === year);
    const turnover = ind.turnover.find((p) => p.year === year);
    return {
      year,
      activities: ind.activitiesPerYear.find((p) => p.year === year)?.count ?? 0,
      miniClusters: members?.miniClusters ?? null,
      memberships: members?.memberships ?? null,
      averagePerMiniCluster: members?.averagePerMiniCluster ?? null,
      reportedPerMiniCluster:
        reportedFigures.membersPerMiniCluster.find((p) => p.year === year)?.value ?? null,
      members: turnover?.members ?? null,
      newMembers: turnover?.newMembers ?? null,
      dropouts: turnover?.dropouts ?? null,
    };
  });
}

/** Columns of the indicators CSV (counts; members per mini-cluster on 31 December). */
export const indicatorColumns: CsvColumn<IndicatorYear>[] = [
  { header: 'year', value: (r) => r.year },
  { header: 'activities', value: (r) => r.activities },
  { header: 'mini_clusters', value: (r) => r.miniClusters },
  { header: 'memberships', value: (r) => r.memberships },
  { header: 'members_per_mini_cluster', value: (r) => r.averagePerMiniCluster },
  { header: 'reported_members_per_mini_cluster', value: (r) => r.reportedPerMiniCluster },
  { header: 'members', value: (r) => r.members },
  { header: 'new_members', value: (r) => r.newMembers },
  { header: 'dropouts', value: (r) => r.dropouts },
];

/** Columns of the yearly network measures CSV, one per measure (units in yearlyMeasures). */
export const yearlyColumns: CsvColumn<{ year: number; summary: NetworkSummary }>[] = [
  { header: 'year', value: (r) => r.year },
  ...yearlyMeasures.map((m) => ({
    header: m.key,
    value: (r: { year: number; summary: NetworkSummary }) => summaryValue(r.summary, m.key),
  })),
];
