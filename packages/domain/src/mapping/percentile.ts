/**
 * Sample quantile definitions of Hyndman & Fan (1996), "Sample quantiles in statistical
 * packages", The American Statistician 50(4), 361-365:
 * - `type7`: linear interpolation with h = (n - 1)p + 1 (R's and NumPy's default);
 * - `type6`: linear interpolation with h = (n + 1)p (Minitab, SPSS);
 * - `type1`: nearest rank, the inverse of the empirical distribution function, x_(ceil(np)).
 */
export type PercentileMethod = 'type7' | 'type6' | 'type1';

/**
 * The p-quantile (p in [0, 1]) of `values` by the chosen Hyndman-Fan method (default type 7).
 *
 * For types 6 and 7, Q(p) = x_(floor h) + (h - floor h)(x_(floor h + 1) - x_(floor h)) with
 * h clamped to [1, n] (Hyndman & Fan 1996, section 2, definitions 6 and 7). For type 1,
 * Q(p) = x_(k) with k = ceil(np), and k = 1 when p = 0 (definition 1).
 *
 * Edge cases: an empty list gives NaN (there is no quantile); p outside [0, 1] or a non-finite
 * value throws a RangeError. The input is not modified.
 */
export function computePercentile(
  values: readonly number[],
  p: number,
  method: PercentileMethod = 'type7',
): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`percentile p must be in [0, 1], got ${p}`);
  for (const v of values) {
    if (!Number.isFinite(v)) throw new RangeError(`percentile values must be finite, got ${v}`);
  }
  const n = values.length;
  if (n === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (k: number): number => sorted[Math.min(Math.max(k, 1), n) - 1] as number;
  if (method === 'type1') return at(Math.max(1, Math.ceil(n * p)));
  const h = method === 'type7' ? (n - 1) * p + 1 : (n + 1) * p;
  if (h <= 1) return at(1);
  if (h >= n) return at(n);
  const lower = Math.floor(h);
  return at(lower) + (h - lower) * (at(lower + 1) - at(lower));
}
