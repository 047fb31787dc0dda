import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCompactGraph, neighbourWeights } from './compact-graph.ts';
import { mergeTies, projectCoAttendance } from './projection.ts';

describe('projectCoAttendance', () => {
  it("weights shared activities by Newman's 1/(n−1), hand-computed", () => {
    // Activity A: 0,1,2 (each pair 1/2); activity B: 1,2 (1); activity C: 3 alone (no tie).
    const edges = projectCoAttendance(4, [
      { attendees: [0, 1, 2] },
      { attendees: [2, 1, 1] },
      { attendees: [3] },
    ]);
    expect(edges).toEqual([
      { source: 0, target: 1, weight: 0.5 },
      { source: 0, target: 2, weight: 0.5 },
      { source: 1, target: 2, weight: 1.5 },
    ]);
  });

  it('counts shared activities with the count weighting', () => {
    const edges = projectCoAttendance(3, [{ attendees: [0, 1, 2] }, { attendees: [1, 2] }], {
      weighting: 'count',
    });
    expect(edges.map((e) => e.weight)).toEqual([1, 1, 2]);
  });

  it('leaves out activities above maxAttendees', () => {
    const edges = projectCoAttendance(4, [{ attendees: [0, 1, 2, 3] }, { attendees: [0, 1] }], {
      maxAttendees: 3,
    });
    expect(edges).toEqual([{ source: 0, target: 1, weight: 1 }]);
  });

  it('names the activity with an attendee out of range', () => {
    expect(() => projectCoAttendance(2, [{ attendees: [0, 1] }, { attendees: [0, 5] }])).toThrow(
      /activity 1: attendee 5/,
    );
  });

  it('Newman strengths sum to the attendances of activities with two or more attendees', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uniqueArray(fc.integer({ min: 0, max: 9 }), { maxLength: 10 }), {
          maxLength: 15,
        }),
        (lists) => {
          const g = buildCompactGraph(
            10,
            projectCoAttendance(
              10,
              lists.map((attendees) => ({ attendees })),
            ),
          );
          const expected = lists.filter((l) => l.length >= 2).reduce((s, l) => s + l.length, 0);
          let total = 0;
          for (let v = 0; v < 10; v++) {
            const strength = neighbourWeights(g, v).reduce((s, w) => s + w, 0);
            // Each node spreads exactly 1 per multi-attendee activity it attended.
            const attended = lists.filter((l) => l.length >= 2 && l.includes(v)).length;
            expect(strength).toBeCloseTo(attended, 9);
            total += strength;
          }
          expect(total).toBeCloseTo(expected, 9);
        },
      ),
    );
  });
});

describe('mergeTies', () => {
  it('sums the chosen types with their weights and adds co-attendance', () => {
    const edges = mergeTies(
      3,
      [
        { source: 1, target: 0, type: 'joint_rd' },
        { source: 0, target: 1, type: 'supply' },
        { source: 1, target: 2, type: 'consulting' },
        { source: 2, target: 2, type: 'joint_rd' },
      ],
      {
        tieTypes: ['joint_rd', 'supply'],
        typeWeights: { joint_rd: 3, supply: 1 },
        coAttendance: [{ source: 1, target: 2, weight: 0.5 }],
        coAttendanceWeight: 2,
      },
    );
    expect(edges).toEqual([
      { source: 0, target: 1, weight: 4 },
      { source: 1, target: 2, weight: 1 },
    ]);
  });

  it('counts ties with the default weights', () => {
    const edges = mergeTies(2, [
      { source: 0, target: 1, type: 'co_patent' },
      { source: 0, target: 1, type: 'project' },
    ]);
    expect(edges).toEqual([{ source: 0, target: 1, weight: 2 }]);
  });

  it('names a chosen type without a weight and a tie out of range', () => {
    expect(() => mergeTies(2, [], { tieTypes: ['lunch'] })).toThrow(/tie type "lunch"/);
    expect(() => mergeTies(2, [{ source: 0, target: 2, type: 'supply' }])).toThrow(
      /tie 0: organisation 2/,
    );
  });
});
