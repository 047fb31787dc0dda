import { describe, expect, it } from 'vitest';
import { defaultScenarios, toRule, type ScenarioState } from './allocation-scenarios.ts';

describe('allocation base share', () => {
  const s: ScenarioState = defaultScenarios()[0] as ScenarioState;

  it('splits the base equally by default', () => {
    expect(toRule(s, null, [1, 2, 3]).base).toEqual({ kind: 'equal' });
  });

  it('sends one size per complex allocated, 1 where none was entered', () => {
    const rule = toRule({ ...s, base: 'proportional', sizes: { 1: 12, 3: 0 } }, null, [1, 2, 3]);
    expect(rule.baseFraction).toBe(0.5);
    expect(rule.base).toEqual({
      kind: 'proportional',
      sizes: [
        { complexId: 1, size: 12 },
        { complexId: 2, size: 1 },
        { complexId: 3, size: 0 },
      ],
    });
  });

  it('refuses negative sizes and all-zero sizes, naming the complex', () => {
    expect(() => toRule({ ...s, base: 'proportional', sizes: { 2: -1 } }, null, [1, 2])).toThrow(
      /complex 2: a size must be ≥ 0/,
    );
    expect(() =>
      toRule({ ...s, base: 'proportional', sizes: { 1: 0, 2: 0 } }, null, [1, 2]),
    ).toThrow(/size > 0/);
    // no base share: sizes do not matter
    expect(
      toRule({ ...s, baseShare: 0, base: 'proportional', sizes: { 1: 0, 2: 0 } }, null, [1, 2]).base
        .kind,
    ).toBe('proportional');
  });
});
