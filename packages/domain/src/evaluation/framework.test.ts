import { describe, expect, it } from 'vitest';
import {
  assertValidFramework,
  computeFrameworkWeights,
  describeFrameworkColumns,
  FrameworkValidationError,
  validateFramework,
  type IndicatorFramework,
} from './framework.ts';

const framework: IndicatorFramework = {
  code: 'ICCP-EVAL',
  name: 'Innovation cluster evaluation',
  version: 1,
  tracks: [
    { code: 'MI', name: 'Management and implementation', weight: 60 },
    { code: 'ACC', name: 'Accomplishments', weight: 40 },
  ],
  indicators: [
    {
      code: 'MI-MEMBERS',
      name: 'Mini-cluster members',
      unit: 'count',
      direction: 'higher',
      level: 'input',
      track: 'MI',
      source: { kind: 'computed', formula: 'memberCount' },
      weight: 1,
    },
    {
      code: 'MI-DAYS',
      name: 'Days to first money',
      unit: 'days',
      direction: 'lower',
      level: 'activity',
      track: 'MI',
      source: { kind: 'computed', formula: 'daysToFirstMoney' },
      weight: 1,
    },
    {
      code: 'ACC-PROD',
      name: 'Production',
      unit: 'KRW billion',
      direction: 'higher',
      level: 'outcome',
      track: 'ACC',
      source: { kind: 'entered', origin: 'KICOX statistics' },
      weight: 1,
    },
    {
      code: 'ACC-EXP',
      name: 'Exports',
      unit: 'USD million',
      direction: 'higher',
      level: 'outcome',
      track: 'ACC',
      source: { kind: 'entered' },
      weight: 3,
    },
  ],
};

describe('validateFramework', () => {
  it('accepts a valid framework', () => {
    expect(validateFramework(framework)).toEqual([]);
    expect(() => assertValidFramework(framework)).not.toThrow();
  });

  it('names the indicator and field of each problem', () => {
    const broken: IndicatorFramework = {
      ...framework,
      version: 0,
      indicators: [
        { ...framework.indicators[0]!, weight: -1 },
        { ...framework.indicators[1]!, source: { kind: 'computed', formula: '' } },
        { ...framework.indicators[2]!, track: 'NOPE', unit: ' ' },
        { ...framework.indicators[3]!, code: 'MI-MEMBERS' },
      ],
    };
    const issues = validateFramework(broken);
    expect(issues).toContainEqual(
      expect.objectContaining({ scope: 'framework', field: 'version' }),
    );
    expect(issues).toContainEqual(
      expect.objectContaining({ scope: 'indicator', item: 'MI-MEMBERS', field: 'weight' }),
    );
    expect(issues).toContainEqual(
      expect.objectContaining({ item: 'MI-DAYS', field: 'source.formula' }),
    );
    expect(issues).toContainEqual(expect.objectContaining({ item: 'ACC-PROD', field: 'track' }));
    expect(issues).toContainEqual(expect.objectContaining({ item: 'ACC-PROD', field: 'unit' }));
    expect(issues).toContainEqual(
      expect.objectContaining({
        item: 'MI-MEMBERS',
        field: 'code',
        message: 'is used by another indicator',
      }),
    );
    expect(() => assertValidFramework(broken)).toThrow(FrameworkValidationError);
    expect(() => assertValidFramework(broken)).toThrow(/indicator MI-DAYS source\.formula/);
  });

  it('checks formula names against the known ones when given', () => {
    const issues = validateFramework(framework, { knownFormulas: ['memberCount'] });
    expect(issues).toEqual([
      expect.objectContaining({
        item: 'MI-DAYS',
        field: 'source.formula',
        message: 'unknown formula daysToFirstMoney',
      }),
    ]);
  });

  it('flags a track without indicators', () => {
    const issues = validateFramework({
      ...framework,
      tracks: [...framework.tracks, { code: 'EMPTY', name: 'Empty', weight: 1 }],
    });
    expect(issues).toEqual([
      expect.objectContaining({ scope: 'track', item: 'EMPTY', field: 'indicators' }),
    ]);
  });
});

describe('computeFrameworkWeights', () => {
  it('nests track and within-track weights', () => {
    // MI: 0.6 · (1/2, 1/2); ACC: 0.4 · (1/4, 3/4)
    const w = computeFrameworkWeights(framework);
    expect(w[0]).toBeCloseTo(0.3, 12);
    expect(w[1]).toBeCloseTo(0.3, 12);
    expect(w[2]).toBeCloseTo(0.1, 12);
    expect(w[3]).toBeCloseTo(0.3, 12);
  });
});

describe('describeFrameworkColumns', () => {
  it('gives the composite columns and fixed weights in framework order', () => {
    const columns = describeFrameworkColumns(framework);
    expect(columns.indicators.map((i) => `${i.code}:${i.direction}`)).toEqual([
      'MI-MEMBERS:higher',
      'MI-DAYS:lower',
      'ACC-PROD:higher',
      'ACC-EXP:higher',
    ]);
    expect(columns.weighting.kind).toBe('fixed');
    expect(columns.weighting.weights.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 12);
  });
});
