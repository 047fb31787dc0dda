import { describe, expect, it } from 'vitest';
import { defaultPolicyHintRules, selectPolicyHints } from './policy-hints.ts';

describe('selectPolicyHints', () => {
  it('a mature cluster with low industrial diversity gets diversification advice with the value', () => {
    const hints = selectPolicyHints({ stage: 'mature', measures: { industrialDiversity: 0.3 } });
    expect(hints.map((h) => h.rule.id)).toEqual(['mature-diversify']);
    expect(hints[0]!.measured).toEqual([
      {
        measure: 'industrialDiversity',
        value: 0.3,
        condition: { measure: 'industrialDiversity', below: 0.5 },
      },
    ]);
    expect(
      hints[0]!.rule.sources.some((s) => s.startsWith('Menzel, M.-P. & Fornahl, D. (2010)')),
    ).toBe(true);
  });

  it('does not fire when the measure is fine or unknown', () => {
    expect(selectPolicyHints({ stage: 'mature', measures: { industrialDiversity: 0.7 } })).toEqual(
      [],
    );
    expect(selectPolicyHints({ stage: 'mature', measures: { industrialDiversity: null } })).toEqual(
      [],
    );
    expect(selectPolicyHints({ stage: 'mature', measures: {} })).toEqual([]);
  });

  it('network hints apply at any stage, stage hints only with a known stage', () => {
    const measures = {
      interRegionalTieShare: 0.05,
      tripleHelixBalance: 0.2,
      largestComponentShare: 0.9,
    };
    expect(selectPolicyHints({ stage: null, measures }).map((h) => h.rule.id)).toEqual([
      'inter-regional-linkage',
      'triple-helix-links',
    ]);
    expect(selectPolicyHints({ stage: 'declining', measures }).map((h) => h.rule.id)).toEqual([
      'declining-renewal',
      'inter-regional-linkage',
      'triple-helix-links',
    ]);
    expect(
      selectPolicyHints({ stage: 'emerging', measures: { networkDensity: 0.01 } }).map(
        (h) => h.rule.id,
      ),
    ).toEqual(['emerging-critical-mass', 'emerging-sparse-network']);
  });

  it('rules are data: custom thresholds and bounds above', () => {
    const rules = [
      {
        id: 'slow-growth',
        conditions: [{ measure: 'employmentGrowthRate' as const, above: -0.05, below: 0 }],
        title: 'Slow decline',
        recommendation: 'Look at it.',
        sources: ['test'],
      },
    ];
    expect(
      selectPolicyHints({ stage: 'growing', measures: { employmentGrowthRate: -0.01 } }, rules),
    ).toHaveLength(1);
    expect(
      selectPolicyHints({ stage: 'growing', measures: { employmentGrowthRate: -0.1 } }, rules),
    ).toHaveLength(0);
  });

  it('every built-in rule cites at least one source', () => {
    for (const rule of defaultPolicyHintRules) {
      expect(rule.sources.length).toBeGreaterThan(0);
      for (const s of rule.sources) expect(s).toMatch(/\(\d{4}\)/);
    }
  });
});
