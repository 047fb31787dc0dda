/**
 * Aggregation of normalised indicators into one score per unit (OECD/JRC Handbook on
 * Constructing Composite Indicators 2008, section 6.2: linear and geometric aggregation).
 */

/**
 * `arithmetic`: Σ w_i x_i (fully compensatory). `geometric`: Π x_i^w_i (partly compensatory);
 * `zero` says what to do with a zero value: `limit` takes the mathematical limit (a zero with a
 * positive weight makes the score 0), `shift` adds `offset` (> 0) to every value first. Under
 * `limit`, min-max normalisation gives the worst unit of each indicator a 0, so every such unit
 * scores 0 and they tie; `shift` (e.g. 0.01 on a [0, 1] scale) keeps them apart.
 */
export type AggregationMethod =
  { kind: 'arithmetic' } | { kind: 'geometric'; zero?: 'limit' | 'shift'; offset?: number };

/** Thrown when an aggregation is undefined for the data; names the unit and indicator. */
export class AggregationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AggregationError';
  }
}

/** Scores per unit (input order) and each indicator's contribution to each score. */
export interface AggregationResult {
  scores: number[];
  /**
   * contributions[u][i]: arithmetic, w_i·x_ui (they sum to the score); geometric, the share of
   * the log-score, w_i·ln x'_ui / ln(score) (they sum to 1), null where undefined: a score of 1
   * (ln = 0) or a zero value under `limit`.
   */
  contributions: (number | null)[][];
}

/** Checks weights: one per indicator, finite, ≥ 0 and summing to 1 (within 1e-9). */
export function assertWeights(weights: readonly number[], m: number): void {
  if (weights.length !== m)
    throw new AggregationError(`${weights.length} weights for ${m} indicators`);
  weights.forEach((w, i) => {
    if (!(Number.isFinite(w) && w >= 0))
      throw new AggregationError(`weight #${i} must be ≥ 0, got ${w}`);
  });
  const total = weights.reduce((s, w) => s + w, 0);
  if (Math.abs(total - 1) > 1e-9) throw new AggregationError(`weights must sum to 1, got ${total}`);
}

/** The offset added under `shift` (validated), or 0. */
export function geometricOffset(method: AggregationMethod): number {
  if (method.kind !== 'geometric' || method.zero !== 'shift') return 0;
  const offset = method.offset ?? 0;
  if (!(Number.isFinite(offset) && offset > 0)) {
    throw new AggregationError(
      `geometric aggregation with shift needs an offset > 0, got ${offset}`,
    );
  }
  return offset;
}

/**
 * Aggregates a complete units × indicators table of normalised values (rows are units) with
 * weights summing to 1:
 * - arithmetic: y_u = Σ_i w_i x_ui (Handbook 2008, section 6.2.1, "additive aggregation");
 * - geometric: y_u = Π_i x'_ui^w_i with x' = x + offset under `shift` (Handbook 2008, section 6.2.2), computed
 *   as exp(Σ w_i ln x'_ui). Needs x' ≥ 0: a negative value (e.g. a z-score) throws naming the
 *   unit and indicator. A zero with weight 0 is ignored (0^0 = 1).
 */
export function aggregateScores(
  table: readonly (readonly number[])[],
  weights: readonly number[],
  method: AggregationMethod,
  indicatorNames?: readonly string[],
): AggregationResult {
  const m = weights.length;
  assertWeights(weights, m);
  const offset = geometricOffset(method);
  const scores: number[] = [];
  const contributions: (number | null)[][] = [];
  table.forEach((row, u) => {
    if (row.length !== m)
      throw new AggregationError(`unit #${u} has ${row.length} values, expected ${m}`);
    if (method.kind === 'arithmetic') {
      const parts = row.map((x, i) => (weights[i] as number) * x);
      scores.push(parts.reduce((s, p) => s + p, 0));
      contributions.push(parts);
      return;
    }
    const logs = row.map((x, i) => {
      const shifted = x + offset;
      if (!(shifted >= 0)) {
        throw new AggregationError(
          `geometric aggregation needs values ≥ 0: unit #${u}, ${indicatorNames?.[i] ?? `indicator #${i}`} has ${x}`,
        );
      }
      const w = weights[i] as number;
      return w === 0 ? 0 : w * Math.log(shifted);
    });
    const logScore = logs.reduce((s, l) => s + l, 0);
    scores.push(Math.exp(logScore));
    contributions.push(
      logs.map((l) => (Number.isFinite(logScore) && logScore !== 0 ? l / logScore : null)),
    );
  });
  return { scores, contributions };
}
