import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../random.ts';
import {
  dayNumber,
  demoActivitiesPerYear,
  generateDemoNetwork,
  isoOfDay,
  membersPerMiniClusterOn,
  type NetworkDemoInput,
  type NetworkDemoOptions,
} from './network-demo.ts';

describe('dayNumber and isoOfDay', () => {
  // Day counts from Python's datetime.date arithmetic (a second implementation).
  it.each([
    ['1970-01-01', 0],
    ['1969-12-31', -1],
    ['2000-02-29', 11016],
    ['2005-04-01', 12874],
    ['2012-12-31', 15705],
  ])('%s is day %i', (iso, day) => {
    expect(dayNumber(iso)).toBe(day);
    expect(isoOfDay(day)).toBe(iso);
  });

  it('round-trips every day of four centuries', () => {
    fc.assert(
      fc.property(fc.integer({ min: -150_000, max: 150_000 }), (day) => {
        expect(dayNumber(isoOfDay(day))).toBe(day);
        expect(dayNumber(isoOfDay(day + 1))).toBe(day + 1);
        expect(isoOfDay(day) < isoOfDay(day + 1)).toBe(true);
      }),
    );
  });
});

describe('membersPerMiniClusterOn', () => {
  it('counts memberships active on the date over mini-clusters started by then', () => {
    const clusters = [
      { started: '2005-01-01' },
      { started: '2005-06-01' },
      { started: '2006-01-01' },
    ];
    const memberships = [
      { joined: '2005-02-01', leftOn: null },
      { joined: '2005-07-01', leftOn: '2005-12-31' },
      { joined: '2005-07-01', leftOn: '2006-06-01' },
      { joined: '2006-01-01', leftOn: null },
    ];
    // On 2005-12-31: the first and third (the second left that day): 2 members / 2 clusters.
    expect(membersPerMiniClusterOn(memberships, clusters, '2005-12-31')).toBe(1);
    // On 2006-12-31: the first and the fourth: 2 / 3.
    expect(membersPerMiniClusterOn(memberships, clusters, '2006-12-31')).toBeCloseTo(2 / 3, 12);
    expect(membersPerMiniClusterOn(memberships, clusters, '2004-12-31')).toBe(0);
  });
});

const options: NetworkDemoOptions = {
  firstYear: 2005,
  lastYear: 2011,
  firstYearActivities: 50,
  activityGrowth: 4.62,
  growthTo: 2010,
  membersFirst: 6,
  membersLast: 25,
  bigComplex: 'A',
  baseMembershipsBy: '2006-04-21',
};

function smallProgramme(): NetworkDemoInput {
  const kinds = ['company', 'company', 'company', 'university', 'support_institution'] as const;
  const organisations = ['A', 'B'].flatMap((complex) =>
    Array.from({ length: 30 }, (_, i) => ({
      name: `${complex} org ${i}`,
      complex,
      kind: kinds[i % kinds.length]!,
    })),
  );
  const miniClusters = ['A', 'B'].flatMap((complex) =>
    [1, 2].map((i) => ({
      name: `${complex} MC${i}`,
      complex,
      field: `Field ${i}`,
      started: '2005-06-01',
    })),
  );
  const memberships = organisations.map((o, i) => ({
    organisation: o.name,
    miniCluster: `${o.complex} MC${(i % 2) + 1}`,
    role: i % 30 === 0 ? 'lead' : 'member',
    joined: '2005-06-01',
    leftOn: null,
  }));
  return {
    complexes: [
      { name: 'A', joined: '2005-04-01' },
      { name: 'B', joined: '2005-04-01' },
      { name: 'C', joined: '2007-11-27' },
    ],
    miniClusters,
    organisations,
    memberships,
  };
}

describe('demoActivitiesPerYear', () => {
  it('grows by exactly the reported ratio between the two years', () => {
    const perYear = demoActivitiesPerYear({ ...options, firstYearActivities: 200 });
    expect(perYear.get(2005)).toBe(200);
    expect(perYear.get(2010)).toBe(924);
    // +362%: (924 - 200) / 200.
    expect((perYear.get(2010)! - 200) / 200).toBeCloseTo(3.62, 12);
    const counts = [...perYear.values()];
    for (let i = 1; i < counts.length; i++) expect(counts[i]!).toBeGreaterThan(counts[i - 1]!);
  });
});

describe('generateDemoNetwork', () => {
  const input = smallProgramme();
  const data = generateDemoNetwork(input, createSeededRandom(11), options);
  const all = input.memberships.map((m) => ({ ...m }));
  for (const r of data.redatedMemberships) all[r.index]!.joined = r.joined;
  const memberships = [...all, ...data.memberships];

  it('reproduces the members per mini-cluster of the first and the growth year', () => {
    expect(membersPerMiniClusterOn(memberships, input.miniClusters, '2005-12-31')).toBe(6);
    expect(membersPerMiniClusterOn(memberships, input.miniClusters, '2010-12-31')).toBe(25);
    // Every first membership has started by the as-of date of the registry's counts.
    expect(all.every((m) => m.joined < '2006-04-21')).toBe(true);
    // Leads keep their first-year start.
    expect(all.filter((m) => m.role === 'lead').every((m) => m.joined === '2005-06-01')).toBe(true);
  });

  it('adds dropouts among later memberships and never overlaps one organisation in one mini-cluster', () => {
    expect(data.memberships.some((m) => m.leftOn !== null)).toBe(true);
    const byPair = new Map<string, { joined: string; leftOn: string | null }[]>();
    for (const m of memberships) {
      const key = `${m.organisation}|${m.miniCluster}`;
      byPair.set(key, [...(byPair.get(key) ?? []), m]);
    }
    for (const spells of byPair.values()) {
      const sorted = [...spells].sort((a, b) => (a.joined < b.joined ? -1 : 1));
      for (let i = 1; i < sorted.length; i++) {
        expect(sorted[i - 1]!.leftOn).not.toBeNull();
        expect(sorted[i - 1]!.leftOn! <= sorted[i]!.joined).toBe(true);
      }
    }
  });

  it('holds the planned number of activities per year, each with distinct attendees', () => {
    const perYear = demoActivitiesPerYear(options);
    for (const [year, n] of perYear)
      expect(data.activities.filter((a) => a.heldOn.startsWith(`${year}-`))).toHaveLength(n);
    for (const a of data.activities) {
      expect(new Set(a.attendees).size).toBe(a.attendees.length);
      expect(a.title.startsWith('Demo ')).toBe(true);
    }
    // A complex that joined later holds no activity before it joined.
    expect(data.activities.filter((a) => a.complex === 'C' && a.heldOn < '2007-11-27')).toEqual([]);
    expect(data.activities.every((a) => a.heldOn >= '2005-04-01')).toBe(true);
  });

  it('ties different organisations, ending no earlier than they start', () => {
    expect(data.collaborations.length).toBeGreaterThan(0);
    for (const c of data.collaborations) {
      expect(c.source).not.toBe(c.target);
      if (c.endedOn) expect(c.endedOn >= c.startedOn).toBe(true);
    }
  });

  it('is the same for the same seed', () => {
    const again = generateDemoNetwork(smallProgramme(), createSeededRandom(11), options);
    expect(again).toEqual(data);
  });
});
