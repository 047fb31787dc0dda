import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NetworkGraphResponse, NetworkJob } from '@innocluster/contracts';
import { systemContext } from '../auth/principal.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

/**
 * A hand-made network in complex C1 (province P1); E sits in province P2, outside C1.
 *
 *   activity 1 (2020-03-01): A, B, C   → Newman 1/(3-1) = 0.5 per pair
 *   activity 2 (2021-05-01): A, D      → 1
 *   activity 3 (2021-06-01): D, E      → 1
 *   joint R&D A–B 2020-01-01..2020-12-31 → 1
 *   supply C–E from 2021-02-01          → 1
 *
 * Complex C1 with outside neighbours: nodes A B C D (inside) + E; edges A–B 1.5, A–C 0.5,
 * B–C 0.5, A–D 1, D–E 1, C–E 1: density 6 / (5·4/2) = 0.6. Mini-cluster M1 = {A, B, C}.
 *
 * Shortest paths (unweighted) of the C1 network, pairs at distance 2 and their middle nodes:
 * A–E via D or C (½ each), B–D via A, B–E via C, C–D via A or E (½ each). Betweenness:
 * A 1.5, C 1.5, D 0.5, E 0.5, B 0; normalised by (n−1)(n−2)/2 = 6: 0.25, 0.25, 1/12, 1/12, 0.
 */
let t: TestApp;
const ids: Record<string, number> = {};

async function insert(query: ReturnType<typeof sql<{ id: number }>>): Promise<number> {
  const r = await query.execute(t.database.db);
  return r.rows[0]!.id;
}

async function waitFor(id: string, headers = t.admin): Promise<NetworkJob> {
  for (let i = 0; i < 600; i++) {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/networks/jobs/${id}`, headers });
    expect(res.statusCode).toBe(200);
    const job = res.json() as NetworkJob;
    if (job.status === 'done' || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('job did not finish');
}

beforeAll(async () => {
  t = await createTestApp({ demo: false });
  ids.P1 = await insert(
    sql`INSERT INTO region (code, kind, name) VALUES ('P1', 'province', 'Province one') RETURNING id`,
  );
  ids.P2 = await insert(
    sql`INSERT INTO region (code, kind, name) VALUES ('P2', 'province', 'Province two') RETURNING id`,
  );
  ids.C1 = await insert(
    sql`INSERT INTO complex (name, province_id) VALUES ('Complex one', ${ids.P1}) RETURNING id`,
  );
  const org = (name: string, kind: string, complex: number | null, province: number) =>
    insert(
      sql`INSERT INTO organisation (name, kind, complex_id, province_id) VALUES (${name}, ${kind}, ${complex}, ${province}) RETURNING id`,
    );
  ids.A = await org('A', 'company', ids.C1, ids.P1);
  ids.B = await org('B', 'university', ids.C1, ids.P1);
  ids.C = await org('C', 'research_institute', ids.C1, ids.P1);
  ids.D = await org('D', 'company', ids.C1, ids.P1);
  ids.E = await org('E', 'company', null, ids.P2);
  ids.M1 = await insert(
    sql`INSERT INTO mini_cluster (complex_id, name, field) VALUES (${ids.C1}, 'M1', 'sensors') RETURNING id`,
  );
  for (const o of ['A', 'B', 'C']) {
    await sql`INSERT INTO membership (organisation_id, mini_cluster_id, joined, left_on)
      VALUES (${ids[o]}, ${ids.M1}, '2019-01-01', ${o === 'C' ? '2021-06-30' : null})`.execute(
      t.database.db,
    );
  }
  ids.PR = await insert(
    sql`INSERT INTO programme (code, name, ministry) VALUES ('PR', 'Programme', 'MOTIE') RETURNING id`,
  );
  await sql`INSERT INTO participation (programme_id, complex_id, joined) VALUES (${ids.PR}, ${ids.C1}, '2019-01-01')`.execute(
    t.database.db,
  );
  const activity = async (day: string, attendees: string[]) => {
    const id = await insert(
      sql`INSERT INTO activity (complex_id, kind, title, held_on) VALUES (${ids.C1}, 'seminar', ${`Seminar ${day}`}, ${day}) RETURNING id`,
    );
    for (const o of attendees) {
      await sql`INSERT INTO activity_attendee (activity_id, organisation_id) VALUES (${id}, ${ids[o]})`.execute(
        t.database.db,
      );
    }
  };
  await activity('2020-03-01', ['A', 'B', 'C']);
  await activity('2021-05-01', ['A', 'D']);
  await activity('2021-06-01', ['D', 'E']);
  await sql`INSERT INTO collaboration (kind, source_organisation_id, target_organisation_id, started_on, ended_on)
    VALUES ('joint_rd', ${ids.A}, ${ids.B}, '2020-01-01', '2020-12-31'),
           ('supply', ${ids.C}, ${ids.E}, '2021-02-01', NULL)`.execute(t.database.db);
});

afterAll(async () => {
  await t.close();
});

/** The graph's edges as "name–name" → [weight, tie types], for readable assertions. */
function edgesOf(g: NetworkGraphResponse): Record<string, [number, string[]]> {
  const out: Record<string, [number, string[]]> = {};
  for (const [s, tg, w, bits] of g.edges) {
    const names = [g.nodes[s]![1], g.nodes[tg]![1]].sort().join('–');
    out[names] = [Number(w.toFixed(9)), g.tieTypes.length ? typesOf(bits) : []];
  }
  return out;
}

const allTypes = [
  'joint_rd',
  'technology_transfer',
  'consulting',
  'co_patent',
  'co_publication',
  'supply',
  'shared_equipment',
  'project',
  'co_attendance',
];
const typesOf = (bits: number) => allTypes.filter((_, i) => (bits & (1 << i)) !== 0);

async function graph(query: string): Promise<NetworkGraphResponse> {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/v1/networks/graph?${query}`,
    headers: t.admin,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as NetworkGraphResponse;
}

describe('GET /networks/graph', () => {
  it('builds a complex network with Newman co-attendance, collaborations and outside neighbours', async () => {
    const g = await graph(`scope=complex:${ids.C1}`);
    expect(g.nodes.map((n) => [n[1], n[6]])).toEqual([
      ['A', true],
      ['B', true],
      ['C', true],
      ['D', true],
      ['E', false],
    ]);
    expect(g.nodes[4]![3]).toBe(ids.P2);
    expect(edgesOf(g)).toEqual({
      'A–B': [1.5, ['joint_rd', 'co_attendance']],
      'A–C': [0.5, ['co_attendance']],
      'B–C': [0.5, ['co_attendance']],
      'A–D': [1, ['co_attendance']],
      'D–E': [1, ['co_attendance']],
      'C–E': [1, ['supply']],
    });
  });

  it('counts shared activities with weighting=count and leaves outsiders out with outside=false', async () => {
    const g = await graph(`scope=complex:${ids.C1}&weighting=count&outside=false`);
    expect(g.nodes.map((n) => n[1])).toEqual(['A', 'B', 'C', 'D']);
    expect(edgesOf(g)).toEqual({
      'A–B': [2, ['joint_rd', 'co_attendance']],
      'A–C': [1, ['co_attendance']],
      'B–C': [1, ['co_attendance']],
      'A–D': [1, ['co_attendance']],
    });
  });

  it('keeps only ties active in the window and of the chosen types', async () => {
    const g = await graph(`scope=complex:${ids.C1}&from=2021-01-01&to=2021-12-31`);
    expect(edgesOf(g)).toEqual({
      'A–D': [1, ['co_attendance']],
      'D–E': [1, ['co_attendance']],
      'C–E': [1, ['supply']],
    });
    const rd = await graph(`scope=complex:${ids.C1}&tieTypes=joint_rd`);
    expect(edgesOf(rd)).toEqual({ 'A–B': [1, ['joint_rd']] });
  });

  it('scopes a mini-cluster to its members, a province to its organisations', async () => {
    const m = await graph(`scope=mini-cluster:${ids.M1}`);
    expect(m.nodes.map((n) => [n[1], n[6]])).toEqual([
      ['A', true],
      ['B', true],
      ['C', true],
      ['D', false],
      ['E', false],
    ]);
    // D–E joins two outsiders and is dropped.
    expect(Object.keys(edgesOf(m)).sort()).toEqual(['A–B', 'A–C', 'A–D', 'B–C', 'C–E']);
    const p = await graph(`scope=region:${ids.P2}`);
    expect(p.nodes.map((n) => [n[1], n[6]])).toEqual([
      ['C', false],
      ['D', false],
      ['E', true],
    ]);
    expect(edgesOf(p)).toEqual({ 'D–E': [1, ['co_attendance']], 'C–E': [1, ['supply']] });
  });

  it('names bad input and answers 404 for a scope that does not exist', async () => {
    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/v1/networks/graph?scope=galaxy:1',
      headers: t.admin,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('scope');
    const order = await t.app.inject({
      method: 'GET',
      url: `/api/v1/networks/graph?scope=complex:${ids.C1}&from=2022-01-01&to=2021-01-01`,
      headers: t.admin,
    });
    expect(order.statusCode).toBe(400);
    expect(order.json().errors[0].field).toBe('query.from');
    const missing = await t.app.inject({
      method: 'GET',
      url: '/api/v1/networks/graph?scope=complex:99999',
      headers: t.admin,
    });
    expect(missing.statusCode).toBe(404);
  });
});

describe('GET /networks/indicators', () => {
  it('counts activities, members per mini-cluster, turnover and the active share', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/networks/indicators?programmeId=${ids.PR}&from=2020-01-01&to=2021-12-31`,
      headers: t.admin,
    });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.years).toEqual([2020, 2021]);
    // One seminar in 2020, two in 2021: +100 %.
    expect(r.activitiesPerYear).toEqual([
      { year: 2020, count: 1 },
      { year: 2021, count: 2 },
    ]);
    expect(r.activityGrowth.percentChange).toBeCloseTo(100, 12);
    // M1 holds A, B, C until C leaves on 2021-06-30.
    expect(
      r.membersPerMiniCluster.map(
        (m: { averagePerMiniCluster: number }) => m.averagePerMiniCluster,
      ),
    ).toEqual([3, 2]);
    expect(r.turnover).toEqual([
      { year: 2020, members: 3, newMembers: 0, dropouts: 0 },
      { year: 2021, members: 2, newMembers: 0, dropouts: 1 },
    ]);
    // Members on 2021-12-31: A and B; only A took part in something in the 12 months before.
    expect(r.activeShare).toMatchObject({ members: 2, active: 1, share: 0.5 });
  });

  it('answers 404 for a programme that does not exist', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/networks/indicators?programmeId=99999',
      headers: t.admin,
    });
    expect(res.statusCode).toBe(404);
  });
});

describe('GET /organisations/:id/partner-suggestions', () => {
  it('suggests organisations not yet tied, with reasons', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/organisations/${ids.B}/partner-suggestions`,
      headers: t.admin,
    });
    expect(res.statusCode, res.body).toBe(200);
    const suggestions = res.json().suggestions as {
      name: string;
      distance: number;
      reasons: { code: string; region?: string }[];
    }[];
    // B is tied to A and C; D and E are two steps away. E lies in another province.
    expect(suggestions.map((x) => x.name)).toContain('E');
    expect(suggestions.every((x) => x.name === 'D' || x.name === 'E')).toBe(true);
    const e = suggestions.find((x) => x.name === 'E')!;
    expect(e.distance).toBe(2);
    expect(e.reasons).toContainEqual({ code: 'otherRegion', region: String(ids.P2) });
    const missing = await t.app.inject({
      method: 'GET',
      url: '/api/v1/organisations/99999/partner-suggestions',
      headers: t.admin,
    });
    expect(missing.statusCode).toBe(404);
  });
});

describe('graph communities', () => {
  it('returns a Louvain community per node when asked', async () => {
    const g = await graph(`scope=complex:${ids.C1}&communities=true`);
    expect(g.nodes.every((n) => typeof n[8] === 'number')).toBe(true);
  });
});

describe('measures jobs', () => {
  it('computes the measures of the hand-made network in a job', async () => {
    const started = await t.app.inject({
      method: 'POST',
      url: '/api/v1/networks/measures',
      headers: t.admin,
      payload: { scope: `complex:${ids.C1}` },
    });
    expect(started.statusCode, started.body).toBe(202);
    const job = await waitFor((started.json() as NetworkJob).id);
    expect(job.status, job.error ?? '').toBe('done');
    expect(job.progress).toBe(1);
    const r = job.result!;
    expect(r.summary.nodes).toBe(5);
    expect(r.summary.insideNodes).toBe(4);
    expect(r.summary.edges).toBe(6);
    expect(r.summary.density).toBeCloseTo(0.6, 12);
    expect(r.summary.totalWeight).toBeCloseTo(5.5, 12);
    const byName = Object.fromEntries(r.nodes.map((n) => [n.name, n]));
    expect(r.nodes.map((n) => n.degree)).toEqual([3, 2, 3, 2, 2]);
    expect(r.nodes.map((n) => n.strength)).toEqual([3, 2, 2, 2, 2]);
    expect(byName.A!.betweenness).toBeCloseTo(0.25, 12);
    expect(byName.B!.betweenness).toBeCloseTo(0, 12);
    expect(byName.C!.betweenness).toBeCloseTo(0.25, 12);
    expect(byName.D!.betweenness).toBeCloseTo(1 / 12, 12);
    expect(byName.E!.betweenness).toBeCloseTo(1 / 12, 12);
    expect(r.betweenness).toEqual({ exact: true, samples: null, errorBound: 0 });
    // Inside kinds: company ×2, university, institute → Blau 1 − (¼ + 1/16 + 1/16) = 0.625,
    // Shannon ½ ln 2 + ½ ln 4 = 1.5 ln 2. No industries are recorded.
    expect(r.summary.blauKinds).toBeCloseTo(0.625, 12);
    expect(r.summary.shannonKinds).toBeCloseTo(1.5 * Math.log(2), 12);
    expect(r.summary.blauIndustries).toBeNull();
    // D–E and C–E join P1 to P2: 2 of 6 ties; they are also the ties across the scope's edge.
    expect(r.summary.otherRegionTieShare).toBeCloseTo(1 / 3, 12);
    expect(r.summary.eiIndex).toBeCloseTo((2 - 4) / 6, 12);
    // Cross-sector ties: A–B industry-university, A–C and C–E industry-institute, B–C
    // university-institute; A–D and D–E stay within industry. Balance H(¼, ½, ¼) / ln 3.
    const helix = r.summary.tripleHelix!;
    expect(helix['industry-university']).toBe(1);
    expect(helix['industry-institute']).toBe(2);
    expect(helix['university-institute']).toBe(1);
    expect(helix.withinHelix).toBe(2);
    expect(helix.crossSectorShare).toBeCloseTo(4 / 6, 12);
    expect(helix.balance).toBeCloseTo((1.5 * Math.log(2)) / Math.log(3), 12);
    // C and D tie into the scope and out of it; E is outside and has no gatekeeper flag.
    expect(r.nodes.map((n) => n.gatekeeper)).toEqual([false, false, true, true, null]);
    // D: two unconnected alters of equal weight → constraint ½² + ½² = 0.5, effective size 2;
    // its open pair {A, E} is all companies: coordinator, counted once per direction.
    expect(byName.D!.constraint).toBeCloseTo(0.5, 12);
    expect(byName.D!.effectiveSize).toBeCloseTo(2, 12);
    expect(byName.D!.brokerage).toMatchObject({ coordinator: 2, liaison: 0, total: 2 });
    // One component; one triangle (A, B, C). Local clustering A ⅓, B 1, C ⅓, D 0, E 0 → ⅓;
    // transitivity 3 closed of 9 connected triples.
    expect(r.summary.components).toBe(1);
    expect(r.summary.largestComponent).toBe(5);
    expect(r.summary.clustering).toBeCloseTo(1 / 3, 12);
    expect(r.summary.transitivity).toBeCloseTo(1 / 3, 12);
    expect(r.summary.communities).toBeGreaterThanOrEqual(1);
    expect(r.summary.modularity).not.toBeNull();
    // Closeness (n−1)/Σd: A and C reach the others in 1+1+1+2, the rest in 1+1+2+2.
    expect(r.nodes.map((n) => n.closeness)).toEqual([0.8, 4 / 6, 0.8, 4 / 6, 4 / 6]);
    // Every node has two or more ties and no 3-core exists.
    expect(r.nodes.map((n) => n.kcore)).toEqual([2, 2, 2, 2, 2]);
    expect(r.nodes.reduce((sum, n) => sum + n.pagerank!, 0)).toBeCloseTo(1, 9);
    expect(r.nodes.every((n) => n.community !== null && n.eigenvector! > 0)).toBe(true);
    // Top 5 % of 5 nodes is rank 1: A by strength, A and C by betweenness; C and D gatekeep.
    const hub = Object.fromEntries(r.hubs.map((h) => [h.name, h.reasons.map((x) => x.code)]));
    expect(hub.A).toEqual(expect.arrayContaining(['topDegree', 'topBetweenness']));
    expect(hub.C).toEqual(expect.arrayContaining(['topBetweenness', 'gatekeeper']));
    expect(hub.D).toEqual(expect.arrayContaining(['gatekeeper']));
    expect(hub.B).toBeUndefined();
  });

  it('gives a time series per year', async () => {
    const started = await t.app.inject({
      method: 'GET',
      url: `/api/v1/networks/measures?scope=complex:${ids.C1}&yearly=true&measures=degree`,
      headers: t.admin,
    });
    expect(started.statusCode, started.body).toBe(202);
    const job = await waitFor((started.json() as NetworkJob).id);
    expect(job.status, job.error ?? '').toBe('done');
    // 2020: A–B (R&D + seminar), A–C, B–C; 2021: A–D, D–E, C–E (supply runs on).
    expect(job.result!.yearly!.map((y) => [y.year, y.summary.edges, y.summary.nodes])).toEqual([
      [2020, 3, 4],
      [2021, 3, 5],
    ]);
  });

  it('hides a job from other users and refuses the signed-out', async () => {
    const started = await t.app.inject({
      method: 'POST',
      url: '/api/v1/networks/measures',
      headers: t.admin,
      payload: { scope: `complex:${ids.C1}`, measures: ['degree'] },
    });
    const id = (started.json() as NetworkJob).id;
    await waitFor(id);
    const analyst = await t.userWith('member', { organisationId: ids.B });
    const other = await t.app.inject({
      method: 'GET',
      url: `/api/v1/networks/jobs/${id}`,
      headers: { authorization: analyst.authorization },
    });
    expect(other.statusCode).toBe(404);
    const anonymous = await t.app.inject({
      method: 'GET',
      url: `/api/v1/networks/graph?scope=complex:${ids.C1}`,
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('lets every role read networks and refuses a user without a role', async () => {
    const member = await t.userWith('member', { organisationId: ids.A });
    const ok = await t.app.inject({
      method: 'GET',
      url: `/api/v1/networks/graph?scope=complex:${ids.C1}`,
      headers: { authorization: member.authorization },
    });
    expect(ok.statusCode).toBe(200);
    const created = await t.auth.createUser(systemContext, {
      email: 'no-role@test.local',
      name: 'No role',
      password: 'correct horse battery staple',
      grants: [],
    });
    const principal = (await t.auth.principalOf(created.user.id))!;
    const token = await t.auth.createToken({ via: 'system', principal }, 'tests', 1);
    const denied = await t.app.inject({
      method: 'GET',
      url: `/api/v1/networks/graph?scope=complex:${ids.C1}`,
      headers: { authorization: `Bearer ${token.secret}` },
    });
    expect(denied.statusCode).toBe(403);
  });
});

/**
 * The cap on activity size: complex C2 holds F, G, H, I and one workshop all four attended.
 * Newman's weight per pair is 1/(4−1) = 1/3 over C(4,2) = 6 pairs; with maxAttendees = 3 the
 * workshop is too large to count and the four stay isolates. Runs last, so the organisations
 * it adds do not enter the networks above.
 */
describe('maxAttendees', () => {
  beforeAll(async () => {
    ids.C2 = await insert(
      sql`INSERT INTO complex (name, province_id) VALUES ('Complex two', ${ids.P1}) RETURNING id`,
    );
    const workshop = await insert(
      sql`INSERT INTO activity (complex_id, kind, title, held_on) VALUES (${ids.C2}, 'workshop', 'Workshop', '2022-04-01') RETURNING id`,
    );
    for (const name of ['F', 'G', 'H', 'I']) {
      ids[name] = await insert(
        sql`INSERT INTO organisation (name, kind, complex_id, province_id) VALUES (${name}, 'company', ${ids.C2}, ${ids.P1}) RETURNING id`,
      );
      await sql`INSERT INTO activity_attendee (activity_id, organisation_id) VALUES (${workshop}, ${ids[name]})`.execute(
        t.database.db,
      );
    }
  });

  it('leaves activities above the cap out of the graph and keeps those at it', async () => {
    const capped = await graph(`scope=complex:${ids.C2}&maxAttendees=3`);
    expect(capped.maxAttendees).toBe(3);
    expect(capped.nodes.map((n) => n[1])).toEqual(['F', 'G', 'H', 'I']);
    expect(capped.edges).toEqual([]);
    const kept = await graph(`scope=complex:${ids.C2}&maxAttendees=4`);
    const third = Number((1 / 3).toFixed(9));
    expect(edgesOf(kept)).toEqual({
      'F–G': [third, ['co_attendance']],
      'F–H': [third, ['co_attendance']],
      'F–I': [third, ['co_attendance']],
      'G–H': [third, ['co_attendance']],
      'G–I': [third, ['co_attendance']],
      'H–I': [third, ['co_attendance']],
    });
    const byDefault = await graph(`scope=complex:${ids.C2}`);
    expect(byDefault.maxAttendees).toBe(50);
    expect(byDefault.edges).toHaveLength(6);
  });

  it('applies the cap to measures and their yearly series', async () => {
    const measure = async (maxAttendees: number) => {
      const started = await t.app.inject({
        method: 'POST',
        url: '/api/v1/networks/measures',
        headers: t.admin,
        payload: { scope: `complex:${ids.C2}`, maxAttendees, measures: ['strength'], yearly: true },
      });
      expect(started.statusCode, started.body).toBe(202);
      const job = await waitFor((started.json() as NetworkJob).id);
      expect(job.status, job.error ?? '').toBe('done');
      return job.result!;
    };
    const capped = await measure(3);
    expect(capped.maxAttendees).toBe(3);
    expect([capped.summary.nodes, capped.summary.edges]).toEqual([4, 0]);
    expect(capped.yearly!.map((y) => [y.year, y.summary.edges])).toEqual([[2022, 0]]);
    const kept = await measure(4);
    expect([kept.summary.nodes, kept.summary.edges]).toEqual([4, 6]);
    expect(kept.summary.totalWeight).toBeCloseTo(2, 12);
    // Each attendee spreads a weight of 1 over its three co-attendees.
    expect(kept.nodes.map((n) => n.strength)).toEqual(
      [1, 1, 1, 1].map(() => expect.closeTo(1, 12)),
    );
    expect(kept.yearly!.map((y) => [y.year, y.summary.edges])).toEqual([[2022, 6]]);
  });

  it('names a cap below two or not a whole number', async () => {
    for (const value of ['1', '2.5', 'many']) {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/networks/graph?scope=complex:${ids.C2}&maxAttendees=${value}`,
        headers: t.admin,
      });
      expect(res.statusCode, value).toBe(400);
      expect(res.body).toContain('maxAttendees');
    }
  });
});
