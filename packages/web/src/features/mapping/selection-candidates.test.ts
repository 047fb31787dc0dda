import { describe, expect, it } from 'vitest';
import {
  defaultSettings,
  demoCandidates,
  orderResults,
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
  it('sends each weight with bounds of ± the bound share and the companies filter', () => {
    const body = toSelectionRequest(demoCandidates.slice(0, 2), {
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
    expect(body.candidates.map((c) => c.name)).toEqual(['Changwon', 'Gumi']);
    expect(body.draws).toBe(500);
    expect(body.seed).toBe(1);
  });

  it('never sends a negative lower bound', () => {
    const body = toSelectionRequest(demoCandidates, { ...defaultSettings, bound: 1.5 });
    expect(body.criteria.every((c) => (c.minWeight ?? 0) === 0)).toBe(true);
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
