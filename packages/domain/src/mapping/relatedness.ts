import { computeCompoundAnnualGrowthRate } from './growth.ts';
import { computeLocationQuotient, type LocationQuotientOptions } from './location-quotient.ts';
import type { IndustryKey, RegionIndustryTable, RegionKey } from './region-industry-table.ts';

/** A symmetric proximity matrix; `values[a][b]` is the proximity of industries[a] and industries[b]. */
export interface ProximityMatrix {
  industries: IndustryKey[];
  values: number[][];
}

/**
 * Proximity of industries (clusters) from the co-location of specialisation (Hidalgo, Klinger,
 * Barabási & Hausmann 2007, "The product space conditions the development of nations",
 * Science 317(5837), 482-487, the proximity defined in the main text, with regions in place of
 * countries and the LQ as revealed comparative advantage):
 *   φ_ij = min(P(RCA_i ≥ t | RCA_j ≥ t), P(RCA_j ≥ t | RCA_i ≥ t))
 *        = |regions specialised in both| / max(|specialised in i|, |specialised in j|),
 * with RCA the location quotient and t = 1 by default. The matrix is symmetric with values in
 * [0, 1]. Conventions: when neither industry is specialised anywhere, φ = 0 (no evidence of
 * relatedness), and so is the diagonal of an industry specialised nowhere; otherwise the
 * diagonal is 1. Regions whose LQ is undefined count as not specialised.
 */
export function computeProximityMatrix(
  table: RegionIndustryTable,
  options: LocationQuotientOptions & { threshold?: number } = {},
): ProximityMatrix {
  const threshold = options.threshold ?? 1;
  const industries = [...table.industries];
  // Count co-specialisation region by region, so the work grows with the number of
  // specialisations rather than with industries² × regions.
  const n = industries.length;
  const counts = new Array<number>(n).fill(0);
  const both = industries.map(() => new Array<number>(n).fill(0));
  for (const region of table.regions) {
    const specialised: number[] = [];
    industries.forEach((industry, a) => {
      const lq = computeLocationQuotient(table, region, industry, options);
      if (lq !== null && lq >= threshold) specialised.push(a);
    });
    for (const a of specialised) {
      counts[a] = (counts[a] ?? 0) + 1;
      const row = both[a] as number[];
      for (const b of specialised) row[b] = (row[b] ?? 0) + 1;
    }
  }
  const values = both.map((row, a) =>
    row.map((together, b) => {
      const larger = Math.max(counts[a] ?? 0, counts[b] ?? 0);
      return larger === 0 ? 0 : together / larger;
    }),
  );
  return { industries, values };
}

/** One bubble of a region's cluster portfolio chart. */
export interface PortfolioPoint {
  industry: IndustryKey;
  /** x: LQ in the end year (null when undefined). */
  locationQuotient: number | null;
  /** y: employment CAGR between the tables (null when undefined, e.g. no base-year jobs). */
  employmentGrowthRate: number | null;
  /** Bubble size: employment in the end year. */
  employment: number;
}

/**
 * A region's cluster portfolio (Porter 2003, "The economic performance of regions",
 * Regional Studies 37(6-7), 549-578; the US CMP's portfolio chart): for each industry with
 * employment in the region in either year, its end-year LQ, the CAGR of its regional
 * employment over `years` (see `computeCompoundAnnualGrowthRate`) and its end-year employment.
 */
export function computeRegionPortfolio(
  start: RegionIndustryTable,
  end: RegionIndustryTable,
  region: RegionKey,
  years: number,
  options: LocationQuotientOptions = {},
): PortfolioPoint[] {
  const industries = new Set<IndustryKey>([...start.industries, ...end.industries]);
  const points: PortfolioPoint[] = [];
  for (const industry of industries) {
    const before = start.get(region, industry);
    const after = end.get(region, industry);
    if (before === 0 && after === 0) continue;
    points.push({
      industry,
      locationQuotient: computeLocationQuotient(end, region, industry, options),
      employmentGrowthRate: computeCompoundAnnualGrowthRate(before, after, years),
      employment: after,
    });
  }
  return points;
}
