import type { IndustryKey, RegionIndustryTable, RegionKey } from './region-industry-table.ts';

function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

function assertNonNegativeList(values: readonly number[], what: string): void {
  for (const v of values) {
    if (!Number.isFinite(v) || v < 0) {
      throw new RangeError(`${what} must be finite numbers >= 0, got ${v}`);
    }
  }
}

/**
 * Hoover coefficient between two distributions over the same categories,
 * ½ Σ_k |a_k / A − b_k / B| (Hoover 1936, "The measurement of industrial localization",
 * Review of Economics and Statistics 18(4), 162-171). In [0, 1]: 0 when the distributions
 * coincide, 1 when they do not overlap. Null when either total is 0 or the lists are empty.
 * The lists must have equal length and hold finite values >= 0 (else RangeError).
 */
export function computeHooverCoefficient(
  a: readonly number[],
  b: readonly number[],
): number | null {
  if (a.length !== b.length) throw new RangeError('Hoover coefficient needs lists of equal length');
  assertNonNegativeList(a, 'Hoover values');
  assertNonNegativeList(b, 'Hoover values');
  const totalA = sum(a);
  const totalB = sum(b);
  if (totalA === 0 || totalB === 0) return null;
  let distance = 0;
  a.forEach((value, k) => {
    distance += Math.abs(value / totalA - (b[k] ?? 0) / totalB);
  });
  return distance / 2;
}

function regionAndReferenceColumns(
  table: RegionIndustryTable,
  region: RegionKey,
): { regional: number[]; reference: number[] } {
  return {
    regional: table.industries.map((i) => table.get(region, i)),
    reference: table.industries.map((i) => table.industryTotal(i)),
  };
}

/**
 * Krugman specialisation index of a region, Σ_i |s_ri − s_i| with s_ri = e_ri / e_r and
 * s_i = E_i / E (Krugman 1991, "Geography and Trade", MIT Press, where it compares the
 * industry structures of pairs of US regions and of European countries; here the second
 * structure is the reference universe's). In [0, 2]. Null when e_r = 0 or E_i sum to 0.
 */
export function computeKrugmanSpecialisationIndex(
  table: RegionIndustryTable,
  region: RegionKey,
): number | null {
  const { regional, reference } = regionAndReferenceColumns(table, region);
  const h = computeHooverCoefficient(regional, reference);
  return h === null ? null : 2 * h;
}

/**
 * Hoover specialisation of a region: ½ Σ_i |e_ri / e_r − E_i / ΣE_i| (Hoover 1936), i.e.
 * half the Krugman index; in [0, 1]. Null when the region or the reference is empty.
 */
export function computeRegionHooverSpecialisation(
  table: RegionIndustryTable,
  region: RegionKey,
): number | null {
  const { regional, reference } = regionAndReferenceColumns(table, region);
  return computeHooverCoefficient(regional, reference);
}

/**
 * Hoover localisation of an industry: ½ Σ_r |e_ri / Σ_r e_ri − e_r / Σ_r e_r| over the
 * table's regions (Hoover 1936): how unevenly the industry is spread compared with all
 * employment. Uses the loaded regions only (national totals do not say where the rest is).
 * In [0, 1]; null when the industry or the table is empty.
 */
export function computeIndustryHooverLocalisation(
  table: RegionIndustryTable,
  industry: IndustryKey,
): number | null {
  return computeHooverCoefficient(
    table.regions.map((r) => table.get(r, industry)),
    table.regions.map((r) => table.regionTotal(r)),
  );
}

/**
 * Herfindahl-Hirschman index of the shares of `values`, Σ (v_k / Σv)² (Hirschman 1945,
 * "National Power and the Structure of Foreign Trade"; Herfindahl 1950, "Concentration in the
 * steel industry", PhD thesis, Columbia). In [1/n, 1]. Null for an empty list or a zero total;
 * negative values throw a RangeError.
 */
export function computeHerfindahlHirschmanIndex(values: readonly number[]): number | null {
  assertNonNegativeList(values, 'HHI values');
  const total = sum(values);
  if (values.length === 0 || total === 0) return null;
  let h = 0;
  for (const v of values) h += (v / total) ** 2;
  return h;
}

/**
 * Normalised HHI, (H − 1/n) / (1 − 1/n), in [0, 1] with n the number of categories (zeros
 * included). Null when H is undefined or n = 1 (no spread is possible).
 */
export function computeNormalisedHerfindahlHirschmanIndex(
  values: readonly number[],
): number | null {
  const h = computeHerfindahlHirschmanIndex(values);
  const n = values.length;
  if (h === null || n < 2) return null;
  return (h - 1 / n) / (1 - 1 / n);
}

/** Inputs of the Ellison-Glaeser index for one industry. */
export interface EllisonGlaeserInput {
  /** The industry's employment in each region (s_r is its share), aligned with `regionEmployment`. */
  industryEmploymentByRegion: readonly number[];
  /** All employment in each region (x_r is its share). */
  regionEmployment: readonly number[];
  /** Employment of each plant of the industry (H is the Herfindahl of their shares). */
  plantEmployment: readonly number[];
}

/** The index with its parts, so that an analyst can see why it is high or low. */
export interface EllisonGlaeserResult {
  /** γ, or null when undefined (H = 1 or Σx_r² = 1). */
  gamma: number | null;
  /** Raw geographic concentration G = Σ_r (s_r − x_r)². */
  rawConcentration: number;
  /** Plant Herfindahl H = Σ_j z_j². */
  plantHerfindahl: number;
  /** Σ_r x_r². */
  sumSquaredRegionShares: number;
}

/**
 * Ellison-Glaeser agglomeration index (Ellison & Glaeser 1997, "Geographic concentration in
 * U.S. manufacturing industries: a dartboard approach", Journal of Political Economy 105(5),
 * 889-927, eq. 5):
 *   γ = (G − (1 − Σ x_r²) H) / ((1 − Σ x_r²)(1 − H)),
 * G = Σ (s_r − x_r)², s_r the region's share of the industry's employment, x_r its share of
 * all employment, H = Σ z_j² the Herfindahl of plant employment shares. γ ≈ 0 means plants
 * locate as darts thrown at random; the paper reads γ > 0.05 as highly and γ < 0.02 as not
 * very concentrated.
 *
 * Returns null when the inputs are empty or have zero totals (no shares); gamma is null when a
 * denominator is zero (one plant, H = 1, or one region holding all employment). Negative
 * values and lists of different lengths throw a RangeError.
 */
export function computeEllisonGlaeserIndex(
  input: EllisonGlaeserInput,
): EllisonGlaeserResult | null {
  const { industryEmploymentByRegion: s, regionEmployment: x, plantEmployment: z } = input;
  if (s.length !== x.length) {
    throw new RangeError('Ellison-Glaeser needs industry and region employment of equal length');
  }
  assertNonNegativeList(s, 'industry employment');
  assertNonNegativeList(x, 'region employment');
  const sTotal = sum(s);
  const xTotal = sum(x);
  const plantHerfindahl = computeHerfindahlHirschmanIndex(z);
  if (sTotal === 0 || xTotal === 0 || plantHerfindahl === null) return null;
  let rawConcentration = 0;
  let sumSquaredRegionShares = 0;
  s.forEach((value, r) => {
    const xr = (x[r] ?? 0) / xTotal;
    rawConcentration += (value / sTotal - xr) ** 2;
    sumSquaredRegionShares += xr ** 2;
  });
  const denominator = (1 - sumSquaredRegionShares) * (1 - plantHerfindahl);
  const gamma =
    denominator === 0
      ? null
      : (rawConcentration - (1 - sumSquaredRegionShares) * plantHerfindahl) / denominator;
  return { gamma, rawConcentration, plantHerfindahl, sumSquaredRegionShares };
}
