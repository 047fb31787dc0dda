import { describe, expect, it } from 'vitest';
import {
  defaultSettings,
  exclusionReasons,
  fromDisplay,
  orderResults,
  toDisplay,
  toSelectionRequest,
  type SelectionResult,
} from './selection-candidates.ts';

function result(name: string, rank: number | null): SelectionResult {
  return {
    id: name,
    name,
    eligible: rank !== null,
    normalised: {},
    score: rank === null ? null : 1 / rank,
    rank,
    rankLow: rank,
    rankMedian: rank,
    rankHigh: rank,
  };
}

describe('selection request', () => {
  it('sends each weight with bounds of ± the bound share, the companies filter and the entered values', () => {
    const entered = { '3': { competitiveness: 2.8 } };
    const body = toSelectionRequest({ dataset: 4, year: 2019 }, entered, {
      ...defaultSettings,
      bound: 0.25,
    });
    expect(body.criteria).toHaveLength(5);
    expect(body.criteria[0]).toEqual({
      key: 'competitiveness',
      weight: 0.2,
      minWeight: 0.15000000000000002,
      maxWeight: 0.25,
      direction: 'higher',
    });
    expect(body.eligibility).toEqual([{ key: 'companies', min: 100 }]);
    expect(body).toMatchObject({ dataset: 4, year: 2019, measure: 'employment', values: entered });
    expect(body.draws).toBe(500);
    expect(body.normalisation).toBe('minMax');
    expect(body.seed).toBe(1);
    expect('year' in toSelectionRequest({ dataset: 4 }, {}, defaultSettings)).toBe(false);
  });

  it('never sends a negative lower bound', () => {
    const body = toSelectionRequest({ dataset: 1 }, {}, { ...defaultSettings, bound: 1.5 });
    expect(body.criteria.every((c) => (c.minWeight ?? 0) === 0)).toBe(true);
  });

  it('shows fractions in per cent and reads them back', () => {
    expect(toDisplay('influence', 0.25)).toBe(25);
    expect(fromDisplay('concentration', 40)).toBe(0.4);
    expect(toDisplay('competitiveness', 2.5)).toBe(2.5);
    expect(fromDisplay('companies', 120)).toBe(120);
  });

  it('explains an exclusion by too few companies and by missing criteria', () => {
    expect(
      exclusionReasons(
        {
          companies: 52,
          concentration: 0.4,
          influence: 0.1,
          competitiveness: 1,
          policyConsistency: 3,
        },
        100,
      ),
    ).toEqual([
      { kind: 'companies', companies: 52 },
      { kind: 'missing', field: 'investmentExpectancy' },
    ]);
    expect(exclusionReasons({}, 0)[0]).toEqual({ kind: 'companies', companies: null });
  });

  it('orders ranked candidates first, then the excluded ones by name', () => {
    const ordered = orderResults([
      result('Wonju', null),
      result('Gumi', 2),
      result('Gunsan', null),
      result('Ulsan', 1),
    ]);
    expect(ordered.map((r) => r.name)).toEqual(['Ulsan', 'Gumi', 'Gunsan', 'Wonju']);
  });
});
