import type { AllocationOutcome } from '@innocluster/contracts';
import { describe, expect, it } from 'vitest';
import {
  compareOutcomes,
  defaultScenarios,
  equalSplit,
  toRule,
  type ScenarioState,
} from './allocation-scenarios.ts';
import { formatKrw, formatShare, formatTimestamp, parseKrw } from './evaluation-format.ts';
import {
  budgetPoints,
  defaultMethod,
  fromIndexMethod,
  resizeMethod,
  toIndexMethod,
} from './index-method.ts';
import { sensitivityRows, toUncertaintyRequest, defaultUncertainty } from './uncertainty-view.ts';

describe('index method controls', () => {
  it('turns budget points into 100 whole points by largest remainders', () => {
    // 1/3 each: 33.33 → 33, 33, 33 and one point left for the first largest remainder.
    expect(budgetPoints([1, 1, 1])).toEqual([34, 33, 33]);
    expect(budgetPoints([0.125, 0.375, 0.5])).toEqual([13, 37, 50]);
    expect(budgetPoints([0, 0])).toEqual([0, 0]);
  });

  it('sends each weighting and aggregation as the API takes it', () => {
    const m = defaultMethod([0.5, 0.25, 0.25]);
    expect(toIndexMethod(m)).toEqual({
      missing: 'mean',
      normalisation: { kind: 'min-max' },
      weighting: { kind: 'framework' },
      aggregation: { kind: 'arithmetic' },
    });
    expect(toIndexMethod({ ...m, weighting: 'fixed' }).weighting).toEqual({
      kind: 'fixed',
      weights: [0.5, 0.25, 0.25],
    });
    expect(toIndexMethod({ ...m, weighting: 'budget' }).weighting).toEqual({
      kind: 'budget',
      points: [50, 25, 25],
    });
    expect(
      toIndexMethod({ ...m, aggregation: 'geometric-shift', offset: 0.05 }).aggregation,
    ).toEqual({ kind: 'geometric', zero: 'shift', offset: 0.05 });
    expect(toIndexMethod({ ...m, weighting: 'ahp' }).weighting).toEqual({
      kind: 'ahp',
      matrix: [
        [1, 1, 1],
        [1, 1, 1],
        [1, 1, 1],
      ],
      method: 'eigenvector',
    });
  });

  it('starts the controls from a stored run, with its weights as the hand-set ones', () => {
    const state = fromIndexMethod(
      {
        missing: 'median',
        normalisation: { kind: 'rank' },
        weighting: { kind: 'framework' },
        aggregation: { kind: 'geometric', zero: 'shift', offset: 0.02 },
      },
      [0.6, 0.4],
      [0.5, 0.5],
    );
    expect(state.missing).toBe('median');
    expect(state.normalisation).toBe('rank');
    expect(state.weighting).toBe('framework');
    expect(state.fixed).toEqual([0.6, 0.4]);
    expect(state.points).toEqual([60, 40]);
    expect(state.aggregation).toBe('geometric-shift');
    expect(state.offset).toBe(0.02);
  });

  it('keeps per-indicator fields aligned when indicators are left out or added back', () => {
    const m = { ...defaultMethod([0.5, 0.3, 0.2]), fixed: [5, 3, 2] };
    const fewer = resizeMethod(m, ['A', 'B', 'C'], ['A', 'C']);
    expect(fewer.fixed).toEqual([5, 2]);
    expect(fewer.matrix).toHaveLength(2);
    const back = resizeMethod(fewer, ['A', 'C'], ['A', 'B', 'C']);
    expect(back.fixed).toEqual([5, 0, 2]);
  });
});

describe('allocation scenarios', () => {
  const s: ScenarioState = defaultScenarios()[1] as ScenarioState;

  it('sorts tiers, sets a floor and a cap, and needs last year for a change limit', () => {
    const rule = toRule(
      {
        ...s,
        tiers: [
          { upTo: 0.7, multiplier: 1 },
          { upTo: 0.3, multiplier: 1.5 },
        ],
      },
      null,
    );
    expect(rule.performance).toEqual({
      kind: 'tiers',
      tiers: [
        { upToFraction: 0.3, multiplier: 1.5 },
        { upToFraction: 0.7, multiplier: 1 },
      ],
      otherMultiplier: 0.5,
    });
    expect(rule.floor).toBe(2_000_000_000);
    expect(rule.cap).toBe(8_000_000_000);
    expect(() => toRule({ ...s, changeRelative: 0.2 }, null)).toThrow(/last year/);
    const last = equalSplit([1, 2], 10);
    expect(toRule({ ...s, changeRelative: 0.2 }, last).changeLimit).toEqual({ relative: 0.2 });
  });

  it('sends no cap when none is set', () => {
    expect('cap' in toRule({ ...s, cap: null }, null)).toBe(false);
  });

  it('splits a pool equally in whole KRW, the remainder to the first complexes', () => {
    expect(equalSplit([7, 8, 9], 100)).toEqual([
      { complexId: 7, amount: 34 },
      { complexId: 8, amount: 33 },
      { complexId: 9, amount: 33 },
    ]);
  });

  it('lines scenarios up per complex and checks each total against its pool', () => {
    const line = (complexId: number, amount: number) => ({
      complexId,
      complexName: `C${complexId}`,
      score: 1 / complexId,
      rank: complexId,
      amount,
      target: amount,
      lower: 0,
      upper: 100,
      binding: null,
      lastYear: null,
      change: null,
    });
    const outcomes: AllocationOutcome[] = [
      {
        name: 'A',
        ok: true,
        error: null,
        constraint: null,
        pool: 100,
        total: 100,
        lines: [line(1, 60), line(2, 40)],
      },
      {
        name: 'B',
        ok: false,
        error: 'infeasible',
        constraint: 'floor',
        pool: 100,
        total: 0,
        lines: [],
      },
    ];
    const { rows, totals } = compareOutcomes(outcomes);
    expect(rows.map((r) => [r.complexName, r.cells[0]?.amount, r.cells[1]])).toEqual([
      ['C1', 60, null],
      ['C2', 40, null],
    ]);
    expect(totals).toEqual([
      { total: 100, pool: 100, ok: true },
      { total: 0, pool: 100, ok: false },
    ]);
  });
});

describe('uncertainty view', () => {
  it('sends the alternatives checked and the weight model', () => {
    expect(
      toUncertaintyRequest(5, {
        ...defaultUncertainty,
        aggregations: ['arithmetic', 'geometric-shift'],
      }),
    ).toEqual({
      indexRunId: 5,
      draws: 1000,
      seed: 1,
      weights: { kind: 'uniform', relativeBound: 0.2 },
      normalisations: [{ kind: 'min-max' }, { kind: 'rank' }],
      aggregations: [{ kind: 'arithmetic' }, { kind: 'geometric', zero: 'shift', offset: 0.01 }],
      missingRules: ['mean', 'median'],
    });
  });

  it('shows varied choices first, then weights by decreasing index, leaving out fixed choices', () => {
    const entry = (
      factor: 'missing' | 'normalisation' | 'aggregation' | 'weight',
      mean: number,
      code: string | null = null,
    ) => ({
      factor,
      indicatorCode: code,
      estimator: 'levels' as const,
      mean,
      onAverageShift: null,
      perComplex: [],
    });
    const rows = sensitivityRows({
      sensitivity: [
        entry('weight', 0.1, 'A'),
        entry('aggregation', 0),
        entry('weight', 0.3, 'B'),
        entry('normalisation', 0.4),
        entry('missing', 0.05),
      ],
      alternatives: {
        missing: ['mean', 'median'],
        normalisation: ['min-max', 'rank'],
        aggregation: ['arithmetic'],
      },
    });
    expect(rows.map((r) => r.key)).toEqual(['missing', 'normalisation', 'weight:B', 'weight:A']);
  });
});

describe('KRW and share formatting', () => {
  it('reads amounts typed with separators or unit words', () => {
    expect(parseKrw('52,000,000,000')).toBe(52_000_000_000);
    expect(parseKrw('2.5 billion')).toBe(2_500_000_000);
    expect(parseKrw('300 million KRW')).toBe(300_000_000);
    expect(parseKrw('520억')).toBe(52_000_000_000);
    expect(parseKrw('-5')).toBeNull();
    expect(parseKrw('abc')).toBeNull();
  });

  it('writes whole KRW with the unit and shares in percent', () => {
    expect(formatKrw(1234567.6, 'en-GB')).toBe('1,234,568 KRW');
    expect(formatKrw(null, 'en-GB')).toBe('—');
    expect(formatShare(0.125, 'en-GB')).toBe('12.5 %');
  });
});

describe('timestamps', () => {
  it('shows an ISO timestamp in the locale, and unreadable text as it is', () => {
    expect(formatTimestamp('2026-11-30T09:57:48.766Z', 'en-GB')).toBe(
      new Date(Date.UTC(2026, 10, 30, 9, 57, 48, 766)).toLocaleString('en-GB'),
    );
    expect(formatTimestamp('not a date', 'en-GB')).toBe('not a date');
  });
});
