import { describe, expect, it } from 'vitest';
import {
  detectOverlaps,
  overlapsOf,
  overlapTermCounts,
  overlapTokens,
  tfIdfVectors,
  cosineOfUnitVectors,
} from './overlap.ts';

describe('tokens and terms', () => {
  it('splits on punctuation in any script and adds in-word bigrams', () => {
    expect(overlapTokens('Smart-Factory, 스마트공장 구축!')).toEqual([
      'smart',
      'factory',
      '스마트공장',
      '구축',
    ]);
    expect([...overlapTermCounts('공장 공장의')]).toEqual([
      ['w:공장', 1],
      ['c:공장', 2],
      ['w:공장의', 1],
      ['c:장의', 1],
    ]);
  });
});

describe('TF-IDF cosine, hand-computed', () => {
  it('matches the smoothed-idf formula on three documents', () => {
    // N = 3; df(solar) = 2, every other word df = 1.
    // idf(solar) = ln(4/3) + 1 = 1.2876821, idf(other) = ln(4/2) + 1 = 1.6931472.
    // d1 = (solar a, panel b), d2 = (solar a, cell b): cos = a² / (a² + b²)
    //    = 1.6581251 / (1.6581251 + 2.8667474) = 0.3664468.
    const [d1, d2, d3] = tfIdfVectors(['solar panel', 'solar cell', 'wind turbine'], 'words');
    expect(cosineOfUnitVectors(d1!, d2!)).toBeCloseTo(0.3664468, 6);
    expect(cosineOfUnitVectors(d1!, d3!)).toBe(0);
    expect(cosineOfUnitVectors(d1!, d1!)).toBeCloseTo(1, 12);
  });

  it('character bigrams match Korean compounds written with and without spaces', () => {
    const texts = ['스마트공장 구축', '스마트 공장 구축 지원', '해양 관광 활성화'];
    const [w1, w2] = tfIdfVectors(texts, 'words');
    const [b1, b2, b3] = tfIdfVectors(texts, 'words-and-bigrams');
    const wordsOnly = cosineOfUnitVectors(w1!, w2!);
    const withBigrams = cosineOfUnitVectors(b1!, b2!);
    expect(wordsOnly).toBeGreaterThan(0);
    expect(withBigrams).toBeGreaterThan(wordsOnly + 0.2);
    expect(cosineOfUnitVectors(b1!, b3!)).toBe(0);
  });
});

describe('detectOverlaps', () => {
  const items = [
    {
      id: 'p1',
      programmeId: 'cluster',
      title: 'Smart factory for auto parts',
      abstract: 'Sensors on press lines',
      organisationIds: ['o1', 'o2'],
    },
    {
      id: 'p2',
      programmeId: 'technopark',
      title: 'Smart factory auto parts',
      abstract: 'Press line sensors',
      organisationIds: ['o2', 'o3'],
    },
    {
      id: 'p3',
      programmeId: 'cluster',
      title: 'Marine tourism marketing',
      abstract: 'Festival promotion',
      organisationIds: ['o1'],
    },
    {
      id: 'p4',
      programmeId: 'cluster',
      title: 'Smart factory for auto parts',
      abstract: 'Sensors on press lines',
      organisationIds: ['o9'],
    },
  ];

  it('reports similar pairs with their shared organisations, most similar first', () => {
    const out = detectOverlaps(items, { threshold: 0.5 });
    expect(out.map((p) => [p.a, p.b, p.sharedOrganisationIds])).toEqual([
      ['p1', 'p4', []],
      ['p1', 'p2', ['o2']],
      ['p2', 'p4', []],
    ]);
    expect(out[0]!.similarity).toBeCloseTo(1, 12);
  });

  it('can restrict to pairs across programmes that share an organisation', () => {
    const out = detectOverlaps(items, {
      threshold: 0.5,
      acrossProgrammesOnly: true,
      requireSharedOrganisation: true,
    });
    expect(out.map((p) => `${p.a}-${p.b}`)).toEqual(['p1-p2']);
  });
});

describe('overlapsOf', () => {
  const items = [
    { id: 'x', programmeId: 'A', title: 'solar panel', abstract: '', organisationIds: ['o1'] },
    { id: 'y', programmeId: 'B', title: 'solar cell', abstract: '', organisationIds: ['o1', 'o2'] },
    { id: 'z', programmeId: 'A', title: 'wind turbine', abstract: '', organisationIds: ['o2'] },
    { id: 'w', programmeId: 'B', title: 'solar panel', abstract: '', organisationIds: ['o3'] },
  ];

  it('gives the same similarities as detectOverlaps, for the target pairs only', () => {
    // Words only, N = 4: df(solar) = 3, df(panel) = 2, df(cell) = df(wind) = df(turbine) = 1.
    // idf(solar) = ln(5/4) + 1 = 1.2231436, idf(panel) = ln(5/3) + 1 = 1.5108256,
    // idf(cell) = ln(5/2) + 1 = 1.9162907.
    // cos(x, y) = 1.2231436² / (sqrt(1.2231436² + 1.5108256²) · sqrt(1.2231436² + 1.9162907²))
    //           = 1.4960802 / (1.9438812 · 2.2733786) = 0.3385426.
    const all = detectOverlaps(items, { threshold: 0.1, features: 'words' });
    const ofX = overlapsOf(items, ['x'], { threshold: 0.1, features: 'words' });
    expect(ofX.map((p) => [p.a, p.b])).toEqual([
      ['x', 'w'],
      ['x', 'y'],
    ]);
    expect(ofX[0]!.similarity).toBeCloseTo(1, 12);
    expect(ofX[1]!.similarity).toBeCloseTo(0.3385426, 6);
    expect(ofX[1]!.sharedOrganisationIds).toEqual(['o1']);
    for (const p of ofX) {
      const same = all.find((q) => q.a === p.a && q.b === p.b);
      expect(same?.similarity).toBeCloseTo(p.similarity, 12);
    }
  });

  it('counts a pair of two targets once and applies the filters', () => {
    const both = overlapsOf(items, ['w', 'x', 'nope'], { threshold: 0.1, features: 'words' });
    // w is a target and y is not: the pair is listed from w.
    expect(both.map((p) => `${p.a}-${p.b}`)).toEqual(['x-w', 'x-y', 'w-y']);
    const shared = overlapsOf(items, ['x'], {
      threshold: 0.1,
      features: 'words',
      requireSharedOrganisation: true,
      acrossProgrammesOnly: true,
    });
    expect(shared.map((p) => `${p.a}-${p.b}`)).toEqual(['x-y']);
  });
});
