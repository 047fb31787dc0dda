import type { AllocationRuleDto } from '@innocluster/contracts';
import { AllocationError } from '@innocluster/domain';
import { describe, expect, it } from 'vitest';
import { allocate, recompute, toDomainRule, type StoredIndexInput } from './evaluation-compute.ts';

const scored = [
  { complexId: 7, complexName: 'Gumi', score: 0.9, rank: 1 },
  { complexId: 3, complexName: 'Ulsan', score: 0.6, rank: 2 },
  { complexId: 5, complexName: 'Wonju', score: 0.3, rank: 3 },
];

const base: AllocationRuleDto = {
  pool: 3_000,
  baseFraction: 0,
  base: { kind: 'equal' },
  performance: { kind: 'proportional' },
};

describe('allocation rules keyed by complex', () => {
  it('maps per-complex bounds and last year onto the rank order', () => {
    const rule = toDomainRule(
      {
        ...base,
        floor: [{ complexId: 5, amount: 800 }],
        lastYear: [
          { complexId: 3, amount: 1_000 },
          { complexId: 5, amount: 1_000 },
          { complexId: 7, amount: 1_000 },
        ],
      },
      scored,
    );
    expect(rule.floor).toEqual([0, 0, 800]);
    expect(rule.lastYear).toEqual([1_000, 1_000, 1_000]);
  });

  it('names the complex missing from last year and the one not scored', () => {
    expect(() =>
      toDomainRule({ ...base, lastYear: [{ complexId: 7, amount: 1 }] }, scored),
    ).toThrow('rule.lastYear: no value for Ulsan (complex 3)');
    expect(() => toDomainRule({ ...base, cap: [{ complexId: 99, amount: 1 }] }, scored)).toThrow(
      AllocationError,
    );
  });

  it('holds each complex within 10% of last year: 1,100 / 1,000 / 900 for 0.9 / 0.6 / 0.3', () => {
    // Proportional targets 1,500 / 1,000 / 500 move too far; the change limit of ±100 binds
    // at both ends and the middle complex keeps its target.
    const outcome = allocate(
      'limited',
      {
        ...base,
        changeLimit: { relative: 0.1 },
        lastYear: scored.map((c) => ({ complexId: c.complexId, amount: 1_000 })),
      },
      scored,
    );
    expect(outcome.ok).toBe(true);
    expect(outcome.lines.map((l) => [l.complexName, l.amount, l.binding, l.change])).toEqual([
      ['Gumi', 1_100, 'change-limit', 100],
      ['Ulsan', 1_000, null, 0],
      ['Wonju', 900, 'change-limit', -100],
    ]);
    expect(outcome.total).toBe(3_000);
  });

  it('reports an infeasible rule instead of throwing', () => {
    const outcome = allocate('too high', { ...base, floor: 1_500 }, scored);
    expect(outcome).toMatchObject({ ok: false, constraint: 'floor', total: 0, lines: [] });
  });
});

describe('recompute', () => {
  it('reproduces a stored run with the framework weights it recorded', () => {
    const stored: StoredIndexInput = {
      complexIds: [1, 2],
      complexNames: ['A', 'B'],
      indicators: [
        { code: 'X', name: 'X', direction: 'higher' },
        { code: 'Y', name: 'Y', direction: 'higher' },
      ],
      values: [
        [1, 4],
        [3, 2],
      ],
      history: [],
    };
    // min-max: A (0, 1), B (1, 0); weights 0.75 / 0.25: A 0.25, B 0.75.
    const result = recompute(stored, {
      missing: 'mean',
      normalisation: { kind: 'min-max' },
      weighting: { kind: 'framework' },
      aggregation: { kind: 'arithmetic' },
      weights: [0.75, 0.25],
      indicatorCodes: ['X', 'Y'],
    });
    expect(result.scores).toEqual([0.25, 0.75]);
    expect(result.ranks).toEqual([2, 1]);
  });
});
