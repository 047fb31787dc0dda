import type { IndicatorFramework } from '@innocluster/domain';
import { describe, expect, it } from 'vitest';
import {
  draftIssues,
  fromDraft,
  newIndicator,
  overallWeights,
  toDraft,
} from './framework-draft.ts';

const framework: IndicatorFramework = {
  code: 'ICCP',
  name: 'Complex evaluation',
  version: 2,
  tracks: [
    { code: 'MGT', name: 'Management', weight: 1 },
    { code: 'ACC', name: 'Accomplishments', weight: 3 },
  ],
  indicators: [
    {
      code: 'MGT-ACT',
      name: 'Network activities',
      unit: 'count',
      direction: 'higher',
      level: 'activity',
      track: 'MGT',
      source: { kind: 'computed', formula: 'activities' },
      weight: 1,
    },
    {
      code: 'ACC-EXP',
      name: 'Exports',
      unit: 'USD million',
      direction: 'higher',
      level: 'outcome',
      track: 'ACC',
      source: { kind: 'entered', origin: 'KICOX' },
      weight: 2,
    },
    {
      code: 'ACC-DAYS',
      name: 'Days to first money',
      unit: 'days',
      direction: 'lower',
      level: 'process' as never,
      track: 'ACC',
      source: { kind: 'entered' },
      weight: 2,
    },
  ],
};

describe('framework drafts', () => {
  it('round-trips a framework through the editor copy', () => {
    const valid = {
      ...framework,
      indicators: framework.indicators.map((i) => ({ ...i, level: 'output' as const })),
    };
    expect(fromDraft(toDraft(valid))).toEqual(valid);
  });

  it('places each problem on the row and field it names', () => {
    const draft = toDraft(framework);
    draft.indicators[0] = { ...draft.indicators[0]!, formula: '  ', weight: '' };
    draft.indicators[1] = { ...draft.indicators[1]!, unit: '' };
    draft.tracks[1] = { ...draft.tracks[1]!, weight: '-1' };
    const issues = draftIssues(draft);
    expect(issues.get('i:0:source.formula')).toEqual(['a computed indicator needs a formula name']);
    expect(issues.get('i:0:weight')).toEqual(['must be a finite number ≥ 0, got NaN']);
    expect(issues.get('i:1:unit')).toEqual(['must not be empty']);
    expect(issues.get('i:2:level')?.[0]).toMatch(/must be one of input, activity/);
    expect(issues.get('t:1:weight')).toEqual(['must be a finite number ≥ 0, got -1']);
    // A formula the server does not know.
    const known = draftIssues(toDraft(framework), ['members']);
    expect(known.get('i:0:source.formula')).toEqual(['unknown formula activities']);
  });

  it('marks both rows of a code typed twice', () => {
    const draft = toDraft(framework);
    draft.indicators[2] = { ...draft.indicators[2]!, code: 'ACC-EXP', level: 'output' };
    const issues = draftIssues(draft);
    expect(issues.get('i:1:code')).toEqual(['is used by another indicator']);
    expect(issues.get('i:2:code')).toEqual(['is used by another indicator']);
  });

  it('shows the nested overall weights in percent: track share × share in the track', () => {
    // MGT 1/4 of the index, one indicator: 25%; ACC 3/4 split 2:2: 37.5% each.
    expect(overallWeights(toDraft(framework))).toEqual([25, 37.5, 37.5]);
    const draft = toDraft(framework);
    draft.indicators[1] = { ...draft.indicators[1]!, weight: 'x' };
    expect(overallWeights(draft)).toEqual([25, null, null]);
  });

  it('adds a new indicator with an unused code in the first track', () => {
    const draft = toDraft(framework);
    const added = newIndicator(draft);
    expect(added.code).toBe('NEW-4');
    expect(added.track).toBe('MGT');
    expect(added.sourceKind).toBe('entered');
  });
});
