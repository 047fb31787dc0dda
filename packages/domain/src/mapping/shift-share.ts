import type { IndustryKey, RegionIndustryTable, RegionKey } from './region-industry-table.ts';

/** The quantities of a classic shift-share decomposition of one region-industry. */
export interface ShiftShareInput {
  /** e_ri in the base year. */
  regionIndustryStart: number;
  /** e_ri in the end year. */
  regionIndustryEnd: number;
  /** E_i in the base year (the nation's employment in the industry). */
  nationIndustryStart: number;
  /** E_i in the end year. */
  nationIndustryEnd: number;
  /** E in the base year (the nation's total employment). */
  nationStart: number;
  /** E in the end year. */
  nationEnd: number;
}

/** Components of the change e_ri(end) - e_ri(start); they sum to `totalChange` exactly. */
export interface ShiftShareResult {
  totalChange: number;
  /** e_ri(0) * G, G = E(1)/E(0) - 1: what the region would have gained growing like the nation. */
  nationalGrowth: number;
  /** e_ri(0) * (g_i - G), g_i = E_i(1)/E_i(0) - 1: the industry's faster or slower growth. */
  industryMix: number;
  /** e_ri(0) * (r_ri - g_i): the region's own (competitive) performance; computed as the residual. */
  regionalShift: number;
}

/**
 * Classic shift-share decomposition (Dunn 1960, "A statistical and analytical technique for
 * regional analysis", Papers of the Regional Science Association 6, 97-112; reviewed by
 * Stevens & Moore 1980, "A critical review of the literature on shift-share as a forecasting
 * technique", Journal of Regional Science 20(4), 419-437, section 2, the classic identity):
 *   Δe_ri = e_ri·G + e_ri·(g_i − G) + e_ri·(r_ri − g_i),
 * with G the national growth rate, g_i the national growth rate of industry i and r_ri the
 * region-industry's growth rate.
 *
 * The regional shift is computed as the residual totalChange − nationalGrowth − industryMix so
 * that the three components sum to the total change exactly (up to one rounding).
 * Edge cases: when E(0) = 0 or E_i(0) = 0 the national rates are undefined and null is returned;
 * when e_ri(0) = 0 the national and mix components are 0 and the whole change is regional shift.
 * Negative values throw a RangeError.
 */
export function decomposeShiftShare(input: ShiftShareInput): ShiftShareResult | null {
  for (const [key, value] of Object.entries(input)) {
    if (!Number.isFinite(value) || value < 0) {
      throw new RangeError(`${key} must be a finite number >= 0, got ${value}`);
    }
  }
  const e0 = input.regionIndustryStart;
  const totalChange = input.regionIndustryEnd - e0;
  if (input.nationStart === 0 || input.nationIndustryStart === 0) return null;
  const nationalRate = input.nationEnd / input.nationStart - 1;
  const industryRate = input.nationIndustryEnd / input.nationIndustryStart - 1;
  const nationalGrowth = e0 * nationalRate;
  const industryMix = e0 * (industryRate - nationalRate);
  return {
    totalChange,
    nationalGrowth,
    industryMix,
    regionalShift: totalChange - nationalGrowth - industryMix,
  };
}

/**
 * Shift-share of one region and industry between two tables (base and end year), each with its
 * own reference universe (the sum of the loaded regions or the national totals given).
 * Null when the base year's national or industry total is 0 (see `decomposeShiftShare`).
 */
export function decomposeShiftShareFromTables(
  start: RegionIndustryTable,
  end: RegionIndustryTable,
  region: RegionKey,
  industry: IndustryKey,
): ShiftShareResult | null {
  return decomposeShiftShare({
    regionIndustryStart: start.get(region, industry),
    regionIndustryEnd: end.get(region, industry),
    nationIndustryStart: start.industryTotal(industry),
    nationIndustryEnd: end.industryTotal(industry),
    nationStart: start.total(),
    nationEnd: end.total(),
  });
}

/**
 * Shift-share of a region's total change, summing each component over the industries of
 * either table. Industries whose decomposition is undefined (base-year national total 0) are
 * counted wholly as regional shift so the components still sum to the region's total change.
 */
export function decomposeRegionShiftShare(
  start: RegionIndustryTable,
  end: RegionIndustryTable,
  region: RegionKey,
): ShiftShareResult {
  const industries = new Set<IndustryKey>([...start.industries, ...end.industries]);
  const sum: ShiftShareResult = {
    totalChange: 0,
    nationalGrowth: 0,
    industryMix: 0,
    regionalShift: 0,
  };
  for (const industry of industries) {
    const part = decomposeShiftShareFromTables(start, end, region, industry);
    const change = end.get(region, industry) - start.get(region, industry);
    sum.totalChange += change;
    if (part) {
      sum.nationalGrowth += part.nationalGrowth;
      sum.industryMix += part.industryMix;
      sum.regionalShift += part.regionalShift;
    } else {
      sum.regionalShift += change;
    }
  }
  return sum;
}
