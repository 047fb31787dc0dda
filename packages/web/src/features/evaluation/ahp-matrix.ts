import { computeAhpWeights, type AhpResult } from '@innocluster/domain';

/**
 * Editing an AHP pairwise comparison matrix in the browser. Saaty (1980, "The Analytic
 * Hierarchy Process", McGraw-Hill) asks for one judgement per pair on the 1-9 scale; the
 * matrix is reciprocal (a_ji = 1/a_ij) with ones on the diagonal. The editor lets the user
 * set the upper triangle and derives everything else, so the matrix it sends is always
 * reciprocal and the server's validation only has to catch what a hand-made request gets wrong.
 */

/** Saaty's fundamental scale and its reciprocals, from 1/9 to 9, ascending. */
export const saatyScale: readonly number[] = [
  1 / 9,
  1 / 8,
  1 / 7,
  1 / 6,
  1 / 5,
  1 / 4,
  1 / 3,
  1 / 2,
  1,
  2,
  3,
  4,
  5,
  6,
  7,
  8,
  9,
];

/** Saaty (1980): a consistency ratio above 0.10 means the judgements should be revised. */
export const acceptableConsistencyRatio = 0.1;

/** The n × n matrix of equal importance (every entry 1). */
export function identityMatrix(n: number): number[][] {
  return Array.from({ length: n }, () => new Array<number>(n).fill(1));
}

/**
 * A copy of the matrix with a_ij = value and a_ji = 1/value (reciprocity kept). A diagonal
 * cell stays 1; a value that is not a finite positive number throws, naming the cell.
 */
export function setJudgement(
  matrix: readonly (readonly number[])[],
  i: number,
  j: number,
  value: number,
): number[][] {
  const n = matrix.length;
  if (i < 0 || j < 0 || i >= n || j >= n) {
    throw new RangeError(`cell (${i}, ${j}) is outside a ${n} × ${n} matrix`);
  }
  if (!(Number.isFinite(value) && value > 0)) {
    throw new RangeError(`cell (${i}, ${j}): a judgement must be a number > 0, got ${value}`);
  }
  const next = matrix.map((row) => [...row]);
  if (i === j) return next;
  (next[i] as number[])[j] = value;
  (next[j] as number[])[i] = 1 / value;
  return next;
}

/**
 * The matrix for a new list of items (e.g. after indicators were added or removed): judgements
 * between items present in both lists are kept, new pairs start at 1 (equal importance).
 */
export function resizeMatrix(
  matrix: readonly (readonly number[])[],
  oldItems: readonly string[],
  newItems: readonly string[],
): number[][] {
  const where = new Map(oldItems.map((code, k) => [code, k]));
  return newItems.map((a, i) =>
    newItems.map((b, j) => {
      if (i === j) return 1;
      const p = where.get(a);
      const q = where.get(b);
      const kept = p === undefined || q === undefined ? undefined : matrix[p]?.[q];
      return kept !== undefined && Number.isFinite(kept) && kept > 0 ? kept : 1;
    }),
  );
}

/** A judgement as people write it: `3`, `1/3`, `1`; other values with up to 3 decimals. */
export function formatJudgement(value: number): string {
  if (!(Number.isFinite(value) && value > 0)) return String(value);
  const near = (x: number) => Math.abs(x - Math.round(x)) < 1e-9;
  if (value >= 1) return near(value) ? String(Math.round(value)) : String(+value.toFixed(3));
  const inverse = 1 / value;
  return near(inverse) ? `1/${Math.round(inverse)}` : String(+value.toFixed(3));
}

/** Reads `3`, `1/3`, `0.5` or `2.5`; null when it is not a positive number. */
export function parseJudgement(text: string): number | null {
  const s = text.trim();
  const fraction = /^(\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)$/.exec(s);
  const value = fraction
    ? Number(fraction[1]) / Number(fraction[2])
    : /^\d+(?:\.\d+)?$/.test(s)
      ? Number(s)
      : NaN;
  return Number.isFinite(value) && value > 0 ? value : null;
}

/** The weights and consistency of a matrix, or the reason it has none. */
export type AhpSummary =
  { ok: true; result: AhpResult; acceptable: boolean | null } | { ok: false; error: string };

/**
 * AHP weights by the principal eigenvector and the consistency ratio CR = CI / RI with
 * CI = (λmax − n)/(n − 1) (Saaty 1980), computed by the domain core; `acceptable` when CR is
 * at most 0.10 (n ≤ 2 is always consistent), null beyond the tabulated random index (n > 10).
 */
export function summariseAhp(matrix: readonly (readonly number[])[]): AhpSummary {
  try {
    const result = computeAhpWeights(matrix, 'eigenvector');
    const cr = result.consistencyRatio;
    return { ok: true, result, acceptable: cr === null ? null : cr <= acceptableConsistencyRatio };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
