import type { OrganisationKind } from '../participants.ts';
import { pick, randomInt, type RandomSource } from '../random.ts';

/**
 * Generated networking records for the demo programme: activities with attendees, memberships
 * that join and leave over the years, and collaborations. Shaped by what Park & Koo report for
 * 2005-2010: networking activities grew 362% and average members per mini-cluster rose from
 * 55.2 to 98.4. Every record is synthetic; the shape is the source's, the rows are not.
 */

export type DemoActivityKind =
  'forum' | 'seminar' | 'workshop' | 'meeting' | 'consultation' | 'matchmaking' | 'exhibition';

export type DemoCollaborationKind =
  | 'joint_rd'
  | 'technology_transfer'
  | 'consulting'
  | 'co_patent'
  | 'co_publication'
  | 'supply'
  | 'shared_equipment';

export interface NetworkDemoComplex {
  name: string;
  /** When the complex joined the programme (ISO date); no activity is held there before. */
  joined: string;
}

export interface NetworkDemoMiniCluster {
  name: string;
  complex: string;
  field: string;
  started: string;
}

export interface NetworkDemoOrganisation {
  name: string;
  complex: string;
  kind: OrganisationKind;
}

export interface NetworkDemoMembership {
  organisation: string;
  miniCluster: string;
  role: string;
  joined: string;
  leftOn: string | null;
}

export interface NetworkDemoInput {
  complexes: readonly NetworkDemoComplex[];
  miniClusters: readonly NetworkDemoMiniCluster[];
  organisations: readonly NetworkDemoOrganisation[];
  /** The memberships the registry demo already holds (all joined at the programme start). */
  memberships: readonly NetworkDemoMembership[];
}

export interface NetworkDemoOptions {
  firstYear: number;
  lastYear: number;
  /** Activities held in the first year (from the programme start in April). */
  firstYearActivities: number;
  /** Activities of `growthTo` divided by those of `firstYear`: 4.62 for +362% [Park]. */
  activityGrowth: number;
  growthTo: number;
  /** Average members per mini-cluster at the end of `firstYear` and of `growthTo`: 55.2 and 98.4 [Park]. */
  membersFirst: number;
  membersLast: number;
  /** The complex whose exhibitions draw organisations from every complex: the large demo network. */
  bigComplex: string;
  /** Date after which the registry's first memberships may no longer start (the as-of date of its counts). */
  baseMembershipsBy: string;
}

export interface NetworkDemoActivity {
  complex: string;
  kind: DemoActivityKind;
  title: string;
  topic: string;
  heldOn: string;
  host: string | null;
  miniClusters: string[];
  attendees: string[];
}

export interface NetworkDemoCollaboration {
  kind: DemoCollaborationKind;
  source: string;
  target: string;
  startedOn: string;
  endedOn: string | null;
  valueKrw: number | null;
  description: string;
}

export interface NetworkDemoData {
  /** New joined dates for some of the input memberships (by index): staggered into early 2006. */
  redatedMemberships: { index: number; joined: string }[];
  /** Memberships added over the years, some of which end (dropouts). */
  memberships: (NetworkDemoMembership & { complex: string })[];
  activities: NetworkDemoActivity[];
  collaborations: NetworkDemoCollaboration[];
}

/**
 * Days since 1970-01-01 of an ISO date, by H. Hinnant's days_from_civil algorithm
 * ("chrono-Compatible Low-Level Date Algorithms"): pure arithmetic, no clock or Date object.
 */
export function dayNumber(iso: string): number {
  const [y0, m, d] = iso.split('-').map(Number) as [number, number, number];
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The ISO date of a day count (Hinnant's civil_from_days, the inverse of `toDay`). */
export function isoOfDay(day: number): string {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A uniformly drawn date between two ISO dates, both included. */
function dateBetween(random: RandomSource, from: string, to: string): string {
  return isoOfDay(randomInt(random, dayNumber(from), dayNumber(to)));
}

/**
 * Draws k distinct items (fewer when the pool is smaller) by a partial Fisher-Yates shuffle
 * that records only the swapped positions, so a draw costs O(k) and not O(pool).
 */
function sample<T>(random: RandomSource, pool: readonly T[], k: number): T[] {
  const n = Math.min(k, pool.length);
  const swapped = new Map<number, number>();
  const out: T[] = [];
  for (let i = 0; i < n; i++) {
    const j = randomInt(random, i, pool.length - 1);
    const atJ = swapped.get(j) ?? j;
    swapped.set(j, swapped.get(i) ?? i);
    out.push(pool[atJ]!);
  }
  return out;
}

function weighted<T>(random: RandomSource, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = random() * total;
  for (const [item, w] of items) {
    r -= w;
    if (r < 0) return item;
  }
  return items[items.length - 1]![0];
}

/** Whether a membership counts at a date: joined on or before it and not yet left. */
export function membershipActiveOn(
  m: { joined: string; leftOn: string | null },
  date: string,
): boolean {
  return m.joined <= date && (m.leftOn === null || m.leftOn > date);
}

/**
 * Average members per mini-cluster at a date: memberships active then divided by the
 * mini-clusters started by then, as Park & Koo's 55.2 (2005) and 98.4 (2010).
 */
export function membersPerMiniClusterOn(
  memberships: readonly { joined: string; leftOn: string | null }[],
  miniClusters: readonly { started: string }[],
  date: string,
): number {
  const clusters = miniClusters.filter((m) => m.started <= date).length;
  if (clusters === 0) return 0;
  return memberships.filter((m) => membershipActiveOn(m, date)).length / clusters;
}

/**
 * Activities per year: geometric growth from `firstYearActivities` to `activityGrowth` times as
 * many in `growthTo` (so 2005 to 2010 grows by exactly the reported ratio), then 2% a year.
 */
export function demoActivitiesPerYear(options: NetworkDemoOptions): Map<number, number> {
  const out = new Map<number, number>();
  const span = options.growthTo - options.firstYear;
  const last = Math.round(options.firstYearActivities * options.activityGrowth);
  for (let y = options.firstYear; y <= options.lastYear; y++) {
    if (y <= options.growthTo) {
      const n =
        y === options.growthTo
          ? last
          : Math.round(
              options.firstYearActivities *
                options.activityGrowth ** ((y - options.firstYear) / span),
            );
      out.set(y, n);
    } else out.set(y, Math.round(last * (1 + 0.02 * (y - options.growthTo))));
  }
  return out;
}

const kindWeights: [DemoActivityKind, number][] = [
  ['meeting', 30],
  ['consultation', 25],
  ['seminar', 15],
  ['workshop', 12],
  ['forum', 10],
  ['matchmaking', 6],
  ['exhibition', 2],
];

/** Organisations (not people) attending, by kind: an Inno Cafe consultation serves one or two firms. */
const attendeeRange: Record<DemoActivityKind, [number, number]> = {
  meeting: [3, 8],
  consultation: [1, 2],
  seminar: [6, 18],
  workshop: [5, 12],
  forum: [10, 35],
  matchmaking: [4, 10],
  exhibition: [20, 80],
};

/** Share of attendees from other complexes: ties to other regions [KIET]. */
const outsideShare: Record<DemoActivityKind, number> = {
  meeting: 0,
  consultation: 0,
  seminar: 0.05,
  workshop: 0.05,
  forum: 0.1,
  matchmaking: 0.15,
  exhibition: 0.3,
};

const kindLabel: Record<DemoActivityKind, string> = {
  forum: 'mini-cluster forum',
  seminar: 'technical seminar',
  workshop: 'workshop',
  meeting: 'mini-cluster meeting',
  consultation: 'Inno Cafe consultation',
  matchmaking: 'matchmaking session',
  exhibition: 'exhibition',
};

const generalTopics = [
  'Export marketing',
  'R&BD funding calls',
  'Skilled labour',
  'Quality management',
  'Intellectual property',
  'Industry-university co-operation',
  'Smart factory',
  'Energy saving',
];

const collaborationWeights: [DemoCollaborationKind, number][] = [
  ['supply', 25],
  ['joint_rd', 22],
  ['consulting', 15],
  ['technology_transfer', 12],
  ['co_publication', 8],
  ['shared_equipment', 8],
  ['co_patent', 6],
];

/** Value ranges in KRW million; null where a tie has no contract value. */
const valueRange: Record<DemoCollaborationKind, [number, number] | null> = {
  supply: [50, 5000],
  joint_rd: [20, 500],
  consulting: [1, 30],
  technology_transfer: [5, 200],
  shared_equipment: [1, 20],
  co_publication: null,
  co_patent: null,
};

const knowledgeKinds: OrganisationKind[] = ['university', 'research_institute'];

/**
 * Generates the demo's networking records. Memberships: a share of the registry's first
 * memberships is moved into early 2006 (before the counts' as-of date) so that the end of
 * the first year shows `membersFirst` per mini-cluster; later years add memberships (and
 * dropouts among them) on a straight line to `membersLast` at the end of `growthTo`.
 * Attendees come from the members of the activity's mini-clusters at its date, with a share
 * from other complexes; the big complex's exhibitions draw from the whole programme.
 */
export function generateDemoNetwork(
  input: NetworkDemoInput,
  random: RandomSource,
  options: NetworkDemoOptions,
): NetworkDemoData {
  const yearEnd = (y: number) => `${y}-12-31`;
  const firstEnd = yearEnd(options.firstYear);

  // Memberships in the first year: keep leads and coordinators, then a random share.
  const miniClustersAtFirst = input.miniClusters.filter((m) => m.started <= firstEnd).length;
  const keepFirst = Math.round(options.membersFirst * miniClustersAtFirst);
  const ordered = input.memberships
    .map((m, index) => ({ m, index, r: random() }))
    .sort((a, b) => {
      const pa = a.m.role === 'member' || a.m.role === 'advisor' ? 1 : 0;
      const pb = b.m.role === 'member' || b.m.role === 'advisor' ? 1 : 0;
      return pa - pb || a.r - b.r;
    });
  const redatedMemberships: NetworkDemoData['redatedMemberships'] = [];
  const memberships: NetworkDemoMembership[] = input.memberships.map((m) => ({ ...m }));
  const secondYearStart = `${options.firstYear + 1}-01-02`;
  const latestBase = isoOfDay(dayNumber(options.baseMembershipsBy) - 1);
  for (const { m, index } of ordered.slice(keepFirst)) {
    if (m.joined > firstEnd) continue;
    const joined = dateBetween(random, secondYearStart, latestBase);
    redatedMemberships.push({ index, joined });
    memberships[index] = { ...m, joined };
  }
  redatedMemberships.sort((a, b) => a.index - b.index);

  const orgsByComplex = new Map<string, NetworkDemoOrganisation[]>();
  for (const o of input.organisations) {
    const list = orgsByComplex.get(o.complex) ?? [];
    list.push(o);
    orgsByComplex.set(o.complex, list);
  }
  const clustersByComplex = new Map<string, NetworkDemoMiniCluster[]>();
  for (const m of input.miniClusters) {
    const list = clustersByComplex.get(m.complex) ?? [];
    list.push(m);
    clustersByComplex.set(m.complex, list);
  }

  // Later years: a straight line from the level after the first memberships to membersLast.
  const added: (NetworkDemoMembership & { complex: string })[] = [];
  const startYear = options.firstYear + 2;
  const clustersAt = (date: string) => input.miniClusters.filter((m) => m.started <= date).length;
  const startLevel =
    memberships.filter((m) => membershipActiveOn(m, yearEnd(startYear - 1))).length /
    Math.max(1, clustersAt(yearEnd(startYear - 1)));
  const complexWeights = [...orgsByComplex.entries()]
    .filter(([c]) => (clustersByComplex.get(c) ?? []).length > 0)
    .map(([c, orgs]) => [c, orgs.length] as const);
  const byPair = new Map<string, NetworkDemoMembership[]>();
  for (const m of memberships) {
    const key = `${m.organisation}\u0000${m.miniCluster}`;
    byPair.set(key, [...(byPair.get(key) ?? []), m]);
  }
  for (let y = startYear; y <= options.lastYear; y++) {
    const level =
      y >= options.growthTo
        ? options.membersLast
        : startLevel +
          ((options.membersLast - startLevel) * (y - startYear + 1)) /
            (options.growthTo - startYear + 1);
    const target = Math.round(level * clustersAt(yearEnd(y)));
    // Dropouts: a tenth of the memberships added in earlier years end this year.
    const earlier = added.filter((m) => m.leftOn === null && m.joined < `${y}-01-01`);
    for (const m of sample(random, earlier, Math.round(earlier.length * 0.1)))
      m.leftOn = dateBetween(random, `${y}-01-02`, `${y}-12-30`);
    let active = memberships.filter((m) => membershipActiveOn(m, yearEnd(y))).length;
    active += added.filter((m) => membershipActiveOn(m, yearEnd(y))).length;
    for (let tries = 0; active < target && tries < 100 * target; tries++) {
      const complex = weighted(random, complexWeights);
      const org = pick(random, orgsByComplex.get(complex)!);
      const cluster = pick(random, clustersByComplex.get(complex)!);
      const joined = dateBetween(random, `${y}-01-02`, `${y}-12-30`);
      const key = `${org.name}\u0000${cluster.name}`;
      const previous = byPair.get(key) ?? [];
      if (previous.some((m) => m.leftOn === null || m.leftOn > joined)) continue;
      const membership = {
        organisation: org.name,
        miniCluster: cluster.name,
        complex,
        role: 'member',
        joined,
        leftOn: null,
      };
      added.push(membership);
      byPair.set(key, [...previous, membership]);
      active += 1;
    }
  }

  const everyone = [...memberships, ...added];
  const membersOf = new Map<string, NetworkDemoMembership[]>();
  for (const m of everyone) {
    const list = membersOf.get(m.miniCluster) ?? [];
    list.push(m);
    membersOf.set(m.miniCluster, list);
  }
  const kindOf = new Map(input.organisations.map((o) => [o.name, o.kind]));
  const hostCache = new Map<string, string[]>();
  /** Knowledge and support organisations host seminars and consultations; firms and support centres the rest. */
  const hostsOf = (complex: string, knowledge: boolean) => {
    const key = `${complex}\u0000${knowledge}`;
    let list = hostCache.get(key);
    if (!list) {
      list = (orgsByComplex.get(complex) ?? [])
        .filter((o) =>
          knowledge
            ? o.kind !== 'company'
            : o.kind === 'support_institution' || o.kind === 'company',
        )
        .map((o) => o.name);
      hostCache.set(key, list);
    }
    return list;
  };
  const outsideCache = new Map<string, string[]>();
  const outsideOf = (complex: string) => {
    let list = outsideCache.get(complex);
    if (!list) {
      list = input.organisations.filter((o) => o.complex !== complex).map((o) => o.name);
      outsideCache.set(complex, list);
    }
    return list;
  };

  const activities: NetworkDemoActivity[] = [];
  const perYear = demoActivitiesPerYear(options);
  const pilotWeights = input.complexes.map((c) => {
    const orgs = orgsByComplex.get(c.name)?.length ?? 0;
    const base = orgs > 0 ? orgs : 60;
    return [c, c.name === options.bigComplex ? base * 1.5 : base] as const;
  });
  const programmeStart = input.complexes.reduce(
    (min, c) => (c.joined < min ? c.joined : min),
    '9999-12-31',
  );
  for (const [year, count] of perYear) {
    const from = `${year}-01-01` < programmeStart ? programmeStart : `${year}-01-01`;
    for (let i = 0; i < count; i++) {
      const heldOn = dateBetween(random, from, yearEnd(year));
      const open = pilotWeights.filter(([c]) => c.joined <= heldOn);
      const complex = weighted(random, open.length ? open : pilotWeights).name;
      const kind = weighted(random, kindWeights);
      const local = orgsByComplex.get(complex) ?? [];
      const clusters = (clustersByComplex.get(complex) ?? []).filter((m) => m.started <= heldOn);
      const r = random();
      const chosen =
        clusters.length === 0 || kind === 'exhibition'
          ? []
          : r < 0.75
            ? sample(random, clusters, 1)
            : r < 0.85
              ? sample(random, clusters, 2)
              : [];
      const [lo, hi] = attendeeRange[kind];
      const big = complex === options.bigComplex && kind === 'exhibition';
      const n = big ? randomInt(random, 200, 350) : randomInt(random, lo, hi);
      const outside = local.length === 0 ? 1 : big ? 0.7 : outsideShare[kind];
      const pool = chosen.length
        ? [
            ...new Set(
              chosen.flatMap((c) =>
                (membersOf.get(c.name) ?? [])
                  .filter((m) => membershipActiveOn(m, heldOn))
                  .map((m) => m.organisation),
              ),
            ),
          ]
        : local.map((o) => o.name);
      const hosts = hostsOf(complex, kind === 'consultation' || kind === 'seminar');
      const host = hosts.length && random() < 0.8 ? pick(random, hosts) : null;
      const nOutside = Math.round(n * outside);
      const fromPool = (
        kind === 'consultation'
          ? sample(random, pool, 4 * n + 1).filter((o) => kindOf.get(o) === 'company')
          : sample(random, pool, n - nOutside + 1)
      )
        .filter((o) => o !== host)
        .slice(0, kind === 'consultation' ? n : n - nOutside);
      const taken = new Set([...fromPool, ...(host ? [host] : [])]);
      const others =
        nOutside > 0
          ? sample(random, outsideOf(complex), nOutside + taken.size)
              .filter((o) => !taken.has(o))
              .slice(0, nOutside)
          : [];
      const topic = chosen[0]?.field ?? pick(random, generalTopics);
      activities.push({
        complex,
        kind,
        title: `Demo ${complex} ${kindLabel[kind]}: ${topic}`,
        topic,
        heldOn,
        host,
        miniClusters: chosen.map((c) => c.name),
        attendees: [...(host ? [host] : []), ...fromPool, ...others],
      });
    }
  }
  activities.sort((a, b) => (a.heldOn < b.heldOn ? -1 : a.heldOn > b.heldOn ? 1 : 0));

  const collaborations: NetworkDemoCollaboration[] = [];
  const pilotComplexes = [...orgsByComplex.keys()];
  const groupCache = new Map<
    string,
    Record<'all' | 'companies' | 'knowledge' | 'support', NetworkDemoOrganisation[]>
  >();
  const groupsOf = (complex: string) => {
    let groups = groupCache.get(complex);
    if (!groups) {
      const all = orgsByComplex.get(complex) ?? [];
      groups = {
        all,
        companies: all.filter((o) => o.kind === 'company'),
        knowledge: all.filter((o) => knowledgeKinds.includes(o.kind)),
        support: all.filter((o) => o.kind !== 'company'),
      };
      groupCache.set(complex, groups);
    }
    return groups;
  };
  for (let year = options.firstYear; year <= options.lastYear; year++) {
    const count = Math.round(80 * 1.25 ** (year - options.firstYear));
    for (let i = 0; i < count; i++) {
      const kind = weighted(random, collaborationWeights);
      const complex = pick(random, pilotComplexes);
      const local = groupsOf(complex);
      const partners = groupsOf(random() < 0.15 ? pick(random, pilotComplexes) : complex);
      const companies = local.companies;
      const knowledge = partners.knowledge;
      const support = partners.support;
      const partnerCompanies = partners.companies;
      let source: NetworkDemoOrganisation | undefined;
      let target: NetworkDemoOrganisation | undefined;
      if (kind === 'supply' || (kind === 'joint_rd' && random() < 0.4)) {
        source = pick(random, companies.length ? companies : local.all);
        target = pick(random, partnerCompanies.length ? partnerCompanies : partners.all);
      } else if (kind === 'co_publication') {
        source = pick(random, knowledge.length ? knowledge : partners.all);
        target = pick(random, local.all);
      } else if (kind === 'consulting' || kind === 'shared_equipment') {
        source = pick(random, support.length ? support : partners.all);
        target = pick(random, companies.length ? companies : local.all);
      } else {
        source = pick(random, knowledge.length ? knowledge : partners.all);
        target = pick(random, companies.length ? companies : local.all);
      }
      if (!source || !target || source.name === target.name) continue;
      const startedOn = dateBetween(
        random,
        year === options.firstYear ? programmeStart : `${year}-01-01`,
        yearEnd(year),
      );
      const range = valueRange[kind];
      const lasting = kind === 'co_patent' || kind === 'co_publication';
      const ongoing = kind === 'supply' && random() < 0.6;
      collaborations.push({
        kind,
        source: source.name,
        target: target.name,
        startedOn,
        endedOn:
          lasting || ongoing ? null : isoOfDay(dayNumber(startedOn) + randomInt(random, 180, 1095)),
        valueKrw: range ? randomInt(random, range[0], range[1]) * 1_000_000 : null,
        description: `Demo ${kind.replace('_', ' ')} tie`,
      });
    }
  }

  return {
    redatedMemberships,
    memberships: added,
    activities,
    collaborations,
  };
}
