import type { IndexMethodDto } from '@innocluster/contracts';
import { describe, expect, it } from 'vitest';
import {
  bestTargets,
  defaultMethod,
  fromIndexMethod,
  MethodInputError,
  resizeMethod,
  toIndexMethod,
} from './index-method.ts';
import { defaultUncertainty, toUncertaintyRequest } from './uncertainty-view.ts';

describe('distance to target and percent of a reference', () => {
  it('defaults each target to the best value of the year, by direction', () => {
    expect(
      bestTargets([
        { direction: 'higher', values: [12, null, 40, 7] },
        // lower is better: the smallest positive value (0 would make target/x undefined)
        { direction: 'lower', values: [30, 0, 45, null] },
        // nothing entered, or nothing positive: 1
        { direction: 'higher', values: [null, null] },
        { direction: 'higher', values: [-3, 0] },
      ]),
    ).toEqual([40, 30, 1, 1]);
    // six significant digits
    expect(bestTargets([{ direction: 'higher', values: [4.602941176470588] }])).toEqual([4.60294]);
  });

  it('sends the targets in the order of the indicators included', () => {
    const m = {
      ...defaultMethod([0.5, 0.5], [40, 30]),
      normalisation: 'distance-to-target' as const,
    };
    expect(toIndexMethod(m).normalisation).toEqual({
      kind: 'distance-to-target',
      targets: [40, 30],
    });
    expect(() => toIndexMethod({ ...m, targets: [40, Number.NaN] })).toThrow(
      /target #2 must be a number > 0/,
    );
    expect(() => toIndexMethod({ ...m, targets: [40, 0] })).toThrow(MethodInputError);
    expect(() => toIndexMethod({ ...m, targets: [40] })).toThrow(/one target per indicator \(2\)/);
  });

  it('keeps each indicator’s target when indicators are left out or put back', () => {
    const m = defaultMethod([0.2, 0.3, 0.5], [10, 20, 30]);
    const two = resizeMethod(m, ['A', 'B', 'C'], ['A', 'C']);
    expect(two.targets).toEqual([10, 30]);
    // put back: the returning indicator starts at 1 until the user resets to the best values
    expect(resizeMethod(two, ['A', 'C'], ['A', 'B', 'C']).targets).toEqual([10, 1, 30]);
  });

  it('sends the reference complex by id and needs one', () => {
    const m = { ...defaultMethod([1]), normalisation: 'percent-of-reference' as const };
    expect(() => toIndexMethod(m)).toThrow(/reference complex/);
    expect(toIndexMethod({ ...m, referenceComplexId: 7 }).normalisation).toEqual({
      kind: 'percent-of-reference',
      referenceUnit: 0,
      referenceComplexId: 7,
    });
  });

  it('reads targets and the reference back from a stored run', () => {
    const base: IndexMethodDto = {
      missing: 'median',
      normalisation: { kind: 'distance-to-target', targets: [5, 50] },
      weighting: { kind: 'equal' },
      aggregation: { kind: 'arithmetic' },
    };
    const s = fromIndexMethod(base, [0.5, 0.5], [0.5, 0.5]);
    expect(s.normalisation).toBe('distance-to-target');
    expect(s.targets).toEqual([5, 50]);
    expect(toIndexMethod(s).normalisation).toEqual(base.normalisation);
    const r = fromIndexMethod(
      {
        ...base,
        normalisation: { kind: 'percent-of-reference', referenceUnit: 2, referenceComplexId: 9 },
      },
      [0.5, 0.5],
      [0.5, 0.5],
    );
    expect(r.normalisation).toBe('percent-of-reference');
    expect(r.referenceComplexId).toBe(9);
  });

  it('offers distance to target in the Monte Carlo only with the run’s targets', () => {
    const s = { ...defaultUncertainty, normalisations: ['min-max', 'distance-to-target'] as const };
    const settings = { ...s, normalisations: [...s.normalisations] };
    expect(toUncertaintyRequest(3, settings).normalisations).toEqual([{ kind: 'min-max' }]);
    expect(toUncertaintyRequest(3, settings, {}, [40, 30]).normalisations).toEqual([
      { kind: 'min-max' },
      { kind: 'distance-to-target', targets: [40, 30] },
    ]);
  });
});
