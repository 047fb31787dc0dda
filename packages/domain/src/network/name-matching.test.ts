import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildNameIndex,
  jaro,
  jaroWinkler,
  matchOrganisationName,
  normaliseOrganisationName,
} from './name-matching.ts';

describe('normaliseOrganisationName', () => {
  it('ignores case, spaces, punctuation and legal forms', () => {
    const key = normaliseOrganisationName('Hanil Precision');
    for (const variant of [
      'HANIL PRECISION Co., Ltd.',
      'Hanil Precision Co.,Ltd',
      'hanil-precision inc.',
      '(주) Hanil Precision',
      'Hanil  Precision Corp',
    ])
      expect(normaliseOrganisationName(variant)).toBe(key);
    expect(key).toBe('hanilprecision');
  });

  it('removes Korean legal forms in any position', () => {
    const key = normaliseOrganisationName('한일정밀');
    for (const variant of [
      '(주)한일정밀',
      '㈜ 한일정밀',
      '한일정밀 주식회사',
      '주식회사 한일 정밀',
      '한일정밀(주)',
    ])
      expect(normaliseOrganisationName(variant)).toBe(key);
  });

  it('keeps words that are part of a name', () => {
    expect(normaliseOrganisationName('Demo Gumi Company 001')).toBe('demogumicompany001');
    expect(normaliseOrganisationName('Korea Institute of Machinery')).toBe(
      'koreainstituteofmachinery',
    );
  });
});

describe('jaro and jaroWinkler', () => {
  // Values published by Winkler (1990) and reproduced in most record-linkage texts.
  it.each([
    ['MARTHA', 'MARHTA', 0.944, 0.961],
    ['DWAYNE', 'DUANE', 0.822, 0.84],
    ['DIXON', 'DICKSONX', 0.767, 0.813],
  ])('%s / %s', (a, b, j, jw) => {
    expect(jaro(a, b)).toBeCloseTo(j, 3);
    expect(jaroWinkler(a, b)).toBeCloseTo(jw, 3);
  });

  it('computes a small case by hand: CRATE / TRACE', () => {
    // window 1; matches R, A, E (C and T too far apart): m = 3, no transposition.
    expect(jaro('CRATE', 'TRACE')).toBeCloseTo((3 / 5 + 3 / 5 + 1) / 3, 12);
    expect(jaroWinkler('CRATE', 'TRACE')).toBeCloseTo(jaro('CRATE', 'TRACE'), 12);
  });

  it('is symmetric, 1 on equal strings and within [0, 1]', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const s = jaroWinkler(a, b);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1 + 1e-12);
        expect(jaroWinkler(b, a)).toBeCloseTo(s, 12);
        expect(jaroWinkler(a, a)).toBe(1);
      }),
    );
  });
});

describe('matchOrganisationName', () => {
  const index = buildNameIndex([
    { id: 1, name: 'Hanil Precision', nameKo: '한일정밀' },
    { id: 2, name: 'Daewoo Machinery' },
    { id: 3, name: 'Gumi Electronics Technology Institute' },
    { id: 4, name: 'Twin Co' },
    { id: 5, name: 'Twin Inc' },
  ]);

  it('matches exactly through legal forms and the Korean name', () => {
    expect(matchOrganisationName(index, 'HANIL PRECISION CO., LTD.')).toMatchObject({
      match: 'exact',
      organisationId: 1,
      score: 1,
    });
    expect(matchOrganisationName(index, '(주)한일 정밀')).toMatchObject({
      match: 'exact',
      organisationId: 1,
    });
  });

  it('proposes a fuzzy match for a misspelling, best first', () => {
    const result = matchOrganisationName(index, 'Daewoo Machinary');
    expect(result.match).toBe('fuzzy');
    expect(result.organisationId).toBe(2);
    expect(result.score).toBeCloseTo(jaroWinkler('daewoomachinary', 'daewoomachinery'), 12);
    expect(result.score!).toBeGreaterThan(0.9);
  });

  it('sends names shared by two organisations to review', () => {
    const result = matchOrganisationName(index, 'Twin');
    expect(result.match).toBe('fuzzy');
    expect(result.candidates.map((c) => c.organisationId)).toEqual([4, 5]);
  });

  it('finds nothing for an unrelated or empty name', () => {
    expect(matchOrganisationName(index, 'Busan Port Authority').match).toBe('none');
    expect(matchOrganisationName(index, ' (주) ').match).toBe('none');
  });
});
