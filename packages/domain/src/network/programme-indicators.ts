import { computeCompoundAnnualGrowthRate, computePercentageChange } from '../mapping/growth.ts';

/**
 * Programme indicators of the mini-cluster networking (issue 5): activities per year and their
 * growth, members per mini-cluster, new members and dropouts, and the share of members active
 * in the last 12 months. The programme reported +362% networking activities from 2005 to 2010
 * and average members per mini-cluster rising from 55.2 to 98.4 (Park; see DOMAIN.md).
 *
 * Dates are ISO calendar dates (YYYY-MM-DD) compared as strings; the domain reads no clock.
 */

const isoDate = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

function checkDate(value: string, where: string): void {
  if (!isoDate.test(value)) {
    throw new RangeError(`${where}: "${value}" is not a date in YYYY-MM-DD form`);
  }
}

/** Activities held in one year. */
export interface YearCount {
  year: number;
  count: number;
}

/** Counts activities per calendar year of their date, for the years asked (0 when none). */
export function countActivitiesPerYear(
  activities: Iterable<{ heldOn: string }>,
  years: readonly number[],
): YearCount[] {
  const counts = new Map<number, number>();
  let index = 0;
  for (const a of activities) {
    checkDate(a.heldOn, `activity ${index}, heldOn`);
    const year = Number(a.heldOn.slice(0, 4));
    counts.set(year, (counts.get(year) ?? 0) + 1);
    index += 1;
  }
  return years.map((year) => ({ year, count: counts.get(year) ?? 0 }));
}

/** Growth of a yearly count between two years. */
export interface YearGrowth {
  fromYear: number;
  toYear: number;
  from: number;
  to: number;
  /** 100 × (to − from) / from, in percent; null when from is 0. */
  percentChange: number | null;
  /** (to / from)^(1 / years) − 1, as a fraction a year; null when undefined. */
  compoundAnnualGrowth: number | null;
}

/**
 * Growth of a yearly count (e.g. activities) between two years: the percentage change (the
 * programme's "+362% from 2005 to 2010" is a count growing 4.62-fold) and the compound annual
 * growth rate, both as defined in ../mapping/growth.ts (BEA Regional Economic Accounts). A
 * year missing from the series counts as 0.
 */
export function growthBetweenYears(
  series: readonly YearCount[],
  fromYear: number,
  toYear: number,
): YearGrowth {
  const countIn = (year: number) => series.find((s) => s.year === year)?.count ?? 0;
  const from = countIn(fromYear);
  const to = countIn(toYear);
  return {
    fromYear,
    toYear,
    from,
    to,
    percentChange: computePercentageChange(from, to),
    compoundAnnualGrowth: computeCompoundAnnualGrowthRate(from, to, toYear - fromYear),
  };
}

/** An organisation's membership of one mini-cluster. */
export interface Membership {
  miniCluster: string | number;
  organisation: string | number;
  joinedOn: string;
  /** The day the membership ended (the organisation is no longer a member that day). */
  leftOn: string | null;
}

/** When a membership counts for a year. */
export type MembershipBasis = 'yearEnd' | 'duringYear';

function checkMemberships(memberships: readonly Membership[]): void {
  memberships.forEach((m, i) => {
    checkDate(m.joinedOn, `membership ${i}, joinedOn`);
    if (m.leftOn !== null) {
      checkDate(m.leftOn, `membership ${i}, leftOn`);
      if (m.leftOn < m.joinedOn) {
        throw new RangeError(
          `membership ${i}: leftOn ${m.leftOn} is before joinedOn ${m.joinedOn}`,
        );
      }
    }
  });
}

/** Member on a day: joined on or before it and not yet left (leftOn after it). */
function memberOn(m: Membership, day: string): boolean {
  return m.joinedOn <= day && (m.leftOn === null || m.leftOn > day);
}

function memberIn(m: Membership, year: number, basis: MembershipBasis): boolean {
  if (basis === 'yearEnd') return memberOn(m, `${year}-12-31`);
  return m.joinedOn <= `${year}-12-31` && (m.leftOn === null || m.leftOn > `${year}-01-01`);
}

/** Members per mini-cluster in one year. */
export interface MembersPerMiniCluster {
  year: number;
  /** Mini-clusters with at least one member that year. */
  miniClusters: number;
  /** Σ over those mini-clusters of their distinct members (an organisation in two counts twice). */
  memberships: number;
  /** Distinct organisations that were members of any mini-cluster. */
  organisations: number;
  /** memberships / miniClusters; null when no mini-cluster had members. */
  averagePerMiniCluster: number | null;
}

/**
 * Average members per mini-cluster per year, as the programme reported it (total members over
 * the mini-clusters active that year: 2,706 actors in 49 mini-clusters = 55.2 in 2005, 5,413 in
 * 55 = 98.4 in 2010; Park, see DOMAIN.md). A membership counts on 31 December of the year
 * (`'yearEnd'`, default) or if it lasted any day of the year (`'duringYear'`); an organisation
 * listed twice in one mini-cluster counts once there.
 */
export function membersPerMiniCluster(
  memberships: readonly Membership[],
  years: readonly number[],
  basis: MembershipBasis = 'yearEnd',
): MembersPerMiniCluster[] {
  checkMemberships(memberships);
  return years.map((year) => {
    const perCluster = new Map<string | number, Set<string | number>>();
    const organisations = new Set<string | number>();
    for (const m of memberships) {
      if (!memberIn(m, year, basis)) continue;
      const members = perCluster.get(m.miniCluster) ?? new Set();
      members.add(m.organisation);
      perCluster.set(m.miniCluster, members);
      organisations.add(m.organisation);
    }
    let total = 0;
    for (const members of perCluster.values()) total += members.size;
    return {
      year,
      miniClusters: perCluster.size,
      memberships: total,
      organisations: organisations.size,
      averagePerMiniCluster: perCluster.size > 0 ? total / perCluster.size : null,
    };
  });
}

/** Organisations joining and leaving in one year. */
export interface MemberTurnover {
  year: number;
  /** Members on 31 December. */
  members: number;
  /** Members on 31 December that were not members on 31 December of the year before. */
  newMembers: number;
  /** Members on 31 December of the year before that are no longer members. */
  dropouts: number;
}

/**
 * New members and dropouts per year, from year-end snapshots: at the `'organisation'` level
 * (default) an organisation is a member while it belongs to any mini-cluster, so moving from
 * one mini-cluster to another is neither; at the `'membership'` level each
 * (mini-cluster, organisation) pair counts. This is the usual stock-flow identity:
 * members(Y) = members(Y − 1) + new(Y) − dropouts(Y).
 */
export function countMemberTurnover(
  memberships: readonly Membership[],
  years: readonly number[],
  level: 'organisation' | 'membership' = 'organisation',
): MemberTurnover[] {
  checkMemberships(memberships);
  const snapshot = (year: number): Set<string> => {
    const keys = new Set<string>();
    for (const m of memberships) {
      if (!memberOn(m, `${year}-12-31`)) continue;
      keys.add(
        level === 'organisation'
          ? JSON.stringify(m.organisation)
          : JSON.stringify([m.miniCluster, m.organisation]),
      );
    }
    return keys;
  };
  return years.map((year) => {
    const before = snapshot(year - 1);
    const now = snapshot(year);
    let newMembers = 0;
    for (const k of now) if (!before.has(k)) newMembers += 1;
    let dropouts = 0;
    for (const k of before) if (!now.has(k)) dropouts += 1;
    return { year, members: now.size, newMembers, dropouts };
  });
}

/** An organisation's dated participation: attending an activity or one end of a tie. */
export interface DatedParticipation {
  organisation: string | number;
  date: string;
}

/** Members active in the 12 months before a date. */
export interface ActiveShare {
  /** Distinct organisations that are members of a mini-cluster on the date. */
  members: number;
  /** Those of them that attended an activity or had a tie in the window. */
  active: number;
  /** active / members; null when there are no members. */
  share: number | null;
  /** The window: after `from`, up to and including `to` (the date asked). */
  from: string;
  to: string;
}

/**
 * Share of members active in the last 12 months before `asOf`: members on `asOf` that attended
 * an activity or had a collaboration dated in (asOf − 12 months, asOf]. A simple activity-rate
 * indicator of our own definition (issue 5); pass both attendances and tie ends as
 * participations (a tie counts for both organisations).
 */
export function shareActiveInLast12Months(
  memberships: readonly Membership[],
  participations: Iterable<DatedParticipation>,
  asOf: string,
): ActiveShare {
  checkDate(asOf, 'asOf');
  checkMemberships(memberships);
  const from = `${String(Number(asOf.slice(0, 4)) - 1).padStart(4, '0')}${asOf.slice(4)}`;
  const members = new Set<string | number>();
  for (const m of memberships) if (memberOn(m, asOf)) members.add(m.organisation);
  const active = new Set<string | number>();
  let index = 0;
  for (const p of participations) {
    checkDate(p.date, `participation ${index}, date`);
    index += 1;
    // A window start of 29 February in a non-leap year still compares correctly as a string.
    if (p.date > from && p.date <= asOf && members.has(p.organisation)) active.add(p.organisation);
  }
  return {
    members: members.size,
    active: active.size,
    share: members.size > 0 ? active.size / members.size : null,
    from,
    to: asOf,
  };
}
