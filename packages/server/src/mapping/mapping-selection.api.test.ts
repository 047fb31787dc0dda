import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

/**
 * Two complexes and a small dataset whose criteria can be checked by hand. Provinces A = KR-11,
 * B = KR-26; KSIC divisions 26 and 29; 2020.
 *
 *   employment    26   29  | rd_spending  26  29
 *   A            300  100  |              60  10
 *   B            100  300  |              40  30
 *
 * LQ of 26: A (300/400) / (400/800) = 1.5, B (100/400) / 0.5 = 0.5. R&D per employee of 26:
 * A 60/300 = 0.2, B 40/100 = 0.4, nation 100/400 = 0.25: indices 0.8 and 1.6.
 */
const table: Record<string, Record<string, Record<string, number>>> = {
  employment: { 'KR-11': { '26': 300, '29': 100 }, 'KR-26': { '26': 100, '29': 300 } },
  rd_spending: { 'KR-11': { '26': 60, '29': 10 }, 'KR-26': { '26': 40, '29': 30 } },
};

let t: TestApp;
let dataset: number;
let t3: number;
let t4: number;
let programme: number;

const post = (payload: object) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/mapping/selection/from-data',
    headers: t.admin,
    payload,
  });

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/mapping/datasets',
    headers: t.admin,
    payload: { name: 'Innovation, hand-checked' },
  });
  dataset = (created.json() as { id: number }).id;
  const rows = Object.entries(table).flatMap(([measure, regions]) =>
    Object.entries(regions).flatMap(([region, industries]) =>
      Object.entries(industries).map(([industry, value]) => ({
        region,
        industry,
        year: 2020,
        measure,
        value,
      })),
    ),
  );
  const imported = await t.app.inject({
    method: 'POST',
    url: `/api/v1/mapping/datasets/${dataset}/import`,
    headers: t.admin,
    payload: { rows },
  });
  expect(imported.statusCode).toBe(200);
  const id = async (q: ReturnType<typeof sql<{ id: number }>>) => (await q.execute(db)).rows[0]!.id;
  const province = (code: string) =>
    id(sql<{ id: number }>`SELECT id FROM region WHERE code = ${code}`);
  const industry = (code: string) =>
    id(sql<{ id: number }>`
      SELECT i.id FROM industry i JOIN industry_classification c ON c.id = i.classification_id
      WHERE c.code = 'KSIC' AND i.code = ${code}`);
  const complex = async (name: string, code: string) =>
    id(sql<{ id: number }>`
      INSERT INTO complex (name, province_id) VALUES (${name}, ${await province(code)}) RETURNING id`);
  const org = async (
    complexId: number,
    kind: string,
    code: string | null,
    size: string | null,
    employees: number,
  ) =>
    sql`INSERT INTO organisation (name, kind, size_class, complex_id, industry_id, employees)
        VALUES (${`org ${complexId} ${kind} ${code} ${employees}`}, ${kind}, ${size}, ${complexId},
                ${code === null ? null : await industry(code)}, ${employees})`.execute(db);
  // T3 in A: 26 has 120 (large) + 30, 29 has 50: 200 employees, a research institute.
  t3 = await complex('Selection test 3', 'KR-11');
  await org(t3, 'company', '26', 'large', 120);
  await org(t3, 'company', '26', 'sme', 30);
  await org(t3, 'company', '29', 'sme', 50);
  await org(t3, 'research_institute', null, null, 0);
  // T4 in B: 26 has 80 (mid-sized), 29 has 20: 100 employees, no large company, no institute.
  t4 = await complex('Selection test 4', 'KR-26');
  await org(t4, 'company', '26', 'mid_sized', 80);
  await org(t4, 'company', '29', 'sme', 20);
  programme = await id(sql<{ id: number }>`SELECT id FROM programme ORDER BY id LIMIT 1`);
});

afterAll(async () => {
  await t?.close();
});

type Body = {
  results: { id: string; rank: number; score: number }[];
  candidates: { id: string; values: Record<string, number>; sources: Record<string, string> }[];
  definitions: Record<string, { unit: string; definition: string }>;
  notes: string[];
};

const criteria = [
  { key: 'competitiveness', weight: 1 },
  { key: 'policyConsistency', weight: 1 },
  { key: 'investmentExpectancy', weight: 1 },
];

describe('the five criteria from the data', () => {
  it('computes competitiveness, policy and investment by their definitions', async () => {
    const res = await post({ dataset, year: 2020, complexes: [t3, t4], criteria, draws: 0 });
    expect(res.statusCode).toBe(200);
    const body = res.json() as Body;
    const c3 = body.candidates.find((c) => c.id === String(t3))!.values;
    const c4 = body.candidates.find((c) => c.id === String(t4))!.values;
    expect(c3.lq).toBeCloseTo(1.5, 12);
    expect(c4.lq).toBeCloseTo(0.5, 12);
    expect(c3.rdIntensity).toBeCloseTo(0.8, 12);
    expect(c4.rdIntensity).toBeCloseTo(1.6, 12);
    expect(c3.patentIntensity).toBeUndefined();
    expect(c3.competitiveness).toBeCloseTo((1.5 + 0.8) / 2, 12);
    expect(c4.competitiveness).toBeCloseTo((0.5 + 1.6) / 2, 12);
    expect(c3.concentration).toBeCloseTo(150 / 200, 12);
    expect(c3.influence).toBeCloseTo(200 / 400, 12);
    expect(c4.influence).toBeCloseTo(100 / 400, 12);
    // The demo declares 26 nationally; KR-11 declares nothing, KR-26 only 29.
    expect([c3.policyConsistency, c4.policyConsistency]).toEqual([0.5, 0.5]);
    expect(c3.leadingCompanyShare).toBeCloseTo(120 / 200, 12);
    expect(c3.knowledgeInstitutions).toBe(1);
    expect(c3.investmentExpectancy).toBeCloseTo((0.6 + 1) / 2, 12);
    expect([c4.leadingCompanyShare, c4.knowledgeInstitutions, c4.investmentExpectancy]).toEqual([
      0, 0, 0,
    ]);
    expect(body.candidates[0]!.sources).toMatchObject({
      competitiveness: 'data',
      policyConsistency: 'data',
      investmentExpectancy: 'data',
    });
    for (const k of [
      'competitiveness',
      'influence',
      'concentration',
      'policyConsistency',
      'investmentExpectancy',
    ])
      expect(body.definitions[k]?.unit).toBeTruthy();
    expect(body.notes.join(' ')).toMatch(/rdIntensity for 2 of 2.*patentIntensity for 0 of 2/);
    // Min-max: T3 is best on competitiveness and investment, tied on policy: (1 + 0 + 1) / 3.
    expect(body.results.map((r) => [r.id, r.rank])).toEqual([
      [String(t3), 1],
      [String(t4), 2],
    ]);
    expect(body.results[0]!.score).toBeCloseTo(2 / 3, 12);
  });

  it('counts a province’s declaration for a programme, through the parent industry', async () => {
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/mapping/strategic-industries',
      headers: t.admin,
      payload: { region: 'KR-11', programme, industries: ['C'], source: 'test' },
    });
    expect(put.statusCode).toBe(200);
    expect((put.json() as { industryCode: string }[]).map((r) => r.industryCode)).toEqual(['C']);
    const withProgramme = (await post({ dataset, programme, complexes: [t3, t4], criteria }).then(
      (r) => r.json(),
    )) as Body;
    const valuesOf = (b: Body, id: number) => b.candidates.find((c) => c.id === String(id))!.values;
    expect(valuesOf(withProgramme, t3).policyConsistency).toBe(1);
    expect(valuesOf(withProgramme, t4).policyConsistency).toBe(0.5);
    const without = (await post({ dataset, complexes: [t3, t4], criteria }).then((r) =>
      r.json(),
    )) as Body;
    expect(valuesOf(without, t3).policyConsistency).toBe(0.5);
    const entered = (await post({
      dataset,
      complexes: [t3, t4],
      criteria,
      values: { [t3]: { policyConsistency: 0 } },
    }).then((r) => r.json())) as Body;
    const c3 = entered.candidates.find((c) => c.id === String(t3))!;
    expect([c3.values.policyConsistency, c3.sources.policyConsistency]).toEqual([0, 'entered']);
    const audit = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM audit_event
      WHERE entity = 'mapping-strategic-industries' AND entity_id = ${`KR-11/${programme}`}`.execute(
      t.database.db,
    );
    expect(audit.rows[0]!.n).toBe(1);
  });

  it('leaves investment expectancy out for a complex without organisations', async () => {
    const empty = (
      await sql<{ id: number }>`
        INSERT INTO complex (name, province_id)
        SELECT 'Selection test 5', id FROM region WHERE code = 'KR-11' RETURNING id`.execute(
        t.database.db,
      )
    ).rows[0]!.id;
    const res = await post({ dataset, complexes: [empty], criteria, draws: 0 });
    expect(res.statusCode).toBe(200);
    const c5 = (res.json() as Body).candidates[0]!;
    expect(c5.values).toMatchObject({ companies: 0, employees: 0, knowledgeInstitutions: 0 });
    expect(c5.values.investmentExpectancy).toBeUndefined();
    expect(c5.values.competitiveness).toBeUndefined();
  });

  it('lists declarations and refuses unknown codes, regions and visitors', async () => {
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/mapping/strategic-industries?region=national',
      headers: t.admin,
    });
    expect(list.statusCode).toBe(200);
    const national = list.json() as { industryCode: string; synthetic: boolean }[];
    expect(national.map((r) => r.industryCode)).toEqual(['26', '30']);
    expect(national.every((r) => r.synthetic)).toBe(true);
    const bad = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/mapping/strategic-industries',
      headers: t.admin,
      payload: { region: 'KR-11', industries: ['26', '99x', '26'] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('body.industries[1]');
    expect(bad.body).toContain('body.industries[2]');
    const noRegion = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/mapping/strategic-industries',
      headers: t.admin,
      payload: { region: 'XX-99', industries: [] },
    });
    expect(noRegion.statusCode).toBe(400);
    expect(noRegion.body).toContain('body.region');
    const visitor = await t.app.inject({
      method: 'GET',
      url: '/api/v1/mapping/strategic-industries',
    });
    expect(visitor.statusCode).toBe(401);
  });
});
