import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../db/database.ts';
import { createTestDatabase } from '../testing/test-database.ts';
import { computeFormulas, evaluationFormulaNames } from './evaluation-formulas.ts';

/**
 * A small world to check every formula by hand. Provinces P1 and P2; complexes X and Y in P1.
 * Organisations a, b, c (companies in X), d (company in Y), e (university in P2, no complex).
 *
 * Mini-cluster M of X: a joined 2009-03-01; b joined 2010-05-01 and left 2010-06-30; c joined
 * 2010-02-01. Members on 31 December: 2009 {a} = 1, 2010 {a, c} = 2. New members: 2009 {a},
 * 2010 {b, c}.
 * Activities of X: one in 2009, two in 2010 (attended by a, b and by a, e): 2010 has 3
 * distinct attending organisations.
 * Collaborations: a–e 2009-06-01 to 2009-12-31; a–b from 2010-01-01; c–d from 2010-03-01.
 * Mean partners of X's organisations: 2009 (a: e; b, c: none) 1/3; 2010 (a: b; b: a; c: d) 1.
 * Ties to other provinces: 2009 a–e, e in P2: 100%; 2010 a–b, b–a, c–d all in P1: 0%.
 * Projects of X: started 2010-03-01 (first payment 2010-04-10: 40 days; a later one
 * 2010-06-01) and 2010-05-01 (paid 2010-05-21: 20 days): 2 projects, median 30 days.
 * Outcomes in 2011: a patent application (quantity 2), a patent grant (no quantity: 1), sales
 * of KRW 5,000,000: patents 3, sales KRW 5 million.
 */
let database: OpenDatabase;
const ids: Record<string, number> = {};

async function insert(text: ReturnType<typeof sql<{ id: number }>>): Promise<number> {
  return (await text.execute(database.db)).rows[0]!.id;
}

beforeAll(async () => {
  database = await createTestDatabase();
  const p1 = await insert(
    sql`INSERT INTO region (code, kind, name) VALUES ('T-P1', 'province', 'P1') RETURNING id`,
  );
  const p2 = await insert(
    sql`INSERT INTO region (code, kind, name) VALUES ('T-P2', 'province', 'P2') RETURNING id`,
  );
  ids.X = await insert(
    sql`INSERT INTO complex (name, province_id) VALUES ('X', ${p1}) RETURNING id`,
  );
  ids.Y = await insert(
    sql`INSERT INTO complex (name, province_id) VALUES ('Y', ${p1}) RETURNING id`,
  );
  const org = (name: string, kind: string, complexId: number | null, provinceId: number | null) =>
    insert(sql`INSERT INTO organisation (name, kind, complex_id, province_id)
               VALUES (${name}, ${kind}, ${complexId}, ${provinceId}) RETURNING id`);
  ids.a = await org('a', 'company', ids.X, null);
  ids.b = await org('b', 'company', ids.X, null);
  ids.c = await org('c', 'company', ids.X, null);
  ids.d = await org('d', 'company', ids.Y, null);
  ids.e = await org('e', 'university', null, p2);
  const m = await insert(
    sql`INSERT INTO mini_cluster (complex_id, name, field) VALUES (${ids.X}, 'M', 'parts') RETURNING id`,
  );
  await sql`INSERT INTO membership (organisation_id, mini_cluster_id, joined, left_on) VALUES
    (${ids.a}, ${m}, '2009-03-01', NULL), (${ids.b}, ${m}, '2010-05-01', '2010-06-30'),
    (${ids.c}, ${m}, '2010-02-01', NULL)`.execute(database.db);
  const activity = (heldOn: string) =>
    insert(sql`INSERT INTO activity (complex_id, kind, title, held_on)
               VALUES (${ids.X}, 'forum', 'Forum', ${heldOn}) RETURNING id`);
  await activity('2009-05-01');
  const a1 = await activity('2010-04-01');
  const a2 = await activity('2010-09-01');
  await sql`INSERT INTO activity_attendee (activity_id, organisation_id) VALUES
    (${a1}, ${ids.a}), (${a1}, ${ids.b}), (${a2}, ${ids.a}), (${a2}, ${ids.e})`.execute(
    database.db,
  );
  await sql`INSERT INTO collaboration (kind, source_organisation_id, target_organisation_id, started_on, ended_on) VALUES
    ('joint_rd', ${ids.a}, ${ids.e}, '2009-06-01', '2009-12-31'),
    ('supply', ${ids.a}, ${ids.b}, '2010-01-01', NULL),
    ('consulting', ${ids.c}, ${ids.d}, '2010-03-01', NULL)`.execute(database.db);
  const programme = await insert(
    sql`INSERT INTO programme (code, name, ministry) VALUES ('T', 'T', 'M') RETURNING id`,
  );
  const call =
    await insert(sql`INSERT INTO funding_call (programme_id, code, title, budget_krw, opens_on, closes_on)
    VALUES (${programme}, 'C', 'Call', 100000000, '2010-01-01', '2010-02-01') RETURNING id`);
  const instrument = await insert(sql`INSERT INTO call_instrument (call_id, code, name, rules)
    VALUES (${call}, 'I', 'Instrument', '{}'::jsonb) RETURNING id`);
  const project = async (startOn: string, paid: string[]) => {
    const proposal =
      await insert(sql`INSERT INTO proposal (call_id, instrument_id, lead_organisation_id, title)
      VALUES (${call}, ${instrument}, ${ids.a}, 'P') RETURNING id`);
    const id =
      await insert(sql`INSERT INTO project (proposal_id, call_id, instrument_id, complex_id, lead_organisation_id, title, start_on, end_on, approved_grant_krw)
      VALUES (${proposal}, ${call}, ${instrument}, ${ids.X}, ${ids.a}, 'P', ${startOn}, '2011-12-31', 10000000) RETURNING id`);
    const agreement = await insert(
      sql`INSERT INTO agreement (project_id, total_grant_krw) VALUES (${id}, 10000000) RETURNING id`,
    );
    for (const [k, paidOn] of paid.entries()) {
      await sql`INSERT INTO disbursement (agreement_id, project_id, seq, scheduled_on, amount_krw, status, paid_on)
        VALUES (${agreement}, ${id}, ${k + 1}, ${paidOn}, 1000000, 'paid', ${paidOn})`.execute(
        database.db,
      );
    }
    return id;
  };
  const first = await project('2010-03-01', ['2010-04-10', '2010-06-01']);
  await project('2010-05-01', ['2010-05-21']);
  await sql`INSERT INTO project_outcome (project_id, kind, title, quantity, value_krw, occurred_on) VALUES
    (${first}, 'patent_application', 'Patent', 2, NULL, '2011-02-01'),
    (${first}, 'patent_grant', 'Patent', NULL, NULL, '2011-08-01'),
    (${first}, 'sales', 'Sales', NULL, 5000000, '2011-10-01')`.execute(database.db);
}, 60_000);

afterAll(async () => {
  await database?.close();
});

describe('computed formulas', () => {
  it('compute every formula of the registry by hand-checked definitions', async () => {
    const values = await computeFormulas(
      database.db,
      evaluationFormulaNames,
      [ids.X!, ids.Y!],
      2009,
      2011,
    );
    const at = (name: string, complex: number, year: number) =>
      values.get(name)!.get(`${complex}:${year}`) ?? null;
    const X = ids.X!;
    expect([at('members', X, 2009), at('members', X, 2010)]).toEqual([1, 2]);
    expect([at('new_members', X, 2009), at('new_members', X, 2010)]).toEqual([1, 2]);
    expect([at('activities_held', X, 2009), at('activities_held', X, 2010)]).toEqual([1, 2]);
    expect(at('activity_participants', X, 2010)).toBe(3);
    expect(at('collaboration_mean_degree', X, 2009)).toBeCloseTo(1 / 3, 12);
    expect(at('collaboration_mean_degree', X, 2010)).toBe(1);
    expect(at('other_region_tie_share', X, 2009)).toBe(100);
    expect(at('other_region_tie_share', X, 2010)).toBe(0);
    expect(at('projects_funded', X, 2010)).toBe(2);
    expect(at('days_to_first_money', X, 2010)).toBe(30);
    expect(at('patents', X, 2011)).toBe(3);
    expect(at('project_sales', X, 2011)).toBe(5);
    // Counts of nothing are 0; a median or share of nothing has no value.
    expect(at('members', ids.Y!, 2010)).toBe(0);
    expect(at('projects_funded', X, 2011)).toBe(0);
    expect(at('days_to_first_money', X, 2011)).toBeNull();
    expect(at('other_region_tie_share', ids.Y!, 2009)).toBeNull();
  });
});
