import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCompactGraph, neighbours, neighbourWeights } from './compact-graph.ts';
import { mergeTies, projectCoAttendance } from './projection.ts';
import {
  buildYearlyGraphs,
  measureByYear,
  type DatedActivity,
  type DatedTie,
} from './time-series.ts';

const ties: DatedTie[] = [
  { source: 0, target: 1, type: 'joint_rd', startedOn: '2005-03-01', endedOn: '2006-02-01' },
  { source: 1, target: 2, type: 'supply', startedOn: '2006-07-01' },
  { source: 2, target: 3, type: 'consulting', startedOn: '2008-01-10', endedOn: null },
];
const activities: DatedActivity[] = [
  { heldOn: '2005-11-20', attendees: [0, 2, 3] },
  { heldOn: '2007-05-05', attendees: [0, 3] },
];

describe('buildYearlyGraphs', () => {
  it('cumulative: everything begun by the end of each year', () => {
    const series = buildYearlyGraphs(4, ties, activities, { years: [2004, 2005, 2006, 2008] });
    expect(series.map((s) => [s.year, s.graph.edgeCount, s.tieCount, s.activityCount])).toEqual([
      [2004, 0, 0, 0],
      // 0-1 tie and the forum's three pairs (Newman 1/2 each).
      [2005, 4, 1, 1],
      [2006, 5, 2, 1],
      // 2-3 and 0-3 already stand from the forum: their weights grow, no new edge.
      [2008, 5, 3, 2],
    ]);
    const g2008 = series[3]!.graph;
    // 0-3: 1/2 from the 2005 forum + 1 from the 2007 meeting.
    const at = [...neighbours(g2008, 0)].indexOf(3);
    expect(neighbourWeights(g2008, 0)[at]).toBeCloseTo(1.5, 12);
    expect(series[3]).toMatchObject({ from: null, to: '2008-12-31' });
  });

  it('a one-year window keeps ties active that year and activities held in it', () => {
    const series = buildYearlyGraphs(4, ties, activities, {
      years: [2006, 2007],
      window: { kind: 'window', years: 1 },
    });
    // 2006: 0-1 (ended 2006-02-01) and 1-2; no activity.
    expect([...neighbours(series[0]!.graph, 1)]).toEqual([0, 2]);
    expect(series[0]!.activityCount).toBe(0);
    // 2007: 1-2 still running; the 2007 meeting ties 0-3.
    expect(series[1]!.graph.edgeCount).toBe(2);
    expect(series[1]).toMatchObject({ from: '2007-01-01', tieCount: 1, activityCount: 1 });
  });

  it('chosen tie types, count weighting and no co-attendance', () => {
    const [g] = buildYearlyGraphs(4, ties, activities, {
      years: [2008],
      tieTypes: ['supply'],
      coAttendance: false,
    });
    expect(g!.graph.edgeCount).toBe(1);
    const [c] = buildYearlyGraphs(4, [], activities, { years: [2008], weighting: 'count' });
    expect(neighbourWeights(c!.graph, 0)).toEqual(new Float64Array([1, 2]));
  });

  it('names bad dates and windows', () => {
    expect(() =>
      buildYearlyGraphs(2, [{ source: 0, target: 1, type: 'supply', startedOn: '2005' }], [], {
        years: [2005],
      }),
    ).toThrow(/tie 0, startedOn/);
    expect(() =>
      buildYearlyGraphs(2, [], [], { years: [2005], window: { kind: 'window', years: 0 } }),
    ).toThrow(/window years 0/);
  });
});

describe('measureByYear', () => {
  it('applies a measure to each year', () => {
    const series = buildYearlyGraphs(4, ties, activities, { years: [2005, 2008] });
    expect(measureByYear(series, (g) => g.edgeCount)).toEqual([
      { year: 2005, value: 4 },
      { year: 2008, value: 5 },
    ]);
  });
});

describe('yearly graph properties', () => {
  const day = fc
    .tuple(fc.integer({ min: 2004, max: 2010 }), fc.integer({ min: 1, max: 12 }))
    .map(([y, m]) => `${y}-${String(m).padStart(2, '0')}-01`);
  const node = fc.integer({ min: 0, max: 7 });
  const data = fc.record({
    ties: fc.array(
      fc.record({
        source: node,
        target: node,
        type: fc.constantFrom('joint_rd', 'supply'),
        startedOn: day,
        endedOn: fc.option(day),
      }),
      { maxLength: 15 },
    ),
    activities: fc.array(fc.record({ heldOn: day, attendees: fc.array(node, { maxLength: 5 }) }), {
      maxLength: 6,
    }),
  });
  const years = [2004, 2005, 2006, 2007, 2008, 2009, 2010];

  it('cumulative graphs only grow, end with the whole network, and hold every window graph', () => {
    fc.assert(
      fc.property(data, ({ ties, activities }) => {
        const cumulative = buildYearlyGraphs(8, ties, activities, { years });
        const windows = buildYearlyGraphs(8, ties, activities, {
          years,
          window: { kind: 'window', years: 2 },
        });
        const edgeSet = (g: (typeof cumulative)[number]['graph']) =>
          new Set(
            [...Array(8).keys()].flatMap((v) => [...neighbours(g, v)].map((t) => `${v}-${t}`)),
          );
        for (let i = 0; i < years.length; i++) {
          const now = edgeSet(cumulative[i]!.graph);
          if (i > 0)
            for (const e of edgeSet(cumulative[i - 1]!.graph)) expect(now.has(e)).toBe(true);
          for (const e of edgeSet(windows[i]!.graph)) expect(now.has(e)).toBe(true);
        }
        const whole = buildCompactGraph(
          8,
          mergeTies(8, ties, { coAttendance: projectCoAttendance(8, activities) }),
        );
        expect(cumulative.at(-1)!.graph).toEqual(whole);
      }),
    );
  });
});
