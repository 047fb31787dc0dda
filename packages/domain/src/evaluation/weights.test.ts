import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeAhpWeights,
  computeBudgetAllocationWeights,
  computeEqualWeights,
  computePcaWeights,
  computeSymmetricEigen,
  rotateVarimax,
  validatePairwiseMatrix,
  WeightingError,
} from './weights.ts';

describe('equal and budget allocation weights', () => {
  it('equal weights are 1/n', () => {
    expect(computeEqualWeights(4)).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(() => computeEqualWeights(0)).toThrow(WeightingError);
  });

  it("normalises one or several experts' points", () => {
    expect(computeBudgetAllocationWeights([50, 30, 20])).toEqual([0.5, 0.3, 0.2]);
    // experts' points averaged first: (60 + 40)/2, (40 + 60)/2
    expect(
      computeBudgetAllocationWeights([
        [60, 40],
        [40, 60],
      ]),
    ).toEqual([0.5, 0.5]);
    expect(() => computeBudgetAllocationWeights([10, -1], ['a', 'exports'])).toThrow(
      /exports: points must be ≥ 0/,
    );
    expect(() => computeBudgetAllocationWeights([0, 0])).toThrow(/positive total/);
  });
});

describe('AHP', () => {
  // A textbook 3×3 reciprocal matrix (e.g. Saaty 1980's style of example): a12 = 3, a13 = 5, a23 = 3.
  const a3 = [
    [1, 3, 5],
    [1 / 3, 1, 3],
    [1 / 5, 1 / 3, 1],
  ];

  it('3×3: weights, λmax and CR against the closed form', () => {
    // For a 3×3 reciprocal matrix, λmax = 1 + t + 1/t with t = (a13/(a12·a23))^(1/3), and the
    // principal eigenvector is the vector of row geometric means (products 15, 1, 1/15).
    const t = Math.cbrt(5 / 9);
    const lambda = 1 + t + 1 / t;
    const gm = [Math.cbrt(15), 1, Math.cbrt(1 / 15)];
    const total = gm[0]! + gm[1]! + gm[2]!;
    for (const method of ['eigenvector', 'geometric-mean'] as const) {
      const r = computeAhpWeights(a3, method);
      r.weights.forEach((w, i) => expect(w).toBeCloseTo(gm[i]! / total, 10));
      expect(r.lambdaMax).toBeCloseTo(lambda, 10);
      expect(r.consistencyIndex).toBeCloseTo((lambda - 3) / 2, 10);
      expect(r.randomIndex).toBe(0.58);
      expect(r.consistencyRatio).toBeCloseTo((lambda - 3) / 2 / 0.58, 10);
    }
    // the published rounded figures of this classic matrix
    const r = computeAhpWeights(a3);
    expect(r.weights.map((w) => Number(w.toFixed(3)))).toEqual([0.637, 0.258, 0.105]);
    expect(Number(r.lambdaMax.toFixed(3))).toBe(3.039);
    expect(Number(r.consistencyRatio!.toFixed(3))).toBe(0.033);
  });

  it('4×4 consistent matrix: the generating weights, λmax = n, CR = 0', () => {
    const w = [0.4, 0.3, 0.2, 0.1];
    const a = w.map((wi) => w.map((wj) => wi / wj));
    for (const method of ['eigenvector', 'geometric-mean'] as const) {
      const r = computeAhpWeights(a, method);
      r.weights.forEach((x, i) => expect(x).toBeCloseTo(w[i]!, 12));
      expect(r.lambdaMax).toBeCloseTo(4, 12);
      expect(r.consistencyRatio).toBeCloseTo(0, 12);
    }
  });

  it('4×4 inconsistent matrix: Aw = λmax·w and the two methods agree closely', () => {
    const a = [
      [1, 5, 3, 7],
      [1 / 5, 1, 1 / 3, 3],
      [1 / 3, 3, 1, 5],
      [1 / 7, 1 / 3, 1 / 5, 1],
    ];
    const r = computeAhpWeights(a);
    a.forEach((row, i) => {
      const aw = row.reduce((s, x, j) => s + x * r.weights[j]!, 0);
      expect(aw).toBeCloseTo(r.lambdaMax * r.weights[i]!, 10);
    });
    expect(r.lambdaMax).toBeGreaterThan(4);
    expect(r.consistencyRatio).toBeCloseTo((r.lambdaMax - 4) / 3 / 0.9, 12);
    expect(r.consistencyRatio!).toBeLessThan(0.1);
    const g = computeAhpWeights(a, 'geometric-mean');
    g.weights.forEach((x, i) => expect(Math.abs(x - r.weights[i]!)).toBeLessThan(0.02));
    expect(r.weights.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
  });

  it('validates reciprocity and names the cell', () => {
    const bad = [
      [1, 3, 5],
      [0.5, 1, 3],
      [1 / 5, 1 / 3, 1],
    ];
    expect(validatePairwiseMatrix(bad)).toEqual([
      { row: 1, column: 0, message: 'must be the reciprocal of entry (0, 1) = 3 (1/3), got 0.5' },
    ]);
    expect(() => computeAhpWeights(bad)).toThrow(/\(1, 0\) must be the reciprocal/);
    expect(validatePairwiseMatrix([[2]])[0]).toMatchObject({ row: 0, column: 0 });
    expect(
      validatePairwiseMatrix([
        [1, 0.333],
        [3, 1],
      ]),
    ).toEqual([]); // 1/3 typed to 3 decimals
    expect(
      validatePairwiseMatrix([
        [1, -1],
        [-1, 1],
      ]),
    ).toHaveLength(2);
  });

  it('n ≤ 2 is always consistent; n > 10 has no RI', () => {
    expect(
      computeAhpWeights([
        [1, 2],
        [0.5, 1],
      ]).consistencyRatio,
    ).toBe(0);
    const w = Array.from({ length: 11 }, (_, i) => i + 1);
    const r = computeAhpWeights(w.map((wi) => w.map((wj) => wi / wj)));
    expect(r.randomIndex).toBeNull();
    expect(r.consistencyRatio).toBeNull();
  });
});

describe('computeSymmetricEigen (Jacobi)', () => {
  it('2×2 hand case', () => {
    const e = computeSymmetricEigen([
      [2, 1],
      [1, 2],
    ]);
    expect(e.values[0]).toBeCloseTo(3, 12);
    expect(e.values[1]).toBeCloseTo(1, 12);
    expect(e.vectors[0]![0]).toBeCloseTo(Math.SQRT1_2, 12);
    expect(e.vectors[1]![0]).toBeCloseTo(Math.SQRT1_2, 12);
    expect(Math.abs(e.vectors[0]![1]!)).toBeCloseTo(Math.SQRT1_2, 12);
    expect(e.vectors[0]![1]! * e.vectors[1]![1]!).toBeCloseTo(-0.5, 12);
  });

  it('3×3 tridiagonal hand case: 2 − √2, 2, 2 + √2', () => {
    const e = computeSymmetricEigen([
      [2, -1, 0],
      [-1, 2, -1],
      [0, -1, 2],
    ]);
    expect(e.values[0]).toBeCloseTo(2 + Math.SQRT2, 12);
    expect(e.values[1]).toBeCloseTo(2, 12);
    expect(e.values[2]).toBeCloseTo(2 - Math.SQRT2, 12);
    // eigenvector of 2 + √2 is (1, −√2, 1)/2, signed so the largest component is positive
    expect(e.vectors.map((row) => row[0])).toEqual([
      expect.closeTo(-0.5, 12),
      expect.closeTo(Math.SQRT1_2, 12),
      expect.closeTo(-0.5, 12),
    ]);
  });

  it('A·V = V·Λ and VᵀV = I for random symmetric matrices', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 7 }).chain((n) =>
          fc
            .array(fc.double({ min: -10, max: 10, noNaN: true }), {
              minLength: n * n,
              maxLength: n * n,
            })
            .map((xs) => {
              return Array.from({ length: n }, (_, i) =>
                Array.from({ length: n }, (__, j) => (xs[i * n + j]! + xs[j * n + i]!) / 2),
              );
            }),
        ),
        (a) => {
          const n = a.length;
          const e = computeSymmetricEigen(a);
          for (let k = 0; k < n; k += 1) {
            for (let i = 0; i < n; i += 1) {
              const av = a[i]!.reduce((s, x, j) => s + x * e.vectors[j]![k]!, 0);
              expect(av).toBeCloseTo(e.values[k]! * e.vectors[i]![k]!, 8);
            }
            for (let l = 0; l < n; l += 1) {
              const dot = e.vectors.reduce((s, row) => s + row[k]! * row[l]!, 0);
              expect(dot).toBeCloseTo(k === l ? 1 : 0, 9);
            }
          }
          for (let k = 1; k < n; k += 1)
            expect(e.values[k]!).toBeLessThanOrEqual(e.values[k - 1]! + 1e-12);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('rotateVarimax', () => {
  it('recovers a simple structure hidden by a 30° rotation', () => {
    const simple = [
      [0.8, 0],
      [0.7, 0],
      [0, 0.9],
      [0, 0.6],
    ];
    const c = Math.cos(Math.PI / 6);
    const s = Math.sin(Math.PI / 6);
    const hidden = simple.map(([x, y]) => [c * x! - s * y!, s * x! + c * y!]);
    const rotated = rotateVarimax(hidden);
    rotated.forEach((row, i) => {
      const abs = row.map(Math.abs).sort((p, q) => q - p);
      expect(abs[0]).toBeCloseTo(Math.max(...simple[i]!), 9);
      expect(abs[1]).toBeCloseTo(0, 9);
      // communalities are preserved by an orthogonal rotation
      expect(row[0]! ** 2 + row[1]! ** 2).toBeCloseTo(
        simple[i]![0]! ** 2 + simple[i]![1]! ** 2,
        12,
      );
    });
  });
});

describe('computePcaWeights', () => {
  const a = [-1.5, -0.5, 0.5, 1.5];
  const b = [1, -1, -1, 1]; // uncorrelated with a

  it('one factor: indicators 1 and 2 perfectly correlated, 3 unrelated', () => {
    // R = [[1,1,0],[1,1,0],[0,0,1]]: eigenvalues 2, 1, 0; only λ = 2 > 1 is kept, with
    // eigenvector (1, 1, 0)/√2, so the scaled squared loadings are (½, ½, 0).
    const table = a.map((ai, u) => [ai, 2 * ai + 1, b[u]!]);
    const r = computePcaWeights(table);
    expect(r.eigenvalues.map((v) => Number(v.toFixed(9)))).toEqual([2, 1, 0]);
    expect(r.retained).toBe(1);
    expect(r.rotated).toBe(false);
    expect(r.cumulativeVariance).toBeCloseTo(2 / 3, 12);
    r.weights.forEach((w, i) => expect(w).toBeCloseTo([0.5, 0.5, 0][i]!, 9));
    expect(r.notes).toEqual([]);
  });

  it('two blocks: varimax gives each indicator one factor, weights ¼ each', () => {
    // R = blockdiag([[1,1],[1,1]], [[1,1],[1,1]]): eigenvalues 2, 2, 0, 0; each factor explains
    // half the retained variance and each indicator half of its factor: ½·½ = ¼.
    const table = a.map((ai, u) => [ai, 2 * ai + 1, b[u]!, 3 * b[u]!]);
    const r = computePcaWeights(table);
    expect(r.retained).toBe(2);
    expect(r.rotated).toBe(true);
    r.weights.forEach((w) => expect(w).toBeCloseTo(0.25, 9));
    for (const row of r.loadings) {
      const abs = row.map(Math.abs).sort((p, q) => q - p);
      expect(abs[0]).toBeCloseTo(1, 9);
      expect(abs[1]).toBeCloseTo(0, 9);
    }
    expect(r.factorOfIndicator[0]).toBe(r.factorOfIndicator[1]);
    expect(r.factorOfIndicator[2]).toBe(r.factorOfIndicator[3]);
    expect(r.factorOfIndicator[0]).not.toBe(r.factorOfIndicator[2]);
  });

  it('rejects an indicator without variation, naming it', () => {
    expect(() =>
      computePcaWeights(
        [
          [1, 5],
          [2, 5],
          [3, 5],
        ],
        { indicatorNames: ['exports', 'patents'] },
      ),
    ).toThrow(/patents: PCA needs variation/);
  });
});
