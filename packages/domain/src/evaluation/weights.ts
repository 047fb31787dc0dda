/**
 * Weighting methods of the OECD/JRC Handbook on Constructing Composite Indicators (2008),
 * section 6: equal weights, budget allocation (expert points), the analytic hierarchy process
 * and principal-component-based weights.
 */

/** Thrown on invalid weighting input; the message names the cell or indicator. */
export class WeightingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WeightingError';
  }
}

/** Equal weights 1/n (Handbook 2008, section 6.1, "equal weighting"). */
export function computeEqualWeights(n: number): number[] {
  if (!Number.isInteger(n) || n < 1)
    throw new WeightingError(`need at least one indicator, got ${n}`);
  return new Array<number>(n).fill(1 / n);
}

/**
 * Budget allocation process (Handbook 2008, section 6.1.7 "budget allocation process"):
 * experts distribute points (e.g. 100) over the indicators; w_i = p_i / Σp. Several experts'
 * allocations may be given, in which case the points are averaged first (the Handbook's
 * aggregation of experts' budgets by the arithmetic mean). Points must be finite and ≥ 0 with
 * a positive total.
 */
export function computeBudgetAllocationWeights(
  points: readonly number[] | readonly (readonly number[])[],
  indicatorNames?: readonly string[],
): number[] {
  const experts = (Array.isArray(points[0]) ? points : [points]) as readonly (readonly number[])[];
  const m = experts[0]?.length ?? 0;
  if (m === 0) throw new WeightingError('budget allocation needs at least one indicator');
  const mean = new Array<number>(m).fill(0);
  experts.forEach((expert, e) => {
    if (expert.length !== m) {
      throw new WeightingError(`expert #${e} allocated ${expert.length} indicators, expected ${m}`);
    }
    expert.forEach((p, j) => {
      if (!(Number.isFinite(p) && p >= 0)) {
        throw new WeightingError(
          `expert #${e}, ${indicatorNames?.[j] ?? `indicator #${j}`}: points must be ≥ 0, got ${p}`,
        );
      }
      mean[j] = (mean[j] as number) + p / experts.length;
    });
  });
  const total = mean.reduce((s, p) => s + p, 0);
  if (!(total > 0)) throw new WeightingError('budget allocation needs a positive total of points');
  return mean.map((p) => p / total);
}

/**
 * Saaty's random consistency index RI for n = 1…10 (Saaty 1980, "The Analytic Hierarchy
 * Process", McGraw-Hill, table 1.7; also Handbook 2008, section 6.1.8).
 */
export const saatyRandomIndex: readonly number[] = [
  0, 0, 0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49,
];

/** One problem of a pairwise comparison matrix, naming the cell (0-based row and column). */
export interface PairwiseIssue {
  row: number;
  column: number;
  message: string;
}

/**
 * Checks a pairwise comparison matrix: square, every entry finite and > 0, a diagonal of 1 and
 * reciprocity a_ji = 1/a_ij (Saaty 1980), accepted when |a_ij·a_ji − 1| ≤ tolerance (default
 * 0.005, so an entry of 1/3 typed as 0.333 passes).
 */
export function validatePairwiseMatrix(
  matrix: readonly (readonly number[])[],
  tolerance = 0.005,
): PairwiseIssue[] {
  const n = matrix.length;
  const issues: PairwiseIssue[] = [];
  if (n === 0) return [{ row: 0, column: 0, message: 'the matrix is empty' }];
  matrix.forEach((row, i) => {
    if (row.length !== n)
      issues.push({ row: i, column: 0, message: `row has ${row.length} entries, expected ${n}` });
  });
  if (issues.length > 0) return issues;
  for (let i = 0; i < n; i += 1) {
    for (let j = 0; j < n; j += 1) {
      const a = matrix[i]?.[j] as number;
      if (!(Number.isFinite(a) && a > 0)) {
        issues.push({ row: i, column: j, message: `entry must be a finite number > 0, got ${a}` });
      } else if (i === j && a !== 1) {
        issues.push({ row: i, column: j, message: `diagonal entry must be 1, got ${a}` });
      } else if (i < j) {
        const b = matrix[j]?.[i] as number;
        if (Number.isFinite(b) && b > 0 && Math.abs(a * b - 1) > tolerance) {
          issues.push({
            row: j,
            column: i,
            message: `must be the reciprocal of entry (${i}, ${j}) = ${a} (1/${a}), got ${b}`,
          });
        }
      }
    }
  }
  return issues;
}

/** The result of the AHP: weights, λmax and the consistency of the judgements. */
export interface AhpResult {
  weights: number[];
  /** Principal eigenvalue λmax (estimated as mean((Aw)_i / w_i) for the geometric mean). */
  lambdaMax: number;
  /** CI = (λmax − n)/(n − 1); 0 for n ≤ 2. */
  consistencyIndex: number;
  /** Saaty's RI for this n; null for n > 10 (no value in the table). */
  randomIndex: number | null;
  /** CR = CI/RI; 0 for n ≤ 2 (always consistent); null for n > 10. Saaty accepts CR ≤ 0.1. */
  consistencyRatio: number | null;
  method: AhpMethod;
  /** Power iterations used (eigenvector method). */
  iterations?: number;
}

/** `eigenvector`: Saaty's principal right eigenvector; `geometric-mean`: row geometric means. */
export type AhpMethod = 'eigenvector' | 'geometric-mean';

/**
 * Analytic hierarchy process weights from a reciprocal pairwise comparison matrix (Saaty 1980;
 * Handbook 2008, section 6.1.8):
 * - `eigenvector`: the principal right eigenvector of A by power iteration w ← Aw/Σ(Aw) from
 *   w = 1/n until no component moves by more than 1e-15 (at most 10,000 steps); a positive
 *   matrix has a unique positive Perron eigenvector, so the iteration converges;
 * - `geometric-mean`: w_i ∝ (Π_j a_ij)^(1/n) (Crawford & Williams 1985, "A note on the
 *   analysis of subjective judgment matrices", J. Math. Psychology 29, 387-405); equal to the
 *   eigenvector for n ≤ 3.
 * λmax = (1/n) Σ_i (Aw)_i / w_i; CI = (λmax − n)/(n − 1); CR = CI/RI with
 * {@link saatyRandomIndex}. Throws a {@link WeightingError} naming the first bad cell.
 */
export function computeAhpWeights(
  matrix: readonly (readonly number[])[],
  method: AhpMethod = 'eigenvector',
  tolerance = 0.005,
): AhpResult {
  const issues = validatePairwiseMatrix(matrix, tolerance);
  if (issues.length > 0) {
    throw new WeightingError(
      `pairwise matrix: ${issues.map((i) => `(${i.row}, ${i.column}) ${i.message}`).join('; ')}`,
    );
  }
  const n = matrix.length;
  const a = (i: number, j: number): number => matrix[i]?.[j] as number;
  const multiply = (w: readonly number[]): number[] =>
    w.map((_, i) => w.reduce((s, wj, j) => s + a(i, j) * wj, 0));
  let weights: number[];
  let iterations: number | undefined;
  if (method === 'eigenvector') {
    weights = new Array<number>(n).fill(1 / n);
    iterations = 0;
    for (let step = 1; step <= 10_000; step += 1) {
      const next = multiply(weights);
      const total = next.reduce((s, v) => s + v, 0);
      const normalised = next.map((v) => v / total);
      const moved = normalised.reduce(
        (d, v, i) => Math.max(d, Math.abs(v - (weights[i] as number))),
        0,
      );
      weights = normalised;
      iterations = step;
      if (moved <= 1e-15) break;
    }
  } else {
    const gm = matrix.map((row) => Math.exp(row.reduce((s, v) => s + Math.log(v), 0) / n));
    const total = gm.reduce((s, v) => s + v, 0);
    weights = gm.map((v) => v / total);
  }
  const aw = multiply(weights);
  const lambdaMax = aw.reduce((s, v, i) => s + v / (weights[i] as number), 0) / n;
  const consistencyIndex = n <= 2 ? 0 : (lambdaMax - n) / (n - 1);
  const randomIndex = saatyRandomIndex[n - 1] ?? null;
  const consistencyRatio =
    n <= 2 ? 0 : randomIndex === null ? null : consistencyIndex / randomIndex;
  return {
    weights,
    lambdaMax,
    consistencyIndex,
    randomIndex,
    consistencyRatio,
    method,
    ...(iterations === undefined ? {} : { iterations }),
  };
}

/** Eigenvalues (descending) and unit eigenvectors (columns of `vectors`, same order). */
export interface SymmetricEigen {
  values: number[];
  /** vectors[i][k] is component i of the k-th eigenvector. */
  vectors: number[][];
  sweeps: number;
}

/**
 * Eigen-decomposition of a real symmetric matrix by the cyclic Jacobi method (Jacobi 1846;
 * as described in Golub & Van Loan, "Matrix Computations", 4th ed., section 8.5): plane
 * rotations zero each off-diagonal entry in turn, sweep after sweep, until the off-diagonal
 * sum of squares is below 1e-22 times the total (at most 100 sweeps). Eigenvectors are
 * signed so that their largest-magnitude component is positive.
 */
export function computeSymmetricEigen(matrix: readonly (readonly number[])[]): SymmetricEigen {
  const n = matrix.length;
  const a = matrix.map((row, i) => {
    if (row.length !== n)
      throw new WeightingError(`matrix row ${i} has ${row.length} entries, expected ${n}`);
    return [...row];
  });
  for (let i = 0; i < n; i += 1) {
    for (let j = i + 1; j < n; j += 1) {
      const x = a[i]?.[j] as number;
      const y = a[j]?.[i] as number;
      if (Math.abs(x - y) > 1e-9 * Math.max(1, Math.abs(x), Math.abs(y))) {
        throw new WeightingError(`matrix is not symmetric at (${i}, ${j}): ${x} vs ${y}`);
      }
    }
  }
  const v = a.map((_, i) => a.map((__, j) => (i === j ? 1 : 0)));
  const get = (m: number[][], i: number, j: number): number => (m[i] as number[])[j] as number;
  const set = (m: number[][], i: number, j: number, x: number): void => {
    (m[i] as number[])[j] = x;
  };
  let total = 0;
  for (let i = 0; i < n; i += 1) for (let j = 0; j < n; j += 1) total += get(a, i, j) ** 2;
  let sweeps = 0;
  for (; sweeps < 100; sweeps += 1) {
    let off = 0;
    for (let i = 0; i < n; i += 1)
      for (let j = 0; j < n; j += 1) if (i !== j) off += get(a, i, j) ** 2;
    if (off <= 1e-22 * total || off === 0) break;
    for (let p = 0; p < n - 1; p += 1) {
      for (let q = p + 1; q < n; q += 1) {
        const apq = get(a, p, q);
        if (apq === 0) continue;
        const theta = (get(a, q, q) - get(a, p, p)) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k += 1) {
          const akp = get(a, k, p);
          const akq = get(a, k, q);
          set(a, k, p, c * akp - s * akq);
          set(a, k, q, s * akp + c * akq);
        }
        for (let k = 0; k < n; k += 1) {
          const apk = get(a, p, k);
          const aqk = get(a, q, k);
          set(a, p, k, c * apk - s * aqk);
          set(a, q, k, s * apk + c * aqk);
        }
        for (let k = 0; k < n; k += 1) {
          const vkp = get(v, k, p);
          const vkq = get(v, k, q);
          set(v, k, p, c * vkp - s * vkq);
          set(v, k, q, s * vkp + c * vkq);
        }
      }
    }
  }
  const order = a.map((_, k) => k).sort((x, y) => get(a, y, y) - get(a, x, x));
  const values = order.map((k) => get(a, k, k));
  const columns = order.map((k) => {
    const col = v.map((row) => row[k] as number);
    const largest = col.reduce((best, x) => (Math.abs(x) > Math.abs(best) ? x : best), 0);
    return largest < 0 ? col.map((x) => -x) : col;
  });
  const vectors = a.map((_, i) => columns.map((col) => col[i] as number));
  return { values, vectors, sweeps };
}

/**
 * Varimax rotation of a loadings matrix (rows = indicators, columns = factors) with Kaiser
 * normalisation (Kaiser 1958, "The varimax criterion for analytic rotation in factor analysis",
 * Psychometrika 23, 187-200): pairs of factors are rotated by the angle
 * φ = ¼·atan2(D − 2AB/m, C − (A² − B²)/m), with u = x_p² − x_q², v = 2·x_p·x_q, A = Σu,
 * B = Σv, C = Σ(u² − v²), D = 2Σuv over the rows normalised to unit communality, sweeping
 * until every angle is below 1e-12 (at most 200 sweeps).
 */
export function rotateVarimax(loadings: readonly (readonly number[])[]): number[][] {
  const m = loadings.length;
  const k = loadings[0]?.length ?? 0;
  const h = loadings.map((row) => Math.sqrt(row.reduce((s, x) => s + x * x, 0)));
  const x = loadings.map((row, i) =>
    row.map((value) => ((h[i] as number) > 0 ? value / (h[i] as number) : 0)),
  );
  const cell = (i: number, j: number): number => (x[i] as number[])[j] as number;
  for (let sweep = 0; sweep < 200 && k > 1; sweep += 1) {
    let largest = 0;
    for (let p = 0; p < k - 1; p += 1) {
      for (let q = p + 1; q < k; q += 1) {
        let sa = 0;
        let sb = 0;
        let sc = 0;
        let sd = 0;
        for (let i = 0; i < m; i += 1) {
          const u = cell(i, p) ** 2 - cell(i, q) ** 2;
          const v = 2 * cell(i, p) * cell(i, q);
          sa += u;
          sb += v;
          sc += u * u - v * v;
          sd += 2 * u * v;
        }
        const phi = Math.atan2(sd - (2 * sa * sb) / m, sc - (sa * sa - sb * sb) / m) / 4;
        largest = Math.max(largest, Math.abs(phi));
        if (Math.abs(phi) < 1e-15) continue;
        const c = Math.cos(phi);
        const s = Math.sin(phi);
        for (let i = 0; i < m; i += 1) {
          const xp = cell(i, p);
          const xq = cell(i, q);
          (x[i] as number[])[p] = c * xp + s * xq;
          (x[i] as number[])[q] = -s * xp + c * xq;
        }
      }
    }
    if (largest < 1e-12) break;
  }
  return x.map((row, i) => row.map((value) => value * (h[i] as number)));
}

/** Options of {@link computePcaWeights}. */
export interface PcaWeightOptions {
  /** Rotate the retained loadings by varimax (default true, as in the Handbook's example). */
  rotate?: boolean;
  indicatorNames?: readonly string[];
}

/** PCA weights and the steps behind them, for display. */
export interface PcaWeightResult {
  weights: number[];
  /** Eigenvalues of the correlation matrix, descending. */
  eigenvalues: number[];
  /** Number of factors retained. */
  retained: number;
  /** Share of total variance explained by the retained factors. */
  cumulativeVariance: number;
  /** Loadings of the retained factors (rotated when `rotated`); rows = indicators. */
  loadings: number[][];
  rotated: boolean;
  /** Index of the factor each indicator is assigned to (largest scaled squared loading). */
  factorOfIndicator: number[];
  notes: string[];
}

/**
 * Principal-component-based weights following the Handbook (OECD/JRC 2008, section 6.1,
 * "weights based on principal components analysis or factor analysis", and its TAI example):
 * 1. the correlation matrix of the indicators (population moments);
 * 2. its eigen-decomposition ({@link computeSymmetricEigen});
 * 3. factors retained while the eigenvalue is > 1 and the factor explains > 10% of the
 *    variance (at least one factor is kept; a cumulative share below the Handbook's 60% is
 *    reported in `notes`);
 * 4. loadings l_jk = v_jk·√λ_k, rotated by varimax unless `rotate: false`;
 * 5. squared loadings scaled to unity sum per factor, s_jk = l_jk² / Σ_j l_jk²;
 * 6. each indicator takes its largest s_jk, multiplied by the factor's share of the variance
 *    explained by the retained factors (Σ_j l_jk² / Σ_k Σ_j l_jk²);
 * 7. the weights are scaled to sum to 1.
 * An indicator with zero variance has no correlation and throws.
 */
export function computePcaWeights(
  table: readonly (readonly number[])[],
  options: PcaWeightOptions = {},
): PcaWeightResult {
  const n = table.length;
  const m = table[0]?.length ?? 0;
  if (n < 3) throw new WeightingError(`PCA weights need at least 3 units, got ${n}`);
  if (m < 2) throw new WeightingError(`PCA weights need at least 2 indicators, got ${m}`);
  const name = (j: number): string => options.indicatorNames?.[j] ?? `indicator #${j}`;
  const z: number[][] = table.map(() => new Array<number>(m).fill(0));
  for (let j = 0; j < m; j += 1) {
    let mean = 0;
    for (let u = 0; u < n; u += 1) mean += (table[u]?.[j] as number) / n;
    let ss = 0;
    for (let u = 0; u < n; u += 1) ss += ((table[u]?.[j] as number) - mean) ** 2;
    const sd = Math.sqrt(ss / n);
    if (!(sd > 0))
      throw new WeightingError(`${name(j)}: PCA needs variation, every unit has the same value`);
    for (let u = 0; u < n; u += 1) (z[u] as number[])[j] = ((table[u]?.[j] as number) - mean) / sd;
  }
  const r = Array.from({ length: m }, (_, i) =>
    Array.from(
      { length: m },
      (__, j) => z.reduce((s, row) => s + (row[i] as number) * (row[j] as number), 0) / n,
    ),
  );
  const eigen = computeSymmetricEigen(r);
  const notes: string[] = [];
  let retained = 0;
  for (const value of eigen.values) {
    if (value > 1 && value / m > 0.1) retained += 1;
    else break;
  }
  if (retained === 0) {
    retained = 1;
    notes.push('no factor has an eigenvalue above 1 explaining over 10%; the first factor is used');
  }
  const cumulativeVariance = eigen.values.slice(0, retained).reduce((s, v) => s + v, 0) / m;
  if (cumulativeVariance <= 0.6) {
    notes.push(
      `the retained factors explain ${(cumulativeVariance * 100).toFixed(1)}% of the variance, below the Handbook's 60%`,
    );
  }
  const unrotated = eigen.vectors.map((row) =>
    row.slice(0, retained).map((vjk, k) => vjk * Math.sqrt(Math.max(0, eigen.values[k] as number))),
  );
  const rotate = options.rotate ?? true;
  const loadings = rotate && retained > 1 ? rotateVarimax(unrotated) : unrotated;
  const explained = Array.from({ length: retained }, (_, k) =>
    loadings.reduce((s, row) => s + (row[k] as number) ** 2, 0),
  );
  const totalExplained = explained.reduce((s, v) => s + v, 0);
  const factorOfIndicator: number[] = [];
  const raw = loadings.map((row) => {
    let best = 0;
    let bestScaled = -1;
    row.forEach((l, k) => {
      const scaled = (l * l) / (explained[k] as number);
      if (scaled > bestScaled) {
        bestScaled = scaled;
        best = k;
      }
    });
    factorOfIndicator.push(best);
    return bestScaled * ((explained[best] as number) / totalExplained);
  });
  const total = raw.reduce((s, v) => s + v, 0);
  return {
    weights: raw.map((v) => v / total),
    eigenvalues: eigen.values,
    retained,
    cumulativeVariance,
    loadings,
    rotated: rotate && retained > 1,
    factorOfIndicator,
    notes,
  };
}
