/**
 * Compound annual growth rate, (end / start)^(1 / years) - 1, as a fraction (0.05 = 5% a year):
 * the annually compounded, not arithmetic-average, rate (US Bureau of Economic Analysis,
 * Regional Economic Accounts, definitions: "Compound annual growth rate", which gives it in
 * percent with n = end year − begin year). Returns null when it is undefined: start <= 0, end < 0 or years <= 0. An end of 0
 * gives -1 (the activity vanished).
 */
export function computeCompoundAnnualGrowthRate(
  start: number,
  end: number,
  years: number,
): number | null {
  if (!(start > 0) || !(end >= 0) || !(years > 0)) return null;
  return (end / start) ** (1 / years) - 1;
}

/** Simple change, end - start. */
export function computeAbsoluteChange(start: number, end: number): number {
  return end - start;
}

/**
 * Percentage change, 100 (end - start) / start, in percent (not a fraction; the usual
 * definition, e.g. BEA Regional Economic Accounts, definitions: "Percent change"). Null when
 * start = 0 (growth from nothing has no rate); a negative start is allowed and measured
 * against its absolute value so that a rise from -10 to -5 reads as +50%.
 */
export function computePercentageChange(start: number, end: number): number | null {
  if (start === 0) return null;
  return (100 * (end - start)) / Math.abs(start);
}
