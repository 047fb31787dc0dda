import { describe, expect, it } from 'vitest';
import {
  formatJudgement,
  identityMatrix,
  parseJudgement,
  resizeMatrix,
  setJudgement,
  summariseAhp,
} from './ahp-matrix.ts';

describe('AHP matrix editing', () => {
  it('keeps the matrix reciprocal when a judgement is set, without changing the input', () => {
    const start = identityMatrix(3);
    const m = setJudgement(start, 0, 2, 5);
    expect(m[0]?.[2]).toBe(5);
    expect(m[2]?.[0]).toBeCloseTo(0.2, 15);
    expect(start[0]?.[2]).toBe(1);
    // Setting the lower cell rewrites the upper one too.
    const back = setJudgement(m, 2, 0, 3);
    expect(back[2]?.[0]).toBe(3);
    expect(back[0]?.[2]).toBeCloseTo(1 / 3, 15);
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) expect((back[i]?.[j] ?? 0) * (back[j]?.[i] ?? 0)).toBeCloseTo(1);
  });

  it('leaves the diagonal at 1 and refuses non-positive judgements naming the cell', () => {
    expect(setJudgement(identityMatrix(2), 1, 1, 7)[1]?.[1]).toBe(1);
    expect(() => setJudgement(identityMatrix(2), 0, 1, 0)).toThrow(/cell \(0, 1\).*> 0, got 0/);
    expect(() => setJudgement(identityMatrix(2), 0, 3, 2)).toThrow(/outside a 2 × 2/);
  });

  it('keeps the judgements of the remaining items when the list changes', () => {
    let m = identityMatrix(3);
    m = setJudgement(m, 0, 1, 3); // A vs B
    m = setJudgement(m, 1, 2, 1 / 4); // B vs C
    const next = resizeMatrix(m, ['A', 'B', 'C'], ['C', 'A', 'D']);
    // C vs A was 1 (never judged); A vs D is new; B is gone.
    expect(next).toEqual([
      [1, 1, 1],
      [1, 1, 1],
      [1, 1, 1],
    ]);
    const kept = resizeMatrix(m, ['A', 'B', 'C'], ['B', 'C']);
    expect(kept).toEqual([
      [1, 1 / 4],
      [4, 1],
    ]);
  });

  it('writes and reads judgements the way people write them', () => {
    expect(formatJudgement(3)).toBe('3');
    expect(formatJudgement(1 / 3)).toBe('1/3');
    expect(formatJudgement(1)).toBe('1');
    expect(formatJudgement(2.5)).toBe('2.5');
    expect(formatJudgement(0.4)).toBe('0.4');
    expect(parseJudgement('1/3')).toBeCloseTo(1 / 3, 15);
    expect(parseJudgement(' 7 ')).toBe(7);
    expect(parseJudgement('0.5')).toBe(0.5);
    expect(parseJudgement('0')).toBeNull();
    expect(parseJudgement('-2')).toBeNull();
    expect(parseJudgement('abc')).toBeNull();
    expect(parseJudgement('1/0')).toBeNull();
  });

  it('gives a consistent matrix its exact weights and a consistency ratio of 0', () => {
    // A is twice as important as B and four times C; B twice C: weights 4/7, 2/7, 1/7.
    let m = identityMatrix(3);
    m = setJudgement(m, 0, 1, 2);
    m = setJudgement(m, 0, 2, 4);
    m = setJudgement(m, 1, 2, 2);
    const s = summariseAhp(m);
    expect(s.ok).toBe(true);
    if (!s.ok) return;
    expect(s.result.weights[0]).toBeCloseTo(4 / 7, 9);
    expect(s.result.weights[1]).toBeCloseTo(2 / 7, 9);
    expect(s.result.weights[2]).toBeCloseTo(1 / 7, 9);
    expect(s.result.consistencyRatio).toBeCloseTo(0, 9);
    expect(s.acceptable).toBe(true);
  });

  it('flags an inconsistent matrix (A > B > C but C > A) as above CR 0.10', () => {
    let m = identityMatrix(3);
    m = setJudgement(m, 0, 1, 5);
    m = setJudgement(m, 1, 2, 5);
    m = setJudgement(m, 0, 2, 1 / 5);
    const s = summariseAhp(m);
    expect(s.ok).toBe(true);
    if (!s.ok) return;
    // The matrix is circulant with first row (1, 5, 1/5): its principal eigenvalue is the row
    // sum 6.2 with equal weights; CI = (6.2 − 3)/2 = 1.6, RI(3) = 0.58, CR = 1.6/0.58 ≈ 2.759.
    expect(s.result.weights.map((w) => +w.toFixed(9))).toEqual([
      0.333333333, 0.333333333, 0.333333333,
    ]);
    expect(s.result.lambdaMax).toBeCloseTo(6.2, 9);
    expect(s.result.consistencyRatio).toBeCloseTo(1.6 / 0.58, 9);
    expect(s.acceptable).toBe(false);
  });
});
