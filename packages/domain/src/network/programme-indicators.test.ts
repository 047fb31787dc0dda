import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  countActivitiesPerYear,
  countMemberTurnover,
  growthBetweenYears,
  membersPerMiniCluster,
  shareActiveInLast12Months,
  type Membership,
} from './programme-indicators.ts';

/** `count` memberships spread round-robin over `clusters` mini-clusters, all joined on `on`. */
function spread(count: number, clusters: number, on: string, prefix: string): Membership[] {
  return Array.from({ length: count }, (_, i) => ({
    miniCluster: `${prefix}${i % clusters}`,
    organisation: `${prefix}-org-${i}`,
    joinedOn: on,
    leftOn: null,
  }));
}

describe('activities per year and growth', () => {
  it("reproduces the programme's +362% from 2005 to 2010 (a 4.62-fold count)", () => {
    const activities = [
      ...Array.from({ length: 100 }, () => ({ heldOn: '2005-06-01' })),
      ...Array.from({ length: 462 }, (_, i) => ({ heldOn: `2010-0${1 + (i % 9)}-15` })),
    ];
    const perYear = countActivitiesPerYear(activities, [2005, 2006, 2010]);
    expect(perYear).toEqual([
      { year: 2005, count: 100 },
      { year: 2006, count: 0 },
      { year: 2010, count: 462 },
    ]);
    const growth = growthBetweenYears(perYear, 2005, 2010);
    expect(growth.percentChange).toBeCloseTo(362, 9);
    // 4.62^(1/5) − 1 ≈ 35.8% a year.
    expect(growth.compoundAnnualGrowth).toBeCloseTo(4.62 ** 0.2 - 1, 12);
    expect(growthBetweenYears(perYear, 2006, 2010).percentChange).toBeNull();
  });

  it('names a bad date', () => {
    expect(() =>
      countActivitiesPerYear([{ heldOn: '2010-01-01' }, { heldOn: '2010-13-01' }], []),
    ).toThrow(/activity 1, heldOn: "2010-13-01"/);
  });
});

describe('membersPerMiniCluster', () => {
  it('reproduces 55.2 (2,706 in 49) in 2005 and 98.4 (5,413 in 55) in 2010', () => {
    // 2005 members stay; 2,707 more join in 2008 spread over the 49 and 6 new mini-clusters.
    const memberships = [
      ...spread(2706, 49, '2005-04-01', 'a'),
      ...spread(2707, 55, '2008-03-01', 'a').map((m) => ({
        ...m,
        organisation: `new-${String(m.organisation)}`,
      })),
    ];
    const [y2005, y2010] = membersPerMiniCluster(memberships, [2005, 2010]);
    expect(y2005).toMatchObject({ miniClusters: 49, memberships: 2706 });
    expect(y2005!.averagePerMiniCluster!.toFixed(1)).toBe('55.2');
    expect(y2010).toMatchObject({ miniClusters: 55, memberships: 5413, organisations: 5413 });
    expect(y2010!.averagePerMiniCluster!.toFixed(1)).toBe('98.4');
  });

  it('year-end versus during-year; a repeated membership counts once; empty years', () => {
    const memberships: Membership[] = [
      { miniCluster: 1, organisation: 'x', joinedOn: '2006-01-01', leftOn: '2006-07-01' },
      { miniCluster: 1, organisation: 'y', joinedOn: '2006-01-01', leftOn: null },
      { miniCluster: 1, organisation: 'y', joinedOn: '2006-05-01', leftOn: null },
      { miniCluster: 2, organisation: 'y', joinedOn: '2006-01-01', leftOn: '2007-01-01' },
    ];
    expect(membersPerMiniCluster(memberships, [2006])[0]).toMatchObject({
      miniClusters: 2,
      memberships: 2,
      organisations: 1,
      averagePerMiniCluster: 1,
    });
    expect(membersPerMiniCluster(memberships, [2006], 'duringYear')[0]).toMatchObject({
      memberships: 3,
      averagePerMiniCluster: 1.5,
    });
    expect(membersPerMiniCluster(memberships, [2004])[0]!.averagePerMiniCluster).toBeNull();
    expect(() =>
      membersPerMiniCluster(
        [{ miniCluster: 1, organisation: 1, joinedOn: '2006-02-01', leftOn: '2006-01-01' }],
        [2006],
      ),
    ).toThrow(/membership 0: leftOn 2006-01-01 is before joinedOn/);
  });
});

describe('countMemberTurnover', () => {
  const memberships: Membership[] = [
    { miniCluster: 'A', organisation: 1, joinedOn: '2005-03-01', leftOn: null },
    { miniCluster: 'A', organisation: 2, joinedOn: '2005-03-01', leftOn: '2006-06-30' },
    // Organisation 3 moves from A to B in 2006: not new, not a dropout, at organisation level.
    { miniCluster: 'A', organisation: 3, joinedOn: '2005-05-01', leftOn: '2006-02-01' },
    { miniCluster: 'B', organisation: 3, joinedOn: '2006-02-01', leftOn: null },
    { miniCluster: 'B', organisation: 4, joinedOn: '2006-09-01', leftOn: null },
  ];

  it('hand-computed organisation and membership levels', () => {
    expect(countMemberTurnover(memberships, [2005, 2006])).toEqual([
      { year: 2005, members: 3, newMembers: 3, dropouts: 0 },
      { year: 2006, members: 3, newMembers: 1, dropouts: 1 },
    ]);
    expect(countMemberTurnover(memberships, [2006], 'membership')).toEqual([
      { year: 2006, members: 3, newMembers: 2, dropouts: 2 },
    ]);
  });

  it('members(Y) = members(Y − 1) + new − dropouts', () => {
    const dates = fc
      .tuple(fc.integer({ min: 2000, max: 2010 }), fc.integer({ min: 1, max: 12 }))
      .map(([y, m]) => `${y}-${String(m).padStart(2, '0')}-15`);
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            miniCluster: fc.integer({ min: 0, max: 3 }),
            organisation: fc.integer({ min: 0, max: 8 }),
            joinedOn: dates,
            leftOn: fc.option(dates),
          }),
          { maxLength: 20 },
        ),
        (raw) => {
          const ms = raw.map((m) =>
            m.leftOn !== null && m.leftOn < m.joinedOn ? { ...m, leftOn: m.joinedOn } : m,
          );
          const years = [2001, 2002, 2003, 2004, 2005, 2006, 2007, 2008, 2009, 2010];
          for (const level of ['organisation', 'membership'] as const) {
            const t = countMemberTurnover(ms, [2000, ...years], level);
            for (let i = 1; i < t.length; i++) {
              expect(t[i]!.members).toBe(t[i - 1]!.members + t[i]!.newMembers - t[i]!.dropouts);
            }
          }
        },
      ),
    );
  });
});

describe('shareActiveInLast12Months', () => {
  it('counts members with an attendance or tie in (asOf − 12 months, asOf]', () => {
    const memberships: Membership[] = [
      { miniCluster: 'A', organisation: 1, joinedOn: '2009-01-01', leftOn: null },
      { miniCluster: 'A', organisation: 2, joinedOn: '2009-01-01', leftOn: null },
      { miniCluster: 'B', organisation: 3, joinedOn: '2009-01-01', leftOn: null },
      { miniCluster: 'B', organisation: 4, joinedOn: '2009-01-01', leftOn: '2010-01-01' },
    ];
    const r = shareActiveInLast12Months(
      memberships,
      [
        { organisation: 1, date: '2009-06-30' }, // on the window start: outside
        { organisation: 2, date: '2009-07-01' }, // inside
        { organisation: 3, date: '2010-07-01' }, // on asOf: inside
        { organisation: 4, date: '2010-03-01' }, // no longer a member
        { organisation: 9, date: '2010-03-01' }, // never a member
      ],
      '2010-06-30',
    );
    expect(r).toEqual({
      members: 3,
      active: 1,
      share: 1 / 3,
      from: '2009-06-30',
      to: '2010-06-30',
    });
    const later = shareActiveInLast12Months(
      memberships,
      [{ organisation: 3, date: '2010-07-01' }],
      '2010-07-01',
    );
    expect(later.active).toBe(1);
    expect(shareActiveInLast12Months([], [], '2010-01-01').share).toBeNull();
    expect(() => shareActiveInLast12Months([], [], '2010/01/01')).toThrow(/asOf/);
  });
});
